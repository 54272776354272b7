"""The pure arithmetic of Customers made."""

import datetime as dt

from ally.value.stats import customers_made as metrics


def test_nps_is_promoters_minus_detractors_over_all_responses():
    assert metrics.nps([10, 9, 8, 7, 6, 0]).score == 0.0
    assert metrics.nps([10, 10, 9, 7, 3]).score == 40.0
    assert metrics.nps([9, 10]).score == 100.0
    assert metrics.nps([0, 6]).score == -100.0
    assert metrics.nps([10, 8, 5]).score == 0.0
    assert metrics.nps([10, 7, 7]).score == 33.3
    assert metrics.nps([]).score is None


def test_a_score_of_six_is_a_detractor_seven_and_eight_are_passive_nine_a_promoter():
    result = metrics.nps([6, 7, 8, 9])
    assert (result.detractors, result.passives, result.promoters) == (1, 2, 1)


def test_months_are_clipped_to_the_period():
    months = metrics.months(metrics.Period(dt.date(2024, 12, 15), dt.date(2025, 2, 10)))
    assert [(m.start, m.end) for m in months] == [
        (dt.date(2024, 12, 15), dt.date(2024, 12, 31)), (dt.date(2025, 1, 1), dt.date(2025, 1, 31)),
        (dt.date(2025, 2, 1), dt.date(2025, 2, 10))]


def test_a_satisfied_check_in_is_seven_or_more_or_going_well_without_a_score():
    def satisfied(score, outcome):
        return metrics.CheckInScore("c", dt.date(2025, 1, 1), score, outcome).satisfied

    assert satisfied(7, "problem") and not satisfied(6, "going_well")
    assert satisfied(None, "going_well") and not satisfied(None, "mixed")


def test_on_cadence_counts_a_last_touch_at_most_one_cadence_ago():
    at = dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc)
    rows = [(30, at - dt.timedelta(days=30)), (30, at - dt.timedelta(days=31)), (7, at)]
    assert metrics.on_cadence(rows, at=at) == (2, 3)


def test_with_no_customers_the_rates_are_unknown_not_zero():
    [result] = metrics.compute([metrics.Period(dt.date(2025, 1, 1), dt.date(2025, 1, 31))], purchases=[])
    assert (result.repeat_purchase_rate, result.retention_rate, result.referrals_per_customer) == (None, None, None)
