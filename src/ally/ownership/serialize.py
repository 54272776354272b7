"""One shape per object of the ownership app, shared by the API's responses and the CLI's `--json`."""

import datetime as dt
from decimal import Decimal

from ninja import Schema

from ally.ownership.filters import CheckInFilter
from ally.ownership.models import CheckIn, Purchase
from ally.ownership.selectors import check_in_list
from ally.ownership.services import LOW_SCORE


class CheckInOut(Schema):
    id: int
    purchase_id: int
    person_id: int
    person_name: str
    day: int
    due_on: dt.date
    question: str
    status: str
    outcome: str
    satisfaction: int | None
    note: str
    completed_at: dt.datetime | None
    offer_case: bool


class PurchaseOut(Schema):
    id: int
    person_id: int
    person_name: str
    what: str
    organization_id: int | None
    offering_id: int | None
    offering_name: str | None
    description: str
    amount: Decimal
    currency: str
    purchased_on: dt.date
    created_at: dt.datetime


class PurchaseDetailOut(PurchaseOut):
    check_ins: list[CheckInOut]


def purchase_json(purchase: Purchase) -> dict:
    return PurchaseOut.model_validate({
        **{name: getattr(purchase, name) for name in (
            "id", "person_id", "organization_id", "offering_id", "description", "amount", "currency", "purchased_on",
            "created_at")},
        "person_name": purchase.person.name, "what": purchase.label,
        "offering_name": purchase.offering.name if purchase.offering_id else None,
    }).model_dump()


def check_in_json(check_in: CheckIn) -> dict:
    return CheckInOut.model_validate({
        **{name: getattr(check_in, name) for name in (
            "id", "purchase_id", "person_id", "day", "due_on", "question", "status", "outcome", "satisfaction", "note",
            "completed_at")},
        "person_name": check_in.person.name,
        "offer_case": check_in.satisfaction is not None and check_in.satisfaction <= LOW_SCORE,
    }).model_dump()


def purchase_detail_json(purchase: Purchase) -> dict:
    """A purchase with the check-ins it scheduled."""
    return {**purchase_json(purchase),
            "check_ins": [check_in_json(c) for c in check_in_list(workspace=purchase.workspace_id,
                                                                    filters=CheckInFilter(purchase_id=purchase.id))]}
