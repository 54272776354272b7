"""Today source from the network: strong relationships of yours that have begun to fade."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ally.core.today import TodayContext, TodayItem, today_source
from ally.network import words
from ally.network.models import TeamStrength

# A fading relationship stays on Today for a month after it fell below strong, then it is just weaker.
FADING_SHOWN_DAYS = 30


def fading_urgency(*, days: int) -> float:
    """0.8 on the day it fades, rising to 1.1 after a month: less pressing than a promise or a check-in
    due, but a relationship left to fade is harder to warm up again the longer it waits."""
    return 0.8 + 0.01 * min(max(days, 0), FADING_SHOWN_DAYS)


@today_source("fading", label="Fading relationship")
def fading_relationships(ctx: TodayContext) -> list[TodayItem]:
    rows = TeamStrength.objects.filter(
        workspace=ctx.workspace, member=ctx.membership, fading_since__gte=ctx.today - dt.timedelta(days=FADING_SHOWN_DAYS),
        strength__lt=words.STRONG).select_related("person").order_by("fading_since", "id")
    items = []
    for row in rows:
        last = timezone.localtime(row.last_at) if row.last_at else None
        fact = words.team_strength_words(strength=row.strength, fading=True, recent=row.recent,
                                         last_kind=row.last_kind, last_at=last, reasons=row.reasons)
        was = f" from {row.previous:.2f}" if row.previous is not None else ""
        items.append(TodayItem(
            kind="fading", person_id=row.person_id, person_name=row.person.name, due=ctx.today,
            reason=f"a strong relationship is fading: {row.strength:.2f}{was}, {fact}",
            urgency=fading_urgency(days=(ctx.today - row.fading_since).days),
            url=reverse("people:detail", args=[row.person_id]), details={"strength": round(row.strength, 3)}))
    return items
