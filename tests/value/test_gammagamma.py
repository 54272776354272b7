"""Gamma-Gamma spend: likelihood, gradient, CDNOW, recovery, expected spend, errors."""

import numpy as np
import pytest
from scipy.special import gamma as gamma_fn

from ally.value.stats import gammagamma
from ally.value.stats.errors import ValueModelError
from ally.value.stats.simulate import simulate_spend
from tests.value import cdnow
from tests.value.helpers import finite_difference_gradient

PARAMS = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def direct_density(params, x, m):
    """Density of the mean of x Gamma(p, nu) values with nu ~ Gamma(q, gamma), without logs."""
    p, q, g = params["p"], params["q"], params["gamma"]
    return (
        gamma_fn(p * x + q)
        / (gamma_fn(p * x) * gamma_fn(q))
        * g**q
        * x ** (p * x)
        * m ** (p * x - 1)
        / (g + x * m) ** (p * x + q)
    )


def test_log_likelihood_matches_direct_density_and_ignores_zero_frequency():
    x = np.array([1.0, 2, 3, 5, 0])
    m = np.array([10.0, 25, 40, 7.5, 0])
    got = gammagamma.log_likelihood(PARAMS, x, m)
    assert got[:4] == pytest.approx(np.log(direct_density(PARAMS, x[:4], m[:4])), rel=1e-12)
    assert got[4] == 0.0


def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(21)
    x = rng.integers(1, 10, 300).astype(float)
    m = rng.gamma(3.0, 10.0, 300)
    objective = gammagamma._Objective(x, m, np.ones_like(x))
    theta = np.log([2.0, 5.0, 30.0])
    _, gradient = objective(theta)
    assert gradient == pytest.approx(finite_difference_gradient(objective, theta), rel=1e-6, abs=1e-9)


def test_cdnow_file_fit_matches_published_to_rounding_of_zbar():
    _, x, _, _, zbar = cdnow.summary_with_spend()
    fit = gammagamma.fit_gammagamma(x, zbar)
    assert fit.converged and fit.n == 946
    assert (round(fit.params["p"], 2), round(fit.params["q"], 2)) == (6.25, 3.74)
    # zbar in the file is rounded to cents; on the unrounded spend gamma is 15.44 exactly
    # (tests/value/test_summary.py), on the rounded one 15.448.
    assert fit.params["gamma"] == pytest.approx(15.44, abs=0.01)


def test_recovers_simulated_parameters():
    truth = {"p": 4.0, "q": 3.0, "gamma": 20.0}
    x = np.random.default_rng(22).integers(1, 8, 20_000).astype(float)
    fit = gammagamma.fit_gammagamma(x, simulate_spend(truth, x, seed=23))
    for name in gammagamma.NAMES:
        assert abs(fit.params[name] - truth[name]) < 3.5 * fit.std_errors[name], name


def test_expected_spend_shrinks_towards_the_population_mean():
    population = PARAMS["p"] * PARAMS["gamma"] / (PARAMS["q"] - 1)
    spend = gammagamma.expected_spend(PARAMS, [0, 1, 100], [0, 50.0, 50.0])
    assert spend[0] == pytest.approx(population)
    assert population < spend[1] < spend[2] < 50.0 + 1


def test_errors_are_clear():
    with pytest.raises(ValueModelError, match="no customer made a repeat purchase"):
        gammagamma.fit_gammagamma([0, 0, 0, 0], [0, 0, 0, 0])
    with pytest.raises(ValueModelError, match="monetary must be positive"):
        gammagamma.fit_gammagamma([1, 2, 3, 1], [10.0, 0.0, 5.0, 3.0])
    with pytest.raises(ValueModelError, match="q > 1"):
        gammagamma.expected_spend({"p": 1.0, "q": 0.9, "gamma": 1.0}, [1], [1.0])
    with pytest.raises(ValueModelError, match="at least 3 customers"):
        gammagamma.fit_gammagamma([2], [10.0])
