"""Customers made: the arithmetic of the dashboard over plain data (no Django), defined in docs/customers-made.md.

A customer is an organization when the purchase names one, otherwise the person who bought. Every
metric is computed for a list of periods (the chosen period, or each month of it) in one pass over
the data, so a monthly chart costs no more queries than the totals.
"""

import bisect
import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

PROMOTER_MIN = 9
DETRACTOR_MAX = 6
SATISFIED_MIN = 7


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def months(period: Period) -> list[Period]:
    """The calendar months the period touches, each clipped to the period."""
    result, first = [], period.start.replace(day=1)
    while first <= period.end:
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        result.append(Period(max(first, period.start), min(following - dt.timedelta(days=1), period.end)))
        first = following
    return result


@dataclass(frozen=True)
class CheckInScore:
    """A completed check-in: whose, on which day, the score (0-10, or None) and how it went."""

    customer: Hashable
    day: dt.date
    score: int | None
    outcome: str

    @property
    def satisfied(self) -> bool:
        """A score of 7 or more; without a score, "going well"."""
        return self.score >= SATISFIED_MIN if self.score is not None else self.outcome == "going_well"


@dataclass(frozen=True)
class CaseTimes:
    """When a case was opened, first answered, and confirmed fixed (None if not yet)."""

    opened_at: dt.datetime
    first_responded_at: dt.datetime | None
    fixed_at: dt.datetime | None


@dataclass
class Nps:
    promoters: int = 0
    passives: int = 0
    detractors: int = 0

    @property
    def responses(self) -> int:
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> float | None:
        """% promoters (9-10) minus % detractors (0-6), from -100 to 100; None without responses."""
        if not self.responses:
            return None
        return round(100 * (self.promoters - self.detractors) / self.responses, 1)

    def add(self, score: int) -> None:
        if score >= PROMOTER_MIN:
            self.promoters += 1
        elif score <= DETRACTOR_MAX:
            self.detractors += 1
        else:
            self.passives += 1


def nps(scores: Iterable[int]) -> Nps:
    result = Nps()
    for score in scores:
        result.add(score)
    return result


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def _median(values: list[dt.timedelta]) -> dt.timedelta | None:
    return statistics.median(values) if values else None


@dataclass
class Metrics:
    """Every number of the dashboard for one period."""

    period: Period
    customers: int = 0
    new_customers: int = 0
    repeat_customers: int = 0
    retention_base: int = 0
    retained: int = 0
    referrals_received: int = 0
    nps: Nps = field(default_factory=Nps)
    first_response_times: list[dt.timedelta] = field(default_factory=list)
    fix_times: list[dt.timedelta] = field(default_factory=list)

    @property
    def repeat_purchase_rate(self) -> float | None:
        return _ratio(self.repeat_customers, self.customers)

    @property
    def retention_rate(self) -> float | None:
        return _ratio(self.retained, self.retention_base)

    @property
    def referrals_per_customer(self) -> float | None:
        return _ratio(self.referrals_received, self.customers)

    @property
    def median_first_response(self) -> dt.timedelta | None:
        return _median(self.first_response_times)

    @property
    def median_time_to_fix(self) -> dt.timedelta | None:
        return _median(self.fix_times)


class _Buckets:
    """Finds which of several ordered, non-overlapping periods a day falls in."""

    def __init__(self, periods: list[Period]):
        self.periods = periods
        self.starts = [p.start for p in periods]

    def index(self, day: dt.date) -> int | None:
        i = bisect.bisect_right(self.starts, day) - 1
        return i if i >= 0 and day <= self.periods[i].end else None


def compute(periods: list[Period], *, purchases: Iterable[tuple[Hashable, dt.date]],
            check_ins: Iterable[CheckInScore] = (), referral_days: Iterable[dt.date] = (),
            cases: Iterable[CaseTimes] = (), day_of=lambda moment: moment.date()) -> list[Metrics]:
    """Metrics for each period. `purchases` are (customer, day) pairs covering all history up to the last
    period's end (first purchases before a period matter); `day_of` turns a case's moments into days in the
    workspace's time zone."""
    buckets = _Buckets(periods)
    results = [Metrics(period=p) for p in periods]
    days_by_customer: dict[Hashable, set[dt.date]] = defaultdict(set)
    for customer, day in purchases:
        days_by_customer[customer].add(day)
    first_purchase = {customer: min(days) for customer, days in days_by_customer.items()}
    active: list[set] = [set() for _ in periods]
    for customer, days in days_by_customer.items():
        first = first_purchase[customer]
        latest: dict[int, dt.date] = {}
        for day in days:
            i = buckets.index(day)
            if i is not None:
                latest[i] = max(latest.get(i, day), day)
        for i, last_day in latest.items():
            active[i].add(customer)
            results[i].customers += 1
            if first in periods[i]:
                results[i].new_customers += 1
            if last_day > first:
                results[i].repeat_customers += 1
    satisfied: list[set] = [set() for _ in periods]
    for check_in in check_ins:
        i = buckets.index(check_in.day)
        if i is None:
            continue
        if check_in.score is not None:
            results[i].nps.add(check_in.score)
        if check_in.satisfied:
            satisfied[i].add(check_in.customer)
    firsts = sorted(first_purchase.values())
    for i, period in enumerate(periods):
        metrics = results[i]
        metrics.retention_base = bisect.bisect_left(firsts, period.start)
        metrics.retained = sum(1 for c in active[i] | satisfied[i]
                               if c in first_purchase and first_purchase[c] < period.start)
    for day in referral_days:
        i = buckets.index(day)
        if i is not None:
            results[i].referrals_received += 1
    for case in cases:
        if case.first_responded_at is not None:
            i = buckets.index(day_of(case.first_responded_at))
            if i is not None:
                results[i].first_response_times.append(case.first_responded_at - case.opened_at)
        if case.fixed_at is not None:
            i = buckets.index(day_of(case.fixed_at))
            if i is not None:
                results[i].fix_times.append(case.fixed_at - case.opened_at)
    return results


def on_cadence(relationships: Iterable[tuple[int, dt.datetime]], *, at: dt.datetime) -> tuple[int, int]:
    """(on cadence, with a cadence) among (cadence in days, last touch) pairs: on cadence when the last
    touch (last contact, or when the person was added if never contacted) is at most a cadence ago."""
    on = total = 0
    for cadence_days, last_touch in relationships:
        total += 1
        if at - last_touch <= dt.timedelta(days=cadence_days):
            on += 1
    return on, total
