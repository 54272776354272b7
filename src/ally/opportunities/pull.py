"""The customer's pull: how strongly a customer is drawing a decision towards them. A pure rule.

Urgency comes from the customer's need to change, never from the size of the deal. So an
opportunity's pull only counts what the customer told us about the needs it is about:

    pull = Σ over the opportunity's *confirmed* needs of  urgency² × (1.5 if the cost of doing nothing is stated else 1)

- Only confirmed needs count. A suspected need is our guess, not the customer's pull; addressed and
  dropped needs no longer pull.
- Urgency (1-5, as the customer sees it) is squared, so one need they call urgent (5 → 25) outweighs
  several they call mild (three 2s → 12).
- A customer who can say what doing nothing costs them (in words, with or without an amount) pulls
  harder: ×1.5. The amount's size is deliberately ignored, so a big company's cost never outranks a
  small one's urgency.

Inside a stage, cards are ordered by pull (highest first); ties go to the opportunity the customer
moved most recently (their momentum), then to the lower id, so the order is stable.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

COST_STATED_FACTOR = 1.5
CONFIRMED = "confirmed"


@dataclass(frozen=True)
class NeedSignal:
    """What the customer told us about one need: its status, their urgency, whether they named the cost."""

    status: str
    urgency: int
    cost_stated: bool


@dataclass(frozen=True)
class Card:
    """One opportunity on the board, reduced to what ranking needs."""

    id: int
    stage_changed_at: dt.datetime
    needs: Sequence[NeedSignal]


def pull_score(needs: Iterable[NeedSignal]) -> float:
    """The customer's pull for one opportunity (0 when they have confirmed nothing)."""
    score = 0.0
    for need in needs:
        if need.status != CONFIRMED:
            continue
        urgency = min(max(int(need.urgency), 1), 5)
        score += urgency * urgency * (COST_STATED_FACTOR if need.cost_stated else 1.0)
    return score


def rank_by_pull(cards: Iterable[Card]) -> list[tuple[Card, float]]:
    """Cards with their pull, strongest pull first; ties to the most recent move, then the lower id."""
    scored = [(card, pull_score(card.needs)) for card in cards]
    scored.sort(key=lambda pair: (-pair[1], -pair[0].stage_changed_at.timestamp(), pair[0].id))
    return scored
