"""The demo workspace: realistic, deterministic (Faker with a fixed seed), dated relative to today.

`build_demo(people=200)` makes about 200 people in 20 organizations with little things,
relationships, two years of interactions and promises, arranged so that Today shows every kind of
item on the day it runs. Larger sizes (`--people 100000`) use bulk inserts with a progress bar.
Apps add their own demo data in a `demo.py` with `populate(ctx)`, run in DEMO_STEPS order.
"""

import datetime as dt
import importlib
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from faker import Faker

from ally.bulk import insert_rows
from ally.interactions.models import FollowUp, Interaction, InteractionParticipant
from ally.interactions.services import contact_clocks_refresh
from ally.people.models import Fact, Organization, Person, PersonEmail, PersonPhone, PersonTag, Relationship, Tag
from ally.workspaces.models import Membership, Workspace
from ally.workspaces.services import membership_add, user_create, workspace_create

DEMO_SLUG = "demo"
SEED = 20260101
BATCH = 5000
# Apps that add demo data of their own, in the order their data depends on each other.
DEMO_STEPS = ("opportunities", "ownership", "support", "value")

TAGS = ["vip", "gardening club", "board", "early adopter", "referrer", "newsletter", "conference 2025", "partner"]
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
FACTS = [
    ("family", "Has two kids, {kid} and {kid2}"),
    ("family", "Partner is called {kid}"),
    ("interest", "Runs marathons; training for {city}"),
    ("interest", "Loves {interest}"),
    ("preference", "Prefers calls before 10am"),
    ("preference", "Takes coffee black, no sugar"),
    ("dislike", "Dislikes long slide decks"),
    ("milestone", "Just promoted to {title}"),
    ("other", "Volunteers at the {city} food bank"),
]
INTERESTS = ["sourdough baking", "birdwatching", "jazz", "sailing", "chess", "mountain biking", "pottery",
             "the local football club", "vintage cameras", "gardening"]
PROMISES = ["Send the case study", "Introduce them to our support lead", "Share the pricing for two seats",
            "Send the article we talked about", "Check whether the API supports their export"]


@dataclass
class DemoContext:
    """What app demo steps need: the workspace, the team, the people made, and a seeded random source."""

    workspace: Workspace
    owner: Membership
    members: list[Membership]
    person_ids: list[int]
    organization_ids: list[int]
    today: dt.date
    now: dt.datetime
    rng: random.Random
    fake: Faker
    progress: Callable[[str, int], Callable[[int], None]]
    notes: list[str] = field(default_factory=list)


def _no_progress(label: str, total: int) -> Callable[[int], None]:
    return lambda advance: None


def demo_workspace() -> Workspace | None:
    return Workspace.objects.filter(slug=DEMO_SLUG).first()


def build_demo(*, people: int = 200, progress=_no_progress, now: dt.datetime | None = None) -> Workspace:
    """Create the demo workspace (user `demo`, password `demo`) with `people` people."""
    now = now or timezone.now()
    rng, fake = random.Random(SEED), Faker("en_US")
    fake.seed_instance(SEED)
    # One transaction: an interrupted build leaves no half-made demo for the next run to reuse.
    with transaction.atomic():
        user = get_user_model().objects.filter(username="demo").first() or user_create(
            username="demo", password="demo", email="demo@ally.example", first_name="Dana", last_name="Demo")
        workspace = workspace_create(name="Demo workspace", slug=DEMO_SLUG, owner=user)
        owner = Membership.objects.get(workspace=workspace, user=user)
        members = [owner]
        for first, last in (("Sam", "Rivera"), ("Priya", "Natarajan")):
            # A random password from `secrets`, not Faker: rebuilding must draw the same demo either way.
            colleague = get_user_model().objects.filter(username=first.lower()).first() or user_create(
                username=first.lower(), password=secrets.token_urlsafe(16), first_name=first, last_name=last,
                email=f"{first.lower()}@ally.example")
            members.append(membership_add(workspace=workspace, user=colleague))
        ctx = DemoContext(workspace=workspace, owner=owner, members=members, person_ids=[], organization_ids=[],
                          today=timezone.localdate(now), now=now, rng=rng, fake=fake, progress=progress)
        _organizations(ctx, max(20, people // 10))
        _people(ctx, people)
        _facts_and_relationships(ctx)
        _interactions(ctx)
        _make_today_interesting(ctx)
        for app in DEMO_STEPS:
            importlib.import_module(f"ally.{app}.demo").populate(ctx)
    return workspace


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


def _organizations(ctx: DemoContext, count: int) -> None:
    names = []
    while len(names) < count:
        name = ctx.fake.company()
        if name not in names:
            names.append(name)
    orgs = bulk_create_rows(Organization, [Organization(workspace=ctx.workspace, name=n, website=f"https://{ctx.fake.domain_name()}")
                                for n in names], ctx, "organizations")
    ctx.organization_ids = [o.id for o in orgs]


def _people(ctx: DemoContext, count: int) -> None:
    rng, fake, ws = ctx.rng, ctx.fake, ctx.workspace
    rows = []
    for i in range(count):
        created = ctx.now - dt.timedelta(days=rng.randint(400, 900))
        birthday = fake.date_of_birth(minimum_age=25, maximum_age=70) if rng.random() < 0.6 else None
        rows.append(Person(
            workspace=ws, name=fake.name(), organization_id=rng.choice(ctx.organization_ids) if rng.random() < 0.9 else None,
            title=fake.job()[:200], created_at=created,
            birthday_month=birthday.month if birthday else None, birthday_day=birthday.day if birthday else None,
            birthday_year=birthday.year if birthday and rng.random() < 0.5 else None,
            how_we_met=rng.choice(["", "Met at a trade fair", "Referred by a customer", "Came through the website",
                                   "Neighbour of a colleague"]),
            owner=rng.choice(ctx.members), cadence_days=rng.choice([None, 14, 30, 30, 60, 90]),
        ))
    people = bulk_create_rows(Person, rows, ctx, "people")
    ctx.person_ids = [p.id for p in people]
    emails, phones, tag_rows = [], [], []
    tags = Tag.objects.bulk_create([Tag(workspace=ws, name=t) for t in TAGS])
    for p in people:
        local = p.name.lower().replace(" ", ".").replace("'", "")
        emails.append(PersonEmail(workspace=ws, person=p, address=f"{local}.{p.id}@{fake.free_email_domain()}"))
        if rng.random() < 0.7:
            phones.append(PersonPhone(workspace=ws, person=p, number=f"+1{rng.choice(['212', '415', '617', '312'])}555{rng.randint(0, 9999):04d}"))
        for tag in rng.sample(tags, rng.choice([0, 0, 1, 1, 2])):
            tag_rows.append(PersonTag(workspace=ws, person=p, tag=tag))
    bulk_create_rows(PersonEmail, emails, ctx, "emails")
    bulk_create_rows(PersonPhone, phones, ctx, "phones")
    bulk_create_rows(PersonTag, tag_rows, ctx, "tags")


def _fill(template: str, ctx: DemoContext) -> str:
    fake, rng = ctx.fake, ctx.rng
    return template.format(kid=fake.first_name(), kid2=fake.first_name(), city=fake.city(), title="Head of Operations",
                           interest=rng.choice(INTERESTS), season=rng.choice(["spring", "the autumn", "next year"]),
                           event=rng.choice(["trade fair", "meetup", "conference"]), family=rng.choice(["daughter", "son"]))


def _facts_and_relationships(ctx: DemoContext) -> None:
    rng, ws = ctx.rng, ctx.workspace
    facts, relationships, seen = [], [], set()
    pool = [(kind, _fill(template, ctx)) for kind, template in FACTS for _ in range(40)]
    for pid in ctx.person_ids:
        for kind, text in rng.sample(pool, rng.choice([0, 1, 2, 3])):
            facts.append(Fact(workspace=ws, person_id=pid, kind=kind, text=text))
        for _ in range(rng.choice([0, 1, 1, 2])):
            other = rng.choice(ctx.person_ids)
            kind = rng.choice(["colleague", "friend", "manager", "family", "introduced"])
            if other != pid and (pid, other, kind) not in seen:
                seen.add((pid, other, kind))
                relationships.append(Relationship(workspace=ws, from_person_id=pid, to_person_id=other, kind=kind,
                                                  since=ctx.today - dt.timedelta(days=rng.randint(100, 3000))))
    team = [m.person_id for m in ctx.members]
    for pid in ctx.person_ids[: max(10, len(ctx.person_ids) // 5)]:
        relationships.append(Relationship(workspace=ws, from_person_id=rng.choice(team), to_person_id=pid, kind="friend"))
    bulk_create_rows(Fact, facts, ctx, "little things")
    bulk_create_rows(Relationship, _unique_relationships(relationships), ctx, "relationships")


def _unique_relationships(rows):
    seen, unique = set(), []
    for r in rows:
        key = (r.from_person_id, r.to_person_id, r.kind)
        if key not in seen and r.from_person_id != r.to_person_id:
            seen.add(key)
            unique.append(r)
    return unique


def _interactions(ctx: DemoContext) -> None:
    """Two years of interactions, about ten per person, then each person's clock from their latest one.

    Written batch by batch (interactions, then their participants) as plain rows, so a
    100,000-person demo neither holds nor builds a million model instances.
    """
    rng, ws, now = ctx.rng, ctx.workspace, ctx.now
    kinds = ["call", "meeting", "email", "email", "message", "social", "event", "note"]
    # Faker is slow per call; a pool of filled-in topics keeps a million summaries cheap and still varied.
    topics = [_fill(rng.choice(INTERACTION_TOPICS), ctx) for _ in range(500)]
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


def _make_today_interesting(ctx: DemoContext) -> None:
    """Guarantee every kind of Today item: birthdays, anniversaries, promises due and overdue."""
    rng, ws, today = ctx.rng, ctx.workspace, ctx.today
    sample = rng.sample(ctx.person_ids, min(len(ctx.person_ids), 24))
    for offset, pid in zip((0, 2, 5, 9, 13), sample[:5]):
        day = today + dt.timedelta(days=offset)
        Person.objects.filter(id=pid).update(birthday_month=day.month, birthday_day=min(day.day, 28 if day.month == 2 else 31))
    for offset, pid in zip((1, 4, 11), sample[5:8]):
        day = today + dt.timedelta(days=offset)
        Fact.objects.create(workspace=ws, person_id=pid, kind="milestone", recurs_yearly=True,
                            text="Anniversary of becoming our customer",
                            date=day.replace(year=day.year - rng.randint(1, 6)) if not (day.month == 2 and day.day == 29) else day.replace(day=28, year=day.year - 2))
    follow_ups = []
    for offset, pid in zip((-6, -2, -1, 0, 0, 3, 7, 20), sample[8:16]):
        follow_ups.append(FollowUp(workspace=ws, person_id=pid, text=rng.choice(PROMISES),
                                   due_on=today + dt.timedelta(days=offset), owner=rng.choice(ctx.members)))
    for pid in rng.sample(ctx.person_ids, min(len(ctx.person_ids), max(0, len(ctx.person_ids) // 20))):
        follow_ups.append(FollowUp(workspace=ws, person_id=pid, text=rng.choice(PROMISES),
                                   due_on=today + dt.timedelta(days=rng.randint(-30, 30)), owner=rng.choice(ctx.members),
                                   done_at=ctx.now if rng.random() < 0.5 else None))
    bulk_create_rows(FollowUp, follow_ups, ctx, "promises")
