"""Decisions helped over a period, whatever the ending."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from ally.core.api import ERRORS
from ally.opportunities import selectors

router = Router()


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


