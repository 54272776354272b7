"""The ownership API: purchases, check-ins and their playbooks, feedback, referrals, and the dashboard.

Writes call the same services as the pages; reads go through workspace-scoped selectors, so an id
from another workspace is a 404 in a path and a 422 naming the field in a body.
"""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from ally.core.api import ERRORS, Id, InputSchema, Limit, Moment, Offset, Text, api_field_names, page, resolve
from ally.ownership import selectors, services
from ally.ownership.filters import CheckInFilter, PurchaseFilter
from ally.ownership.models import CheckIn, Feedback, Referral
from ally.ownership.serialize import (
    CheckInOut,
    PurchaseDetailOut,
    PurchaseOut,
    check_in_json,
    purchase_detail_json,
    purchase_json,
)
from ally.people.selectors import access_organization, access_person

router = Router()

CheckInStatus = Literal[tuple(CheckIn.Status.values)]
Outcome = Literal[tuple(CheckIn.Outcome.values)]
Direction = Literal[tuple(Referral.Direction.values)]
Amount = Decimal | Text


def _person(request, person_id: int, field: str = "person_id"):
    return resolve(access_person, field, workspace=request.workspace, person_id=person_id)


# ---- purchases ----------------------------------------------------------------------------------

class PurchaseIn(InputSchema):
    person_id: Id
    amount: Amount
    currency: Text
    purchased_on: dt.date | None = Field(None, description="Default: today, in the token's member's time zone.")
    offering_id: Id | None = None
    organization_id: Id | None = None
    description: Text = ""


class PurchasePage(Schema):
    count: int
    items: list[PurchaseOut]


def _purchase_detail(request, purchase_id: int) -> dict:
    return purchase_detail_json(selectors.access_purchase(workspace=request.workspace, purchase_id=purchase_id))


@router.get("/purchases", response={200: PurchasePage, **ERRORS}, summary="List purchases")
def list_purchases(request: HttpRequest, filters: Query[PurchaseFilter], limit: Limit = 50, offset: Offset = 0):
    """Newest first; `start` and `end` (days included) bound when they were bought (the page's and
    `ally purchase list`'s filters)."""
    result = page(selectors.purchase_list(workspace=request.workspace, filters=filters), limit=limit, offset=offset)
    result["items"] = [purchase_json(p) for p in result["items"]]
    return result


@router.post("/purchases", response={201: PurchaseDetailOut, **ERRORS}, summary="Record a purchase")
def create_purchase(request: HttpRequest, payload: PurchaseIn):
    """Schedules the check-ins of the offering's playbook (or the default) and goes on the timeline."""
    workspace = request.workspace
    person = _person(request, payload.person_id)
    offering = payload.offering_id and resolve(selectors.access_offering, "offering_id", workspace=workspace,
                                               offering_id=payload.offering_id)
    organization = payload.organization_id and resolve(access_organization, "organization_id", workspace=workspace,
                                                       organization_id=payload.organization_id)
    with api_field_names({"person": "person_id", "offering": "offering_id", "organization": "organization_id"}):
        purchase = services.purchase_record(
            workspace=workspace, person=person, amount=payload.amount, currency=payload.currency,
            purchased_on=payload.purchased_on, offering=offering or None, organization=organization or None,
            description=payload.description, author=request.user)
    return Status(201, _purchase_detail(request, purchase.id))


@router.get("/purchases/{purchase_id}", response={200: PurchaseDetailOut, **ERRORS}, summary="Get a purchase")
def get_purchase(request: HttpRequest, purchase_id: Id):
    return _purchase_detail(request, purchase_id)


@router.delete("/purchases/{purchase_id}", response={204: None, **ERRORS}, summary="Remove a purchase")
def delete_purchase(request: HttpRequest, purchase_id: Id):
    """Removes the purchase and its check-ins (a purchase recorded by mistake)."""
    purchase = selectors.access_purchase(workspace=request.workspace, purchase_id=purchase_id)
    services.purchase_delete(purchase=purchase, author=request.user)
    return Status(204, None)


# ---- check-ins ----------------------------------------------------------------------------------

class CheckInPage(Schema):
    count: int
    items: list[CheckInOut]


class CompleteIn(InputSchema):
    outcome: Outcome
    satisfaction: int | None = None
    note: Text = ""
    completed_at: Moment | None = None


class SkipIn(InputSchema):
    note: Text = ""


class RescheduleIn(InputSchema):
    due_on: dt.date


def _check_in(request, check_in_id: int) -> CheckIn:
    return selectors.access_check_in(workspace=request.workspace, check_in_id=check_in_id)


@router.get("/check-ins", response={200: CheckInPage, **ERRORS}, summary="List check-ins")
def list_check_ins(request: HttpRequest, filters: Query[CheckInFilter], limit: Limit = 50, offset: Offset = 0):
    """Soonest first. Those due now: `due=true`; late ones: `overdue=true` (the same filters as the check-ins
    page and `ally checkin list`)."""
    result = page(selectors.check_in_list(workspace=request.workspace, filters=filters), limit=limit, offset=offset)
    result["items"] = [check_in_json(c) for c in result["items"]]
    return result


@router.get("/check-ins/{check_in_id}", response={200: CheckInOut, **ERRORS}, summary="Get a check-in")
def get_check_in(request: HttpRequest, check_in_id: Id):
    return check_in_json(_check_in(request, check_in_id))


@router.post("/check-ins/{check_in_id}/complete", response={200: CheckInOut, **ERRORS},
             summary="Record how a check-in went")
def complete_check_in(request: HttpRequest, check_in_id: Id, payload: CompleteIn):
    """`offer_case` is true when the score is 6 or below: open a case with `POST /cases` and `check_in_id`."""
    check_in = services.check_in_complete(check_in=_check_in(request, check_in_id), outcome=payload.outcome,
                                          satisfaction=payload.satisfaction, note=payload.note,
                                          completed_at=payload.completed_at, author=request.user)
    return check_in_json(check_in)


@router.post("/check-ins/{check_in_id}/skip", response={200: CheckInOut, **ERRORS}, summary="Skip a check-in")
def skip_check_in(request: HttpRequest, check_in_id: Id, payload: SkipIn):
    return check_in_json(services.check_in_skip(check_in=_check_in(request, check_in_id), note=payload.note,
                                                author=request.user))


@router.post("/check-ins/{check_in_id}/reschedule", response={200: CheckInOut, **ERRORS},
             summary="Move a check-in to another day")
def reschedule_check_in(request: HttpRequest, check_in_id: Id, payload: RescheduleIn):
    return check_in_json(services.check_in_reschedule(check_in=_check_in(request, check_in_id),
                                                      due_on=payload.due_on))


# ---- playbooks ----------------------------------------------------------------------------------

class StepIO(Schema):
    day: int
    question: Text


class PlaybookIn(InputSchema):
    steps: list[StepIO]


class PlaybookOut(Schema):
    offering_id: int | None
    offering_name: str | None
    own: bool
    steps: list[StepIO]


class PlaybooksOut(Schema):
    default: PlaybookOut
    offerings: list[PlaybookOut]


def _playbook_out(workspace, offering=None) -> dict:
    playbook = selectors.playbook_for(workspace=workspace, offering=offering)
    own = playbook is not None and playbook.offering_id == (offering.id if offering else None)
    return {"offering_id": offering.id if offering else None, "offering_name": offering.name if offering else None,
            "own": own, "steps": [{"day": day, "question": question} for day, question in
                                  selectors.playbook_steps(workspace=workspace, offering=offering)]}


def _steps(payload: PlaybookIn) -> list[tuple[int, str]]:
    return [(step.day, step.question) for step in payload.steps]


@router.get("/playbooks", response={200: PlaybooksOut, **ERRORS}, summary="List check-in playbooks")
def list_playbooks(request: HttpRequest):
    """The default playbook, and each offering's (`own` is false when it follows the default)."""
    workspace = request.workspace
    return {"default": _playbook_out(workspace),
            "offerings": [_playbook_out(workspace, o) for o in selectors.offerings(workspace=workspace)]}


@router.put("/playbooks/default", response={200: PlaybookOut, **ERRORS}, summary="Replace the default playbook")
def put_default_playbook(request: HttpRequest, payload: PlaybookIn):
    services.playbook_save(workspace=request.workspace, steps=_steps(payload))
    return _playbook_out(request.workspace)


@router.delete("/playbooks/default", response={200: PlaybookOut, **ERRORS},
               summary="Restore Ally's default playbook (days 3, 30, 90, 365)")
def reset_default_playbook(request: HttpRequest):
    services.playbook_reset(workspace=request.workspace)
    return _playbook_out(request.workspace)


@router.get("/playbooks/offerings/{offering_id}", response={200: PlaybookOut, **ERRORS},
            summary="Get an offering's playbook")
def get_offering_playbook(request: HttpRequest, offering_id: Id):
    offering = selectors.access_offering(workspace=request.workspace, offering_id=offering_id)
    return _playbook_out(request.workspace, offering)


@router.put("/playbooks/offerings/{offering_id}", response={200: PlaybookOut, **ERRORS},
            summary="Give an offering its own playbook")
def put_offering_playbook(request: HttpRequest, offering_id: Id, payload: PlaybookIn):
    offering = selectors.access_offering(workspace=request.workspace, offering_id=offering_id)
    services.playbook_save(workspace=request.workspace, offering=offering, steps=_steps(payload))
    return _playbook_out(request.workspace, offering)


@router.delete("/playbooks/offerings/{offering_id}", response={200: PlaybookOut, **ERRORS},
               summary="Make an offering follow the default playbook again")
def reset_offering_playbook(request: HttpRequest, offering_id: Id):
    offering = selectors.access_offering(workspace=request.workspace, offering_id=offering_id)
    services.playbook_reset(workspace=request.workspace, offering=offering)
    return _playbook_out(request.workspace, offering)


# ---- feedback -----------------------------------------------------------------------------------

class FeedbackIn(InputSchema):
    person_id: Id
    score: int | None = None
    comment: Text = ""
    received_on: dt.date | None = None
    purchase_id: Id | None = None


class FeedbackOut(Schema):
    id: int
    person_id: int
    purchase_id: int | None
    score: int | None
    comment: str
    received_on: dt.date
    created_at: dt.datetime


class FeedbackPage(Schema):
    count: int
    items: list[FeedbackOut]


@router.get("/feedback", response={200: FeedbackPage, **ERRORS}, summary="List feedback")
def list_feedback(request: HttpRequest, person_id: Id | None = None, limit: Limit = 50, offset: Offset = 0):
    """What customers told us unprompted, newest first (check-in scores are on the check-ins)."""
    return page(selectors.feedback_list(workspace=request.workspace, person_id=person_id), limit=limit, offset=offset)


@router.post("/feedback", response={201: FeedbackOut, **ERRORS}, summary="Record feedback")
def create_feedback(request: HttpRequest, payload: FeedbackIn):
    person = _person(request, payload.person_id)
    purchase = payload.purchase_id and resolve(selectors.access_purchase, "purchase_id", workspace=request.workspace,
                                               purchase_id=payload.purchase_id)
    with api_field_names({"person": "person_id", "purchase": "purchase_id"}):
        feedback = services.feedback_record(workspace=request.workspace, person=person, score=payload.score,
                                            comment=payload.comment, received_on=payload.received_on,
                                            purchase=purchase or None, author=request.user)
    return Status(201, feedback)


@router.get("/feedback/{feedback_id}", response={200: FeedbackOut, **ERRORS}, summary="Get feedback")
def get_feedback(request: HttpRequest, feedback_id: Id):
    return selectors.access_feedback(workspace=request.workspace, feedback_id=feedback_id)


@router.delete("/feedback/{feedback_id}", response={204: None, **ERRORS}, summary="Delete feedback")
def delete_feedback(request: HttpRequest, feedback_id: Id):
    feedback: Feedback = selectors.access_feedback(workspace=request.workspace, feedback_id=feedback_id)
    services.feedback_delete(feedback=feedback)
    return Status(204, None)


# ---- referrals ----------------------------------------------------------------------------------

class ReferralIn(InputSchema):
    """received: `referrer_id` introduced `person_id` to us. given: we introduced `person_id` to
    `introduced_to_id` (a person in Ally) or `introduced_to_name`."""

    direction: Direction
    person_id: Id
    referrer_id: Id | None = None
    introduced_to_id: Id | None = None
    introduced_to_name: Text = ""
    referred_on: dt.date | None = None
    note: Text = ""


class ReferralOut(Schema):
    id: int
    direction: str
    person_id: int
    referrer_id: int | None
    introduced_to_id: int | None
    introduced_to_name: str
    referred_on: dt.date
    note: str
    created_at: dt.datetime


class ReferralPage(Schema):
    count: int
    items: list[ReferralOut]


@router.get("/referrals", response={200: ReferralPage, **ERRORS}, summary="List referrals")
def list_referrals(request: HttpRequest, person_id: Id | None = None, direction: Direction | None = None,
                   limit: Limit = 50, offset: Offset = 0):
    """Newest first; with `person_id`, every referral the person is part of, on either side."""
    return page(selectors.referral_list(workspace=request.workspace, person_id=person_id, direction=direction),
                limit=limit, offset=offset)


class IntroductionOut(Schema):
    """Someone we introduced the person to: a referral we gave, or an alternative recommended when an
    opportunity was not a fit (then `opportunity_id` is set and `referral_id` is not)."""

    on: dt.date
    to_name: str
    to_person_id: int | None
    note: str
    referral_id: int | None
    opportunity_id: int | None


class PersonReferralsOut(Schema):
    person_id: int
    advocate: bool
    introduced_by: list[ReferralOut]
    introduced_to_us: list[ReferralOut]
    given: list[IntroductionOut]


@router.get("/people/{person_id}/referrals", response={200: PersonReferralsOut, **ERRORS},
            summary="A person's referrals, both directions")
def get_person_referrals(request: HttpRequest, person_id: Id):
    """Who introduced them to us and whom they introduced (`advocate` when anyone), and everyone we
    introduced them to, alternatives recommended included."""
    person = access_person(workspace=request.workspace, person_id=person_id)
    referrals = selectors.person_referrals(person=person)
    return {"person_id": person.id, "advocate": referrals.is_advocate, "introduced_by": referrals.introduced_by,
            "introduced_to_us": referrals.introduced_to_us,
            "given": [{"on": i.when, "to_name": i.to_name, "to_person_id": i.to_person_id, "note": i.note,
                       "referral_id": i.referral.id if i.referral else None,
                       "opportunity_id": i.opportunity.id if i.opportunity else None}
                      for i in referrals.introductions]}


@router.post("/referrals", response={201: ReferralOut, **ERRORS}, summary="Record a referral")
def create_referral(request: HttpRequest, payload: ReferralIn):
    person = _person(request, payload.person_id)
    referrer = payload.referrer_id and _person(request, payload.referrer_id, "referrer_id")
    introduced_to = payload.introduced_to_id and _person(request, payload.introduced_to_id, "introduced_to_id")
    with api_field_names({"person": "person_id", "referrer": "referrer_id", "introduced_to": "introduced_to_id"}):
        referral = services.referral_record(
            workspace=request.workspace, direction=payload.direction, person=person, referrer=referrer or None,
            introduced_to=introduced_to or None, introduced_to_name=payload.introduced_to_name,
            referred_on=payload.referred_on, note=payload.note, author=request.user)
    return Status(201, referral)


@router.get("/referrals/{referral_id}", response={200: ReferralOut, **ERRORS}, summary="Get a referral")
def get_referral(request: HttpRequest, referral_id: Id):
    return selectors.access_referral(workspace=request.workspace, referral_id=referral_id)


@router.delete("/referrals/{referral_id}", response={204: None, **ERRORS}, summary="Delete a referral")
def delete_referral(request: HttpRequest, referral_id: Id):
    services.referral_delete(referral=selectors.access_referral(workspace=request.workspace, referral_id=referral_id))
    return Status(204, None)


