"""Today sources from needs and opportunities.

- revisit: a customer who chose to stay as is asked us to come back on a date, and it has come.
- urgent_need: a need the customer calls urgent (4-5) that nobody has worked on for 14 days.
- open_question: a question the customer asked while deciding, unanswered for 3 days.

Urgency (see agenda/ranking.py for how it combines with the relationship's importance):
- a revisit is 1.0 on its date, plus 0.05 per day it has waited (at most 2.0): they asked us to come back;
- an urgent need is (their urgency / 5) × (days untouched / 14): 1.0 for a 5 left alone two weeks,
  at most URGENT_NEED_URGENCY_CAP (2.5), so a long-forgotten need cannot bury everything else;
- an unanswered question is a promise implied: 1.5 on day 3 plus 0.25 per day after (promise_urgency).
"""

import datetime as dt

from django.urls import reverse

from ally.core.ranking import promise_urgency
from ally.core.today import TodayContext, TodayItem, today_source
from ally.opportunities.models import CustomerQuestion, Need, Opportunity, Stage

URGENT_NEED_UNTOUCHED_DAYS = 14
QUESTION_UNANSWERED_DAYS = 3
URGENT_NEED_URGENCY_CAP = 2.5


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@today_source("revisit", label="Revisit", dated=True, opens="the opportunity")
def revisit_dates_reached(ctx: TodayContext) -> list[TodayItem]:
    rows = Opportunity.objects.filter(workspace=ctx.workspace, stage=Stage.STAYING_AS_IS,
                                      revisit_on__lte=ctx.today).values_list(
        "id", "person_id", "person__name", "title", "revisit_on", "stage_reason")
    items = []
    for oid, pid, name, title, revisit_on, reason in rows:
        waited = (ctx.today - revisit_on).days
        when = "today" if waited == 0 else f"{_days(waited)} ago"
        items.append(TodayItem(
            kind="revisit", person_id=pid, person_name=name, due=revisit_on,
            reason=f"chose to stay as is on “{title}” and asked to revisit {when}",
            urgency=min(1.0 + 0.05 * waited, 2.0),
            opener=f"Ask whether anything has changed since they said: “{_short(reason)}”",
            url=reverse("opportunities:detail", args=[oid]), details={"opportunity_id": oid},
        ))
    return items


@today_source("urgent_need", label="Urgent need", opens="the need")
def urgent_needs_untouched(ctx: TodayContext) -> list[TodayItem]:
    cutoff = ctx.now - dt.timedelta(days=URGENT_NEED_UNTOUCHED_DAYS)
    rows = Need.objects.filter(workspace=ctx.workspace, status__in=Need.OPEN_STATUSES, urgency__gte=4,
                               touched_at__lte=cutoff).values_list(
        "id", "person_id", "person__name", "text", "urgency", "touched_at")
    items = []
    for nid, pid, name, text, urgency, touched_at in rows:
        idle = (ctx.now - touched_at).days
        items.append(TodayItem(
            kind="urgent_need", person_id=pid, person_name=name, due=(touched_at + dt.timedelta(
                days=URGENT_NEED_UNTOUCHED_DAYS)).date(),
            reason=f"said “{_short(text)}” is urgent ({urgency}/5); untouched for {_days(idle)}",
            urgency=min(urgency / 5 * idle / URGENT_NEED_UNTOUCHED_DAYS, URGENT_NEED_URGENCY_CAP),
            opener="Ask what has happened with it since you last spoke",
            url=reverse("opportunities:need_edit", args=[nid]), details={"need_id": nid},
        ))
    return items


@today_source("open_question", label="Their question", opens="the opportunity")
def customer_questions_unanswered(ctx: TodayContext) -> list[TodayItem]:
    cutoff = ctx.now - dt.timedelta(days=QUESTION_UNANSWERED_DAYS)
    rows = CustomerQuestion.objects.filter(workspace=ctx.workspace, answered_at__isnull=True,
                                           asked_at__lte=cutoff).values_list(
        "id", "opportunity_id", "opportunity__person_id", "opportunity__person__name", "text", "asked_at")
    items = []
    for qid, oid, pid, name, text, asked_at in rows:
        waited = (ctx.now - asked_at).days
        items.append(TodayItem(
            kind="open_question", person_id=pid, person_name=name,
            due=(asked_at + dt.timedelta(days=QUESTION_UNANSWERED_DAYS)).date(),
            reason=f"asked “{_short(text)}” {_days(waited)} ago; still unanswered",
            urgency=promise_urgency(days_late=waited - QUESTION_UNANSWERED_DAYS),
            opener=f"Answer their question: {_short(text)}",
            url=reverse("opportunities:detail", args=[oid]), details={"question_id": qid, "opportunity_id": oid},
        ))
    return items
