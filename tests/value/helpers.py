"""Shared helpers for the model tests: finite-difference gradients and random customer data."""

import numpy as np


def finite_difference_gradient(objective, theta, step=1e-6):
    """Central differences of objective(theta)[0]."""
    return np.array(
        [(objective(theta + e)[0] - objective(theta - e)[0]) / (2 * step) for e in np.eye(len(theta)) * step]
    )


def random_customers(n, seed, max_age=40.0):
    """Customers with arbitrary (not model-drawn) x, t_x <= T, including x = 0 and t_x = T."""
    rng = np.random.default_rng(seed)
    T = rng.uniform(0.5, max_age, n)
    x = rng.poisson(2.0, n).astype(float)
    tx = np.where(x > 0, rng.uniform(0, 1, n) * T, 0.0)
    tx[: n // 10] = np.where(x[: n // 10] > 0, T[: n // 10], 0.0)
    return x, tx, T
