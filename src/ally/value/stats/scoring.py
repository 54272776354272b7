"""Evaluate a per-customer quantity once per unique (x, t_x, T) triple and spread it back.

Scoring a million customers repeats the same few tens of thousands of triples; models compute
their expressions (some with hypergeometric functions) on the triples only.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ally.value.stats.triples import Triples, compress_with_inverse


def per_customer(evaluate: Callable[[Triples], np.ndarray], frequency, recency, age) -> np.ndarray:
    """``evaluate(triples)`` returns one row per unique triple; return one row per customer."""
    triples, inverse = compress_with_inverse(frequency, recency, age)
    return evaluate(triples)[inverse]
