"""Per-customer lifetime value from a purchase model (BG/NBD or Pareto/NBD) and Gamma-Gamma spend.

Discounted CLV over a horizon of H months, with monthly discounting (the formula the
``lifetimes`` package uses, so results can be compared):

    CLV = margin * E[spend | x, m] * sum_{i=1..H} (E[Y(i D)] - E[Y((i-1) D)]) / (1 + d)^i

where E[Y(t)] is the model's expected number of purchases in the next t periods given the
customer's (x, t_x, T), D = ``unit_per_month`` (periods of the data per month: weeks per month
for weekly data), d = ``monthly_discount_rate``, and E[spend] is the Gamma-Gamma conditional
expected transaction value. Purchases in month i are discounted as if made at its end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ally.value.stats import bgnbd, paretonbd
from ally.value.stats.errors import ValueModelError
from ally.value.stats.gammagamma import expected_spend
from ally.value.stats.numerics import dot
from ally.value.stats.triples import compress_with_inverse

DAYS_PER_MONTH = 365.25 / 12
WEEKS_PER_MONTH = DAYS_PER_MONTH / 7
MODELS = {"bgnbd": bgnbd, "paretonbd": paretonbd}


@dataclass(frozen=True)
class Scores:
    """Per-customer scores, aligned with the input arrays: ``p_alive``, ``expected_purchases``
    (over the requested horizon), ``expected_spend`` (per transaction) and ``clv``."""

    p_alive: np.ndarray
    expected_purchases: np.ndarray
    expected_spend: np.ndarray
    clv: np.ndarray


def lifetime_value(
    model: str,
    params: Mapping[str, float],
    spend_params: Mapping[str, float],
    frequency,
    recency,
    age,
    monetary,
    *,
    horizon_months: int = 12,
    unit_per_month: float = WEEKS_PER_MONTH,
    margin: float = 1.0,
    monthly_discount_rate: float = 0.01,
) -> np.ndarray:
    """Discounted CLV per customer (see the module docstring). ``model`` is "bgnbd" or
    "paretonbd"; ``params`` its fitted parameters; ``spend_params`` the Gamma-Gamma ones."""
    return score_customers(
        model,
        params,
        spend_params,
        frequency,
        recency,
        age,
        monetary,
        purchase_horizon=unit_per_month,
        horizon_months=horizon_months,
        unit_per_month=unit_per_month,
        margin=margin,
        monthly_discount_rate=monthly_discount_rate,
    ).clv


def score_customers(
    model: str,
    params: Mapping[str, float],
    spend_params: Mapping[str, float],
    frequency,
    recency,
    age,
    monetary,
    *,
    purchase_horizon: float,
    horizon_months: int = 12,
    unit_per_month: float = WEEKS_PER_MONTH,
    margin: float = 1.0,
    monthly_discount_rate: float = 0.01,
) -> Scores:
    """P(alive), expected purchases over ``purchase_horizon`` periods, expected spend and CLV in
    one pass: the (x, t_x, T) triples are compressed once and every model expression is
    evaluated per unique triple."""
    module = _model(model)
    _check_clv_arguments(horizon_months, unit_per_month, margin, monthly_discount_rate)
    triples, inverse = compress_with_inverse(frequency, recency, age)
    months = np.arange(int(horizon_months) + 1) * unit_per_month
    # One call for every month end and the purchase horizon (last column).
    cumulative = module.expected_on_triples(params, np.r_[months, purchase_horizon], triples)
    discount = (1.0 + monthly_discount_rate) ** -np.arange(1, int(horizon_months) + 1)
    discounted = dot(np.diff(cumulative[:, :-1], axis=1), discount)
    spend = expected_spend(spend_params, frequency, monetary)
    return Scores(
        p_alive=module.p_alive_on_triples(params, triples)[inverse],
        expected_purchases=cumulative[inverse, -1],
        expected_spend=spend,
        clv=margin * spend * discounted[inverse],
    )


def score_purchases(model: str, params: Mapping[str, float], frequency, recency, age, *,
                    purchase_horizon: float) -> tuple[np.ndarray, np.ndarray]:
    """P(alive) and expected purchases over ``purchase_horizon`` periods per customer, from the purchase
    model alone: what can be said without amounts."""
    module = _model(model)
    triples, inverse = compress_with_inverse(frequency, recency, age)
    expected = module.expected_on_triples(params, np.array([float(purchase_horizon)]), triples)[:, 0]
    return module.p_alive_on_triples(params, triples)[inverse], expected[inverse]


def _model(name: str):
    try:
        return MODELS[name]
    except KeyError:
        raise ValueModelError(f"model must be one of {sorted(MODELS)}, not {name!r}") from None


def _check_clv_arguments(horizon_months, unit_per_month, margin, monthly_discount_rate) -> None:
    if int(horizon_months) != horizon_months or horizon_months < 0:
        raise ValueModelError(f"horizon_months must be a whole number >= 0, got {horizon_months}")
    if not unit_per_month > 0:
        raise ValueModelError(f"unit_per_month must be positive, got {unit_per_month}")
    if not np.isfinite(margin):
        raise ValueModelError(f"margin must be finite, got {margin}")
    if not monthly_discount_rate > -1:
        raise ValueModelError(f"monthly_discount_rate must be > -1, got {monthly_discount_rate}")
