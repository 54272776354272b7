"""Needs in the customer's own words: list, record, change, confirm."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema, Status

from ally.core.api import (
    ERRORS,
    Id,
    InputSchema,
    Limit,
    Moment,
    Offset,
    Text,
    api_field_names,
    page,
    reject_nulls,
    resolve,
)
from ally.opportunities import selectors, services
from ally.opportunities.api.common import FIELD_NAMES, DriverName, NeedStatus, Period, _interaction
from ally.opportunities.serialize import need_dict
from ally.people.selectors import access_person

router = Router()


class NeedIn(InputSchema):
    person_id: Id
    text: Text
    driver: DriverName = "other"
    urgency: int = 3
    status: NeedStatus = "suspected"
    said_by_id: Id | None = None
    said_at: Moment | None = None
    interaction_id: Id | None = None
    for_organization: bool = False
    cost_of_doing_nothing: Text = ""
    cost_amount: Decimal | None = None
    cost_currency: Text = ""
    cost_period: Period = ""


class NeedPatch(InputSchema):
    """Only the fields sent change; `status` confirms, addresses or drops the need."""

    text: Text | None = None
    driver: DriverName | None = None
    urgency: int | None = None
    status: NeedStatus | None = None
    said_by_id: Id | None = None
    said_at: Moment | None = None
    interaction_id: Id | None = None
    cost_of_doing_nothing: Text | None = None
    cost_amount: Decimal | None = None
    cost_currency: Text | None = None
    cost_period: Period | None = None


class NeedOut(Schema):
    id: int
    person_id: int
    organization_id: int | None
    text: str
    said_by_id: int | None
    said_at: dt.datetime
    interaction_id: int | None
    driver: str
    urgency: int
    cost_of_doing_nothing: str
    cost_amount: Decimal | None
    cost_currency: str
    cost_period: str
    status: str
    confirmed_at: dt.datetime | None
    touched_at: dt.datetime
    created_at: dt.datetime


class NeedPage(Schema):
    count: int
    items: list[NeedOut]


def _need_refs(request, data: dict) -> dict:
    if "said_by_id" in data:
        said_by = data.pop("said_by_id")
        data["said_by"] = said_by and resolve(access_person, "said_by_id", workspace=request.workspace,
                                              person_id=said_by)
    if "interaction_id" in data:
        data["interaction"] = _interaction(request, data.pop("interaction_id"))
    return data


@router.get("/needs", response={200: NeedPage, **ERRORS}, summary="List needs")
def list_needs(request: HttpRequest, person_id: Id | None = None, status: NeedStatus | None = None,
               limit: Limit = 50, offset: Offset = 0):
    """Needs in the customers' words, most urgent first; filter by person or status."""
    person = resolve(access_person, "person_id", workspace=request.workspace, person_id=person_id) \
        if person_id is not None else None
    result = page(selectors.need_list(workspace=request.workspace, person=person, status=status or ""),
                  limit=limit, offset=offset)
    return {"count": result["count"], "items": [need_dict(n) for n in result["items"]]}


@router.post("/needs", response={201: NeedOut, **ERRORS}, summary="Record a need in the customer's words")
def create_need(request: HttpRequest, payload: NeedIn):
    data = payload.model_dump()
    person = resolve(access_person, "person_id", workspace=request.workspace, person_id=data.pop("person_id"))
    data["organization"] = person.organization if data.pop("for_organization") else None
    with api_field_names(FIELD_NAMES):
        need = services.need_record(workspace=request.workspace, person=person, author=request.user,
                                    **_need_refs(request, data))
    return Status(201, need_dict(need))


@router.get("/needs/{need_id}", response={200: NeedOut, **ERRORS}, summary="Get a need")
def get_need(request: HttpRequest, need_id: Id):
    return need_dict(selectors.access_need(workspace=request.workspace, need_id=need_id))


@router.patch("/needs/{need_id}", response={200: NeedOut, **ERRORS}, summary="Change or confirm a need")
def update_need(request: HttpRequest, need_id: Id, payload: NeedPatch):

    need = selectors.access_need(workspace=request.workspace, need_id=need_id)
    changes = reject_nulls(payload.model_dump(exclude_unset=True), "text", "driver", "urgency", "status", "said_at")
    for name in ("cost_of_doing_nothing", "cost_currency", "cost_period"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    with api_field_names(FIELD_NAMES):
        services.need_update(need=need, author=request.user, **_need_refs(request, changes))
    return need_dict(selectors.access_need(workspace=request.workspace, need_id=need.id))


