"""The demo's people: organizations, people with emails, phones and tags, little things, relationships,
and the birthdays and anniversaries that put dated items on Today."""

import datetime as dt

from ally.core.demo import DemoContext, bulk_create_rows, fill
from ally.people.importable import org_key
from ally.people.models import (
    Fact,
    Organization,
    Person,
    PersonEmail,
    PersonPhone,
    PersonTag,
    Relationship,
    Tag,
)
from ally.people.search import search_refresh_workspace

TAGS = ["vip", "gardening club", "board", "early adopter", "referrer", "newsletter", "conference 2025", "partner"]
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


def populate(ctx: DemoContext) -> None:
    _organizations(ctx, max(20, ctx.size // 10))
    _people(ctx, ctx.size)
    search_refresh_workspace(workspace=ctx.workspace)
    _facts_and_relationships(ctx)
    _dated_little_things(ctx)


def _organizations(ctx: DemoContext, count: int) -> None:
    names = {}
    while len(names) < count:
        name = ctx.fake.company()
        names.setdefault(org_key(name), name)
    orgs = bulk_create_rows(Organization, [Organization(workspace=ctx.workspace, name=n, name_key=key,
                                                        website=f"https://{ctx.fake.domain_name()}")
                                           for key, n in names.items()], ctx, "organizations")
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


def _facts_and_relationships(ctx: DemoContext) -> None:
    rng, ws = ctx.rng, ctx.workspace
    facts, relationships, seen = [], [], set()
    pool = [(kind, fill(template, ctx)) for kind, template in FACTS for _ in range(40)]
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


def _dated_little_things(ctx: DemoContext) -> None:
    """Birthdays and customer anniversaries over the next two weeks, so Today shows dated items."""
    rng, ws, today = ctx.rng, ctx.workspace, ctx.today
    sample = rng.sample(ctx.person_ids, min(len(ctx.person_ids), 8))
    for offset, pid in zip((0, 2, 5, 9, 13), sample[:5]):
        day = today + dt.timedelta(days=offset)
        leap_day = (day.month, day.day) == (2, 29)
        # A birthday on 29 February keeps no year: the person's year of birth may not be a leap year.
        Person.objects.filter(id=pid).update(birthday_month=day.month, birthday_day=day.day,
                                             **({"birthday_year": None} if leap_day else {}))
    for offset, pid in zip((1, 4, 11), sample[5:8]):
        day = today + dt.timedelta(days=offset)
        years = rng.randint(1, 6)
        # An anniversary on 29 February is kept in a leap year, so it recurs on the 28th in others.
        since = day.replace(year=day.year - 4 * ((years + 3) // 4)) if (day.month, day.day) == (2, 29) else \
            day.replace(year=day.year - years)
        Fact.objects.create(workspace=ws, person_id=pid, kind="milestone", recurs_yearly=True,
                            text="Anniversary of becoming our customer", date=since)
