"""Locate and load the CDNOW sample shipped beside the repository (../shared/data/cdnow).

Tests that need it call :func:`require` and are skipped, with the reason, when it is absent.
"""

from pathlib import Path

import numpy as np
import pytest

CDNOW = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cdnow"


def require(name: str) -> Path:
    """Path of a CDNOW file, or skip the test."""
    path = CDNOW / name
    if not path.exists():
        pytest.skip(f"CDNOW data not found at {path}")
    return path


def summary():
    """(id, x, t_x, T) from cdnow_customers_summary.csv."""
    data = np.loadtxt(require("cdnow_customers_summary.csv"), delimiter=",", skiprows=1)
    return data[:, 0], data[:, 1], data[:, 2], data[:, 3]


def summary_with_spend():
    """(id, x, t_x, T, zbar) from cdnow_customers_summary_with_transactions.csv."""
    data = np.loadtxt(require("cdnow_customers_summary_with_transactions.csv"), delimiter=",", skiprows=1)
    return tuple(data.T)


def raw_transactions():
    """(sample id, date, dollar value) from CDNOW_sample.txt (whitespace-separated, YYYYMMDD)."""
    raw = np.loadtxt(require("CDNOW_sample.txt"), dtype=str)
    days = raw[:, 2]
    dates = np.array([f"{d[:4]}-{d[4:6]}-{d[6:]}" for d in days], dtype="datetime64[D]")
    return raw[:, 1].astype(int), dates, raw[:, 4].astype(float)
