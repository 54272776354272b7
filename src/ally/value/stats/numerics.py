"""Small numeric helpers shared by the models."""

import numpy as np


def dot(a: np.ndarray, b: np.ndarray):
    """Sum over the last axis of a * b (a vector dot product, or matrix rows times a vector).

    Used instead of ``@`` in the likelihoods: ``@`` goes to BLAS, which may run these
    memory-bound products on several threads; on a busy machine (a web server, a test run next
    to other jobs) the thread hand-offs cost far more than the arithmetic. einsum's own loop
    stays on the calling thread.
    """
    return np.einsum("...i,i->...", a, b)


# Above this, lnGamma(z) is ~z ln z (1e5 at z = 1e4): differences of two of them lose digits, so
# log_rising switches to Stirling's series, whose first omitted term, 1/(360 z^3), is then < 3e-15.
STIRLING_FROM = 1e4


def log_rising(z, x):
    """lnGamma(z + x) - lnGamma(z) for z > 0, x >= 0, accurate also for large z.

    lnGamma(z + x) - lnGamma(z) is of order x ln z, but each lnGamma is of order z ln z: for the
    large z of a nearly collapsed Beta(a, b) (a + b ~ 1e6) the plain difference keeps only ~1e-9 of
    absolute precision, enough noise to stall an optimiser. For large z, Stirling's series:
    x ln z + (z + x - 1/2) log1p(x/z) - x + 1/(12 (z + x)) - 1/(12 z)."""
    from scipy.special import gammaln

    z, x = np.broadcast_arrays(np.asarray(z, dtype=np.float64), np.asarray(x, dtype=np.float64))
    large = z > STIRLING_FROM
    zl, xl = np.where(large, z, STIRLING_FROM), np.where(large, x, 0.0)
    stirling = (xl * np.log(zl) + (zl + xl - 0.5) * np.log1p(xl / zl) - xl
                - xl / (12.0 * zl * (zl + xl)))
    return np.where(large, stirling, gammaln(z + x) - gammaln(z))
