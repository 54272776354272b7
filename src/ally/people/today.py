"""Today sources from people: overdue keep-in-touch cadences, birthdays and dated facts."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ally.core.ranking import cadence_urgency, date_urgency
from ally.core.today import TodayContext, TodayItem, today_source
from ally.core.words import plural
from ally.people.contact import next_occurrence
from ally.people.models import Fact, Person


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@today_source("keep_in_touch", label="Keep in touch")
def overdue_cadences(ctx: TodayContext) -> list[TodayItem]:
    rows = Person.objects.filter(workspace=ctx.workspace, touch_due_at__lte=ctx.now).values_list(
        "id", "name", "cadence_days", "last_contact_at", "created_at", "touch_due_at"
    )
    items = []
    for pid, name, cadence, last, created, due_at in rows:
        since = (ctx.now - (last or created)).days
        reason = (f"last talked {_plural(since, 'day')} ago, cadence {cadence}" if last
                  else f"never contacted since added {_plural(since, 'day')} ago, cadence {cadence}")
        items.append(TodayItem(
            kind="keep_in_touch", person_id=pid, person_name=name, due=timezone.localtime(due_at).date(),
            reason=reason, urgency=cadence_urgency(days_since_contact=since, cadence_days=cadence),
            url=reverse("people:detail", args=[pid]),
        ))
    return items


def _window(ctx: TodayContext) -> list[tuple[int, int]]:
    """(month, day) pairs from today to the horizon, so a birthday query is one indexed IN."""
    days = [ctx.today + dt.timedelta(days=i) for i in range(ctx.horizon_days + 1)]
    pairs = {(d.month, d.day) for d in days}
    if (2, 28) in pairs and not _is_leap(ctx.today.year):
        pairs.add((2, 29))  # celebrated on 28 February in common years
    return sorted(pairs)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _when(days: int) -> str:
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


@today_source("birthday", label="Birthday", dated=True)
def upcoming_birthdays(ctx: TodayContext) -> list[TodayItem]:
    from django.db.models import Q

    window = Q()
    for month, day in _window(ctx):
        window |= Q(birthday_month=month, birthday_day=day)
    items = []
    for pid, name, month, day, year in Person.objects.filter(window, workspace=ctx.workspace).values_list(
        "id", "name", "birthday_month", "birthday_day", "birthday_year"
    ):
        date = next_occurrence(month, day, ctx.today)
        days = (date - ctx.today).days
        turning = f" (turns {date.year - year})" if year else ""
        items.append(TodayItem(
            kind="birthday", person_id=pid, person_name=name, due=date,
            reason=f"birthday {_when(days)}{turning}",
            urgency=date_urgency(days_until=days, horizon_days=ctx.horizon_days),
            opener="Wish them a happy birthday", url=reverse("people:detail", args=[pid]),
        ))
    return items


@today_source("dated_fact", label="Date to remember", dated=True)
def upcoming_dated_facts(ctx: TodayContext) -> list[TodayItem]:
    horizon = ctx.today + dt.timedelta(days=ctx.horizon_days)
    facts = (
        Fact.objects.filter(workspace=ctx.workspace, date__isnull=False)
        .filter(recurs_yearly=True) | Fact.objects.filter(workspace=ctx.workspace, recurs_yearly=False,
                                                          date__gte=ctx.today, date__lte=horizon)
    ).values_list("id", "person_id", "person__name", "text", "date", "recurs_yearly")
    items = []
    for fid, pid, name, text, date, recurs in facts:
        when = next_occurrence(date.month, date.day, ctx.today) if recurs else date
        days = (when - ctx.today).days
        if days > ctx.horizon_days:
            continue
        years = when.year - date.year
        label = f"{text} ({plural(years, 'year')})" if recurs and years > 0 else text
        items.append(TodayItem(
            kind="dated_fact", person_id=pid, person_name=name, due=when,
            reason=f"{label}: {_when(days)}",
            urgency=date_urgency(days_until=days, horizon_days=ctx.horizon_days),
            opener=f"Mention it: {text}", url=reverse("people:detail", args=[pid]),
            details={"fact_id": fid, "recurs_yearly": recurs},
        ))
    return items
