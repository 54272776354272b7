"""The SLA clock core: plain datetimes in, clocks out."""

import datetime as dt

import pytest

from ally.support import sla

T0 = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.timezone.utc)


def h(n: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=n)


def test_the_clock_runs_while_the_case_is_open_or_in_progress():
    intervals = sla.intervals_from_changes(T0, [(h(1), "in_progress")])
    assert sla.running_time(intervals, until=h(5)) == dt.timedelta(hours=5)


def test_the_clock_pauses_while_waiting_on_the_customer_and_resumes_after():
    # open 2 h, waiting on the customer 10 h, waiting on us 3 h
    intervals = sla.intervals_from_changes(T0, [(h(2), "waiting_on_customer"), (h(12), "waiting_on_us")])
    assert sla.running_time(intervals, until=h(15)) == dt.timedelta(hours=5)
    clock = sla.resolution_clock(intervals, target=dt.timedelta(hours=8), now=h(15))
    assert (clock.used, clock.remaining, clock.state) == (dt.timedelta(hours=5), dt.timedelta(hours=3), "on_track")


def test_a_paused_clock_says_so_and_has_no_due_time():
    intervals = sla.intervals_from_changes(T0, [(h(1), "waiting_on_customer")])
    clock = sla.resolution_clock(intervals, target=dt.timedelta(hours=8), now=h(100))
    assert clock.state == "paused" and clock.used == dt.timedelta(hours=1)
    assert clock.due_at(h(100)) is None


def test_the_clock_stops_at_the_resolution_and_resumes_when_reopened():
    intervals = sla.intervals_from_changes(T0, [(h(4), "resolved"), (h(30), "open")])
    assert sla.running_time(intervals, until=h(31)) == dt.timedelta(hours=5)
    stopped = sla.resolution_clock(intervals[:2], target=dt.timedelta(hours=8), now=h(20))
    assert stopped.state == "met"


def test_at_risk_means_twenty_percent_or_less_of_the_target_left():
    intervals = sla.intervals_from_changes(T0, [])
    target = dt.timedelta(hours=10)
    assert sla.resolution_clock(intervals, target=target, now=h(7.9)).state == "on_track"
    assert sla.resolution_clock(intervals, target=target, now=h(8)).state == "at_risk"
    assert sla.resolution_clock(intervals, target=target, now=h(10)).state == "at_risk"
    breached = sla.resolution_clock(intervals, target=target, now=h(10.5))
    assert breached.state == "breached" and breached.remaining == dt.timedelta(hours=-0.5)


def test_a_breach_stays_a_breach_while_paused_and_after_the_resolution():
    intervals = sla.intervals_from_changes(T0, [(h(12), "waiting_on_customer")])
    assert sla.resolution_clock(intervals, target=dt.timedelta(hours=8), now=h(20)).state == "breached"
    resolved = sla.intervals_from_changes(T0, [(h(12), "resolved")])
    assert sla.resolution_clock(resolved, target=dt.timedelta(hours=8), now=h(20)).state == "breached"


def test_the_first_response_clock_stops_at_the_first_reply():
    intervals = sla.intervals_from_changes(T0, [(h(1), "in_progress")])
    clock = sla.first_response_clock(intervals, target=dt.timedelta(hours=4), responded_at=h(3), now=h(50))
    assert (clock.used, clock.state) == (dt.timedelta(hours=3), "met")
    late = sla.first_response_clock(intervals, target=dt.timedelta(hours=2), responded_at=h(3), now=h(50))
    assert late.state == "breached"


def test_a_running_clock_knows_when_it_runs_out():
    clock = sla.first_response_clock(sla.intervals_from_changes(T0, []), target=dt.timedelta(hours=4),
                                     responded_at=None, now=h(1))
    assert clock.due_at(h(1)) == h(4)


def test_a_history_running_backwards_or_with_an_unknown_status_is_refused():
    with pytest.raises(sla.SlaError):
        sla.intervals_from_changes(T0, [(h(2), "in_progress"), (h(1), "open")])
    with pytest.raises(sla.SlaError):
        sla.intervals_from_changes(T0, [(h(1), "snoozed")])
