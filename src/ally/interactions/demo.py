"""The demo's contact history: two years of interactions, about ten per person, each person's clock from
their latest one, and promises due around today."""

import datetime as dt
import random

from ally.core.bulk import insert_rows
from ally.core.demo import BATCH, DemoContext, bulk_create_rows, fill
from ally.interactions.clocks import contact_clocks_refresh
from ally.interactions.models import FollowUp, Interaction, InteractionParticipant
from ally.people.models import Person

INTERACTION_TOPICS = [
    "Talked about their plans for {season}; they are weighing whether to expand the team.",
    "Caught up after the product demo; they want to see how reporting works with their data.",
    "They called about the invoice layout; explained, and they were happy.",
    "Coffee: mostly about {interest}. Work is busy, budget review next month.",
    "Quick check-in on how onboarding is going. One open question about permissions.",
    "Met at the {event}; they asked who else is solving the same problem.",
    "Emailed the comparison sheet they asked for.",
    "They shared a worry: their current vendor keeps missing deadlines.",
    "Lunch. Their {family} just started school; they are stretched thin.",
    "Follow-up call: they are not ready to change yet, want to revisit after the summer.",
]
PROMISES = ["Send the case study", "Introduce them to our support lead", "Share the pricing for two seats",
            "Send the article we talked about", "Check whether the API supports their export"]




def populate(ctx: DemoContext) -> None:
    _interactions(ctx)
    _promises(ctx)


def _interactions(ctx: DemoContext) -> None:
    """Two years of interactions, about ten per person, then each person's clock from their latest one.

    Written batch by batch (interactions, then their participants) as plain rows, so a
    100,000-person demo neither holds nor builds a million model instances.
    """
    rng, ws, now = ctx.rng, ctx.workspace, ctx.now
    kinds = ["call", "meeting", "email", "email", "message", "social", "event", "note"]
    # Faker is slow per call; a pool of filled-in topics keeps a million summaries cheap and still varied.
    topics = [fill(rng.choice(INTERACTION_TOPICS), ctx) for _ in range(500)]
    authors = [m.user_id for m in ctx.members]
    pending: list[tuple[int, tuple]] = []
    advance = ctx.progress("interactions", len(ctx.person_ids) * 10)
    columns = ["workspace_id", "kind", "occurred_at", "initiated_by", "summary", "author_id", "private"]

    def flush():
        ids = insert_rows(Interaction, columns, [row for _, row in pending], returning=True)
        insert_rows(InteractionParticipant, ["workspace_id", "interaction_id", "person_id"],
                    [(ws.id, interaction_id, pid) for (pid, _), interaction_id in zip(pending, ids)])
        advance(len(pending))
        pending.clear()

    cadences = dict(Person.objects.filter(workspace=ws).values_list("id", "cadence_days"))
    for pid in ctx.person_ids:
        for days_ago in _contact_days(rng, cadences[pid]):
            occurred = now - dt.timedelta(days=days_ago, minutes=rng.randint(0, 600))
            pending.append((pid, (ws.id, rng.choice(kinds), occurred, rng.choice(["we", "we", "they"]),
                                  rng.choice(topics), rng.choice(authors), rng.random() < 0.03)))
        if len(pending) >= BATCH:
            flush()
    if pending:
        flush()
    contact_clocks_refresh(workspace=ws)


def _contact_days(rng: random.Random, cadence: int | None) -> list[float]:
    """How many days ago each of a person's 5 to 15 interactions happened.

    People on a cadence were mostly kept in touch at about that rhythm; one in six has gone quiet
    (their latest contact is one to four cadences late), so Today shows a realistic few overdue,
    not everyone. People without a cadence were met now and then over two years.
    """
    count = rng.randint(5, 15)
    if cadence is None:
        quiet = rng.choice([0, 0, 10, 40, 120, 250])
        return [quiet + rng.uniform(1, 730 - quiet) for _ in range(count)]
    latest = cadence * (rng.uniform(1.1, 4.0) if rng.random() < 1 / 6 else rng.uniform(0.05, 0.95))
    days = [latest]
    for _ in range(count - 1):
        days.append(days[-1] + cadence * rng.uniform(0.6, 1.0))
    return [d for d in days if d < 730] or [latest]


def _promises(ctx: DemoContext) -> None:
    """Promises due before, on and after today, and a scatter of others, half of them kept."""
    rng, ws, today = ctx.rng, ctx.workspace, ctx.today
    follow_ups = []
    for offset, pid in zip((-6, -2, -1, 0, 0, 3, 7, 20), rng.sample(ctx.person_ids, min(len(ctx.person_ids), 8))):
        follow_ups.append(FollowUp(workspace=ws, person_id=pid, text=rng.choice(PROMISES),
                                   due_on=today + dt.timedelta(days=offset), owner=rng.choice(ctx.members)))
    for pid in rng.sample(ctx.person_ids, min(len(ctx.person_ids), max(0, len(ctx.person_ids) // 20))):
        follow_ups.append(FollowUp(workspace=ws, person_id=pid, text=rng.choice(PROMISES),
                                   due_on=today + dt.timedelta(days=rng.randint(-30, 30)), owner=rng.choice(ctx.members),
                                   done_at=ctx.now if rng.random() < 0.5 else None))
    bulk_create_rows(FollowUp, follow_ups, ctx, "promises")
