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
