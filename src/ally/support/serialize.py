"""One shape per object of the support app (a case with its SLA clocks, a case event), shared by the API's
responses and the CLI's `--json`."""

import datetime as dt

from django.utils import timezone
from ninja import Schema

from ally.support.models import Case, CaseEvent
from ally.support.selectors import cases_with_sla


class ClockOut(Schema):
    state: str
    target_hours: float
    used_hours: float
    remaining_hours: float
    due_at: dt.datetime | None


class CaseOut(Schema):
    id: int
    person_id: int
    person_name: str
    organization_id: int | None
    title: str
    description: str
    severity: str
    status: str
    champion_id: int | None
    champion_name: str | None
    opened_at: dt.datetime
    first_responded_at: dt.datetime | None
    resolved_at: dt.datetime | None
    customer_confirmed_at: dt.datetime | None
    closed_at: dt.datetime | None
    purchase_id: int | None
    check_in_id: int | None
    first_response: ClockOut
    resolution: ClockOut


class EventOut(Schema):
    id: int
    kind: str
    occurred_at: dt.datetime
    text: str
    from_value: str
    to_value: str
    member_id: int | None
    author: str | None


def _hours(delta: dt.timedelta) -> float:
    return round(delta.total_seconds() / 3600, 2)


def _clock(clock, now) -> dict:
    return {"state": clock.state, "target_hours": _hours(clock.target), "used_hours": _hours(clock.used),
            "remaining_hours": _hours(clock.remaining), "due_at": clock.due_at(now)}


def cases_json(*, workspace, cases: list[Case]) -> list[dict]:
    """Cases with where their SLA clocks stand now, in a fixed number of queries."""
    now = timezone.now()
    return [CaseOut.model_validate({
        **{name: getattr(case, name) for name in (
            "id", "person_id", "organization_id", "title", "description", "severity", "status", "champion_id",
            "opened_at", "first_responded_at", "resolved_at", "customer_confirmed_at", "closed_at", "purchase_id",
            "check_in_id")},
        "person_name": case.person.name,
        "champion_name": case.champion.display_name if case.champion_id else None,
        "first_response": _clock(clocks.first_response, now), "resolution": _clock(clocks.resolution, now),
    }).model_dump() for case, clocks in cases_with_sla(workspace=workspace, cases=cases, now=now)]


def event_json(event: CaseEvent) -> dict:
    return EventOut.model_validate({
        **{name: getattr(event, name) for name in ("id", "kind", "occurred_at", "text", "from_value", "to_value",
                                                   "member_id")},
        "author": event.author.username if event.author_id else None,
    }).model_dump()
