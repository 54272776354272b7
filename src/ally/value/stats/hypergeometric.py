"""The Gauss hypergeometric function G(b, c, z) = 2F1(1, b; c; z) and its derivatives.

This is the only form the Pareto/NBD likelihood needs (see :mod:`ally.value.stats.paretonbd`), for
0 <= z < 1 and c > b > 0. It is computed in two regimes, both accurate to ~1e-14 relative:

- z <= Z_SERIES: the power series sum_n (b)_n/(c)_n z^n. Every term is positive (no cancellation)
  and term n+1 / term n = z (b+n)/(c+n) < z, so ln(eps (1-z)) / ln z terms bound the error. The
  derivatives in b, c and z are accumulated in the same loop. Elements are sorted by z so the
  ones still summing are always a prefix of the arrays (slicing, no masking).
- z > Z_SERIES (needs up to ~1/(1-z) terms, and scipy.special.hyp2f1 loses all accuracy near
  z = 1 when c - b - 1 is an integer): the Euler integral
  G = (c-1) integral_0^1 v^(c-2) (1 - z(1-v))^(-b) dv. With v = (y/z) e^u, y = 1 - z,
  G = (c-1) exp(C) J,  C = (c-1) ln(y/z) - b ln y,
  J = integral_{-inf}^{Lambda} exp(psi(u)) du,  psi(u) = (c-1) u - b softplus(u),
  Lambda = ln(z/y). psi is concave, so J is integrated where exp(psi) is within e^-45 of its
  maximum: Gauss-Legendre on [-40,-8], [-8,8], [8,40] (each cut to that window), and in closed
  form beyond +-40, where softplus(u) is 0 or u to double precision. Vectorised over elements
  (about 400 function evaluations each), so even a fit whose line search strays into this
  regime for thousands of elements stays fast.

``y = 1 - z`` is passed in separately because callers can compute it without cancellation.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import exprel, log_expit

Z_SERIES = 0.95
SERIES_EPS = 1e-17
WINDOW = 45.0  # drop parts of the integrand below exp(-WINDOW) times its maximum
LINEAR_EDGE = 40.0  # beyond +-40, softplus(u) equals max(u, 0) to double precision
PANELS = ((-LINEAR_EDGE, -8.0), (-8.0, 8.0), (8.0, LINEAR_EDGE))
NODES, WEIGHTS = np.polynomial.legendre.leggauss(64)


def log_g(b: np.ndarray, c: np.ndarray, z: np.ndarray, y: np.ndarray):
    """ln G and its partial derivatives d ln G/db, d ln G/dc, d ln G/dz (arrays like ``z``)."""
    b, c, z, y = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (b, c, z, y)))
    out = [np.empty(z.shape) for _ in range(4)]
    series = z <= Z_SERIES
    for mask, method in ((series, _series), (~series, _integral)):
        if mask.any():
            for target, values in zip(out, method(b[mask], c[mask], z[mask], y[mask]), strict=True):
                target[mask] = values
    return tuple(out)


def _series(b, c, z, y):
    """Power series, with the derivatives of each term: d t_n/db = t_n sum_{k<n} 1/(b+k),
    d t_n/dc = -t_n sum_{k<n} 1/(c+k), d t_n/dz = n t_n / z."""
    order = np.argsort(-z)
    b, c, z, y = b[order], c[order], z[order], y[order]
    with np.errstate(divide="ignore"):
        needed = np.where(z > 0, np.ceil(np.log(SERIES_EPS * y) / np.log(z)), 0).astype(np.int64) + 1
    term = np.ones_like(z)
    g, g_b, g_c, g_z = np.ones_like(z), np.zeros_like(z), np.zeros_like(z), np.zeros_like(z)
    sum_b, sum_c = np.zeros_like(z), np.zeros_like(z)
    active = len(z)
    for n in range(int(needed.max(initial=0))):
        while active and needed[active - 1] <= n:
            active -= 1
        if not active:
            break
        k = slice(0, active)
        ratio = (b[k] + n) / (c[k] + n)
        g_z[k] += (n + 1) * ratio * term[k]  # (n+1) t_{n+1} / z without dividing by z
        term[k] *= ratio * z[k]
        sum_b[k] += 1.0 / (b[k] + n)
        sum_c[k] += 1.0 / (c[k] + n)
        g[k] += term[k]
        g_b[k] += term[k] * sum_b[k]
        g_c[k] -= term[k] * sum_c[k]
    result = (np.log(g), g_b / g, g_c / g, g_z / g)
    inverse = np.empty_like(order)
    inverse[order] = np.arange(len(order))
    return tuple(v[inverse] for v in result)


def _integral(b, c, z, y):
    """Euler integral (see the module docstring), vectorised over elements."""
    p, m = c - 1.0, b
    lam = np.log(z) - np.log(y)
    with np.errstate(divide="ignore", invalid="ignore"):
        mode = np.where(m > p, np.log(p / (m - p)), np.inf)
    peak = _psi(np.minimum(mode, lam), p, m)
    # Integrals of phi, u phi, softplus(u) phi and h(u) phi (h below), scaled by exp(-peak).
    moments = _left_tail(p, lam, peak)
    for lo, hi in PANELS:
        moments += _panel(lo, np.minimum(hi, lam), p, m, mode, peak, lam)
    moments += _right_tail(LINEAR_EDGE, lam, p - m, peak)
    j, u_mean, sp_mean, h_mean = moments[0], moments[1] / moments[0], moments[2] / moments[0], moments[3] / moments[0]
    log_value = np.log(p) + p * (np.log(y) - np.log(z)) - m * np.log(y) + np.log(j) + peak
    d_b = -np.log(y) - sp_mean
    d_c = 1.0 / p + np.log(y) - np.log(z) + u_mean
    # dK/dz = m integral v^(p-1) (1-v) (y+zv)^(-m-1) dv; in u this is (m/y) times the integral of
    # h(u) phi(u) with h = sigmoid(-u) (1 - exp(u - Lambda)) >= 0: no cancellation even when y
    # is tiny (differentiating C and Lambda instead cancels terms of size 1/y).
    d_z = m / y * h_mean
    return log_value, d_b, d_c, d_z


def _psi(u, p, m):
    """ln of the integrand: p u - m softplus(u)."""
    return p * u + m * log_expit(-u)


def _left_tail(p, lam, peak):
    """u < -40: the integrand is exp(p u) (softplus(u) = e^u < 5e-18, h = 1 - e^(u - Lambda))."""
    j = np.exp(-LINEAR_EDGE * p - peak) / p
    beyond = np.exp(-LINEAR_EDGE * (p + 1) - peak) / (p + 1)
    return np.stack([j, j * (-LINEAR_EDGE - 1.0 / p), beyond, j - np.exp(-lam) * beyond])


def _right_tail(lo, lam, kappa, peak):
    """40 < u < Lambda (where Lambda > 40): the integrand is exp(kappa u), kappa = p - m,
    softplus(u) = u and h(u) = e^-u - e^-Lambda. Integrated outward from its larger end."""
    length = np.maximum(lam - lo, 0.0)
    anchor = np.where(kappa <= 0, lo, lam)
    sign = np.where(kappa <= 0, 1.0, -1.0)
    scale = np.exp(np.minimum(kappa * anchor - peak, 0.0))
    x = -np.abs(kappa) * length
    j = scale * length * exprel(x)
    first_moment = anchor * j + sign * scale * length**2 * _g(x)
    # With v = Lambda - u: integral of h phi = e^((kappa-1) Lambda) int_0^L e^(-kappa v) expm1(v) dv.
    base = np.where(length > 0, (kappa - 1.0) * lam - peak, -np.inf)
    h = np.exp(base + _log_int_exp(1.0 - kappa, length)) - np.exp(base + _log_int_exp(-kappa, length))
    return np.stack([j, first_moment, first_moment, h])


def _log_int_exp(a, length):
    """ln integral_0^length e^(a v) dv, without overflow for large a * length."""
    x = a * length
    with np.errstate(divide="ignore", invalid="ignore"):
        large = x + np.log(-np.expm1(-x)) - np.log(a)
        small = np.log(length * exprel(np.minimum(x, 1.0)))
    return np.where(x > 1.0, large, small)


def _g(x):
    """integral_0^1 s e^(x s) ds = (1 - e^x (1 - x)) / x^2 for x <= 0, by series near 0 where the
    closed form cancels."""
    series = sum(x**k / (math.factorial(k) * (k + 2)) for k in range(14))
    safe = np.minimum(x, -0.1)
    return np.where(x > -0.1, series, (1.0 - np.exp(safe) * (1.0 - safe)) / safe**2)


def _panel(lo, hi, p, m, mode, peak, lam):
    """Gauss-Legendre on [lo, hi] cut to where psi >= max psi - WINDOW on it (psi is concave, so
    that set is an interval around the panel's maximiser; its ends are found by bisection).
    Elements whose panel is empty (hi <= lo) contribute 0."""
    hi = np.maximum(hi, lo)
    top = np.clip(mode, lo, hi)
    level = _psi(top, p, m) - WINDOW
    a = np.where(_psi(lo, p, m) >= level, lo, _bisect(np.full_like(p, lo), top, p, m, level))
    b = np.where(_psi(hi, p, m) >= level, hi, _bisect(hi, top, p, m, level))
    half = (b - a)[:, None] / 2
    u = (a + b)[:, None] / 2 + half * NODES
    # psi <= peak on (-inf, Lambda]; the clamp only matters for an empty panel (u past Lambda, half = 0),
    # where exp would overflow for large p and 0 * inf would turn the element's moments into NaN.
    w = half * WEIGHTS * np.exp(np.minimum(_psi(u, p[:, None], m[:, None]) - peak[:, None], 0.0))
    h = np.exp(log_expit(-u)) * -np.expm1(u - lam[:, None])
    return np.stack([w.sum(axis=1), (w * u).sum(axis=1), (w * -log_expit(-u)).sum(axis=1), (w * h).sum(axis=1)])


def _bisect(outside, inside, p, m, level):
    """The point between ``outside`` (psi < level) and ``inside`` (psi >= level) where psi
    crosses level, to 1e-15 of the interval; psi is monotone between them."""
    outside, inside = outside.copy(), inside.copy()
    for _ in range(50):
        middle = (outside + inside) / 2
        above = _psi(middle, p, m) >= level
        inside = np.where(above, middle, inside)
        outside = np.where(above, outside, middle)
    return outside
