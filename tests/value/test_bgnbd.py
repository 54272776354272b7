"""BG/NBD: likelihood against a direct implementation, gradient, CDNOW published results,
parameter recovery, edge cases and properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import beta as beta_fn
from scipy.special import gamma as gamma_fn

from ally.value.stats import bgnbd
from ally.value.stats.errors import ValueModelError
from ally.value.stats.simulate import simulate_bgnbd
from ally.value.stats.triples import compress
from tests.value import cdnow
from tests.value.helpers import finite_difference_gradient, random_customers

POINTS = [
    {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
    {"r": 2.0, "alpha": 0.5, "a": 3.0, "b": 0.4},
    {"r": 0.05, "alpha": 30.0, "a": 0.2, "b": 9.0},
]


def direct_likelihood(params, x, tx, T):
    """The paper's eq. 6 without logs (fine for small x)."""
    r, alpha, a, b = (params[k] for k in bgnbd.NAMES)
    common = gamma_fn(r + x) * alpha**r / gamma_fn(r)
    alive = beta_fn(a, b + x) / beta_fn(a, b) * common / (alpha + T) ** (r + x)
    dead = np.where(
        x > 0, beta_fn(a + 1, b + np.maximum(x, 1) - 1) / beta_fn(a, b) * common / (alpha + tx) ** (r + x), 0
    )
    return alive + dead


@pytest.mark.parametrize("params", POINTS)
def test_log_likelihood_matches_direct_formula(params):
    x, tx, T = random_customers(300, seed=1)
    x = np.minimum(x, 8)
    tx = np.where(x > 0, tx, 0)
    got = bgnbd.log_likelihood(params, x, tx, T)
    assert got == pytest.approx(np.log(direct_likelihood(params, x, tx, T)), rel=1e-11, abs=1e-11)


@pytest.mark.parametrize("params", POINTS)
def test_fit_objective_gradient_matches_finite_differences_and_total(params):
    x, tx, T = random_customers(500, seed=2)
    triples = compress(x, tx, T)
    objective = bgnbd._Objective(triples)
    theta = np.log([params[k] for k in bgnbd.NAMES])
    value, gradient = objective(theta)
    assert gradient == pytest.approx(finite_difference_gradient(objective, theta), rel=1e-6, abs=1e-8)
    assert -value * len(x) == pytest.approx(bgnbd.log_likelihood(params, x, tx, T).sum(), rel=1e-12)


def test_weights_equal_repeated_rows():
    x, tx, T = random_customers(200, seed=3)
    weights = np.random.default_rng(0).integers(1, 4, len(x))
    weighted = bgnbd.fit_bgnbd(x, tx, T, weights=weights)
    repeated = bgnbd.fit_bgnbd(np.repeat(x, weights), np.repeat(tx, weights), np.repeat(T, weights))
    assert weighted.params == pytest.approx(repeated.params, rel=1e-6)
    assert weighted.log_likelihood == pytest.approx(repeated.log_likelihood, rel=1e-10)


def test_cdnow_matches_published_fit_and_conditional_expectation():
    _, x, tx, T = cdnow.summary()
    fit = bgnbd.fit_bgnbd(x, tx, T)
    assert fit.converged and fit.n == 2357
    assert {k: round(v, 3) for k, v in fit.params.items()} == {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    assert fit.log_likelihood >= -9582.45 and round(fit.log_likelihood, 1) == -9582.4
    assert all(0 < fit.std_errors[k] < fit.params[k] for k in bgnbd.NAMES)
    assert round(float(bgnbd.expected_purchases(fit.params, 39, [2], [30.43], [38.86])[0]), 3) == 1.226


def test_recovers_simulated_parameters_within_a_few_standard_errors():
    truth = {"r": 0.4, "alpha": 6.0, "a": 0.7, "b": 2.5}
    age = np.random.default_rng(4).uniform(20, 52, 20_000)
    data = simulate_bgnbd(truth, age, seed=5)
    fit = bgnbd.fit_bgnbd(data.frequency, data.recency, data.age)
    assert fit.converged
    for name in bgnbd.NAMES:
        assert abs(fit.params[name] - truth[name]) < 3.5 * fit.std_errors[name], name


def test_no_repeat_purchases_is_a_clear_error():
    with pytest.raises(ValueModelError, match="no customer made a repeat purchase"):
        bgnbd.fit_bgnbd([0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [10, 20, 30, 40, 50])


def test_too_few_customers_is_a_clear_error():
    with pytest.raises(ValueModelError, match="at least 4 customers"):
        bgnbd.fit_bgnbd([2], [30.0], [38.0])


@pytest.mark.parametrize(
    "frequency, recency, age, message",
    [
        ([1], [5.0], [4.0], "recency must not exceed age"),
        ([0], [1.0], [4.0], "recency must be 0"),
        ([1.5], [1.0], [4.0], "whole numbers"),
        ([-1], [0.0], [4.0], "negative"),
        ([1], [np.nan], [4.0], "non-finite"),
    ],
)
def test_inconsistent_data_is_named(frequency, recency, age, message):
    with pytest.raises(ValueModelError, match=message):
        bgnbd.p_alive(POINTS[0], frequency, recency, age)


def test_recency_equal_to_age_and_zero_frequency_scores():
    params = POINTS[0]
    assert bgnbd.p_alive(params, [0, 3], [0, 20.0], [20.0, 20.0]).tolist()[0] == 1.0
    # t_x = T: the customer bought at the very end, so dropping out is only the post-purchase coin.
    alive = bgnbd.p_alive(params, [3], [20.0], [20.0])[0]
    assert alive == pytest.approx(1 / (1 + params["a"] / (params["b"] + 2)))
    assert bgnbd.expected_purchases(params, 0.0, [3], [20.0], [20.0])[0] == pytest.approx(0.0, abs=1e-15)


def test_expected_purchases_accepts_many_horizons():
    values = bgnbd.expected_purchases(POINTS[0], np.array([10.0, 20.0]), [2, 0], [30.43, 0], [38.86, 38.86])
    assert values.shape == (2, 2)
    assert values[0, 1] == pytest.approx(bgnbd.expected_purchases(POINTS[0], 20.0, [2], [30.43], [38.86])[0])


@st.composite
def model_and_customer(draw):
    params = {k: draw(st.floats(0.05, 20.0)) for k in bgnbd.NAMES}
    age = draw(st.floats(0.1, 200.0))
    x = draw(st.integers(0, 60))
    recency = draw(st.floats(0.0, 1.0)) * age if x else 0.0
    return params, x, recency, age


@settings(max_examples=60, deadline=None)
@given(model_and_customer(), st.floats(0.01, 100.0), st.floats(0.0, 100.0))
def test_p_alive_is_a_probability_and_expectation_grows_with_horizon(case, t, extra):
    params, x, recency, age = case
    alive = bgnbd.p_alive(params, [x], [recency], [age])[0]
    assert 0.0 <= alive <= 1.0
    short, long = bgnbd.expected_purchases(params, np.array([t, t + extra]), [x], [recency], [age])[0]
    assert 0.0 <= short <= long * (1 + 1e-9) + 1e-12
