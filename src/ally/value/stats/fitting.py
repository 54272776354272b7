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
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import minimize

from ally.value.stats.errors import ValueModelError

# Log-parameters are kept in [-LOG_BOUND, LOG_BOUND]: parameters between 1e-9 and 1e9 cover
# any real customer base and keep gamma functions and powers finite.
LOG_BOUND = 20.7
HESSIAN_STEP = 1e-5
NEWTON_STEPS = 8
CONVERGED_GRADIENT = 1e-6
LBFGS_GRADIENT = 1e-5
HESSIAN_REUSE_STEP = 1e-3  # recompute the Hessian for standard errors if the polish moved more
# A shape/scale pair above COLLAPSE_FROM is heading for its limit (e.g. Beta(100, 900) is already
# nearly one value); the limit is fitted with the pair's geometric mean at COLLAPSE_AT, where the
# distribution is one value to ~1e-6 and the log-likelihood within ~1e-4 of the exact limit, while
# the gamma functions of parameters that size still keep ~1e-9 precision.
COLLAPSE_FROM = 100.0
COLLAPSE_AT = 1e6
# "As likely", in mean log-likelihood per customer. Against a converged interior maximum: at least
# as likely, up to rounding. Against a free fit that found no maximum, or stopped past COLLAPSE_AT,
# i.e. ran out along the ridge: within what the rest of the ridge can add, ~c / COLLAPSE_AT for a c
# of order one.
LIMIT_TOLERANCE = 1e-9
RIDGE_TOLERANCE = 1e-5

Objective = Callable[[np.ndarray], tuple[float, np.ndarray]]


@dataclass(frozen=True)
class FitResult:
    """A fitted model: its name, ``params`` and ``std_errors`` by parameter name, the maximised
    ``log_likelihood`` (total over customers), ``n`` customers, whether the optimiser
    ``converged`` (gradient ~ 0 and a positive-definite Hessian), and ``limit``: when the maximum is
    where a mixing distribution collapses to one value (see :class:`Collapse`), what that means."""

    model: str
    params: dict[str, float]
    std_errors: dict[str, float]
    log_likelihood: float
    n: int
    converged: bool
    limit: str | None = None


@dataclass(frozen=True)
class Collapse:
    """A pair of parameters, a shape and a scale of a mixing distribution (Beta(a, b) of dropout,
    Gamma(r, alpha) of purchase rates...), that may both run to infinity with their ratio fixed:
    the distribution then collapses to a single value, i.e. customers do not differ in that
    respect. On a small or homogeneous customer base the likelihood often keeps rising towards that
    limit, so there is no interior maximum; the limit itself is the maximum-likelihood model.
    ``describe(params)`` says in words what the limit means."""

    first: str
    second: str
    describe: Callable[[dict[str, float]], str]


@dataclass(frozen=True)
class _Optimum:
    theta: np.ndarray
    value: float
    covariance: np.ndarray | None
    interior: bool  # gradient ~ 0, Hessian positive definite, nothing at the bounds


def maximise(
    model: str, names: tuple[str, ...], objective: Objective, start: np.ndarray, n_customers: float,
    collapses: tuple[Collapse, ...] = (),
) -> FitResult:
    """Minimise ``objective`` (mean negative log-likelihood and its gradient, both in log
    parameters) from ``start`` (log parameters) and package the result.

    Raises ValueModelError with fewer customers than parameters (nothing to identify them).
    When a pair in ``collapses`` has run far out (both above COLLAPSE_FROM), the model is refitted
    at the pair's limit (see :func:`_limit_fit`) and, if that is at least as likely, reported as
    converged with ``limit`` set and no standard errors for the pair. Otherwise ``converged`` is
    False when the gradient is not ~0, the Hessian is not positive definite (standard errors are
    then NaN) or a parameter ran to the 1e-9..1e9 bounds (a degenerate data set, e.g. a handful of
    customers)."""
    if n_customers < len(names):
        raise ValueModelError(f"cannot fit {model}: needs at least {len(names)} customers, got {n_customers:g}")
    bounds = [(-LOG_BOUND, LOG_BOUND)] * len(names)
    optimum = _optimise(objective, start, bounds, n_customers)
    params = dict(zip(names, np.exp(optimum.theta).tolist(), strict=True))
    for collapse in collapses:
        if min(params[collapse.first], params[collapse.second]) > COLLAPSE_FROM:
            fitted = _limit_fit(model, names, objective, optimum, collapse, n_customers)
            if fitted is not None:
                return fitted
    return _result(model, names, optimum, n_customers, converged=optimum.interior)


def _optimise(objective: Objective, start: np.ndarray, bounds, n_customers: float) -> _Optimum:
    """L-BFGS-B, then the Newton polish; the covariance of the log parameters if the Hessian allows."""
    low, high = np.array(bounds).T
    result = minimize(
        objective,
        np.clip(start, low, high),
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        # Only needs to get close: the Newton polish below converges quadratically from there.
        options={"maxiter": 2000, "ftol": 1e-12, "gtol": LBFGS_GRADIENT},
    )
    theta, value, gradient, hessian = _newton_polish(objective, result.x, low, high)
    covariance = _covariance(hessian, n_customers)
    interior = bool(
        np.isfinite(value)
        and np.max(np.abs(gradient)) < CONVERGED_GRADIENT
        and covariance is not None
        and np.all(theta > low + 1e-3) and np.all(theta < high - 1e-3)
    )
    return _Optimum(theta=theta, value=float(value), covariance=covariance, interior=interior)


def _limit_fit(model: str, names: tuple[str, ...], objective: Objective, optimum: _Optimum, collapse: Collapse,
               n_customers: float) -> FitResult | None:
    """Refit with the pair (i, j) held at its limit: their geometric mean fixed at COLLAPSE_AT (the
    mixing distribution is then a single value to ~1e-6), only their difference in logs (the log of
    their ratio, which is what stays identified) free. Returns the limit fit if it converges and is
    as likely as ``optimum`` (see LIMIT_TOLERANCE, RIDGE_TOLERANCE), else None (there is a genuine
    interior maximum, or neither converges)."""
    i, j = names.index(collapse.first), names.index(collapse.second)
    others = [k for k in range(len(names)) if k not in (i, j)]
    centre = np.log(COLLAPSE_AT)

    def embed(phi: np.ndarray) -> np.ndarray:
        theta = np.empty(len(names))
        theta[others] = phi[:-1]
        theta[i], theta[j] = centre + phi[-1] / 2, centre - phi[-1] / 2
        return theta

    def reduced(phi: np.ndarray) -> tuple[float, np.ndarray]:
        value, gradient = objective(embed(phi))
        return value, np.r_[gradient[others], (gradient[i] - gradient[j]) / 2]

    spread = 2 * (LOG_BOUND - centre)  # keeps both of the pair within the bounds
    bounds = [(-LOG_BOUND, LOG_BOUND)] * len(others) + [(-spread, spread)]
    start = np.r_[optimum.theta[others], optimum.theta[i] - optimum.theta[j]]
    limit = _optimise(reduced, start, bounds, n_customers)
    # A free fit that stopped past COLLAPSE_AT is on the ridge too, even if it looks converged there.
    on_ridge = not optimum.interior or (optimum.theta[i] + optimum.theta[j]) / 2 > centre
    tolerance = RIDGE_TOLERANCE if on_ridge else LIMIT_TOLERANCE
    if not limit.interior or limit.value > optimum.value + tolerance:
        return None
    theta = embed(limit.theta)
    covariance = np.full((len(names), len(names)), np.nan)
    covariance[np.ix_(others, others)] = limit.covariance[:-1, :-1]
    fitted = _Optimum(theta=theta, value=limit.value, covariance=covariance, interior=True)
    result = _result(model, names, fitted, n_customers, converged=True)
    return replace(result, limit=collapse.describe(result.params))


def _result(model: str, names: tuple[str, ...], optimum: _Optimum, n_customers: float, *,
            converged: bool) -> FitResult:
    params = np.exp(optimum.theta)
    covariance = optimum.covariance
    se = params * np.sqrt(np.diag(covariance)) if covariance is not None else np.full(len(names), np.nan)
    return FitResult(
        model=model,
        params=dict(zip(names, params.tolist(), strict=True)),
        std_errors=dict(zip(names, se.tolist(), strict=True)),
        log_likelihood=float(-optimum.value * n_customers),
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


def _newton_polish(objective: Objective, theta: np.ndarray, low: np.ndarray, high: np.ndarray):
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
            candidate = np.clip(theta + scale * step, low, high)
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
