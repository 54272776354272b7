"""The support API: cases, their events and SLA clocks, and the workspace's SLA targets.

Every case event an endpoint records is also put on the customer's timeline by the services.
"""


from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from ally.core.api import ERRORS, Id, InputSchema, Limit, Moment, Offset, Text, api_field_names, page, resolve
from ally.people.selectors import access_person
from ally.support import selectors, services
from ally.support.filters import CaseFilter, SeverityName, StatusName
from ally.support.models import Case, CaseEvent, SupportSettings
from ally.support.serialize import CaseOut, EventOut, cases_json, event_json
from ally.workspaces.selectors import access_membership

router = Router()



class CasePage(Schema):
    count: int
    items: list[CaseOut]


class CaseIn(InputSchema):
    person_id: Id
    title: Text
    description: Text = ""
    severity: SeverityName = "normal"
    champion_id: Id | None = None
    opened_at: Moment | None = None
    purchase_id: Id | None = None
    check_in_id: Id | None = None


class CasePatch(InputSchema):
    title: Text | None = None
    description: Text | None = None
    severity: SeverityName | None = None


class StatusIn(InputSchema):
    status: StatusName
    note: Text = ""
    at: Moment | None = None


class TextIn(InputSchema):
    text: Text
    at: Moment | None = None


class ApologyIn(InputSchema):
    text: Text = ""
    at: Moment | None = None


class EscalationIn(InputSchema):
    to_id: Id
    reason: Text
    at: Moment | None = None


class ConfirmationIn(InputSchema):
    text: Text
    at: Moment | None = None
    mark_fixed: bool = True


class ChampionIn(InputSchema):
    champion_id: Id
    at: Moment | None = None


def _cases_out(request, cases: list[Case]) -> list[dict]:
    return cases_json(workspace=request.workspace, cases=cases)


def _case(request, case_id: int) -> Case:
    return selectors.access_case(workspace=request.workspace, case_id=case_id)


def _case_out(request, case_id: int) -> dict:
    return _cases_out(request, [_case(request, case_id)])[0]


def _member(request, member_id: int, field: str):
    return resolve(access_membership, field, workspace=request.workspace, membership_id=member_id)


@router.get("/cases", response={200: CasePage, **ERRORS}, summary="List cases")
def list_cases(request: HttpRequest, filters: Query[CaseFilter], limit: Limit = 50, offset: Offset = 0):
    """Newest first; unfinished ones unless `state` is finished or all, or a `status` is given; `mine=true`: the
    token's member champions them (the page's and `ally case list`'s filters)."""
    cases = selectors.case_list(workspace=request.workspace, filters=filters.for_member(request.membership))
    result = page(cases, limit=limit, offset=offset)
    result["items"] = _cases_out(request, result["items"])
    return result


@router.post("/cases", response={201: CaseOut, **ERRORS}, summary="Open a case")
def create_case(request: HttpRequest, payload: CaseIn):
    """The champion defaults to the token's user; `check_in_id` links the check-in that surfaced it."""
    from ally.ownership.selectors import access_check_in, access_purchase

    workspace = request.workspace
    person = resolve(access_person, "person_id", workspace=workspace, person_id=payload.person_id)
    champion = _member(request, payload.champion_id, "champion_id") if payload.champion_id else request.membership
    purchase = payload.purchase_id and resolve(access_purchase, "purchase_id", workspace=workspace,
                                               purchase_id=payload.purchase_id)
    check_in = payload.check_in_id and resolve(access_check_in, "check_in_id", workspace=workspace,
                                               check_in_id=payload.check_in_id)
    with api_field_names({"person": "person_id", "champion": "champion_id", "purchase": "purchase_id",
                          "check_in": "check_in_id"}):
        case = services.case_open(workspace=workspace, person=person, title=payload.title,
                                  description=payload.description, severity=payload.severity, champion=champion,
                                  opened_at=payload.opened_at, purchase=purchase or None, check_in=check_in or None,
                                  author=request.user)
    return Status(201, _case_out(request, case.id))


@router.get("/cases/{case_id}", response={200: CaseOut, **ERRORS}, summary="Get a case with its SLA clocks")
def get_case(request: HttpRequest, case_id: Id):
    return _case_out(request, case_id)


@router.patch("/cases/{case_id}", response={200: CaseOut, **ERRORS}, summary="Change a case's title, description "
                                                                            "or severity")
def update_case(request: HttpRequest, case_id: Id, payload: CasePatch):
    changes = {name: value for name, value in payload.model_dump(exclude_unset=True).items() if value is not None}
    services.case_update(case=_case(request, case_id), author=request.user, **changes)
    return _case_out(request, case_id)


@router.get("/cases/{case_id}/events", response={200: list[EventOut], **ERRORS}, summary="A case's events")
def list_case_events(request: HttpRequest, case_id: Id):
    """Everything that happened on the case, oldest first."""
    return [event_json(event) for event in selectors.case_events(case=_case(request, case_id))]


@router.post("/cases/{case_id}/status", response={200: CaseOut, **ERRORS}, summary="Move a case")
def change_status(request: HttpRequest, case_id: Id, payload: StatusIn):
    """`confirmed_fixed` needs the customer's confirmation first (`POST /cases/{id}/confirmation`)."""
    services.case_status_change(case=_case(request, case_id), status=payload.status, note=payload.note, at=payload.at,
                                author=request.user)
    return _case_out(request, case_id)


def _event_response(request, event: CaseEvent) -> tuple:
    return Status(201, {**{name: getattr(event, name) for name in (
        "id", "kind", "occurred_at", "text", "from_value", "to_value", "member_id")},
        "author": request.user.username})


@router.post("/cases/{case_id}/replies", response={201: EventOut, **ERRORS}, summary="Record a reply")
def reply(request: HttpRequest, case_id: Id, payload: TextIn):
    """What we told the customer; the first reply stops the first-response clock."""
    return _event_response(request, services.case_reply(case=_case(request, case_id), text=payload.text,
                                                        at=payload.at, author=request.user))


@router.post("/cases/{case_id}/notes", response={201: EventOut, **ERRORS}, summary="Add an internal note")
def note(request: HttpRequest, case_id: Id, payload: TextIn):
    return _event_response(request, services.case_note(case=_case(request, case_id), text=payload.text,
                                                       at=payload.at, author=request.user))


@router.post("/cases/{case_id}/escalations", response={201: EventOut, **ERRORS}, summary="Escalate")
def escalate(request: HttpRequest, case_id: Id, payload: EscalationIn):
    """To whom (a team member), when, and why."""
    case = _case(request, case_id)
    to = _member(request, payload.to_id, "to_id")
    with api_field_names({"to": "to_id"}):
        event = services.case_escalate(case=case, to=to, reason=payload.reason, at=payload.at, author=request.user)
    return _event_response(request, event)


@router.post("/cases/{case_id}/apologies", response={201: EventOut, **ERRORS}, summary="Record an apology")
def apologise(request: HttpRequest, case_id: Id, payload: ApologyIn):
    """We said sorry, whoever's fault it was."""
    return _event_response(request, services.case_apologise(case=_case(request, case_id), text=payload.text,
                                                            at=payload.at, author=request.user))


@router.post("/cases/{case_id}/confirmation", response={200: CaseOut, **ERRORS},
             summary="Record the customer's confirmation of the fix")
def confirm(request: HttpRequest, case_id: Id, payload: ConfirmationIn):
    """How the customer confirmed it is fixed, in their words; marks the case confirmed fixed unless
    `mark_fixed` is false."""
    services.case_confirmation_record(case=_case(request, case_id), text=payload.text, at=payload.at,
                                      mark_fixed=payload.mark_fixed, author=request.user)
    return _case_out(request, case_id)


@router.post("/cases/{case_id}/champion", response={200: CaseOut, **ERRORS}, summary="Hand a case to another champion")
def change_champion(request: HttpRequest, case_id: Id, payload: ChampionIn):
    case = _case(request, case_id)
    champion = _member(request, payload.champion_id, "champion_id")
    with api_field_names({"champion": "champion_id"}):
        services.case_champion_change(case=case, champion=champion, at=payload.at, author=request.user)
    return _case_out(request, case_id)


# ---- SLA targets --------------------------------------------------------------------------------

class SlaTargets(Schema):
    """SLA targets in hours per severity, for the first response and the resolution."""

    low_first_response_hours: int
    low_resolution_hours: int
    normal_first_response_hours: int
    normal_resolution_hours: int
    high_first_response_hours: int
    high_resolution_hours: int
    urgent_first_response_hours: int
    urgent_resolution_hours: int


class SlaPatch(InputSchema):
    """Only the targets sent change."""

    low_first_response_hours: int | None = None
    low_resolution_hours: int | None = None
    normal_first_response_hours: int | None = None
    normal_resolution_hours: int | None = None
    high_first_response_hours: int | None = None
    high_resolution_hours: int | None = None
    urgent_first_response_hours: int | None = None
    urgent_resolution_hours: int | None = None


def _targets(request) -> dict:
    current = selectors.support_settings(workspace=request.workspace)
    return {name: getattr(current, name) for name in SupportSettings.TARGET_FIELDS}


@router.get("/support/sla", response={200: SlaTargets, **ERRORS}, summary="SLA targets")
def get_sla(request: HttpRequest):
    return _targets(request)


@router.patch("/support/sla", response={200: SlaTargets, **ERRORS}, summary="Change SLA targets")
def update_sla(request: HttpRequest, payload: SlaPatch):
    changes = {name: value for name, value in payload.model_dump(exclude_unset=True).items() if value is not None}
    services.support_settings_update(workspace=request.workspace, **changes)
    return _targets(request)
