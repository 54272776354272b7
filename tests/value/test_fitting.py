"""Maximum likelihood at a limit: when customers do not differ in how likely they are to drop out, the
BG/NBD likelihood has no interior maximum (it keeps rising as a and b run to infinity with a/(a+b) fixed).
The fit then reports that limit as converged, says what it means, and gives standard errors for the
parameters that stay identified."""

import numpy as np

from ally.value.stats import bgnbd, paretonbd
from ally.value.stats.simulate import simulate_bgnbd

SAME_DROPOUT = {"r": 0.8, "alpha": 10.0, "a": 2e5, "b": 8e5}  # everyone drops out with probability 0.2


def _same_dropout_customers(seed: int = 0):
    age = np.random.default_rng(seed).uniform(10, 104, 3000)
    return simulate_bgnbd(SAME_DROPOUT, age, seed=seed + 100)


def test_a_customer_base_without_dropout_heterogeneity_is_fitted_at_the_limit():
    # given customers who all share one dropout probability
    data = _same_dropout_customers()
    # when BG/NBD is fitted
    fit = bgnbd.fit_bgnbd(data.frequency, data.recency, data.age)
    # then the fit converged at the limit, recovers the shared probability and says what it means
    assert fit.converged and fit.limit.startswith("a and b run to infinity")
    shared = fit.params["a"] / (fit.params["a"] + fit.params["b"])
    assert abs(shared - 0.2) < 0.03 and f"{shared:.4g}" in fit.limit
    for name in ("r", "alpha"):
        assert abs(fit.params[name] - SAME_DROPOUT[name]) < 3.5 * fit.std_errors[name], name
    assert np.isnan(fit.std_errors["a"]) and np.isnan(fit.std_errors["b"])


def test_the_limit_is_at_least_as_likely_as_every_point_on_the_way_to_it():
    data = _same_dropout_customers()
    fit = bgnbd.fit_bgnbd(data.frequency, data.recency, data.age)
    total = np.sum(bgnbd.log_likelihood(fit.params, data.frequency, data.recency, data.age))
    assert abs(fit.log_likelihood - total) < 1e-9 * abs(total)  # gamma functions of ~1e6 lose a few digits
    share = fit.params["a"] / (fit.params["a"] + fit.params["b"])
    for spread in (1.0, 10.0, 100.0, 1e3, 1e4):
        on_the_way = dict(fit.params, a=share * spread, b=(1 - share) * spread)
        assert np.sum(bgnbd.log_likelihood(on_the_way, data.frequency, data.recency, data.age)) <= total, spread


def test_a_customer_base_that_differs_keeps_its_interior_maximum():
    # given customers whose dropout probabilities really differ (Beta(0.7, 2.5))
    age = np.random.default_rng(4).uniform(20, 52, 5000)
    data = simulate_bgnbd({"r": 0.4, "alpha": 6.0, "a": 0.7, "b": 2.5}, age, seed=5)
    # then both purchase models find an interior maximum, with every standard error
    for fit in (bgnbd.fit_bgnbd(data.frequency, data.recency, data.age),
                paretonbd.fit_paretonbd(data.frequency, data.recency, data.age)):
        assert fit.converged and fit.limit is None, fit.model
        assert all(np.isfinite(se) for se in fit.std_errors.values()), fit.model


def test_pareto_nbd_reaches_the_same_kind_of_limit_on_the_same_customers():
    data = _same_dropout_customers()
    fit = paretonbd.fit_paretonbd(data.frequency, data.recency, data.age)
    assert fit.converged and fit.limit.startswith("s and beta run to infinity")
    assert np.isfinite(fit.std_errors["r"]) and np.isnan(fit.std_errors["s"])
