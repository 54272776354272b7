"""The simulator: reproducible, consistent data, and realistic time granularity."""

import numpy as np

from ally.value.stats.simulate import simulate_bgnbd, simulate_paretonbd, simulate_spend

BG = {"r": 0.5, "alpha": 5.0, "a": 0.8, "b": 2.0}
PARETO = {"r": 0.5, "alpha": 5.0, "s": 0.6, "beta": 10.0}


def test_same_seed_same_customers_and_data_is_consistent():
    age = np.linspace(1, 52, 5000)
    for simulate, params in ((simulate_bgnbd, BG), (simulate_paretonbd, PARETO)):
        one, two = simulate(params, age, seed=7), simulate(params, age, seed=7)
        assert np.array_equal(one.frequency, two.frequency) and np.array_equal(one.recency, two.recency)
        assert np.all(one.recency <= one.age) and np.all((one.frequency > 0) | (one.recency == 0))
        assert np.all(one.frequency == np.round(one.frequency)) and one.frequency.max() > 3


def test_resolution_floors_purchases_to_days_and_merges_them():
    age = np.round(np.random.default_rng(8).integers(190, 273, 5000) / 7, 2)
    fine = simulate_bgnbd({**BG, "alpha": 0.05}, age, seed=9)  # ~ 10 purchases a week: many share a day
    daily = simulate_bgnbd({**BG, "alpha": 0.05}, age, seed=9, resolution=1 / 7, decimals=2)
    assert np.all(daily.frequency <= fine.frequency) and daily.frequency.sum() < fine.frequency.sum()
    days = daily.recency * 7
    assert np.allclose(days, np.round(days), atol=0.04)  # whole days, after rounding weeks to 2 dp
    assert np.all(daily.recency <= daily.age + 0.01)


def test_spend_is_zero_without_repeat_purchases_and_positive_otherwise():
    x = np.array([0, 1, 4, 0, 2.0])
    spend = simulate_spend({"p": 6.0, "q": 3.7, "gamma": 15.0}, x, seed=10)
    assert np.all((spend > 0) == (x > 0))
