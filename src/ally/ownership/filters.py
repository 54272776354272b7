"""The purchases and check-ins lists' filters: the same names on the page (`/purchases/?start=2026-01-01`,
`/check-ins/?overdue=true`), in the API (`GET /api/v1/purchases?start=...`, `GET /api/v1/check-ins?overdue=true`)
and on the command line (`ally purchase list --start ...`, `ally checkin list --overdue`)."""

from typing import Literal

from pydantic import Field, field_validator

from ally.core.api import Id
from ally.core.filters import Day, ListFilter, not_before
from ally.ownership.models import CheckIn

CheckInStatus = Literal[tuple(CheckIn.Status.values)]


class PurchaseFilter(ListFilter):
    """`start` and `end`: the days bought (both included)."""

    person_id: Id | None = None
    organization_id: Id | None = None
    offering_id: Id | None = None
    start: Day | None = None
    end: Day | None = None

    _range = field_validator("end")(not_before("start"))


class CheckInFilter(ListFilter):
    """`due`: scheduled and due today (the member's day) or late; `overdue`: scheduled and late;
    `due_after`/`due_by`: the days due (both included)."""

    status: CheckInStatus | None = None
    due: bool = Field(False, description="Only those due now: scheduled, due today (the member's day) or late.")
    overdue: bool = Field(False, description="Only those late: scheduled and due before today (the member's day).")
    person_id: Id | None = None
    organization_id: Id | None = None
    purchase_id: Id | None = None
    due_after: Day | None = None
    due_by: Day | None = None

    _range = field_validator("due_by")(not_before("due_after"))

    def narrows_state(self) -> bool:
        """Whether a status, due or overdue is asked for (the page and the CLI show those due now otherwise)."""
        return bool(self.status or self.due or self.overdue)
