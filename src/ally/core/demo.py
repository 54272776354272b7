"""What every app's demo step shares: the demo context and fast batch inserts with progress.

`ally.demo.build_demo` makes the team and the workspace, then runs each app's declared `DemoStep`
(`populate(ctx)` in the app's `demo.py`) in dependency order, all with one seeded random source.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from faker import Faker

from ally.core.bulk import insert_rows

BATCH = 5000
INTERESTS = ["sourdough baking", "birdwatching", "jazz", "sailing", "chess", "mountain biking", "pottery",
             "the local football club", "vintage cameras", "gardening"]


@dataclass
class DemoContext:
    """What app demo steps need: the workspace, the team, the people made, and a seeded random source."""

    workspace: object
    owner: object
    members: list
    person_ids: list[int]
    organization_ids: list[int]
    size: int
    today: dt.date
    now: dt.datetime
    rng: random.Random
    fake: Faker
    progress: Callable[[str, int], Callable[[int], None]]
    notes: list[str] = field(default_factory=list)


def no_progress(label: str, total: int) -> Callable[[int], None]:
    return lambda advance: None


def bulk_create_rows(model, rows, ctx: DemoContext, label: str):
    """bulk_create model instances batch by batch with progress, for rows whose ids later steps need."""
    advance = ctx.progress(label, len(rows))
    created = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start:start + BATCH])
        advance(min(BATCH, len(rows) - start))
    return created


def insert_demo_rows(model, rows: list[dict], ctx: DemoContext, label: str) -> None:
    """Insert rows whose ids nobody needs (check-ins, timeline events), batch by batch with progress.

    Each row is a dict by column attname; columns a row leaves out get their field's default.
    """
    advance = ctx.progress(label, len(rows))
    if not rows:
        return
    columns = list(rows[0])
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        insert_rows(model, columns, [tuple(row[c] for c in columns) for row in batch])
        advance(len(batch))


def fill(template: str, ctx: DemoContext) -> str:
    fake, rng = ctx.fake, ctx.rng
    return template.format(kid=fake.first_name(), kid2=fake.first_name(), city=fake.city(), title="Head of Operations",
                           interest=rng.choice(INTERESTS), season=rng.choice(["spring", "the autumn", "next year"]),
                           event=rng.choice(["trade fair", "meetup", "conference"]), family=rng.choice(["daughter", "son"]))
