"""Fit a whole customer base in one call: purchase model, spend model, per-customer scores, and a
check of the fit against its own data. Shared by the workspace fit (services) and the analyst's
`ally value fit --transactions FILE`; plain numpy, no Django.

The purchase model (BG/NBD or Pareto/NBD) learns how often customers buy and how likely they are to
have stopped; Gamma-Gamma learns how much they spend per purchase. From both come, per customer,
P(alive), the purchases expected in the next 12 months, the expected spend per purchase and the
discounted lifetime value over ``horizon_months``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ally.value.stats.bgnbd import fit_bgnbd
from ally.value.stats.clv import DAYS_PER_MONTH, WEEKS_PER_MONTH, Scores, score_customers, score_purchases
from ally.value.stats.errors import ValueModelError
from ally.value.stats.fitting import FitResult
from ally.value.stats.gammagamma import fit_gammagamma
from ally.value.stats.paretonbd import fit_paretonbd
from ally.value.stats.simulate import simulate_bgnbd, simulate_paretonbd
from ally.value.stats.summary import CustomerSummary

FITS = {"bgnbd": fit_bgnbd, "paretonbd": fit_paretonbd}
SIMULATIONS = {"bgnbd": simulate_bgnbd, "paretonbd": simulate_paretonbd}
UNIT_PER_MONTH = {"weeks": WEEKS_PER_MONTH, "days": DAYS_PER_MONTH}
# One day in the unit: purchases are counted per day, so simulated ones are merged per day too.
DAY_IN_UNIT = {"weeks": 1 / 7, "days": 1.0}
# Below these the parameters are mostly noise: four parameters need a few dozen customers, and the
# dropout process is only identified by customers who came back.
MIN_CUSTOMERS = 20
MIN_REPEAT_CUSTOMERS = 5
PURCHASE_HORIZON_MONTHS = 12
HORIZON_MONTHS = 36
MONTHLY_DISCOUNT_RATE = 0.01
CHECK_BUCKETS = 8  # customers with 0, 1, ..., 6 and 7+ repeat purchases
CHECK_DRAWS = 20
CHECK_SEED = 20260101


@dataclass(frozen=True)
class CustomerBaseFit:
    """The fitted purchase and spend models, the per-customer scores (aligned with the summary) and
    ``fit_check``: actual vs model-expected customers by number of repeat purchases."""

    purchase: FitResult
    spend: FitResult
    scores: Scores
    fit_check: dict


@dataclass(frozen=True)
class PurchaseFit:
    """The purchase model alone, for transactions without amounts: ``p_alive`` and
    ``expected_purchases`` (next 12 months) aligned with the summary, and ``fit_check``."""

    purchase: FitResult
    p_alive: np.ndarray
    expected_purchases: np.ndarray
    fit_check: dict


def fit_customer_base(summary: CustomerSummary, *, model: str = "bgnbd", unit: str = "weeks",
                      horizon_months: int = HORIZON_MONTHS,
                      monthly_discount_rate: float = MONTHLY_DISCOUNT_RATE) -> CustomerBaseFit:
    """Fit ``model`` and Gamma-Gamma to ``summary`` (times in ``unit``) and score every customer.

    Raises ValueModelError, with a message meant for the user, when there are fewer than
    MIN_CUSTOMERS customers or MIN_REPEAT_CUSTOMERS who bought more than once, when no repeat
    purchase has a positive amount, or when a model cannot be fitted or scored on the data.
    """
    _check_arguments(summary, model, unit)
    purchase = FITS[model](summary.frequency, summary.recency, summary.age)
    # Repeat customers whose repeat purchases were all free say nothing about spend per purchase.
    paid = (summary.frequency == 0) | (summary.monetary > 0)
    if not ((summary.frequency > 0) & paid).any():
        raise ValueModelError("cannot fit spend: no repeat purchase has a positive amount")
    spend = fit_gammagamma(summary.frequency, summary.monetary, weights=paid.astype(np.float64))
    unit_per_month = UNIT_PER_MONTH[unit]
    scores = score_customers(
        model, purchase.params, spend.params, summary.frequency, summary.recency, summary.age, summary.monetary,
        purchase_horizon=PURCHASE_HORIZON_MONTHS * unit_per_month, horizon_months=horizon_months,
        unit_per_month=unit_per_month, monthly_discount_rate=monthly_discount_rate)
    if not all(np.isfinite(values).all() for values in (scores.p_alive, scores.expected_purchases, scores.clv)):
        raise ValueModelError(f"the {model} fit gives non-finite predictions on this data; try the other model")
    return CustomerBaseFit(purchase=purchase, spend=spend, scores=scores,
                           fit_check=fit_check(model, purchase.params, summary, unit))


def fit_purchases(summary: CustomerSummary, *, model: str = "bgnbd", unit: str = "weeks") -> PurchaseFit:
    """Fit ``model`` alone (no spend, so no lifetime value) and give each customer P(alive) and the
    purchases expected in the next 12 months. Raises ValueModelError like fit_customer_base."""
    _check_arguments(summary, model, unit)
    purchase = FITS[model](summary.frequency, summary.recency, summary.age)
    p_alive, expected = score_purchases(model, purchase.params, summary.frequency, summary.recency, summary.age,
                                        purchase_horizon=PURCHASE_HORIZON_MONTHS * UNIT_PER_MONTH[unit])
    if not (np.isfinite(p_alive).all() and np.isfinite(expected).all()):
        raise ValueModelError(f"the {model} fit gives non-finite predictions on this data; try the other model")
    return PurchaseFit(purchase=purchase, p_alive=p_alive, expected_purchases=expected,
                       fit_check=fit_check(model, purchase.params, summary, unit))


def _check_arguments(summary: CustomerSummary, model: str, unit: str) -> None:
    if model not in FITS:
        raise ValueModelError(f"model must be one of {', '.join(sorted(FITS))}, not {model!r}")
    if unit not in UNIT_PER_MONTH:
        raise ValueModelError(f"unit must be one of {', '.join(sorted(UNIT_PER_MONTH))}, not {unit!r}")
    _check_enough(summary)


def _check_enough(summary: CustomerSummary) -> None:
    customers = len(summary)
    repeat = int((summary.frequency > 0).sum())
    if customers < MIN_CUSTOMERS or repeat < MIN_REPEAT_CUSTOMERS:
        raise ValueModelError(
            f"too few customers to fit lifetime value: {customers} customer{'s' if customers != 1 else ''}, "
            f"{repeat} of them bought more than once (needs at least {MIN_CUSTOMERS} customers and "
            f"{MIN_REPEAT_CUSTOMERS} who bought again)")


def fit_check(model: str, params, summary: CustomerSummary, unit: str) -> dict:
    """How many customers made 0, 1, ..., 7+ repeat purchases, actually and as the fitted model expects
    for customers of the same ages (the mean of CHECK_DRAWS simulations, seeded, so it is reproducible)."""
    actual = _buckets(summary.frequency)
    simulate = SIMULATIONS[model]
    rng = np.random.default_rng(CHECK_SEED)
    expected = np.mean([
        _buckets(simulate(params, summary.age, seed=rng.integers(2**32), resolution=DAY_IN_UNIT[unit]).frequency)
        for _ in range(CHECK_DRAWS)
    ], axis=0)
    labels = [str(k) for k in range(CHECK_BUCKETS - 1)] + [f"{CHECK_BUCKETS - 1}+"]
    return {"repeat_purchases": labels, "actual": actual.astype(int).tolist(),
            "expected": [round(float(v), 1) for v in expected]}


def _buckets(frequency: np.ndarray) -> np.ndarray:
    return np.bincount(np.minimum(frequency.astype(np.int64), CHECK_BUCKETS - 1), minlength=CHECK_BUCKETS)
