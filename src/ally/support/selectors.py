"""Reads of cases, their events, SLA clocks and targets, each scoped to one workspace."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from ally.core.errors import NotFound
from ally.core.filters import day_start
from ally.support import sla
from ally.support.filters import CaseFilter
from ally.support.models import Case, CaseEvent, SupportSettings


def access_case(*, workspace, case_id) -> Case:
    try:
        return Case.objects.select_related("person", "organization", "champion__person", "champion__user",
                                           "purchase__offering", "check_in").get(workspace=workspace, id=int(case_id))
    except (Case.DoesNotExist, TypeError, ValueError):
        raise NotFound("case") from None


def support_settings(*, workspace) -> SupportSettings:
    """The workspace's SLA targets; the defaults (unsaved) until someone changes them."""
    workspace_id = getattr(workspace, "id", workspace)
    return SupportSettings.objects.filter(workspace_id=workspace_id).first() or SupportSettings(workspace_id=workspace_id)


CASE_FILTERS = {
    "open": ~Q(status__in=Case.FINISHED),
    "finished": Q(status__in=Case.FINISHED),
    "all": Q(),
}


def case_list(*, workspace, filters: CaseFilter | None = None) -> QuerySet[Case]:
    """Cases, newest first: unfinished ones by default (`state` open, finished or all), or one `status`; narrowed
    by the list's one filter (`ally.support.filters`). `mine` must have been made concrete (`for_member`)."""
    filters = filters or CaseFilter()
    cases = Case.objects.filter(workspace=workspace).select_related("person", "champion__person", "champion__user")
    cases = cases.filter(Q(status=filters.status) if filters.status else CASE_FILTERS[filters.state])
    for name in ("champion_id", "person_id", "organization_id", "severity"):
        if getattr(filters, name) is not None:
            cases = cases.filter(**{name: getattr(filters, name)})
    if filters.opened_after:
        cases = cases.filter(opened_at__gte=day_start(filters.opened_after))
    if filters.opened_before:
        cases = cases.filter(opened_at__lt=day_start(filters.opened_before + dt.timedelta(days=1)))
    return cases.order_by("-opened_at", "-id")


def case_events(*, case: Case) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(workspace_id=case.workspace_id, case=case)
                .select_related("author", "member__person", "member__user").order_by("occurred_at", "id"))


@dataclass(frozen=True)
class CaseSla:
    """A case's two SLA clocks at a moment."""

    first_response: sla.Clock
    resolution: sla.Clock

    @property
    def worst(self) -> str:
        """The state that needs the most attention: breached, at_risk, on_track, paused or met."""
        order = ("breached", "at_risk", "on_track", "paused", "met")
        states = [self.first_response.state, self.resolution.state]
        return min(states, key=order.index)


def _intervals(case: Case, status_events: list) -> list[sla.Interval]:
    return sla.intervals_from_changes(case.opened_at, [(when, status) for when, status in status_events])


def case_sla(*, case: Case, settings: SupportSettings, status_events: list[tuple[dt.datetime, str]],
             now: dt.datetime | None = None) -> CaseSla:
    """The case's clocks from its status changes (when, new status) at `now`."""
    now = now or timezone.now()
    intervals = _intervals(case, status_events)
    return CaseSla(
        first_response=sla.first_response_clock(intervals, target=settings.first_response_target(case.severity),
                                                 responded_at=case.first_responded_at, now=now),
        resolution=sla.resolution_clock(intervals, target=settings.resolution_target(case.severity), now=now),
    )


def cases_with_sla(*, workspace, cases: list[Case], now: dt.datetime | None = None) -> list[tuple[Case, CaseSla]]:
    """Each case with its SLA clocks, in two queries whatever the number of cases."""
    settings = support_settings(workspace=workspace)
    changes: dict[int, list] = defaultdict(list)
    for case_id, when, status in (
        CaseEvent.objects.filter(workspace=workspace, case_id__in=[c.id for c in cases], kind=CaseEvent.Kind.STATUS)
        .order_by("occurred_at", "id").values_list("case_id", "occurred_at", "to_value")
    ):
        changes[case_id].append((when, status))
    return [(case, case_sla(case=case, settings=settings, status_events=changes[case.id], now=now)) for case in cases]


def status_changes(*, case: Case) -> list[tuple[dt.datetime, str]]:
    return list(CaseEvent.objects.filter(workspace_id=case.workspace_id, case=case, kind=CaseEvent.Kind.STATUS)
                .order_by("occurred_at", "id").values_list("occurred_at", "to_value"))


def cases_needing_attention(*, workspace, champion, now: dt.datetime) -> list[tuple[Case, CaseSla]]:
    """A champion's unfinished cases whose SLA is breached or about to be (20% of a target or less left)."""
    cases = list(case_list(workspace=workspace, filters=CaseFilter(champion_id=champion.id)))
    return [(case, clocks) for case, clocks in cases_with_sla(workspace=workspace, cases=cases, now=now)
            if clocks.worst in ("breached", "at_risk")]


def person_cases(*, person, limit: int = 10) -> list[tuple[Case, CaseSla]]:
    """A person's cases, unfinished first, with their clocks."""
    cases = list(Case.objects.filter(workspace_id=person.workspace_id, person=person)
                 .select_related("champion__person", "champion__user")
                 .order_by(F("closed_at").asc(nulls_first=True), "-opened_at", "-id")[:limit])
    return cases_with_sla(workspace=person.workspace_id, cases=cases)
