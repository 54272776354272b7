"""Draw customer bases from the BG/NBD and Pareto/NBD generative processes, and Gamma-Gamma spend.

Used to test parameter recovery and to benchmark. Both purchase models share one mechanism:
customer i buys as a Poisson process with rate lambda_i on an active window [0, L_i], and makes
at most N_i repeat purchases:

- BG/NBD: L_i = T_i, N_i ~ Geometric(p_i) (the customer drops out right after the N_i-th
  repeat purchase), lambda ~ Gamma(r, alpha), p ~ Beta(a, b).
- Pareto/NBD: L_i = min(lifetime_i, T_i), lifetime ~ Exponential(mu_i), N_i unbounded,
  lambda ~ Gamma(r, alpha), mu ~ Gamma(s, beta).

Given K ~ Poisson(lambda L) purchases on [0, L], their times are K uniform order statistics; the
first x = min(K, N) of them are cumulative sums of exponential spacings divided by the sum of all
K + 1 spacings (the remaining K + 1 - x are drawn as one Gamma variate). With ``resolution`` the
times are floored to slots of that width (e.g. 1/7 of a week: days) and same-slot purchases merge
into one occasion, as in real transaction logs; purchases in the first slot merge with the first
purchase. ``decimals`` rounds recency like the CDNOW files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ally.value.stats.errors import ValueModelError


@dataclass(frozen=True)
class SimulatedCustomers:
    """Drawn ``frequency``, ``recency``, ``age`` arrays, and the true ``alive`` state at T."""

    frequency: np.ndarray
    recency: np.ndarray
    age: np.ndarray
    alive: np.ndarray


def simulate_bgnbd(
    params: Mapping[str, float], age, *, seed=None, resolution=None, decimals=None
) -> SimulatedCustomers:
    """One BG/NBD customer per entry of ``age`` (T, in the data's unit)."""
    rng = np.random.default_rng(seed)
    T = _ages(age)
    rate = rng.gamma(float(params["r"]), 1.0 / float(params["alpha"]), len(T))
    dropout = rng.beta(float(params["a"]), float(params["b"]), len(T))
    cap = rng.geometric(dropout)  # repeat purchases after which the customer is gone
    counts = rng.poisson(rate * T)
    alive = counts < cap
    return _observe(rng, T, T, counts, np.minimum(counts, cap), alive, resolution, decimals)


def simulate_paretonbd(
    params: Mapping[str, float], age, *, seed=None, resolution=None, decimals=None
) -> SimulatedCustomers:
    """One Pareto/NBD customer per entry of ``age`` (T, in the data's unit)."""
    rng = np.random.default_rng(seed)
    T = _ages(age)
    rate = rng.gamma(float(params["r"]), 1.0 / float(params["alpha"]), len(T))
    death_rate = rng.gamma(float(params["s"]), 1.0 / float(params["beta"]), len(T))
    lifetime = rng.exponential(1.0 / death_rate)
    window = np.minimum(lifetime, T)
    counts = rng.poisson(rate * window)
    return _observe(rng, T, window, counts, counts, lifetime > T, resolution, decimals)


def simulate_spend(params: Mapping[str, float], frequency, *, seed=None) -> np.ndarray:
    """Mean repeat-transaction value per customer under Gamma-Gamma (0 when frequency is 0):
    nu ~ Gamma(q, gamma) per customer, and the mean of x values Gamma(p, nu) is Gamma(p x, x nu)."""
    rng = np.random.default_rng(seed)
    x = np.asarray(frequency, dtype=np.float64)
    nu = rng.gamma(float(params["q"]), 1.0 / float(params["gamma"]), len(x))
    repeat = x > 0
    spend = np.zeros_like(x)
    spend[repeat] = rng.gamma(float(params["p"]) * x[repeat], 1.0 / (nu[repeat] * x[repeat]))
    return spend


def _ages(age) -> np.ndarray:
    T = np.asarray(age, dtype=np.float64)
    if T.ndim != 1 or not np.isfinite(T).all() or (T < 0).any():
        raise ValueModelError("age must be a 1-d array of finite, non-negative times")
    return T


def _observe(rng, T, window, counts, x, alive, resolution, decimals) -> SimulatedCustomers:
    """Times of each customer's first x of ``counts`` uniform purchases on [0, window], reduced
    to (frequency, recency)."""
    owner = np.repeat(np.arange(len(T)), x)
    spacing_sums = np.cumsum(rng.standard_exponential(len(owner)))
    ends = np.cumsum(x)
    offset = np.r_[0.0, spacing_sums][ends - x]  # running sum before each customer's spacings
    within = spacing_sums - offset[owner]  # S_1..S_x for each customer
    last = np.zeros(len(T))
    last[x > 0] = within[ends[x > 0] - 1]
    total = last + rng.gamma(counts - x + 1.0)  # S_(K+1) = S_x + Gamma(K + 1 - x)
    times = window[owner] * within / total[owner]
    if resolution is None:
        frequency, recency = x.astype(np.float64), np.zeros(len(T))
        recency[x > 0] = times[ends[x > 0] - 1]
    else:
        frequency, recency = _merge_slots(owner, times, ends, x, resolution)
    if decimals is not None:
        recency = np.round(recency, decimals)
    return SimulatedCustomers(frequency, recency, T.copy(), alive)


def _merge_slots(owner, times, ends, x, resolution):
    """Floor times to slots, merge purchases sharing a slot (or the first purchase's slot 0).
    Times are sorted within each customer, so the last one is the latest."""
    slot = np.floor(times / resolution)
    new_slot = slot > 0
    new_slot[1:] &= (slot[1:] != slot[:-1]) | (owner[1:] != owner[:-1])
    frequency = np.bincount(owner, weights=new_slot, minlength=len(x))
    recency = np.zeros(len(x))
    recency[x > 0] = slot[ends[x > 0] - 1] * resolution
    return frequency, recency
