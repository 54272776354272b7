"""Today source from interactions: promises (follow-ups) due or overdue."""

from django.urls import reverse

from ally.core.ranking import promise_urgency
from ally.core.today import TodayContext, TodayItem, today_source
from ally.interactions.models import FollowUp


@today_source("follow_up", label="Promise", dated=True)
def due_follow_ups(ctx: TodayContext) -> list[TodayItem]:
    rows = FollowUp.objects.filter(workspace=ctx.workspace, done_at__isnull=True, due_on__lte=ctx.today).values_list(
        "id", "person_id", "person__name", "text", "due_on"
    )
    items = []
    for fid, pid, name, text, due_on in rows:
        late = (ctx.today - due_on).days
        reason = f"you promised “{text}”, " + ("due today" if late == 0 else f"{late} day{'s' if late != 1 else ''} late")
        items.append(TodayItem(
            kind="follow_up", person_id=pid, person_name=name, due=due_on, reason=reason,
            urgency=promise_urgency(days_late=late), opener=f"Deliver: {text}",
            url=reverse("people:detail", args=[pid]), details={"follow_up_id": fid},
        ))
    return items
