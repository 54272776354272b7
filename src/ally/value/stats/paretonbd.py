"""Pareto/NBD model (Schmittlein, Morrison & Colombo 1987).

While alive a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); lifetimes
are exponential with rate mu ~ Gamma(s, beta). Data per customer: x repeat purchases, t_x the
time of the last one, T the time since the first purchase.

Likelihood (Fader & Hardie 2005, "A note on deriving the Pareto/NBD model and related
expressions", eq. 22), written with E(tau) = -(r+x) ln(alpha+tau) - s ln(beta+tau):

    L = Gamma(r+x) alpha^r beta^s / Gamma(r) * [exp(E(T)) + Phi(t_x) - Phi(T)]
    Phi(tau) = s integral_tau^inf (alpha+u)^-(r+x) (beta+u)^-(s+1) du = exp(E(tau)) H(tau)

The note's A0 term is s/(r+s+x) times a 2F1 with argument (alpha-beta)/(alpha+tau) when
alpha >= beta, (beta-alpha)/(beta+tau) otherwise, which keeps the argument in [0, 1). Euler's
transformation 2F1(a, b; c; z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) turns both into
G(b', c', z) = 2F1(1, b'; c'; z), whose series has positive terms only:

    alpha >= beta: H = s/p G(r+x, p+1, z),            z = (alpha-beta)/(alpha+tau)
    alpha <  beta: H = s/p (1-z) G(s+1, p+1, z),      z = (beta-alpha)/(beta+tau)
    p = r+s+x,  0 < H <= 1,  H(t_x) exp(E(t_x)) >= H(T) exp(E(T)).

So the bracket is exp(E(t_x)) * [q (1 - H(T)) + H(t_x)], q = exp(E(T) - E(t_x)) <= 1, a sum of
non-negative terms (1 - H(T) only loses absolute precision eps, which is tiny next to H(t_x)).
G is evaluated by :mod:`ally.value.stats.hypergeometric` once per unique (x, t_x) and (x, T) pair.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy.special import digamma, exprel, gammaln

from ally.value.stats.errors import ValueModelError
from ally.value.stats.fitting import Collapse, FitResult, maximise
from ally.value.stats.hypergeometric import log_g
from ally.value.stats.numerics import dot
from ally.value.stats.scoring import per_customer
from ally.value.stats.triples import Triples, compress, group

NAMES = ("r", "alpha", "s", "beta")
COLLAPSES = (
    Collapse("s", "beta", lambda p: "s and beta run to infinity: every customer has the same dropout rate, "
                                    f"s/beta = {p['s'] / p['beta']:.4g} per period"),
    Collapse("r", "alpha", lambda p: "r and alpha run to infinity: every customer buys at the same rate while "
                                     f"active, r/alpha = {p['r'] / p['alpha']:.4g} per period"),
)


def fit_paretonbd(frequency, recency, age, *, weights=None) -> FitResult:
    """Maximum-likelihood Pareto/NBD fit. ``weights`` (optional) counts how many customers each
    row stands for. Raises ValueModelError when no customer made a repeat purchase (the
    purchase rate and the lifetime are then not separately identified)."""
    triples = compress(frequency, recency, age, weights)
    if not (triples.x > 0).any():
        raise ValueModelError("cannot fit Pareto/NBD: no customer made a repeat purchase (all frequency = 0)")
    mean_age = max(float(np.average(triples.age, weights=triples.weight)), 1e-3)
    start = np.log([1.0, mean_age, 1.0, mean_age])
    return maximise("paretonbd", NAMES, _Objective(triples), start, triples.n_customers, COLLAPSES)


def log_likelihood(params: Mapping[str, float], frequency, recency, age) -> np.ndarray:
    """Per-customer log-likelihood (sum it for the total)."""
    return per_customer(lambda tr: _Objective(tr).per_triple(_theta(params))[0], frequency, recency, age)


def p_alive(params: Mapping[str, float], frequency, recency, age) -> np.ndarray:
    """P(alive at T | x, t_x, T) = exp(E(T)) / bracket = q / (q (1 - H(T)) + H(t_x))."""
    return per_customer(lambda tr: p_alive_on_triples(params, tr), frequency, recency, age)


def expected_purchases(params: Mapping[str, float], t, frequency, recency, age) -> np.ndarray:
    """E[purchases in (T, T+t] | x, t_x, T] (see :func:`expected_on_triples`). ``t`` is a horizon
    or a 1-d array of horizons; the result has shape (n,) or (n, len(t))."""
    horizons = np.atleast_1d(np.asarray(t, dtype=np.float64))
    values = per_customer(lambda tr: expected_on_triples(params, horizons, tr), frequency, recency, age)
    return values[:, 0] if np.ndim(t) == 0 else values


def p_alive_on_triples(params: Mapping[str, float], triples: Triples) -> np.ndarray:
    """P(alive) per unique triple."""
    return _Objective(triples).per_triple(_theta(params))[1]


def expected_on_triples(params: Mapping[str, float], horizons: np.ndarray, triples: Triples) -> np.ndarray:
    """(r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive) per unique
    triple, shape (n_triples, n_horizons). The s -> 1 limit is handled by writing
    [1 - e^(-(s-1)L)]/(s-1) = L exprel(-(s-1)L), L = ln(1 + t/(beta+T))."""
    r, alpha, s, beta = _unpack(params)
    alive = p_alive_on_triples(params, triples)[:, None]
    T, x = triples.age[:, None], triples.x[:, None]
    log_ratio = np.log1p(horizons[None, :] / (beta + T))
    growth = log_ratio * exprel(-(s - 1.0) * log_ratio)
    return (r + x) * (beta + T) / (alpha + T) * growth * alive


def _unpack(params: Mapping[str, float]):
    values = tuple(float(params[name]) for name in NAMES)
    if not all(v > 0 and np.isfinite(v) for v in values):
        raise ValueModelError(
            f"Pareto/NBD parameters must be positive and finite, got {dict(zip(NAMES, values, strict=True))}"
        )
    return values


def _theta(params: Mapping[str, float]) -> np.ndarray:
    return np.log(_unpack(params))


class _Objective:
    """Mean negative log-likelihood and gradient in log-parameters over weighted triples.

    E, H and their gradients are computed per unique (x, t_x) and (x, T) pair, the gamma
    functions per unique x. Per triple there are only scalar operations: the gradient's
    per-triple coefficients are summed onto the pairs (bincount) before they meet the 4-row
    pair gradients."""

    def __init__(self, triples: Triples):
        self.t = triples
        self.x_weight = triples.x_weight()
        self.total = triples.n_customers
        n_tx, n_age = len(triples.tx_values), len(triples.age_values)
        self.tx_pairs, self.tx_pair = _pairs(triples.x_index, triples.tx_index, n_tx)
        self.age_pairs, self.age_pair = _pairs(triples.x_index, triples.age_index, n_age)
        self.tx_pair_weight = np.bincount(self.tx_pair, weights=triples.weight, minlength=len(self.tx_pairs[0]))

    def _pair_terms(self, params, pairs, values):
        """E, ln H and their gradients (rows r, alpha, s, beta) for (x, tau) pairs."""
        x_index, tau_index = pairs
        x, tau = self.t.x_values[x_index], values[tau_index]
        energy, d_energy = _energy(*params, x, tau)
        log_h, d_log_h = _log_h(*params, x, tau)
        return energy, d_energy, log_h, d_log_h

    def _evaluate(self, params):
        """Pair terms, and per triple: q, H(T), H(t_x), bracket, log-likelihood."""
        t = self.t
        tx_terms = self._pair_terms(params, self.tx_pairs, t.tx_values)
        age_terms = self._pair_terms(params, self.age_pairs, t.age_values)
        e_tx, h_tx = tx_terms[0][self.tx_pair], np.exp(tx_terms[2][self.tx_pair])
        e_T, h_T = age_terms[0][self.age_pair], np.exp(age_terms[2][self.age_pair])
        q = np.exp(e_T - e_tx)  # <= 1: E is decreasing in tau and t_x <= T
        bracket = q * (1.0 - h_T) + h_tx
        r, alpha, s, beta = params
        xv = t.x_values
        loglik = (
            (gammaln(r + xv) - gammaln(r))[t.x_index] + r * np.log(alpha) + s * np.log(beta) + e_tx + np.log(bracket)
        )
        return tx_terms, age_terms, q, h_T, h_tx, bracket, loglik

    def per_triple(self, theta: np.ndarray):
        """Per-triple log-likelihood and P(alive)."""
        *_, q, _, _, bracket, loglik = self._evaluate(np.exp(theta))
        return loglik, q / bracket

    def __call__(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        params = np.exp(theta)
        r, alpha, s, beta = params
        t, w = self.t, self.t.weight
        (_, de_tx, _, dlh_tx), (_, de_T, _, dlh_T), q, h_T, h_tx, bracket, loglik = self._evaluate(params)
        # d ln bracket = [q(1-H_T)(dE_T - dE_tx) - q H_T dlnH_T + H_tx dlnH_tx] / bracket, plus dE_tx.
        alive = w * q * (1.0 - h_T) / bracket
        n_tx, n_age = len(self.tx_pairs[0]), len(self.age_pairs[0])
        on_tx = np.bincount(self.tx_pair, weights=alive, minlength=n_tx)
        gradient = dot(de_tx, self.tx_pair_weight - on_tx)
        gradient += dot(de_T, np.bincount(self.age_pair, weights=alive, minlength=n_age))
        gradient -= dot(dlh_T, np.bincount(self.age_pair, weights=w * q * h_T / bracket, minlength=n_age))
        gradient += dot(dlh_tx, np.bincount(self.tx_pair, weights=w * h_tx / bracket, minlength=n_tx))
        xv, wx = t.x_values, self.x_weight
        gradient[0] += dot(wx, digamma(r + xv) - digamma(r)) + self.total * np.log(alpha)
        gradient[1] += self.total * r / alpha
        gradient[2] += self.total * np.log(beta)
        gradient[3] += self.total * s / beta
        return -dot(w, loglik) / self.total, -gradient * params / self.total


def _pairs(x_index: np.ndarray, tau_index: np.ndarray, n_tau: int):
    """Unique (x, tau) index pairs and each triple's pair."""
    n_keys = (int(x_index.max(initial=0)) + 1) * n_tau
    keys, pair, _ = group(x_index * n_tau + tau_index, n_keys, None)
    return (keys // n_tau, keys % n_tau), pair


def _energy(r, alpha, s, beta, x, tau):
    """E(tau) = -(r+x) ln(alpha+tau) - s ln(beta+tau) and its gradient (r, alpha, s, beta)."""
    log_a, log_b = np.log(alpha + tau), np.log(beta + tau)
    energy = -(r + x) * log_a - s * log_b
    gradient = np.stack([-log_a, -(r + x) / (alpha + tau), -log_b, -s / (beta + tau)])
    return energy, gradient


def _log_h(r, alpha, s, beta, x, tau):
    """ln H(tau) and its gradient (r, alpha, s, beta); see the module docstring."""
    p = r + s + x
    base = np.log(s) - np.log(p)
    if alpha >= beta:
        z, y = (alpha - beta) / (alpha + tau), (beta + tau) / (alpha + tau)
        lg, g_b, g_c, g_z = log_g(r + x, p + 1, z, y)
        d_r = -1.0 / p + g_b + g_c
        d_s = 1.0 / s - 1.0 / p + g_c
        d_alpha = g_z * (beta + tau) / (alpha + tau) ** 2
        d_beta = -g_z / (alpha + tau)
        return base + lg, np.stack([d_r, d_alpha, d_s, d_beta])
    z, y = (beta - alpha) / (beta + tau), (alpha + tau) / (beta + tau)
    lg, g_b, g_c, g_z = log_g(s + 1, p + 1, z, y)
    d_r = -1.0 / p + g_c
    d_s = 1.0 / s - 1.0 / p + g_b + g_c
    d_alpha = 1.0 / (alpha + tau) - g_z / (beta + tau)
    d_beta = -1.0 / (beta + tau) + g_z * (alpha + tau) / (beta + tau) ** 2
    return base + np.log(y) + lg, np.stack([d_r, d_alpha, d_s, d_beta])
