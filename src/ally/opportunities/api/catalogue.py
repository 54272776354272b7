"""The catalogues around a decision: offerings, alternatives we recommend, discovery questions."""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema, Status

from ally.core.api import ERRORS, Id, InputSchema, Text, reject_nulls
from ally.opportunities import selectors, services
from ally.opportunities.api.common import DriverName, Purpose
from ally.opportunities.bank import ensure_question_bank
from ally.opportunities.serialize import alternative_dict, discovery_question_dict, offering_dict

router = Router()


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


