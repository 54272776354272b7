"""The Today API: the same ranked list as the Today page, for the token's user."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from ally.agenda.filters import TodayFilter
from ally.agenda.selectors import DEFAULT_LIMIT, today
from ally.core.api import ERRORS, Offset

router = Router()


class TodayItemOut(Schema):
    kind: str = Field(description="Which source put it on Today: keep_in_touch, follow_up, birthday, ...")
    person_id: int
    person_name: str
    due: dt.date
    reason: str
    opener: str = Field(description="A suggested way to open the conversation.")
    key: str = Field(description="The item's name on Today (`follow_up-12`): the Today page acts on and snoozes "
                                 "items by it.")
    url: str = Field(description="The page of what it is about in Ally: the person, or their case, check-in, ...")
    person_url: str = Field(description="The person's page in Ally.")
    urgency: float
    importance: float
    priority: float = Field(description="urgency × importance; the list is sorted by it, highest first.")
    due_today: bool = Field(description="A dated thing (a birthday, a promise, ...) due today: these come first.")
    details: dict[str, Any]


class TodayOut(Schema):
    count: int = Field(description="How many things of the chosen kinds are due in all; `items` holds `limit` of "
                                   "them from `offset`.")
    due_today: int = Field(description="How many of them are dated things due today (they come first).")
    snoozed: int = Field(description="How many items the user snoozed are hidden until their day.")
    kinds: dict[str, int] = Field(description="How many items of each kind are due, whatever `kind` chose.")
    items: list[TodayItemOut]


@router.get("/today", response={200: TodayOut, **ERRORS}, summary="What to do today, ranked, with reasons")
def get_today(request: HttpRequest, filters: Query[TodayFilter],
              limit: Annotated[int, Field(ge=1, le=500)] = DEFAULT_LIMIT, offset: Offset = 0):
    """`kind` (repeatable) keeps only some kinds (an unknown one is a 422 naming it); `limit` and `offset` page
    through the list. Dated things due today come first, then the rest by rank; "today" is the day in the
    user's own time zone, and items the user snoozed on the Today page are left out until their day."""
    agenda = today(workspace=request.workspace, user=request.user, membership=request.membership, limit=limit,
                   offset=offset, kinds=filters.kinds)
    items = [{**vars(item), "key": item.key, "person_url": reverse("people:detail", args=[item.person_id])}
             for item in agenda.items]
    return {"count": agenda.total, "due_today": agenda.due_today, "snoozed": agenda.snoozed, "kinds": agenda.counts,
            "items": items}
