"""The Today API: the same ranked list as the Today page, for the token's user."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ally.agenda.selectors import today
from ally.core.api import ERRORS, Text

router = Router()


class TodayItemOut(Schema):
    kind: str = Field(description="Which source put it on Today: keep_in_touch, follow_up, birthday, ...")
    person_id: int
    person_name: str
    due: dt.date
    reason: str
    opener: str = Field(description="A suggested way to open the conversation.")
    url: str = Field(description="The person's page in Ally.")
    urgency: float
    importance: float
    priority: float = Field(description="urgency × importance; the list is sorted by it, highest first.")
    details: dict[str, Any]


class TodayOut(Schema):
    count: int = Field(description="How many things are due in all; `items` holds the first `limit`.")
    items: list[TodayItemOut]


@router.get("/today", response={200: TodayOut, **ERRORS}, summary="What to do today, ranked, with reasons")
def get_today(request: HttpRequest, limit: Annotated[int, Field(ge=1, le=500)] = 60, kind: Query[list[Text] | None] = None):
    """`kind` (repeatable) keeps only some sources; "today" is the day in the user's own time zone."""
    agenda = today(workspace=request.workspace, user=request.user, membership=request.membership, limit=limit,
                   kinds=set(kind) if kind else None)
    return {"count": agenda.total, "items": agenda.items}
