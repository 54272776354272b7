"""Customer summary from transactions: definitions, and the CDNOW files reproduced exactly."""

import numpy as np
import pytest

from ally.value.stats.errors import ValueModelError
from ally.value.stats.gammagamma import fit_gammagamma
from ally.value.stats.summary import summarise
from tests.value import cdnow


def test_same_day_rows_merge_and_amounts_add():
    s = summarise(
        ["a", "a", "a", "a", "b"],
        ["2024-01-01", "2024-01-08", "2024-01-08", "2024-01-15", "2024-01-10"],
        [5.0, 10.0, 2.0, 6.0, 3.0],
        calibration_end="2024-01-29",
        unit="weeks",
    )
    assert list(s.customer_ids) == ["a", "b"]
    assert s.frequency.tolist() == [2.0, 0.0]
    assert s.recency.tolist() == [2.0, 0.0]
    assert s.age.tolist() == pytest.approx([4.0, 19 / 7])
    assert s.monetary.tolist() == [9.0, 0.0]  # (10 + 2 + 6) / 2 repeat days; first purchase left out


def test_calibration_end_is_inclusive_and_later_customers_are_left_out():
    s = summarise(
        [1, 1, 1, 2],
        ["2024-01-01", "2024-01-11", "2024-01-12", "2024-01-12"],
        [1, 2, 4, 8],
        calibration_end="2024-01-11",
        unit="days",
    )
    assert s.customer_ids.tolist() == [1]
    assert (s.frequency[0], s.recency[0], s.age[0], s.monetary[0]) == (1.0, 10.0, 10.0, 2.0)


def test_decimals_round_times():
    s = summarise([1, 1], ["2024-01-01", "2024-01-02"], [1, 1], calibration_end="2024-01-03", decimals=2)
    assert (s.recency[0], s.age[0]) == (0.14, 0.29)


def test_bad_unit_and_no_transactions_before_end():
    with pytest.raises(ValueModelError, match="unit"):
        summarise([1], ["2024-01-01"], [1], calibration_end="2024-02-01", unit="months")
    with pytest.raises(ValueModelError, match="no transactions"):
        summarise([1], ["2024-03-01"], [1], calibration_end="2024-02-01")


def test_cdnow_raw_transactions_give_the_shipped_summary_exactly():
    ids, dates, amounts = cdnow.raw_transactions()
    ref_id, ref_x, ref_tx, ref_T = cdnow.summary()
    s = summarise(ids, dates, amounts, calibration_end="1997-09-30", unit="weeks", decimals=2)
    assert np.array_equal(s.customer_ids, ref_id)
    assert np.array_equal(s.frequency, ref_x)
    assert np.array_equal(s.recency, ref_tx)
    assert np.array_equal(s.age, ref_T)


def test_cdnow_mean_repeat_spend_matches_zbar_rounded_half_up():
    ids, dates, amounts = cdnow.raw_transactions()
    *_, zbar = cdnow.summary_with_spend()
    s = summarise(ids, dates, amounts, calibration_end="1997-09-30", unit="weeks", decimals=2)
    # The file rounds half up in decimal (22.345 -> 22.35); the 1e-9 absorbs binary representation.
    assert np.array_equal(np.floor(s.monetary * 100 + 0.5 + 1e-9) / 100, zbar)


def test_gamma_gamma_on_unrounded_cdnow_spend_matches_published_estimates():
    ids, dates, amounts = cdnow.raw_transactions()
    s = summarise(ids, dates, amounts, calibration_end="1997-09-30")
    fit = fit_gammagamma(s.frequency, s.monetary)
    assert (round(fit.params["p"], 2), round(fit.params["q"], 2), round(fit.params["gamma"], 2)) == (6.25, 3.74, 15.44)
