"""How Today is ordered: a pure rule, documented in docs/today.md.

priority = urgency × importance

- urgency comes from the source and says how late a thing is *relative to its own rhythm*:
  a cadence 47 days since contact on a 30-day cadence is 47/30 = 1.57; a promise (follow-up) is
  1.5 on its due day plus 0.25 per day late, because a broken promise costs trust fast; a birthday
  or anniversary is 1.0 on the day and falls to 0.5 at the horizon.
- importance says how much the relationship matters:
  1 + 0.25·ln(1 + interactions so far) + 0.5 if the viewer owns the relationship,
  plus whatever a source adds (a valuable customer at risk, an urgent case).

Ties break on the due date (earliest first), then on the person's name, so the order is stable.
"""

import math


def relationship_importance(*, interaction_count: int, owned_by_viewer: bool) -> float:
    return 1.0 + 0.25 * math.log1p(max(interaction_count, 0)) + (0.5 if owned_by_viewer else 0.0)


def cadence_urgency(*, days_since_contact: float, cadence_days: int) -> float:
    return days_since_contact / cadence_days


def promise_urgency(*, days_late: int) -> float:
    return 1.5 + 0.25 * max(days_late, 0)


def date_urgency(*, days_until: int, horizon_days: int) -> float:
    return 1.0 - 0.5 * min(max(days_until, 0), horizon_days) / horizon_days


def rank(items, importance_of) -> list:
    """Order items by priority (highest first); `importance_of(item)` gives the relationship's weight."""
    for item in items:
        item.priority = item.urgency * importance_of(item) * item.importance
    return sorted(items, key=lambda item: (-item.priority, item.due, item.person_name))
