"""The network API: warm introductions to a person, and the introduction requests made from them.

Reads come from the workspace's latest snapshot (built by the job queue, never in a request); an id from
another workspace is a 404 in a path and a 422 naming the field in a body.
"""

from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from ally.core.api import ERRORS, Id, InputSchema, Limit, Offset, Text, api_field_names, page, resolve
from ally.network import selectors, services
from ally.network.serialize import (
    IntroductionRequestOut,
    IntroductionsOut,
    introduction_request_json,
    introductions_json,
)
from ally.people.selectors import access_person

router = Router()
Decided = Literal[tuple(sorted(services.DECIDED))]


@router.get("/people/{person_id}/introductions", response={200: IntroductionsOut, **ERRORS},
            summary="Warm introductions to a person")
def person_introductions(request: HttpRequest, person_id: Id):
    """Who on the team knows them and how well, and the best 3 introduction paths (distinct first contacts,
    at most 4 hops), each hop with its strength and basis. Empty until the network is first refreshed."""
    person = access_person(workspace=request.workspace, person_id=person_id)
    return person_introductions_json(request.workspace, person)


def person_introductions_json(workspace, person) -> dict:
    return introductions_json(
        person=person, snapshot=selectors.latest_snapshot(workspace=workspace),
        known_by=selectors.person_known_by(workspace=workspace, person=person),
        introductions=selectors.person_introductions(workspace=workspace, person=person))


class IntroductionRequestIn(InputSchema):
    person_id: Id
    introducer_id: Id
    note: Text | None = None


class IntroductionRequestPage(Schema):
    count: int
    items: list[IntroductionRequestOut]


class IntroductionRequestFilters(Schema):
    person_id: Id | None = None
    limit: Limit = 50
    offset: Offset = 0


class OutcomeIn(InputSchema):
    outcome: Decided


@router.get("/introduction-requests", response={200: IntroductionRequestPage, **ERRORS},
            summary="List introduction requests")
def list_introduction_requests(request: HttpRequest, filters: Query[IntroductionRequestFilters]):
    requests = selectors.introduction_requests(workspace=request.workspace)
    if filters.person_id is not None:
        requests = requests.filter(target_id=filters.person_id)
    result = page(requests, limit=filters.limit, offset=filters.offset)
    result["items"] = [introduction_request_json(r) for r in result["items"]]
    return result


@router.post("/introduction-requests", response={201: IntroductionRequestOut, **ERRORS},
             summary="Ask someone for an introduction")
def create_introduction_request(request: HttpRequest, payload: IntroductionRequestIn):
    """A follow-up for the token's member, due today, with a drafted note (or `note`)."""
    workspace = request.workspace
    target = resolve(access_person, "person_id", workspace=workspace, person_id=payload.person_id)
    introducer = resolve(access_person, "introducer_id", workspace=workspace, person_id=payload.introducer_id)
    with api_field_names({"target": "person_id", "introducer": "introducer_id"}):
        made = services.introduction_request_create(workspace=workspace, member=request.membership,
                                                    introducer=introducer, target=target, note=payload.note)
    return Status(201, _request_json(request, made.id))


@router.get("/introduction-requests/{introduction_request_id}", response={200: IntroductionRequestOut, **ERRORS},
            summary="Get an introduction request")
def get_introduction_request(request: HttpRequest, introduction_request_id: Id):
    return _request_json(request, introduction_request_id)


@router.post("/introduction-requests/{introduction_request_id}/outcome",
             response={200: IntroductionRequestOut, **ERRORS}, summary="Record how an introduction request went")
def decide_introduction_request(request: HttpRequest, introduction_request_id: Id, payload: OutcomeIn):
    """made, declined or no_answer. Made records a referral from the introducer and sets "introduced by"."""
    asked = selectors.access_introduction_request(workspace=request.workspace, request_id=introduction_request_id)
    services.introduction_request_decide(request=asked, outcome=payload.outcome)
    return _request_json(request, asked.id)


def _request_json(request, request_id: int) -> dict:
    return introduction_request_json(selectors.access_introduction_request(workspace=request.workspace,
                                                                           request_id=request_id))

