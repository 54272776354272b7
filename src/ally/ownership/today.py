"""Today source from ownership: check-ins due, each with its question about what the customer bought."""

from django.urls import reverse

from ally.core.today import TodayContext, TodayItem, today_source
from ally.ownership.models import CheckIn


def check_in_urgency(*, days_late: int) -> float:
    """1.2 on the due day, rising 0.1 a day (capped after 20 days): more pressing than a birthday, less than
    a broken promise, because the customer is not waiting on it yet, but a late check-in loses its moment."""
    return 1.2 + 0.1 * min(max(days_late, 0), 20)


def _late(days: int) -> str:
    return "due today" if days == 0 else f"{days} day{'s' if days != 1 else ''} late"


@today_source("check_in", label="Check-in", dated=True, opens="the check-in")
def due_check_ins(ctx: TodayContext) -> list[TodayItem]:
    rows = CheckIn.objects.filter(workspace=ctx.workspace, status=CheckIn.Status.SCHEDULED,
                                  due_on__lte=ctx.today).values_list(
        "id", "person_id", "person__name", "day", "due_on", "question", "purchase__description",
        "purchase__offering__name", "purchase__purchased_on")
    items = []
    for cid, pid, name, day, due_on, question, description, offering, purchased_on in rows:
        late = (ctx.today - due_on).days
        what = description or offering or "their purchase"
        items.append(TodayItem(
            kind="check_in", person_id=pid, person_name=name, due=due_on,
            reason=f"day-{day} check-in on {what} (bought {purchased_on.day} {purchased_on:%b %Y}), {_late(late)}",
            urgency=check_in_urgency(days_late=late), opener=f"Ask: {question}",
            url=reverse("ownership:check_in", args=[cid]), details={"check_in_id": cid},
        ))
    return items
