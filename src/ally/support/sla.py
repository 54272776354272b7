"""The SLA clock of a case: how much of its first-response and resolution targets the team has used.

Pure Python, no Django. A case's history is a list of status intervals; the clock runs only while
the next move is ours, pauses while we wait on the customer, and stops once the case is resolved:

- running: open, in progress, waiting on us
- paused: waiting on the customer
- stopped: resolved (pending the customer's confirmation), confirmed fixed, closed without fix

The first-response clock runs from the opening until our first reply to the customer; the
resolution clock until the case is resolved (it resumes if the case is reopened). A clock is
"at risk" when 20% of its target or less remains, and "breached" once it is used up.
"""

import datetime as dt
from dataclasses import dataclass

RUNNING = frozenset({"open", "in_progress", "waiting_on_us"})
PAUSED = frozenset({"waiting_on_customer"})
STOPPED = frozenset({"resolved", "confirmed_fixed", "closed_without_fix"})
AT_RISK_REMAINING = 0.2


class SlaError(ValueError):
    """A status history that cannot be a case's (unknown status, time running backwards)."""


@dataclass(frozen=True)
class Interval:
    """A stretch of time a case spent in one status; `end` None means it is still in it."""

    status: str
    start: dt.datetime
    end: dt.datetime | None = None


def intervals_from_changes(opened_at: dt.datetime, changes: list[tuple[dt.datetime, str]],
                           first_status: str = "open") -> list[Interval]:
    """Status intervals from the opening and each later change (when, new status), in time order."""
    intervals: list[Interval] = []
    status, start = first_status, opened_at
    for when, new_status in changes:
        if when < start:
            raise SlaError(f"a status change at {when.isoformat()} comes before the previous one")
        intervals.append(Interval(status, start, when))
        status, start = new_status, when
    intervals.append(Interval(status, start, None))
    for interval in intervals:
        if interval.status not in RUNNING | PAUSED | STOPPED:
            raise SlaError(f"unknown status '{interval.status}'")
    return intervals


def running_time(intervals: list[Interval], *, until: dt.datetime) -> dt.timedelta:
    """Time spent in running statuses up to `until`."""
    total = dt.timedelta()
    for interval in intervals:
        if interval.status not in RUNNING or interval.start >= until:
            continue
        end = until if interval.end is None else min(interval.end, until)
        total += max(end - interval.start, dt.timedelta())
    return total


@dataclass(frozen=True)
class Clock:
    """One SLA target and how much of it is used; `ticking` says whether it is running right now."""

    target: dt.timedelta
    used: dt.timedelta
    ticking: bool
    stopped: bool

    @property
    def remaining(self) -> dt.timedelta:
        return self.target - self.used

    @property
    def share_used(self) -> float:
        return self.used / self.target if self.target else 1.0

    @property
    def breached(self) -> bool:
        return self.used > self.target

    @property
    def at_risk(self) -> bool:
        """Not yet breached, still to be met, and at most 20% of the target left."""
        return not self.stopped and not self.breached and self.remaining <= self.target * AT_RISK_REMAINING

    @property
    def state(self) -> str:
        """met, breached, at_risk, paused or on_track."""
        if self.stopped:
            return "breached" if self.breached else "met"
        if self.breached:
            return "breached"
        if not self.ticking:
            return "paused"
        return "at_risk" if self.at_risk else "on_track"

    def due_at(self, now: dt.datetime) -> dt.datetime | None:
        """When the target runs out if the clock keeps running (None when it is not running)."""
        return now + self.remaining if self.ticking else None


def current_status(intervals: list[Interval]) -> str:
    return intervals[-1].status


def first_response_clock(intervals: list[Interval], *, target: dt.timedelta, responded_at: dt.datetime | None,
                         now: dt.datetime) -> Clock:
    """From the opening to our first reply, counting only running time."""
    if responded_at is not None:
        return Clock(target=target, used=running_time(intervals, until=responded_at), ticking=False, stopped=True)
    status = current_status(intervals)
    return Clock(target=target, used=running_time(intervals, until=now), ticking=status in RUNNING,
                 stopped=status in STOPPED)


def resolution_clock(intervals: list[Interval], *, target: dt.timedelta, now: dt.datetime) -> Clock:
    """From the opening to the resolution, counting only running time (a reopened case resumes it)."""
    status = current_status(intervals)
    return Clock(target=target, used=running_time(intervals, until=now), ticking=status in RUNNING,
                 stopped=status in STOPPED)
