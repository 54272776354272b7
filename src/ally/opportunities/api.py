"""The opportunities API: needs, opportunities and their moves, the pull board, decisions helped,
the catalogues (offerings, alternatives, discovery questions) and the meeting brief.

Every write calls the same services as the pages. An id in the path from another workspace is a
404; an id inside a body that is missing or another workspace's is a 422 naming the field.
"""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status

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
from ally.interactions.selectors import access_interaction
from ally.opportunities import selectors, services
from ally.opportunities.bank import ensure_question_bank
from ally.opportunities.brief import meeting_brief
from ally.opportunities.models import DiscoveryQuestion, Driver, Need, Stage
from ally.opportunities.serialize import (
    alternative_dict,
    board_dict,
    brief_dict,
    customer_question_dict,
    discovery_question_dict,
    need_dict,
    offering_dict,
    opportunity_dict,
    opportunity_page_dict,
)
from ally.people.selectors import access_person

router = Router()

DriverName = Literal[tuple(Driver.values)]
NeedStatus = Literal[tuple(Need.Status.values)]
Period = Literal[("",) + tuple(Need.Period.values)]
StageName = Literal[tuple(Stage.values)]
Purpose = Literal[tuple(DiscoveryQuestion.Purpose.values)]
FIELD_NAMES = {"person": "person_id", "said_by": "said_by_id", "interaction": "interaction_id",
               "organization": "organization_id", "needs": "need_ids", "offerings": "offering_ids",
               "alternative": "alternative_id", "offering": "offering_id"}


def _interaction(request, interaction_id):
    if interaction_id is None:
        return None
    return resolve(access_interaction, "interaction_id", workspace=request.workspace, interaction_id=interaction_id,
                   user=request.user)


# ---- needs --------------------------------------------------------------------------------------

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


# ---- opportunities ------------------------------------------------------------------------------

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


class OpportunityFilters(Schema):
    stage: Literal[("open",) + tuple(Stage.values)] | None = None
    person_id: Id | None = None
    limit: Limit = 50
    offset: Offset = 0


def _detail(request, opportunity_id) -> dict:
    opportunity = selectors.access_opportunity(workspace=request.workspace, opportunity_id=opportunity_id)
    return opportunity_page_dict(selectors.opportunity_page(opportunity=opportunity))


def _needs(request, ids) -> list:
    return [resolve(selectors.access_need, "need_ids", workspace=request.workspace, need_id=i) for i in ids]


def _offerings(request, ids) -> list:
    return [resolve(selectors.access_offering, "offering_ids", workspace=request.workspace, offering_id=i)
            for i in ids]


@router.get("/opportunities", response={200: OpportunityPage, **ERRORS}, summary="List opportunities")
def list_opportunities(request: HttpRequest, filters: Query[OpportunityFilters]):
    """Opportunities, latest move first; `stage=open` for those still being decided."""
    person = resolve(access_person, "person_id", workspace=request.workspace, person_id=filters.person_id) \
        if filters.person_id is not None else None
    result = page(selectors.opportunity_list(workspace=request.workspace, stage=filters.stage or "", person=person),
                  limit=filters.limit, offset=filters.offset)
    return {"count": result["count"], "items": [opportunity_dict(o) for o in result["items"]]}


@router.get("/opportunities/board", response={200: list[BoardColumnOut], **ERRORS},
            summary="The pull board: open opportunities by the customer's stage, ranked by their pull")
def get_board(request: HttpRequest):
    """Same ranking as the board page: inside each stage, strongest customer pull first (never by amount)."""
    return board_dict(selectors.pull_board(workspace=request.workspace))


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


# ---- decisions helped ---------------------------------------------------------------------------

class MonthCount(Schema):
    month: dt.date
    count: int


class DecisionsHelpedOut(Schema):
    start: dt.date
    end: dt.date
    count: int
    by_ending: dict[str, int]
    months: list[MonthCount]


@router.get("/decisions-helped", response={200: DecisionsHelpedOut, **ERRORS},
            summary="Decisions helped over a period (owning, not a fit with an alternative, staying as is)")
def get_decisions_helped(request: HttpRequest, start: dt.date | None = None, end: dt.date | None = None):
    """Counted in [start, end) by the day each decision was made; default: the last twelve months."""
    from ally.core.errors import ValidationError

    end = end or timezone.localdate() + dt.timedelta(days=1)
    start = start or (end - dt.timedelta(days=365))
    if start >= end:
        raise ValidationError({"end": "must be after start"})
    workspace = request.workspace
    return {
        "start": start, "end": end,
        "count": selectors.decisions_helped(workspace=workspace, start=start, end=end),
        "by_ending": selectors.decisions_helped_breakdown(workspace=workspace, start=start, end=end),
        "months": [{"month": m, "count": n} for m, n in
                   selectors.decisions_helped_by_month(workspace=workspace, start=start, end=end)],
    }


# ---- catalogues ---------------------------------------------------------------------------------

class OfferingIn(InputSchema):
    name: Text
    description: Text = ""
    price: Decimal | None = None
    currency: Text = ""
    active: bool = True


class OfferingPatch(InputSchema):
    name: Text | None = None
    description: Text | None = None
    price: Decimal | None = None
    currency: Text | None = None
    active: bool | None = None


class OfferingOut(Schema):
    id: int
    name: str
    description: str
    price: Decimal | None
    currency: str
    active: bool


class AlternativeIn(InputSchema):
    name: Text
    vendor: Text = ""
    good_for: Text = ""
    website: Text = ""
    active: bool = True


class AlternativePatch(InputSchema):
    name: Text | None = None
    vendor: Text | None = None
    good_for: Text | None = None
    website: Text | None = None
    active: bool | None = None


class AlternativeOut(Schema):
    id: int
    name: str
    vendor: str
    good_for: str
    website: str
    active: bool


class DiscoveryQuestionIn(InputSchema):
    text: Text
    driver: DriverName
    purpose: Purpose = "need"
    position: int | None = None
    active: bool = True


class DiscoveryQuestionPatch(InputSchema):
    text: Text | None = None
    driver: DriverName | None = None
    purpose: Purpose | None = None
    position: int | None = None
    active: bool | None = None


class DiscoveryQuestionOut(Schema):
    id: int
    driver: str
    purpose: str
    text: str
    position: int
    active: bool


def _blank_nulls(changes: dict, *names: str) -> dict:
    for name in names:
        if name in changes and changes[name] is None:
            changes[name] = ""
    return changes


@router.get("/offerings", response={200: list[OfferingOut], **ERRORS}, summary="List what the workspace offers")
def list_offerings(request: HttpRequest, active: bool | None = None):
    offerings = selectors.offering_list(workspace=request.workspace, active_only=bool(active))
    return [offering_dict(o) for o in offerings]


@router.post("/offerings", response={201: OfferingOut, **ERRORS}, summary="Add an offering")
def create_offering(request: HttpRequest, payload: OfferingIn):
    return Status(201, offering_dict(services.offering_create(workspace=request.workspace, **payload.model_dump())))


@router.get("/offerings/{offering_id}", response={200: OfferingOut, **ERRORS}, summary="Get an offering")
def get_offering(request: HttpRequest, offering_id: Id):
    return offering_dict(selectors.access_offering(workspace=request.workspace, offering_id=offering_id))


@router.patch("/offerings/{offering_id}", response={200: OfferingOut, **ERRORS}, summary="Change an offering")
def update_offering(request: HttpRequest, offering_id: Id, payload: OfferingPatch):
    offering = selectors.access_offering(workspace=request.workspace, offering_id=offering_id)
    changes = _blank_nulls(reject_nulls(payload.model_dump(exclude_unset=True), "name", "active"), "description",
                           "currency")
    return offering_dict(services.offering_update(offering=offering, **changes))


@router.get("/alternatives", response={200: list[AlternativeOut], **ERRORS},
            summary="List the alternatives we recommend when we are not the fit")
def list_alternatives(request: HttpRequest, active: bool | None = None):
    return [alternative_dict(a) for a in selectors.alternative_list(workspace=request.workspace,
                                                                    active_only=bool(active))]


@router.post("/alternatives", response={201: AlternativeOut, **ERRORS}, summary="Add an alternative")
def create_alternative(request: HttpRequest, payload: AlternativeIn):
    return Status(201, alternative_dict(services.alternative_create(workspace=request.workspace,
                                                                    **payload.model_dump())))


@router.get("/alternatives/{alternative_id}", response={200: AlternativeOut, **ERRORS}, summary="Get an alternative")
def get_alternative(request: HttpRequest, alternative_id: Id):
    return alternative_dict(selectors.access_alternative(workspace=request.workspace, alternative_id=alternative_id))


@router.patch("/alternatives/{alternative_id}", response={200: AlternativeOut, **ERRORS},
              summary="Change an alternative")
def update_alternative(request: HttpRequest, alternative_id: Id, payload: AlternativePatch):
    alternative = selectors.access_alternative(workspace=request.workspace, alternative_id=alternative_id)
    changes = _blank_nulls(reject_nulls(payload.model_dump(exclude_unset=True), "name", "active"), "vendor",
                           "good_for", "website")
    return alternative_dict(services.alternative_update(alternative=alternative, **changes))


@router.get("/discovery-questions", response={200: list[DiscoveryQuestionOut], **ERRORS},
            summary="The question bank: open discovery questions by driver")
def list_discovery_questions(request: HttpRequest, driver: DriverName | None = None):
    ensure_question_bank(workspace=request.workspace)
    return [discovery_question_dict(q) for q in selectors.question_bank(workspace=request.workspace,
                                                                         driver=driver or "")]


@router.post("/discovery-questions", response={201: DiscoveryQuestionOut, **ERRORS},
             summary="Add a question to the bank")
def create_discovery_question(request: HttpRequest, payload: DiscoveryQuestionIn):
    question = services.discovery_question_create(workspace=request.workspace, **payload.model_dump())
    return Status(201, discovery_question_dict(question))


@router.get("/discovery-questions/{question_id}", response={200: DiscoveryQuestionOut, **ERRORS},
            summary="Get a discovery question")
def get_discovery_question(request: HttpRequest, question_id: Id):
    return discovery_question_dict(selectors.access_discovery_question(workspace=request.workspace,
                                                                       question_id=question_id))


@router.patch("/discovery-questions/{question_id}", response={200: DiscoveryQuestionOut, **ERRORS},
              summary="Change a discovery question")
def update_discovery_question(request: HttpRequest, question_id: Id, payload: DiscoveryQuestionPatch):
    question = selectors.access_discovery_question(workspace=request.workspace, question_id=question_id)
    changes = reject_nulls(payload.model_dump(exclude_unset=True), "text", "driver", "purpose", "position", "active")
    return discovery_question_dict(services.discovery_question_update(question=question, **changes))


@router.delete("/discovery-questions/{question_id}", response={204: None, **ERRORS},
               summary="Delete a discovery question")
def delete_discovery_question(request: HttpRequest, question_id: Id):
    question = selectors.access_discovery_question(workspace=request.workspace, question_id=question_id)
    services.discovery_question_delete(question=question)
    return Status(204, None)


# ---- the meeting brief --------------------------------------------------------------------------

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
