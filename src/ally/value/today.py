"""Today source from lifetime value: valuable customers who may be drifting away ("value at risk").

A reason to reach out to serve, not to sell: the opener asks about their experience with what they
bought. Who appears: customers in the top VALUABLE_TOP_PERCENT by lifetime value whose P(alive) fell
below AT_RISK_P_ALIVE, unless someone talked with them in the last RECENT_CONTACT_DAYS days.

- urgency = 2 × (1 − P(alive)): 1.0 at the threshold of 0.5, 1.8 at P(alive) 0.1.
- importance = 1 + 0.5 × (VALUABLE_TOP_PERCENT + 1 − top percent) / VALUABLE_TOP_PERCENT: 1.5 for
  the top 1%, 1.05 at the edge of the top 10%; the agenda multiplies it with the relationship's weight.
"""

import datetime as dt

from django.db.models import Q
from django.urls import reverse

from ally.core.today import TodayContext, TodayItem, today_source
from ally.ownership.models import Purchase
from ally.value.selectors import VALUABLE_TOP_PERCENT, value_at_risk

RECENT_CONTACT_DAYS = 30


def value_at_risk_urgency(*, p_alive: float) -> float:
    return 2.0 * (1.0 - p_alive)


def value_importance(*, top_percent: int) -> float:
    return 1.0 + 0.5 * (VALUABLE_TOP_PERCENT + 1 - top_percent) / VALUABLE_TOP_PERCENT


def ago(days: int) -> str:
    """'5 days ago', '3 weeks ago', '8 months ago', '2 years ago'."""
    if days < 14:
        n, word = days, "day"
    elif days < 60:
        n, word = round(days / 7), "week"
    elif days < 730:
        n, word = round(days / 30.44), "month"
    else:
        n, word = round(days / 365.25), "year"
    return f"{n} {word}{'s' if n != 1 else ''} ago"


@today_source("value_at_risk", label="Value at risk")
def valuable_customers_at_risk(ctx: TodayContext) -> list[TodayItem]:
    recent = ctx.now - dt.timedelta(days=RECENT_CONTACT_DAYS)
    rows = list(value_at_risk(workspace=ctx.workspace).filter(
        Q(person__last_contact_at__isnull=True) | Q(person__last_contact_at__lt=recent)).values_list(
        "person_id", "person__name", "p_alive", "top_percent", "last_purchase_on"))
    last_bought = _last_purchases(ctx.workspace, [row[0] for row in rows])
    items = []
    for pid, name, p_alive, top_percent, last_on in rows:
        what = last_bought.get(pid, "what they bought")
        items.append(TodayItem(
            kind="value_at_risk", person_id=pid, person_name=name, due=ctx.today,
            reason=(f"a valuable customer (top {top_percent}%), now {round(p_alive * 100)}% likely still a customer; "
                    f"last bought {ago((ctx.today - last_on).days)}"),
            urgency=value_at_risk_urgency(p_alive=p_alive), importance=value_importance(top_percent=top_percent),
            opener=f"Ask how {what} has been working for them since {last_on:%B %Y}, and whether anything got in the way.",
            url=reverse("people:detail", args=[pid]),
        ))
    return items


def _last_purchases(workspace, person_ids: list[int]) -> dict[int, str]:
    """What each person bought last, in words (one query)."""
    labels: dict[int, str] = {}
    for pid, description, offering in Purchase.objects.filter(workspace=workspace, person_id__in=person_ids).order_by(
            "person_id", "-purchased_on", "-id").values_list("person_id", "description", "offering__name"):
        labels.setdefault(pid, description or offering or "what they bought")
    return labels
