"""How Today is ordered: a pure rule, documented in docs/today.md.

priority = urgency × importance

- urgency comes from the source and says how late a thing is *relative to its own rhythm*:
  a cadence is 1 + ln(days since contact / cadence), so 47 days on a 30-day cadence is 1.45 and
  twice the cadence 1.69, capped at 2.0 (from e ≈ 2.7 cadences on, "long overdue" is one level); a promise (follow-up) is 1.5 on its
  due day plus 0.25 per day late, capped at 3.5, because a broken promise costs trust fast; a
  birthday or anniversary is 1.0 on the day and falls to 0.5 at the horizon.
- importance says how much the relationship matters:
  1 + 0.25·ln(1 + interactions so far) + 0.5 if the viewer owns the relationship,
  plus whatever a source adds (a valuable customer at risk, an urgent case).

Ties break on the due date (earliest first), then on the person's name, so the order is stable.
"""

import math

# Urgency saturates so that one long-neglected relationship cannot bury a breached case or a
# promise due today; past the cap, importance and the due date decide.
CADENCE_URGENCY_CAP = 2.0
PROMISE_URGENCY_CAP = 3.5


def relationship_importance(*, interaction_count: int, owned_by_viewer: bool) -> float:
    return 1.0 + 0.25 * math.log1p(max(interaction_count, 0)) + (0.5 if owned_by_viewer else 0.0)


def cadence_urgency(*, days_since_contact: float, cadence_days: int) -> float:
    return min(1.0 + math.log(max(days_since_contact / cadence_days, 1.0)), CADENCE_URGENCY_CAP)


def promise_urgency(*, days_late: int) -> float:
    return min(1.5 + 0.25 * max(days_late, 0), PROMISE_URGENCY_CAP)


def date_urgency(*, days_until: int, horizon_days: int) -> float:
    return 1.0 - 0.5 * min(max(days_until, 0), horizon_days) / horizon_days


def rank(items, importance_of) -> list:
    """Order items by priority (highest first); `importance_of(item)` gives the relationship's weight."""
    for item in items:
        item.priority = item.urgency * importance_of(item) * item.importance
    return sorted(items, key=lambda item: (-item.priority, item.due, item.person_name))
