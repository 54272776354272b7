"""Customers made: gathers the dashboard's data in a fixed number of queries and hands it to the pure
arithmetic in `ownership.metrics`. The page, `GET /api/v1/dashboard` and `ally dashboard` all use it."""

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Max, Q
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.ownership.models import CheckIn, Purchase, Referral
from ally.value.stats import customers_made as metrics

DEFAULT_MONTHS = 12
MAX_PERIOD_DAYS = 3660


def _parse_day(value, field: str, errors: dict) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors[field] = f"'{value}' is not a date (YYYY-MM-DD)"
        return None


def parse_period(*, start=None, end=None, today: dt.date) -> metrics.Period:
    """The period a user chose; by default the last twelve calendar months up to today."""
    errors: dict[str, str] = {}
    end_day = _parse_day(end, "end", errors) if end not in (None, "") else today
    if start not in (None, ""):
        start_day = _parse_day(start, "start", errors)
    elif end_day is not None:
        first = end_day.replace(day=1)
        for _ in range(DEFAULT_MONTHS - 1):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        start_day = first
    if not errors:
        if start_day > end_day:
            errors["start"] = "is after the end"
        elif (end_day - start_day).days > MAX_PERIOD_DAYS:
            errors["end"] = "the period can be at most ten years long"
    if errors:
        raise ValidationError(errors)
    return metrics.Period(start_day, end_day)


@dataclass(frozen=True)
class Dashboard:
    period: metrics.Period
    totals: metrics.Metrics
    monthly: list[metrics.Metrics]
    on_cadence: int
    with_cadence: int
    decisions_helped: int
    decisions_helped_by_month: list[int]

    @property
    def on_cadence_share(self) -> float | None:
        return self.on_cadence / self.with_cadence if self.with_cadence else None


def _customer(person_id: int, organization_id: int | None) -> tuple[str, int]:
    return ("organization", organization_id) if organization_id else ("person", person_id)


# A computed dashboard is kept as a snapshot for this long at most; any write to the workspace replaces it sooner.
SNAPSHOT_SECONDS = 300


def _trail_version(workspace) -> tuple | None:
    """The workspace's latest audit entry. Every service write records exactly one (`@audited`), so a snapshot
    taken at this version holds until the next write: purchases, check-ins, referrals, cases, contacts and
    decisions all change it."""
    from ally.workspaces.models import AuditEntry

    return AuditEntry.objects.filter(workspace=workspace).order_by("-at", "-id").values_list("id", "at").first()


def dashboard(*, workspace, period: metrics.Period, now: dt.datetime | None = None) -> Dashboard:
    """Every number of the Customers made dashboard for `period`, and the same per month.

    The page, the API and the CLI ask for it on every view; it reads every purchase and every relationship with
    a cadence, so it is computed once and kept as a snapshot (per workspace, period, time zone and day) until a
    service writes to the workspace, or `SNAPSHOT_SECONDS` pass. `now` (a moment in the past or future) always
    computes afresh."""
    if now is not None:
        return dashboard_compute(workspace=workspace, period=period, now=now)
    key = (f"ally.customers-made:{workspace.pk}:{period.start}:{period.end}:{timezone.get_current_timezone_name()}:"
           f"{timezone.localdate()}")
    version = _trail_version(workspace)
    snapshot = cache.get(key)
    if snapshot is not None and snapshot[0] == version:
        return snapshot[1]
    board = dashboard_compute(workspace=workspace, period=period)
    cache.set(key, (version, board), SNAPSHOT_SECONDS)
    return board


def dashboard_compute(*, workspace, period: metrics.Period, now: dt.datetime | None = None) -> Dashboard:
    """The dashboard computed afresh from every row (what a snapshot holds)."""
    now = now or timezone.now()
    # The period's days are the viewer's (the zone every edge activates for its member).
    tz = timezone.get_current_timezone()
    start_at = dt.datetime.combine(period.start, dt.time(), tzinfo=tz)
    end_at = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    purchases = [(_customer(pid, oid), day) for pid, oid, day in Purchase.objects.filter(
        workspace=workspace, purchased_on__lte=period.end).values_list("person_id", "organization_id", "purchased_on")]
    check_ins = [
        metrics.CheckInScore(customer=_customer(pid, oid), day=completed.astimezone(tz).date(), score=score,
                             outcome=outcome)
        for pid, oid, completed, score, outcome in CheckIn.objects.filter(
            workspace=workspace, status=CheckIn.Status.DONE, completed_at__gte=start_at, completed_at__lt=end_at,
        ).values_list("person_id", "purchase__organization_id", "completed_at", "satisfaction", "outcome")
    ]
    referral_days = list(Referral.objects.filter(
        workspace=workspace, direction=Referral.Direction.RECEIVED, referred_on__gte=period.start,
        referred_on__lte=period.end).values_list("referred_on", flat=True))
    cases = _case_times(workspace, start_at, end_at)
    day_of = lambda moment: moment.astimezone(tz).date()  # noqa: E731
    kwargs = {"purchases": purchases, "check_ins": check_ins, "referral_days": referral_days, "cases": cases,
              "day_of": day_of}
    [totals] = metrics.compute([period], **kwargs)
    monthly = metrics.compute(metrics.months(period), **kwargs)
    on, total = metrics.on_cadence(_cadences(workspace, at=min(end_at, now), now=now), at=min(end_at, now))
    decisions, decisions_by_month = _decisions_helped(workspace, period, start_at, end_at)
    return Dashboard(period=period, totals=totals, monthly=monthly, on_cadence=on, with_cadence=total,
                     decisions_helped=decisions, decisions_helped_by_month=decisions_by_month)


def _case_times(workspace, start_at, end_at) -> list[metrics.CaseTimes]:
    from ally.support.models import Case

    rows = Case.objects.filter(workspace=workspace).filter(
        Q(first_responded_at__gte=start_at, first_responded_at__lt=end_at)
        | Q(status=Case.Status.CONFIRMED_FIXED, closed_at__gte=start_at, closed_at__lt=end_at)
    ).values_list("opened_at", "first_responded_at", "closed_at", "status")
    return [metrics.CaseTimes(opened_at=opened, first_responded_at=responded,
                              fixed_at=closed if status == Case.Status.CONFIRMED_FIXED else None)
            for opened, responded, closed, status in rows]


def _cadences(workspace, *, at: dt.datetime, now: dt.datetime) -> list[tuple[int, dt.datetime]]:
    """(cadence, last touch at `at`) for every customer relationship with a cadence (team members excluded)."""
    from ally.people.models import Person

    people = Person.objects.filter(workspace=workspace, cadence_days__isnull=False, membership__isnull=True,
                                   created_at__lte=at)
    if now - at < dt.timedelta(minutes=1):
        # The keep-in-touch clock already holds the last contact as of now.
        rows = people.values_list("cadence_days", "last_contact_at", "created_at")
    else:
        rows = people.annotate(last=Max("participations__interaction__occurred_at",
                                        filter=Q(participations__interaction__occurred_at__lte=at))
                               ).values_list("cadence_days", "last", "created_at")
    return [(cadence, last or created) for cadence, last, created in rows]


def _decisions_helped(workspace, period: metrics.Period, start_at, end_at) -> tuple[int, list[int]]:
    """Decisions customers made with our help (owning, not a fit with an alternative, staying as is with
    their reason), as counted by the opportunities app: in the period, and per month."""
    from ally.opportunities.selectors import decisions_helped, decisions_helped_by_month

    total = decisions_helped(workspace=workspace, start=start_at, end=end_at)
    by_month = dict(decisions_helped_by_month(workspace=workspace, start=period.start,
                                              end=period.end + dt.timedelta(days=1)))
    return total, [by_month.get(month.start.replace(day=1), 0) for month in metrics.months(period)]


def _hours(value: dt.timedelta | None) -> float | None:
    return round(value.total_seconds() / 3600, 1) if value is not None else None


def _rate(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def metrics_as_dict(m: metrics.Metrics) -> dict:
    return {
        "start": m.period.start.isoformat(), "end": m.period.end.isoformat(),
        "customers": m.customers, "new_customers": m.new_customers, "repeat_customers": m.repeat_customers,
        "repeat_purchase_rate": _rate(m.repeat_purchase_rate),
        "retention": {"base": m.retention_base, "retained": m.retained, "rate": _rate(m.retention_rate)},
        "referrals_received": m.referrals_received, "referrals_per_customer": _rate(m.referrals_per_customer),
        "nps": {"score": m.nps.score, "promoters": m.nps.promoters, "passives": m.nps.passives,
                "detractors": m.nps.detractors, "responses": m.nps.responses},
        "median_hours_to_first_response": _hours(m.median_first_response),
        "median_hours_to_confirmed_fix": _hours(m.median_time_to_fix),
    }


def dashboard_as_dict(board: Dashboard) -> dict:
    """The dashboard as plain JSON-ready data: the period's totals, and each month's."""
    return {
        **metrics_as_dict(board.totals),
        "on_cadence": {"on_cadence": board.on_cadence, "with_cadence": board.with_cadence,
                       "share": _rate(board.on_cadence_share)},
        "decisions_helped": board.decisions_helped,
        "monthly": [{**metrics_as_dict(m), "decisions_helped": decisions}
                    for m, decisions in zip(board.monthly, board.decisions_helped_by_month)],
    }
