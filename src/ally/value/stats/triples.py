"""Validate (frequency, recency, age) data and compress it to unique triples with weights.

Real customer bases repeat the same (x, t_x, T) triple many times (a cohort shares T, times are
recorded in days, most customers have x = 0), so a likelihood evaluated once per unique triple
and weighted by its count costs a fraction of one evaluated per customer. On top of that, the
per-triple terms of the models only need log(alpha + t_x) and log(alpha + T) per unique value of
t_x and T, and the gamma-function terms only per unique x; :class:`Triples` keeps the index
arrays that let the models compute each quantity on the smallest set it depends on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ally.value.stats.errors import ValueModelError


@dataclass(frozen=True)
class Triples:
    """Unique (x, t_x, T) triples with summed weights.

    ``x_values``/``x_index``: unique frequencies and each triple's position among them;
    ``tx_values``/``tx_index`` and ``age_values``/``age_index`` likewise for recency and age.
    ``x``, ``recency``, ``age``, ``weight``: the triples themselves. ``n_customers``: total weight.
    """

    x: np.ndarray
    recency: np.ndarray
    age: np.ndarray
    weight: np.ndarray
    x_values: np.ndarray
    x_index: np.ndarray
    tx_values: np.ndarray
    tx_index: np.ndarray
    age_values: np.ndarray
    age_index: np.ndarray
    n_customers: float

    def x_weight(self) -> np.ndarray:
        """Total weight of each unique x (for terms that depend on x only)."""
        return np.bincount(self.x_index, weights=self.weight, minlength=len(self.x_values))


def as_arrays(frequency, recency, age, weights=None):
    """Validate and return float64 arrays (x, t_x, T, w). Raises ValueModelError naming the
    field that is wrong."""
    x = np.asarray(frequency, dtype=np.float64)
    tx = np.asarray(recency, dtype=np.float64)
    T = np.asarray(age, dtype=np.float64)
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=np.float64)
    if not (x.ndim == 1 and x.shape == tx.shape == T.shape == w.shape):
        raise ValueModelError("frequency, recency, age (and weights) must be 1-d arrays of the same length")
    for name, values in (("frequency", x), ("recency", tx), ("age", T), ("weights", w)):
        if not np.isfinite(values).all():
            raise ValueModelError(f"{name} has non-finite values")
        if (values < 0).any():
            raise ValueModelError(f"{name} has negative values")
    if (x != np.round(x)).any():
        raise ValueModelError("frequency must hold whole numbers (repeat purchase counts)")
    if (tx > T).any():
        raise ValueModelError("recency must not exceed age (t_x <= T)")
    if ((x == 0) & (tx != 0)).any():
        raise ValueModelError("recency must be 0 for customers with frequency 0")
    return x, tx, T, w


def compress(frequency, recency, age, weights=None) -> Triples:
    """Unique triples of the validated data, weights summed. Raises ValueModelError if there
    are no customers."""
    x, tx, T, w = as_arrays(frequency, recency, age, weights)
    if w.sum() <= 0:
        raise ValueModelError("no customers to fit (empty data or all weights zero)")
    return _compress(x, tx, T, w, weights is None)[0]


def compress_with_inverse(frequency, recency, age) -> tuple[Triples, np.ndarray]:
    """Unique triples and, for each customer, the index of its triple (for scoring: evaluate a
    model once per triple, then ``values[inverse]``)."""
    return _compress(*as_arrays(frequency, recency, age), False, want_inverse=True)


def unique_pairs(x: np.ndarray, m: np.ndarray, w: np.ndarray):
    """Unique (x, m) pairs and summed weights (for Gamma-Gamma: spend recorded in cents
    repeats a lot in large customer bases)."""
    x_values, x_code = _codes(x)
    m_values, m_code = _codes(m)
    n_keys = len(x_values) * len(m_values)
    if n_keys >= 2**62:
        return x, m, w
    unique_key, _, weight = group(x_code * len(m_values) + m_code, n_keys, w)
    x_index, m_index = np.divmod(unique_key, len(m_values))
    return x_values[x_index], m_values[m_index], weight


def _compress(x, tx, T, w, unit_weights: bool, want_inverse: bool = False):
    """Worker for :func:`compress` and :func:`compress_with_inverse`."""
    x_values, x_code = _codes(x)
    tx_values, tx_code = _codes(tx)
    age_values, age_code = _codes(T)
    n_tx, n_age = len(tx_values), len(age_values)
    n_keys = len(x_values) * n_tx * n_age
    if n_keys < 2**62:
        # One int64 key per customer: grouping integers is far faster than a 3-column lexsort.
        key = (x_code * n_tx + tx_code) * n_age + age_code
        unique_key, inverse, weight = group(key, n_keys, None if unit_weights else w, want_inverse)
        x_index, rest = np.divmod(unique_key, n_tx * n_age)
        tx_index, age_index = np.divmod(rest, n_age)
    else:
        rows, inverse = np.unique(np.stack([x_code, tx_code, age_code], axis=1), axis=0, return_inverse=True)
        inverse = inverse.ravel()
        x_index, tx_index, age_index = rows.T
        weight = np.bincount(inverse, weights=w, minlength=len(rows))
    triples = Triples(
        x=x_values[x_index],
        recency=tx_values[tx_index],
        age=age_values[age_index],
        weight=weight,
        x_values=x_values,
        x_index=x_index,
        tx_values=tx_values,
        tx_index=tx_index,
        age_values=age_values,
        age_index=age_index,
        n_customers=float(w.sum()),
    )
    return triples, inverse


def group(key: np.ndarray, n_keys: int, w: np.ndarray | None, want_inverse: bool = True):
    """Sorted unique keys, each element's position among them (may be None when not
    ``want_inverse``), and the sum of ``w`` per key (the count when ``w`` is None)."""
    if n_keys <= _dense_limit(len(key)):
        # Keys index a table directly: O(n) counting, no sort.
        present = np.bincount(key, minlength=n_keys) > 0
        unique = np.flatnonzero(present)
        inverse = (np.cumsum(present) - 1)[key]
    elif want_inverse or w is not None:
        unique = np.unique(key)
        inverse = np.searchsorted(unique, key)
    else:
        unique, counts = np.unique(key, return_counts=True)
        return unique, None, counts.astype(np.float64)
    return unique, inverse, np.bincount(inverse, weights=w, minlength=len(unique)).astype(np.float64)


def _dense_limit(n: int) -> int:
    """Largest key range worth a counting table for n elements."""
    return 8 * n + 4096


def _codes(values: np.ndarray):
    """Sorted unique values and each element's position among them.

    Times are usually recorded on a grid (whole days, or weeks rounded to 2 decimals): when
    every value is exactly k / scale for an integer k in a modest range, the codes come from a
    counting table in O(n). Otherwise np.unique + searchsorted (several times faster than
    np.unique's own inverse for float arrays)."""
    if len(values) == 0:
        return values, np.zeros(0, dtype=np.int64)
    for scale in GRID_SCALES:
        steps = _grid_steps(values, scale)
        if steps is not None:
            low = steps.min()
            unique_steps, codes, _ = group(steps - low, int(steps.max() - low) + 1, None)
            return (unique_steps + low) / scale, codes
    unique = np.unique(values)
    return unique, np.searchsorted(unique, values)


GRID_SCALES = (1.0, 100.0)


def _grid_steps(values: np.ndarray, scale: float):
    """Integers k with k / scale == values exactly (the map is then one-to-one), or None."""
    sample = values[:2048]
    if not np.array_equal(np.rint(sample * scale) / scale, sample):
        return None
    steps = np.rint(values * scale)
    if not np.array_equal(steps / scale, values) or np.ptp(steps) > _dense_limit(len(values)):
        return None
    return steps.astype(np.int64)
