"""How a fitted purchase model does on the periods after its calibration: the repeat purchases it expects of
its customers in each period, to set beside those they made (the holdout check of Fader, Hardie and Lee)."""

from collections.abc import Mapping, Sequence

import numpy as np

from ally.value.stats.clv import MODELS
from ally.value.stats.errors import ValueModelError
from ally.value.stats.triples import compress_with_inverse


def expected_by_period(model: str, params: Mapping[str, float], frequency, recency, age,
                       horizons: Sequence[float]) -> np.ndarray:
    """Expected repeat purchases summed over all customers in each period (0, h1], (h1, h2], …, the horizons
    counted from the calibration end in the summary's unit and increasing."""
    if model not in MODELS:
        raise ValueModelError(f"model must be one of {sorted(MODELS)}, not {model!r}")
    ends = np.asarray(horizons, dtype=np.float64)
    if ends.size == 0:
        return np.zeros(0)
    if np.any(np.diff(ends) <= 0) or ends[0] <= 0:
        raise ValueModelError("horizons must be positive and increasing")
    triples, inverse = compress_with_inverse(frequency, recency, age)
    cumulative = MODELS[model].expected_on_triples(params, ends, triples)[inverse].sum(axis=0)
    return np.diff(np.r_[0.0, cumulative])
