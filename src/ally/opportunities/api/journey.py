"""Opportunities: the decision journey, its moves and endings, the pull board, what the customer shared and asked."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from ally.core.api import (
    ERRORS,
    Id,
    IdList,
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
from ally.opportunities.api.common import FIELD_NAMES, StageName, _interaction
from ally.opportunities.api.needs import NeedOut
from ally.opportunities.filters import OpportunityFilter
from ally.opportunities.serialize import board_dict, customer_question_dict, opportunity_dict, opportunity_page_dict
from ally.people.selectors import access_person

router = Router()


class OpportunityIn(InputSchema):
    person_id: Id
    title: Text = ""
    need_ids: IdList = []
    offering_ids: IdList = []
    reason: Text = ""
    occurred_at: Moment | None = None
    interaction_id: Id | None = None


class OpportunityPatch(InputSchema):
    """Only the fields sent change; `need_ids` and `offering_ids` replace the lists whole."""

    title: Text | None = None
    need_ids: IdList | None = None
    offering_ids: IdList | None = None


class MoveIn(InputSchema):
    stage: StageName
    reason: Text
    occurred_at: Moment | None = None
    interaction_id: Id | None = None
    alternative_id: Id | None = None
    alternative_name: Text = ""
    revisit_on: dt.date | None = None
    offering_id: Id | None = None
    amount: Decimal | None = None
    currency: Text = ""
    purchased_on: dt.date | None = None


class OpportunityOut(Schema):
    id: int
    person_id: int
    person_name: str
    organization_id: int | None
    title: str
    stage: str
    stage_changed_at: dt.datetime
    stage_reason: str
    decided_at: dt.datetime | None
    alternative_id: int | None
    alternative_name: str
    revisit_on: dt.date | None
    purchase_id: int | None
    created_at: dt.datetime


class OpportunityPage(Schema):
    count: int
    items: list[OpportunityOut]


class MoveOut(Schema):
    id: int
    from_stage: str
    to_stage: str
    reason: str
    occurred_at: dt.datetime
    interaction_id: int | None
    alternative_id: int | None
    alternative_name: str
    revisit_on: dt.date | None


class OfferingRef(Schema):
    id: int
    name: str


class DecisionInfoOut(Schema):
    id: int
    what: str
    shared_at: dt.datetime
    interaction_id: int | None


class CustomerQuestionOut(Schema):
    id: int
    opportunity_id: int
    text: str
    asked_at: dt.datetime
    interaction_id: int | None
    answer: str
    answered_at: dt.datetime | None


class OpportunityDetailOut(OpportunityOut):
    pull: float
    needs: list[NeedOut]
    offerings: list[OfferingRef]
    history: list[MoveOut]
    decision_info: list[DecisionInfoOut]
    questions: list[CustomerQuestionOut]


class BoardCardOut(OpportunityOut):
    pull: float
    confirmed_needs: int
    needs: int


class BoardColumnOut(Schema):
    stage: str
    label: str
    count: int = Field(description="Every open opportunity at this stage; `cards` holds the top `limit` of them.")
    cards: list[BoardCardOut]


class DecisionInfoIn(InputSchema):
    what: Text
    shared_at: Moment | None = None
    interaction_id: Id | None = None


class CustomerQuestionIn(InputSchema):
    text: Text
    asked_at: Moment | None = None
    interaction_id: Id | None = None


class AnswerIn(InputSchema):
    answer: Text
    answered_at: Moment | None = None


def _detail(request, opportunity_id) -> dict:
    opportunity = selectors.access_opportunity(workspace=request.workspace, opportunity_id=opportunity_id)
    return opportunity_page_dict(selectors.opportunity_page(opportunity=opportunity))


def _needs(request, ids) -> list:
    return [resolve(selectors.access_need, "need_ids", workspace=request.workspace, need_id=i) for i in ids]


def _offerings(request, ids) -> list:
    return [resolve(selectors.access_offering, "offering_ids", workspace=request.workspace, offering_id=i)
            for i in ids]


@router.get("/opportunities", response={200: OpportunityPage, **ERRORS}, summary="List opportunities")
def list_opportunities(request: HttpRequest, filters: Query[OpportunityFilter], limit: Limit = 50, offset: Offset = 0):
    """Opportunities, latest move first; `stage=open` for those still being decided (the page's and
    `ally opportunity list`'s filters)."""
    result = page(selectors.opportunity_list(workspace=request.workspace, filters=filters), limit=limit, offset=offset)
    return {"count": result["count"], "items": [opportunity_dict(o) for o in result["items"]]}


@router.get("/opportunities/board", response={200: list[BoardColumnOut], **ERRORS},
            summary="The pull board: open opportunities by the customer's stage, ranked by their pull")
def get_board(request: HttpRequest, limit: Annotated[int, Field(ge=1, le=500)] = selectors.BOARD_COLUMN_LIMIT):
    """Same ranking as the board page: inside each stage, strongest customer pull first (never by amount); the
    top `limit` cards of each stage with the stage's `count` (the rest: `GET /opportunities?stage=...`)."""
    return board_dict(selectors.pull_board(workspace=request.workspace, limit=limit))


@router.post("/opportunities", response={201: OpportunityDetailOut, **ERRORS}, summary="Open an opportunity")
def create_opportunity(request: HttpRequest, payload: OpportunityIn):
    """A customer's decision about some of their needs; it starts at `exploring`."""
    data = payload.model_dump()
    person = resolve(access_person, "person_id", workspace=request.workspace, person_id=data["person_id"])
    with api_field_names(FIELD_NAMES):
        opportunity = services.opportunity_open(
            workspace=request.workspace, person=person, title=data["title"], reason=data["reason"],
            needs=_needs(request, data["need_ids"]), offerings=_offerings(request, data["offering_ids"]),
            occurred_at=data["occurred_at"], interaction=_interaction(request, data["interaction_id"]),
            owner=request.membership, author=request.user)
    return Status(201, _detail(request, opportunity.id))


@router.get("/opportunities/{opportunity_id}", response={200: OpportunityDetailOut, **ERRORS},
            summary="Get an opportunity with its history, needs, decision information and questions")
def get_opportunity(request: HttpRequest, opportunity_id: Id):
    return _detail(request, opportunity_id)


@router.patch("/opportunities/{opportunity_id}", response={200: OpportunityDetailOut, **ERRORS},
              summary="Rename an opportunity or change its needs and offerings")
def update_opportunity(request: HttpRequest, opportunity_id: Id, payload: OpportunityPatch):
    opportunity = selectors.access_opportunity(workspace=request.workspace, opportunity_id=opportunity_id)
    changes = reject_nulls(payload.model_dump(exclude_unset=True), "title", "need_ids", "offering_ids")
    if "need_ids" in changes:
        changes["needs"] = _needs(request, changes.pop("need_ids"))
    if "offering_ids" in changes:
        changes["offerings"] = _offerings(request, changes.pop("offering_ids"))
    with api_field_names(FIELD_NAMES):
        services.opportunity_update(opportunity=opportunity, **changes)
    return _detail(request, opportunity.id)


@router.post("/opportunities/{opportunity_id}/moves", response={201: OpportunityDetailOut, **ERRORS},
             summary="Move an opportunity to the customer's new stage, with their reason")
def move_opportunity(request: HttpRequest, opportunity_id: Id, payload: MoveIn):
    """`not_a_fit` needs `alternative_id` or `alternative_name`; `staying_as_is` takes `revisit_on`;
    `owning` records the purchase (`amount`, `currency`, `purchased_on`, `offering_id`). A refused move
    says why in a 422 on `stage`, `reason` or the field at fault."""
    opportunity = selectors.access_opportunity(workspace=request.workspace, opportunity_id=opportunity_id)
    data = payload.model_dump()
    alternative = resolve(selectors.access_alternative, "alternative_id", workspace=request.workspace,
                          alternative_id=data["alternative_id"]) if data["alternative_id"] else None
    offering = resolve(selectors.access_offering, "offering_id", workspace=request.workspace,
                       offering_id=data["offering_id"]) if data["offering_id"] else None
    with api_field_names(FIELD_NAMES):
        services.opportunity_move(
            opportunity=opportunity, stage=data["stage"], reason=data["reason"], occurred_at=data["occurred_at"],
            interaction=_interaction(request, data["interaction_id"]), alternative=alternative,
            alternative_name=data["alternative_name"], revisit_on=data["revisit_on"], offering=offering,
            amount=data["amount"], currency=data["currency"], purchased_on=data["purchased_on"],
            author=request.user)
    return Status(201, _detail(request, opportunity.id))


@router.post("/opportunities/{opportunity_id}/decision-info", response={201: DecisionInfoOut, **ERRORS},
             summary="Record decision information shared with the customer")
def share_decision_info(request: HttpRequest, opportunity_id: Id, payload: DecisionInfoIn):
    opportunity = selectors.access_opportunity(workspace=request.workspace, opportunity_id=opportunity_id)
    with api_field_names(FIELD_NAMES):
        info = services.decision_info_share(opportunity=opportunity, what=payload.what, shared_at=payload.shared_at,
                                            interaction=_interaction(request, payload.interaction_id),
                                            author=request.user)
    return Status(201, {"id": info.id, "what": info.what, "shared_at": info.shared_at,
                        "interaction_id": info.interaction_id})


@router.post("/opportunities/{opportunity_id}/questions", response={201: CustomerQuestionOut, **ERRORS},
             summary="Note a question the customer asked")
def ask_question(request: HttpRequest, opportunity_id: Id, payload: CustomerQuestionIn):
    opportunity = selectors.access_opportunity(workspace=request.workspace, opportunity_id=opportunity_id)
    with api_field_names(FIELD_NAMES):
        question = services.customer_question_ask(opportunity=opportunity, text=payload.text,
                                                  asked_at=payload.asked_at,
                                                  interaction=_interaction(request, payload.interaction_id),
                                                  author=request.user)
    return Status(201, customer_question_dict(question))


@router.post("/customer-questions/{question_id}/answer", response={200: CustomerQuestionOut, **ERRORS},
             summary="Answer the customer's question")
def answer_question(request: HttpRequest, question_id: Id, payload: AnswerIn):
    question = selectors.access_customer_question(workspace=request.workspace, question_id=question_id)
    services.customer_question_answer(question=question, answer=payload.answer, answered_at=payload.answered_at,
                                      author=request.user)
    return customer_question_dict(question)


