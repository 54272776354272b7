"""The meeting brief before a conversation."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from ally.core.api import ERRORS, Id
from ally.opportunities.api.journey import CustomerQuestionOut
from ally.opportunities.api.needs import NeedOut
from ally.opportunities.brief import meeting_brief
from ally.opportunities.serialize import brief_dict
from ally.people.selectors import access_person

router = Router()


class BriefPerson(Schema):
    id: int
    name: str
    organization: str | None


class LittleThing(Schema):
    kind: str
    text: str
    date: dt.date | None


class BriefInteraction(Schema):
    id: int
    kind: str
    occurred_at: dt.datetime
    summary: str


class BriefFollowUp(Schema):
    id: int
    text: str
    due_on: dt.date


class BriefOpportunity(Schema):
    id: int
    title: str
    stage: str
    open_questions: list[CustomerQuestionOut]


class BriefConnection(Schema):
    person_id: int
    name: str
    label: str
    team_member: bool
    known_by: list[str]


class SuggestedQuestion(Schema):
    id: int
    text: str
    driver: str
    purpose: str
    why: str


class BriefOut(Schema):
    person: BriefPerson
    little_things: list[LittleThing]
    last_interactions: list[BriefInteraction]
    follow_ups: list[BriefFollowUp]
    needs: list[NeedOut]
    opportunities: list[BriefOpportunity]
    mutual_connections: list[BriefConnection]
    suggested_questions: list[SuggestedQuestion]


@router.get("/people/{person_id}/brief", response={200: BriefOut, **ERRORS},
            summary="The meeting brief: what to remember and three questions to ask")
def get_brief(request: HttpRequest, person_id: Id):
    person = access_person(workspace=request.workspace, person_id=person_id)
    return brief_dict(meeting_brief(person=person, user=request.user))
