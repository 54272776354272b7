"""Maximum-likelihood machinery shared by the models, and the :class:`FitResult` they return.

Every model is fitted in log-parameter space (all parameters are positive, and the likelihood is
much closer to quadratic in the logs), minimising the *mean* negative log-likelihood per
customer so that gradient tolerances mean the same thing for 100 or 10 million customers.

Steps: L-BFGS-B with the model's analytic gradient, then Newton steps on a Hessian obtained by
central differences of that gradient (this polishes flat directions such as Pareto/NBD's beta
to full precision), then standard errors from the inverse Hessian of the total negative
log-likelihood in log space, mapped back by the delta method: se(theta) = theta * se(log theta).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from ally.value.errors import ValueModelError

# Log-parameters are kept in [-LOG_BOUND, LOG_BOUND]: parameters between 1e-9 and 1e9 cover
# any real customer base and keep gamma functions and powers finite.
LOG_BOUND = 20.7
HESSIAN_STEP = 1e-5
NEWTON_STEPS = 8
CONVERGED_GRADIENT = 1e-6
LBFGS_GRADIENT = 1e-5
HESSIAN_REUSE_STEP = 1e-3  # recompute the Hessian for standard errors if the polish moved more

Objective = Callable[[np.ndarray], tuple[float, np.ndarray]]


@dataclass(frozen=True)
class FitResult:
    """A fitted model: its name, ``params`` and ``std_errors`` by parameter name, the maximised
    ``log_likelihood`` (total over customers), ``n`` customers, and whether the optimiser
    ``converged`` (gradient ~ 0 and a positive-definite Hessian)."""

    model: str
    params: dict[str, float]
    std_errors: dict[str, float]
    log_likelihood: float
    n: int
    converged: bool


def maximise(
    model: str, names: tuple[str, ...], objective: Objective, start: np.ndarray, n_customers: float
) -> FitResult:
    """Minimise ``objective`` (mean negative log-likelihood and its gradient, both in log
    parameters) from ``start`` (log parameters) and package the result.

    Raises ValueModelError with fewer customers than parameters (nothing to identify them).
    ``converged`` is False when the gradient is not ~0, the Hessian is not positive definite
    (standard errors are then NaN) or a parameter ran to the 1e-9..1e9 bounds (a degenerate
    data set, e.g. a handful of customers)."""
    if n_customers < len(names):
        raise ValueModelError(f"cannot fit {model}: needs at least {len(names)} customers, got {n_customers:g}")
    bounds = [(-LOG_BOUND, LOG_BOUND)] * len(names)
    result = minimize(
        objective,
        np.clip(start, -LOG_BOUND, LOG_BOUND),
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        # Only needs to get close: the Newton polish below converges quadratically from there.
        options={"maxiter": 2000, "ftol": 1e-12, "gtol": LBFGS_GRADIENT},
    )
    theta, value, gradient, hessian = _newton_polish(objective, result.x)
    covariance = _covariance(hessian, n_customers)
    params = np.exp(theta)
    se = params * np.sqrt(np.diag(covariance)) if covariance is not None else np.full(len(names), np.nan)
    converged = bool(
        np.isfinite(value)
        and np.max(np.abs(gradient)) < CONVERGED_GRADIENT
        and covariance is not None
        and np.max(np.abs(theta)) < LOG_BOUND - 1e-3
    )
    return FitResult(
        model=model,
        params=dict(zip(names, params.tolist(), strict=True)),
        std_errors=dict(zip(names, se.tolist(), strict=True)),
        log_likelihood=float(-value * n_customers),
        n=int(round(n_customers)),
        converged=converged,
    )


def numerical_hessian(objective: Objective, theta: np.ndarray) -> np.ndarray:
    """Hessian by central differences of the analytic gradient, symmetrised."""
    k = len(theta)
    hessian = np.empty((k, k))
    for i in range(k):
        step = np.zeros(k)
        step[i] = HESSIAN_STEP
        hessian[i] = (objective(theta + step)[1] - objective(theta - step)[1]) / (2 * HESSIAN_STEP)
    return (hessian + hessian.T) / 2


def _newton_polish(objective: Objective, theta: np.ndarray):
    """Damped Newton steps from ``theta`` with one finite-difference Hessian (near the optimum it
    barely changes, and each Hessian costs 2k gradient evaluations); stops when a step no longer
    lowers the objective or no longer moves. Returns the final point, value, gradient and the
    Hessian there (recomputed only if the polish moved the point noticeably)."""
    start = theta
    value, gradient = objective(theta)
    hessian = numerical_hessian(objective, theta)
    for _ in range(NEWTON_STEPS):
        try:
            step = -np.linalg.solve(hessian, gradient)
        except np.linalg.LinAlgError:
            break
        if not np.all(np.isfinite(step)) or gradient @ step >= 0:
            break  # not a descent direction: the Hessian is not positive definite here
        for scale in (1.0, 0.5, 0.25, 0.125):
            candidate = np.clip(theta + scale * step, -LOG_BOUND, LOG_BOUND)
            candidate_value, candidate_gradient = objective(candidate)
            if candidate_value <= value:
                break
        else:
            break
        moved = np.max(np.abs(candidate - theta))
        theta, value, gradient = candidate, candidate_value, candidate_gradient
        if moved < 1e-10 or np.max(np.abs(gradient)) < 1e-13:
            break
    if np.max(np.abs(theta - start)) > HESSIAN_REUSE_STEP:
        hessian = numerical_hessian(objective, theta)
    return theta, value, gradient, hessian


def _covariance(mean_hessian: np.ndarray, n_customers: float) -> np.ndarray | None:
    """Inverse of the total negative log-likelihood Hessian, or None if it is not positive
    definite (then the standard errors are undefined)."""
    total = mean_hessian * n_customers
    try:
        np.linalg.cholesky(total)
    except np.linalg.LinAlgError:
        return None
    return np.linalg.inv(total)
