"""BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way").

While alive a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); after each
purchase they drop out with probability p ~ Beta(a, b). Data per customer: x repeat purchases,
t_x the time of the last one, T the time since the first purchase.

Likelihood of one customer, in logs (the paper's eq. 6):

    log L = A1 + A2 + logaddexp(A3, A4)              (A4 only when x > 0)
    A1 = lnGamma(r+x) - lnGamma(r) + r ln alpha
    A2 = lnB(a, b+x) - lnB(a, b)
    A3 = -(r+x) ln(alpha+T)
    A4 = ln a - ln(b+x-1) - (r+x) ln(alpha+t_x)

The exponentials of A3 and A4 under- or overflow for large x; logaddexp never does.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy.special import digamma, expit, gammaln, hyp2f1, log_expit

from ally.value.stats.errors import ValueModelError
from ally.value.stats.fitting import Collapse, FitResult, maximise
from ally.value.stats.numerics import dot, log_rising
from ally.value.stats.scoring import per_customer
from ally.value.stats.triples import Triples, as_arrays, compress, group

NAMES = ("r", "alpha", "a", "b")
COLLAPSES = (
    Collapse("a", "b", lambda p: "a and b run to infinity: every customer has the same chance of dropping out "
                                 f"after a purchase, a/(a+b) = {p['a'] / (p['a'] + p['b']):.4g}"),
    Collapse("r", "alpha", lambda p: "r and alpha run to infinity: every customer buys at the same rate while "
                                     f"active, r/alpha = {p['r'] / p['alpha']:.4g} per period"),
)
A_ONE = 1e-5
C_ZERO = 1e-5


def fit_bgnbd(frequency, recency, age, *, weights=None) -> FitResult:
    """Maximum-likelihood BG/NBD fit. ``weights`` (optional) counts how many customers each row
    stands for. Raises ValueModelError when no customer made a repeat purchase: the dropout
    process (a, b) is then not identified (the likelihood keeps rising as b -> infinity)."""
    triples = compress(frequency, recency, age, weights)
    if not (triples.x > 0).any():
        raise ValueModelError("cannot fit BG/NBD: no customer made a repeat purchase (all frequency = 0)")
    objective = _Objective(triples)
    mean_age = np.average(triples.age, weights=triples.weight)
    start = np.log([1.0, max(mean_age, 1e-3), 1.0, 1.0])
    return maximise("bgnbd", NAMES, objective, start, triples.n_customers, COLLAPSES)


def log_likelihood(params: Mapping[str, float], frequency, recency, age) -> np.ndarray:
    """Per-customer log-likelihood (sum it for the total)."""
    r, alpha, a, b = _unpack(params)
    x, tx, T, _ = as_arrays(frequency, recency, age)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = log_rising(b, x) - log_rising(a + b, x)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, b)) - (r + x) * np.log(alpha + tx), -np.inf)
    return a1 + a2 + np.logaddexp(a3, a4)


def p_alive(params: Mapping[str, float], frequency, recency, age) -> np.ndarray:
    """P(customer still alive at T | x, t_x, T) = 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).
    Customers with x = 0 are alive with probability 1 (BG/NBD lets customers drop out only right
    after a purchase)."""
    return per_customer(lambda tr: p_alive_on_triples(params, tr), frequency, recency, age)


def expected_purchases(params: Mapping[str, float], t, frequency, recency, age) -> np.ndarray:
    """E[purchases in (T, T+t] | x, t_x, T] (the paper's eq. 10). ``t`` is a horizon or a 1-d
    array of horizons (same unit as the data); the result has shape (n,) or (n, len(t))."""
    horizons = np.atleast_1d(np.asarray(t, dtype=np.float64))
    values = per_customer(lambda tr: expected_on_triples(params, horizons, tr), frequency, recency, age)
    return values[:, 0] if np.ndim(t) == 0 else values


def _unpack(params: Mapping[str, float]):
    values = tuple(float(params[name]) for name in NAMES)
    if not all(v > 0 and np.isfinite(v) for v in values):
        raise ValueModelError(
            f"BG/NBD parameters must be positive and finite, got {dict(zip(NAMES, values, strict=True))}"
        )
    return values


def p_alive_on_triples(params: Mapping[str, float], triples: Triples) -> np.ndarray:
    """P(alive) per unique triple: the logistic of -(A4 - A3), 1 for x = 0."""
    r, alpha, a, b = _unpack(params)
    x = triples.x
    safe = np.maximum(b + x - 1, b)  # b+x-1 only matters for x >= 1, where it equals this
    log_odds_dead = np.log(a) - np.log(safe) + (r + x) * (np.log(alpha + triples.age) - np.log(alpha + triples.recency))
    return np.where(x > 0, expit(-log_odds_dead), 1.0)


def expected_on_triples(params: Mapping[str, float], horizons: np.ndarray, triples: Triples) -> np.ndarray:
    """Conditional expectation per unique triple, shape (n_triples, n_horizons)."""
    r, alpha, a, b = _unpack(params)
    # The hypergeometric factor depends on (x, T) only: evaluate it once per unique pair.
    pair_key = triples.x_index * len(triples.age_values) + triples.age_index
    pairs, pair_of_triple, _ = group(pair_key, len(triples.x_values) * len(triples.age_values), None)
    px = triples.x_values[pairs // len(triples.age_values)][:, None]
    pT = triples.age_values[pairs % len(triples.age_values)][:, None]
    bracket = _unconditional_bracket(r, alpha, a, b, px, pT, horizons[None, :])[pair_of_triple]
    alive = p_alive_on_triples(params, triples)[:, None]
    return np.maximum(bracket * alive, 0.0)  # rounding can leave -1e-17 for tiny t


def _unconditional_bracket(r, alpha, a, b, x, T, t):
    """(a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))].

    At a = 1 both factors vanish; within A_ONE of 1 the value is the mean of the expression at
    1 +- A_ONE (it is smooth in a: the error is ~A_ONE^2, the cancellation ~eps/A_ONE)."""
    if abs(a - 1.0) < A_ONE:
        return (_bracket(r, alpha, 1 - A_ONE, b, x, T, t) + _bracket(r, alpha, 1 + A_ONE, b, x, T, t)) / 2
    return _bracket(r, alpha, a, b, x, T, t)


def _bracket(r, alpha, a, b, x, T, t):
    """At c = a+b+x-1 = 0 (x = 0 and a+b = 1) 2F1 has a pole that the factor c cancels; near it
    the value is interpolated in b between the points where c = -C_ZERO and c = +C_ZERO."""
    c = a + b + x - 1
    near_pole = np.abs(c) < C_ZERO
    if not np.any(near_pole):
        return _bracket_off_pole(r, alpha, a, b, x, T, t)
    b_low = np.where(near_pole, b - c - C_ZERO, b)
    b_high = np.where(near_pole, b - c + C_ZERO, b)
    low = _bracket_off_pole(r, alpha, a, b_low, x, T, t)
    high = _bracket_off_pole(r, alpha, a, b_high, x, T, t)
    weight = np.where(near_pole, (c + C_ZERO) / (2 * C_ZERO), 0.0)
    return np.where(near_pole, low + weight * (high - low), low)


def _bracket_off_pole(r, alpha, a, b, x, T, t):
    z = t / (alpha + T + t)
    log_power = (r + x) * (np.log(alpha + T) - np.log(alpha + T + t))
    hyper = hyp2f1(r + x, b + x, a + b + x - 1, z)
    # With c < 0 the series can turn negative; expm1 keeps precision only where it is positive.
    positive = hyper > 0
    one_minus = np.where(
        positive,
        -np.expm1(log_power + np.log(np.where(positive, hyper, 1.0))),
        1.0 - np.exp(log_power) * hyper,
    )
    return (a + b + x - 1) / (a - 1) * one_minus


class _Objective:
    """Mean negative log-likelihood and its gradient in log-parameters over weighted triples.

    Terms that depend on x only are computed per unique x; logs of alpha + T and alpha + t_x per
    unique value; only the logaddexp and a few products are per triple."""

    def __init__(self, triples: Triples):
        self.t = triples
        self.x_weight = triples.x_weight()
        self.total = triples.n_customers
        repeat = triples.x > 0
        zero = ~repeat
        # Customers with x = 0 only enter through sum w ln(alpha+T): weights per unique T.
        self.zero_age_weight = np.bincount(
            triples.age_index[zero], weights=triples.weight[zero], minlength=len(triples.age_values)
        )
        self.w = triples.weight[repeat]
        self.x = triples.x[repeat]
        self.wx = self.w * self.x
        self.x_index = triples.x_index[repeat]
        self.age_index = triples.age_index[repeat]
        self.tx_index = triples.tx_index[repeat]
        self.repeat_x = triples.x_values > 0

    def __call__(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        r, alpha, a, b = np.exp(theta)
        t, xv, wx = self.t, self.t.x_values, self.x_weight
        # Per unique x: gamma-function terms and their derivatives.
        ll = dot(wx, log_rising(r, xv) + log_rising(b, xv) - log_rising(a + b, xv))
        ll += self.total * r * np.log(alpha)
        g_r = dot(wx, digamma(r + xv) - digamma(r)) + self.total * np.log(alpha)
        g_alpha = self.total * r / alpha
        g_a = dot(wx, digamma(a + b) - digamma(a + b + xv))
        g_b = dot(wx, digamma(a + b) + digamma(b + xv) - digamma(b) - digamma(a + b + xv))

        log_aT = np.log(alpha + t.age_values)
        inv_aT = 1.0 / (alpha + t.age_values)
        # Customers with no repeat purchase: only A3 = -r ln(alpha+T).
        zero_log = dot(self.zero_age_weight, log_aT)
        ll -= r * zero_log
        g_r -= zero_log
        g_alpha -= r * dot(self.zero_age_weight, inv_aT)

        # Repeat customers: A3 + softplus(d), d = A4 - A3; pi = sigmoid(d) = P(dead | data).
        b_x = np.where(self.repeat_x, b + xv - 1, 1.0)  # b+x-1 per unique x (only x >= 1 used)
        w, x = self.w, self.x
        lT, lt = log_aT[self.age_index], np.log(alpha + t.tx_values)[self.tx_index]
        iT, it = inv_aT[self.age_index], (1.0 / (alpha + t.tx_values))[self.tx_index]
        log_gap = lT - lt
        d = (np.log(a) - np.log(b_x))[self.x_index] + (r + x) * log_gap
        ll -= r * dot(w, lT) + dot(self.wx, lT)
        ll -= dot(w, log_expit(-d))  # softplus(d) = -log(sigmoid(-d))
        pi = w * expit(d)
        g_r += dot(pi, log_gap) - dot(w, lT)
        g_alpha -= r * dot(w, iT) + dot(self.wx, iT)
        pix = pi * (r + x)
        g_alpha += dot(pix, iT) - dot(pix, it)
        g_a += pi.sum() / a
        g_b -= dot(np.bincount(self.x_index, weights=pi, minlength=len(xv)), 1.0 / b_x)

        gradient = np.array([g_r * r, g_alpha * alpha, g_a * a, g_b * b])
        return -ll / self.total, -gradient / self.total
