"""Which discovery questions to suggest before a meeting: a pure rule over what is still unknown.

Ask, don't tell: the brief suggests three open questions from the workspace's bank, each chosen
for a gap in what we know, most important gap first:

1. No confirmed need: questions that let the customer say it in their own words, for the drivers we
   suspect (highest urgency first); with nothing suspected either, questions across drivers.
2. An open need whose cost of doing nothing the customer has not told us: a question that uncovers
   it, for that need's driver when the bank has one.
3. A confirmed need: if an opportunity is being evaluated or decided, a question about how they
   decide; otherwise, a question about why now (timing).
4. Whatever room is left: questions for drivers none of their open needs touches yet.

Within a group the bank's order is kept, rotated by `rotation` (the person's id) so two customers
with the same gaps do not hear the same words; the same person always gets the same suggestions
until something changes. A question is never suggested twice.
"""

from collections.abc import Sequence
from dataclasses import dataclass

DRIVERS = ("growth", "risk", "efficiency", "missed_opportunity", "personal", "other")
DRIVER_LABELS = {"growth": "growth", "risk": "risk", "efficiency": "efficiency",
                 "missed_opportunity": "a missed opportunity", "personal": "something personal", "other": "other"}
OPEN = ("suspected", "confirmed")
DECIDING_STAGES = ("evaluating", "deciding")


@dataclass(frozen=True)
class BankQuestion:
    id: int
    driver: str
    purpose: str
    text: str


@dataclass(frozen=True)
class KnownNeed:
    """A need as the brief sees it: what drives it, its status and urgency, whether they named its cost."""

    text: str
    driver: str
    status: str
    urgency: int
    cost_stated: bool


@dataclass(frozen=True)
class Suggestion:
    question: BankQuestion
    why: str


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Chooser:
    def __init__(self, bank: Sequence[BankQuestion], rotation: int, count: int):
        self.bank, self.rotation, self.count = list(bank), rotation, count
        self.chosen: list[Suggestion] = []

    @property
    def full(self) -> bool:
        return len(self.chosen) >= self.count

    def take(self, why: str, *, purpose: str, driver: str | None = None) -> bool:
        """Add one unused question of this purpose (and driver, if given); False when the bank has none."""
        if self.full:
            return False
        used = {s.question.id for s in self.chosen}
        candidates = [q for q in self.bank if q.purpose == purpose and (driver is None or q.driver == driver)
                      and q.id not in used]
        if not candidates:
            return False
        self.chosen.append(Suggestion(candidates[self.rotation % len(candidates)], why))
        return True


def choose_questions(*, needs: Sequence[KnownNeed], bank: Sequence[BankQuestion], open_stages: Sequence[str] = (),
                     rotation: int = 0, count: int = 3) -> list[Suggestion]:
    """Up to `count` questions from `bank`, each with the reason it was chosen (see the module's rule)."""
    chooser = _Chooser(bank, rotation, count)
    open_needs = sorted((n for n in needs if n.status in OPEN), key=lambda n: (n.status != "confirmed", -n.urgency))
    confirmed = [n for n in open_needs if n.status == "confirmed"]

    if not confirmed:
        suspected_drivers = list(dict.fromkeys(n.driver for n in open_needs))
        for driver in suspected_drivers[: max(count - 1, 1)]:
            chooser.take(f"No confirmed need yet; we suspect {DRIVER_LABELS.get(driver, driver)}: let them say it "
                         "in their own words", purpose="need", driver=driver)
        if not suspected_drivers:
            for driver in DRIVERS:
                chooser.take("Nothing known yet about what they need", purpose="need", driver=driver)

    for need in open_needs:
        if not need.cost_stated:
            why = f"No cost of doing nothing yet for “{_short(need.text)}”"
            if chooser.take(why, purpose="cost", driver=need.driver) or chooser.take(why, purpose="cost"):
                break

    if confirmed:
        if any(stage in DECIDING_STAGES for stage in open_stages):
            chooser.take("They are weighing options: how will they decide?", purpose="decision")
        elif not any(stage != "exploring" for stage in open_stages):
            chooser.take("A confirmed need but no commitment to change yet: why now?", purpose="timing")

    touched = {n.driver for n in open_needs}
    for driver in DRIVERS:
        if driver not in touched:
            chooser.take(f"Nothing heard yet about {DRIVER_LABELS[driver]}", purpose="need", driver=driver)
    for purpose in ("need", "cost", "timing", "decision"):
        while chooser.take("Keep discovering", purpose=purpose):
            pass
    return chooser.chosen
