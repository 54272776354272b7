"""Discounted CLV and one-pass scoring."""

import numpy as np
import pytest

from ally.value.stats import bgnbd, paretonbd
from ally.value.stats.clv import WEEKS_PER_MONTH, lifetime_value, score_customers
from ally.value.stats.errors import ValueModelError
from ally.value.stats.gammagamma import expected_spend

BG = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PARETO = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
SPEND = {"p": 6.25, "q": 3.74, "gamma": 15.44}
X, TX, T, M = (
    np.array([0, 2, 5, 2.0]),
    np.array([0, 30.43, 10, 30.43]),
    np.array([38.86, 38.86, 38.86, 38.86]),
    np.array([0, 22.35, 40, 22.35]),
)


@pytest.mark.parametrize("model, module, params", [("bgnbd", bgnbd, BG), ("paretonbd", paretonbd, PARETO)])
def test_clv_is_the_discounted_sum_of_monthly_purchases(model, module, params):
    clv = lifetime_value(model, params, SPEND, X, TX, T, M, horizon_months=6, margin=0.3, monthly_discount_rate=0.02)
    expected = np.zeros(len(X))
    for month in range(1, 7):
        bought = module.expected_purchases(params, month * WEEKS_PER_MONTH, X, TX, T) - module.expected_purchases(
            params, (month - 1) * WEEKS_PER_MONTH, X, TX, T
        )
        expected += bought / 1.02**month
    assert clv == pytest.approx(0.3 * expected_spend(SPEND, X, M) * expected, rel=1e-12)
    assert clv[1] == pytest.approx(clv[3])  # same customer twice, same value


def test_no_discount_gives_spend_times_expected_purchases():
    clv = lifetime_value("bgnbd", BG, SPEND, X, TX, T, M, horizon_months=12, monthly_discount_rate=0.0)
    purchases = bgnbd.expected_purchases(BG, 12 * WEEKS_PER_MONTH, X, TX, T)
    assert clv == pytest.approx(expected_spend(SPEND, X, M) * purchases, rel=1e-12)


def test_score_customers_agrees_with_the_separate_functions():
    scores = score_customers("paretonbd", PARETO, SPEND, X, TX, T, M, purchase_horizon=39.0)
    assert scores.p_alive == pytest.approx(paretonbd.p_alive(PARETO, X, TX, T), rel=1e-12)
    assert scores.expected_purchases == pytest.approx(paretonbd.expected_purchases(PARETO, 39.0, X, TX, T), rel=1e-12)
    assert scores.clv == pytest.approx(lifetime_value("paretonbd", PARETO, SPEND, X, TX, T, M), rel=1e-12)


def test_longer_horizon_is_worth_more_and_empty_input_is_empty():
    short = lifetime_value("bgnbd", BG, SPEND, X, TX, T, M, horizon_months=6)
    long = lifetime_value("bgnbd", BG, SPEND, X, TX, T, M, horizon_months=24)
    assert np.all(long > short)
    assert lifetime_value("bgnbd", BG, SPEND, [], [], [], []).shape == (0,)


def test_bad_arguments_are_named():
    with pytest.raises(ValueModelError, match="model must be one of"):
        lifetime_value("nbd", BG, SPEND, X, TX, T, M)
    with pytest.raises(ValueModelError, match="horizon_months"):
        lifetime_value("bgnbd", BG, SPEND, X, TX, T, M, horizon_months=1.5)
    with pytest.raises(ValueModelError, match="BG/NBD parameters must be positive"):
        lifetime_value("bgnbd", {**BG, "a": -1.0}, SPEND, X, TX, T, M)
