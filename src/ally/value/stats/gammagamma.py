"""Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999).

Each transaction's value is Gamma(p, nu) with nu ~ Gamma(q, gamma) across customers, independent
of the purchase process. The data for a customer are x repeat transactions and their mean value
m (first purchase excluded); the density of m given x is

    log f(m | x) = lnGamma(px+q) - lnGamma(px) - lnGamma(q) + q ln gamma
                   + (px-1) ln m + px ln x - (px+q) ln(gamma + x m)

Only customers with x > 0 carry information. The terms (px-1) ln m and px ln x are linear in p,
so their sums are computed once; each evaluation only needs ln(gamma + x m) per customer and the
gamma functions per unique x.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy.special import digamma, gammaln

from ally.value.stats.errors import ValueModelError
from ally.value.stats.fitting import Collapse, FitResult, maximise
from ally.value.stats.numerics import dot
from ally.value.stats.triples import unique_pairs

NAMES = ("p", "q", "gamma")
COLLAPSES = (
    Collapse("q", "gamma", lambda p: "q and gamma run to infinity: every customer has the same mean spend per "
                                     f"purchase, p*gamma/q = {p['p'] * p['gamma'] / p['q']:.4g}"),
)


def fit_gammagamma(frequency, monetary, *, weights=None) -> FitResult:
    """Maximum-likelihood Gamma-Gamma fit on the customers with ``frequency`` > 0 (the others are
    ignored). ``monetary`` is the mean repeat-transaction value. Raises ValueModelError when no
    customer has a repeat purchase or a repeat customer's mean spend is not positive."""
    x, m, w = unique_pairs(*_repeat_customers(frequency, monetary, weights))
    objective = _Objective(x, m, w)
    start = np.log([1.0, 1.0, float(np.average(m, weights=w))])
    return maximise("gammagamma", NAMES, objective, start, float(w.sum()), COLLAPSES)


def log_likelihood(params: Mapping[str, float], frequency, monetary) -> np.ndarray:
    """Per-customer log density of the mean spend (0 for customers with x = 0, who carry no
    spend information)."""
    p, q, gamma = _unpack(params)
    x, m = _arrays(frequency, monetary)
    repeat = x > 0
    xs, ms = x[repeat], m[repeat]
    out = np.zeros_like(x)
    out[repeat] = (
        gammaln(p * xs + q)
        - gammaln(p * xs)
        - gammaln(q)
        + q * np.log(gamma)
        + (p * xs - 1) * np.log(ms)
        + p * xs * np.log(xs)
        - (p * xs + q) * np.log(gamma + xs * ms)
    )
    return out


def expected_spend(params: Mapping[str, float], frequency, monetary) -> np.ndarray:
    """E[mean transaction value | x, m] = p (gamma + x m) / (p x + q - 1): a weighted average of
    the population mean p gamma / (q - 1) and the customer's own mean m (x = 0 gives the
    population mean). Needs q > 1 (otherwise the population mean is infinite)."""
    p, q, gamma = _unpack(params)
    if q <= 1:
        raise ValueModelError(f"Gamma-Gamma expected spend needs q > 1 (mean spend is infinite), got q={q}")
    x, m = _arrays(frequency, monetary)
    return p * (gamma + x * m) / (p * x + q - 1)


def _unpack(params: Mapping[str, float]):
    values = tuple(float(params[name]) for name in NAMES)
    if not all(v > 0 and np.isfinite(v) for v in values):
        raise ValueModelError(
            f"Gamma-Gamma parameters must be positive and finite, got {dict(zip(NAMES, values, strict=True))}"
        )
    return values


def _arrays(frequency, monetary):
    x = np.asarray(frequency, dtype=np.float64)
    m = np.asarray(monetary, dtype=np.float64)
    if x.shape != m.shape or x.ndim != 1:
        raise ValueModelError("frequency and monetary must be 1-d arrays of the same length")
    if not (np.isfinite(x).all() and np.isfinite(m).all()):
        raise ValueModelError("frequency and monetary must be finite")
    if (x < 0).any() or (m < 0).any():
        raise ValueModelError("frequency and monetary must not be negative")
    return x, m


def _repeat_customers(frequency, monetary, weights):
    """The x > 0 customers' (x, m, w), validated."""
    x, m = _arrays(frequency, monetary)
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=np.float64)
    if w.shape != x.shape or not np.isfinite(w).all() or (w < 0).any():
        raise ValueModelError("weights must be finite, non-negative and one per customer")
    repeat = (x > 0) & (w > 0)
    if not repeat.any():
        raise ValueModelError("cannot fit Gamma-Gamma: no customer made a repeat purchase (all frequency = 0)")
    if (m[repeat] <= 0).any():
        raise ValueModelError("cannot fit Gamma-Gamma: monetary must be positive for customers with frequency > 0")
    return x[repeat], m[repeat], w[repeat]


class _Objective:
    """Mean negative log-likelihood and gradient in log-parameters."""

    def __init__(self, x: np.ndarray, m: np.ndarray, w: np.ndarray):
        self.x_values, x_index = np.unique(x, return_inverse=True)
        self.x_weight = np.bincount(x_index, weights=w)
        self.total = w.sum()
        self.w, self.wx, self.xm = w, w * x, x * m
        log_m = np.log(m)
        # Sums of the terms linear in p: sum w (x ln m + x ln x) and sum w ln m.
        self.linear_p = dot(self.wx, log_m + np.log(x))
        self.sum_log_m = dot(w, log_m)

    def __call__(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        p, q, gamma = np.exp(theta)
        xv, wx = self.x_values, self.x_weight
        log_g = np.log(gamma + self.xm)
        inv_g = 1.0 / (gamma + self.xm)
        sum_w_log, sum_wx_log = dot(self.w, log_g), dot(self.wx, log_g)
        ll = dot(wx, gammaln(p * xv + q) - gammaln(p * xv)) - self.total * (gammaln(q) - q * np.log(gamma))
        ll += p * self.linear_p - self.sum_log_m - p * sum_wx_log - q * sum_w_log
        g_p = dot(wx, xv * (digamma(p * xv + q) - digamma(p * xv))) + self.linear_p - sum_wx_log
        g_q = dot(wx, digamma(p * xv + q)) - self.total * (digamma(q) - np.log(gamma)) - sum_w_log
        g_gamma = self.total * q / gamma - p * dot(self.wx, inv_g) - q * dot(self.w, inv_g)
        gradient = np.array([g_p * p, g_q * q, g_gamma * gamma])
        return -ll / self.total, -gradient / self.total
