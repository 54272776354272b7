"""Per-customer RFM summary (frequency, recency, age, mean repeat spend) from transactions.

Definitions (the ones the BG/NBD, Pareto/NBD and Gamma-Gamma papers and the CDNOW files use):

- A purchase *occasion* is a (customer, day): several rows on one day merge into one occasion
  whose amount is the sum of the rows.
- Only transactions on or before ``calibration_end`` (inclusive) count; customers whose first
  purchase is after it are left out.
- ``frequency`` x: number of repeat occasions (occasions after the first).
- ``recency`` t_x: time from the first occasion to the last one (0 when x = 0).
- ``age`` T: time from the first occasion to ``calibration_end``.
- ``monetary``: mean amount of the repeat occasions (0 when x = 0); the first purchase is left
  out, as in Fader, Hardie & Lee (2005) "RFM and CLV".

Times are in ``unit`` ("days" or "weeks" = days / 7), optionally rounded to ``decimals``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ally.value.stats.errors import ValueModelError

DAYS_PER_UNIT = {"days": 1.0, "weeks": 7.0}


@dataclass(frozen=True)
class CustomerSummary:
    """Per-customer arrays, aligned: ``customer_ids`` (sorted), ``frequency`` (repeat purchase
    days, float), ``recency`` t_x, ``age`` T (both in the summary's unit), ``monetary`` (mean
    repeat-occasion amount)."""

    customer_ids: np.ndarray
    frequency: np.ndarray
    recency: np.ndarray
    age: np.ndarray
    monetary: np.ndarray

    def __len__(self) -> int:
        return len(self.customer_ids)


def summarise(
    customer_ids, dates, amounts, *, calibration_end, unit: str = "weeks", decimals: int | None = None
) -> CustomerSummary:
    """Build a :class:`CustomerSummary` from transaction arrays.

    ``dates`` is anything numpy converts to ``datetime64`` (dates, ISO strings, datetime64 of any
    resolution; the time of day is dropped). ``calibration_end`` is a date (inclusive).
    """
    if unit not in DAYS_PER_UNIT:
        raise ValueModelError(f"unit must be one of {sorted(DAYS_PER_UNIT)}, not {unit!r}")
    ids = np.asarray(customer_ids)
    days = np.asarray(dates, dtype="datetime64[D]").astype(np.int64)
    money = np.asarray(amounts, dtype=np.float64)
    if not (ids.shape == days.shape == money.shape and ids.ndim == 1):
        raise ValueModelError("customer_ids, dates and amounts must be 1-d arrays of the same length")
    end_date = np.datetime64(calibration_end, "D")
    end = end_date.astype(np.int64)

    keep = days <= end
    if not keep.any():
        raise ValueModelError(f"no transactions on or before calibration_end {end_date}")
    unique_ids, customer = np.unique(ids[keep], return_inverse=True)
    occasion_customer, occasion_day, occasion_amount = _occasions(customer, days[keep], money[keep])

    # Occasions are sorted by (customer, day): each customer's first occasion starts a run.
    first = np.flatnonzero(np.r_[True, occasion_customer[1:] != occasion_customer[:-1]])
    last = np.r_[first[1:], len(occasion_customer)] - 1
    frequency = (last - first).astype(np.float64)
    repeat_only = occasion_amount.copy()
    repeat_only[first] = 0.0  # zero the first occasions rather than subtract them: no rounding residue
    repeat_amount = np.add.reduceat(repeat_only, first)
    monetary = np.divide(repeat_amount, frequency, out=np.zeros_like(frequency), where=frequency > 0)

    scale = DAYS_PER_UNIT[unit]
    recency = (occasion_day[last] - occasion_day[first]) / scale
    age = (end - occasion_day[first]) / scale
    if decimals is not None:
        recency, age = np.round(recency, decimals), np.round(age, decimals)
    return CustomerSummary(unique_ids, frequency, recency, age, monetary)


def _occasions(customer: np.ndarray, day: np.ndarray, amount: np.ndarray):
    """Merge rows into (customer, day) occasions; return their customer, day and summed amount,
    sorted by customer then day."""
    order = np.lexsort((day, customer))
    customer, day, amount = customer[order], day[order], amount[order]
    starts = np.flatnonzero(np.r_[True, (customer[1:] != customer[:-1]) | (day[1:] != day[:-1])])
    return customer[starts], day[starts], np.add.reduceat(amount, starts)
