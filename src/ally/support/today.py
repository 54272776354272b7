"""Today source from support: a champion's cases about to breach their SLA (20% or less left) or breached."""

import datetime as dt

from django.urls import reverse

from ally.core.today import TodayContext, TodayItem, today_source
from ally.support.selectors import cases_needing_attention

# How much a case's severity weighs on the champion's day, on top of the relationship's importance.
SEVERITY_IMPORTANCE = {"low": 1.0, "normal": 1.2, "high": 1.5, "urgent": 2.0}


def case_urgency(*, share_used: float, breached: bool) -> float:
    """At risk: 1.8 to 2.0 as the target runs out; breached: 2.0 plus how far past it (capped at 4)."""
    return min(2.0 + (share_used - 1.0), 4.0) if breached else 1.0 + share_used


def humanize(delta: dt.timedelta) -> str:
    minutes = int(abs(delta.total_seconds()) // 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


def describe(name: str, clock) -> str:
    if clock.breached:
        return f"{name} breached {humanize(clock.used - clock.target)} ago"
    return f"{name} due in {humanize(clock.remaining)}"


@today_source("case", label="Case", opens="the case")
def cases_at_risk(ctx: TodayContext) -> list[TodayItem]:
    if ctx.membership is None:
        return []
    items = []
    for case, clocks in cases_needing_attention(workspace=ctx.workspace, champion=ctx.membership, now=ctx.now):
        watched = [(name, clock) for name, clock in (("first response", clocks.first_response),
                                                     ("resolution", clocks.resolution))
                   if clock.state in ("breached", "at_risk")]
        worst = max(watched, key=lambda pair: pair[1].share_used)[1]
        deadline = worst.due_at(ctx.now)
        items.append(TodayItem(
            kind="case", person_id=case.person_id, person_name=case.person.name, due=ctx.today,
            reason=f"{case.get_severity_display().lower()} case “{case.title}”: "
                   + "; ".join(describe(name, clock) for name, clock in watched),
            urgency=case_urgency(share_used=worst.share_used, breached=worst.breached),
            importance=SEVERITY_IMPORTANCE[case.severity],
            opener="Tell them where things stand, and what you are doing about it.",
            url=reverse("support:case", args=[case.id]),
            # When the most pressing target runs out (a calendar shows it at that time); none once breached.
            details={"case_id": case.id, "deadline": deadline.isoformat() if deadline and not worst.breached else None},
        ))
    return items
