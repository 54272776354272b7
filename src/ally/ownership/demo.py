"""Demo data for ownership: two years of purchases, their check-ins, feedback and referrals.

Purchases follow the story the lifetime-value models assume (BG/NBD with Gamma-Gamma spend): about
half the people are customers; each buys for the first time some day in the last two years, then
again at their own pace (a Gamma-distributed rate) until they quietly stop (a Beta-distributed
chance after each purchase); each spends around their own typical amount. Check-ins follow the
default playbook: the past ones done (with scores that mostly say "happy", some that do not) or
skipped, a few due today, the rest ahead. Everything is bulk inserted, and the largest tables
(check-ins, timeline events) without model instances, so 100,000 people stay quick.
"""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from ally.core.demo import bulk_create_rows, insert_demo_rows
from ally.interactions import events as timeline
from ally.interactions.models import TimelineEvent
from ally.ownership.models import CheckIn, Feedback, Purchase, Referral
from ally.ownership.selectors import DEFAULT_STEPS
from ally.people.models import Person

HISTORY_DAYS = 730
CUSTOMER_SHARE = 0.55
DESCRIPTIONS = ["Setup and training day", "Extra seats for the spring team", "Annual renewal", "Custom report",
                "On-site workshop"]
PARTNERS = ["Harbor Accounting", "Green Thumb Landscaping", "Northside Payroll Services", "Maple HR Consulting",
            "Brightline IT Support", "The Rota Coach (independent consultant)"]
COMMENTS_HAPPY = ["The team actually looks at the rota now.", "Setup was quicker than we feared.",
                  "Saved me my Sunday evenings.", "Support answered within the hour, thank you."]
COMMENTS_UNHAPPY = ["The payroll export keeps missing overtime.", "Too many clicks to swap a shift.",
                    "We waited a week for the onboarding session.", "The mobile view is hard to read."]
NOTES = {"going_well": ["They use it daily; asked about the reports.", "Happy; mentioned a colleague who needs it too."],
         "mixed": ["Likes it, but the export is awkward.", "Half the team uses it; the rest still phone in."],
         "problem": ["Something is not working for them; follow up.", "Frustrated with the setup."],
         "no_answer": ["Left a message.", "No reply to two emails."]}


def populate(ctx) -> None:
    from ally.opportunities.models import Offering

    offerings = list(Offering.objects.filter(workspace=ctx.workspace).order_by("id"))
    organizations = dict(Person.objects.filter(id__in=ctx.person_ids).values_list("id", "organization_id"))
    purchases = _purchases(ctx, offerings, organizations)
    _check_ins(ctx, purchases, {o.id: o.name for o in offerings})
    _feedback(ctx, purchases)
    _referrals(ctx, purchases)


def _price(offering, rng) -> Decimal:
    return offering.price if offering is not None and offering.price else Decimal(rng.choice([250, 400, 600, 900]))


def _amount(base: Decimal, level: float, rng) -> Decimal:
    return (base * Decimal(str(round(level * rng.uniform(0.85, 1.15), 3)))).quantize(Decimal("0.01"))


def _customer_days(ctx) -> list[dt.date]:
    """One customer's purchase days: a first purchase, then repeats at their own rate until they stop."""
    rng, today = ctx.rng, ctx.today
    rate = rng.gammavariate(2.0, 1 / 240)  # purchases per day; a typical customer buys every few months
    stop = rng.betavariate(2.0, 6.0)  # the chance of quietly stopping after each purchase
    day = today - dt.timedelta(days=rng.randint(0, HISTORY_DAYS))
    days = [day]
    while rng.random() >= stop:
        day += dt.timedelta(days=max(1, round(rng.expovariate(rate))))
        if day > today:
            break
        days.append(day)
    return days


def _purchases(ctx, offerings, organizations) -> list[Purchase]:
    rng, ws = ctx.rng, ctx.workspace
    currency = ws.default_currency
    customers = [pid for pid in ctx.person_ids if rng.random() < CUSTOMER_SHARE]
    rows = []
    for pid in customers:
        level = rng.gammavariate(6.0, 1 / 6)  # this customer's usual spend relative to list price
        favourite = rng.choice(offerings) if offerings else None
        for day in _customer_days(ctx):
            offering = favourite if rng.random() < 0.6 else (rng.choice(offerings) if offerings else None)
            description = "" if offering is not None and rng.random() < 0.8 else rng.choice(DESCRIPTIONS)
            rows.append(Purchase(workspace=ws, person_id=pid, organization_id=organizations.get(pid),
                                 offering=offering, description=description, currency=currency,
                                 amount=_amount(_price(offering, rng), level, rng), purchased_on=day))
    # A few purchases three days ago and a month ago, so check-ins are due on Today whatever the dice said.
    for pid, days_ago in zip(rng.sample(customers, min(len(customers), 6)), (3, 3, 3, 30, 30, 90)):
        offering = rng.choice(offerings) if offerings else None
        rows.append(Purchase(workspace=ws, person_id=pid, organization_id=organizations.get(pid), offering=offering,
                             currency=currency, amount=_amount(_price(offering, rng), 1.0, rng),
                             purchased_on=ctx.today - dt.timedelta(days=days_ago)))
    purchases = bulk_create_rows(Purchase, rows, ctx, "purchases")
    names = {o.id: o.name for o in offerings}
    insert_demo_rows(TimelineEvent, [timeline.as_row(timeline.purchase_recorded(
        p, label=p.description or names.get(p.offering_id, "a purchase"))) for p in purchases], ctx, "purchase timeline")
    ctx.notes.append(f"{len(purchases):,} purchases by {len(customers):,} customers.")
    return purchases



def _score(rng, mood: float) -> int:
    return max(0, min(10, round(rng.gauss(mood, 1.0))))


def _outcome(score: int | None, rng) -> str:
    if score is None:
        return "no_answer" if rng.random() < 0.5 else "going_well"
    return "going_well" if score >= 8 else "mixed" if score >= 6 else "problem"


def _check_ins(ctx, purchases: list[Purchase], offering_names: dict[int, str]) -> None:
    """The default playbook's check-ins for every purchase: past ones done or skipped, recent ones due."""
    rng, ws, today = ctx.rng, ctx.workspace, ctx.today
    moods: dict[int, float] = {}
    rows, events = [], []
    for purchase in purchases:
        mood = moods.setdefault(purchase.person_id, rng.choice([9.5, 9.2, 8.8, 8.2, 5.0]))
        what = purchase.description or offering_names.get(purchase.offering_id, "what they bought")
        for day, question in DEFAULT_STEPS:
            due = purchase.purchased_on + dt.timedelta(days=day)
            check_in = {"workspace_id": ws.id, "purchase_id": purchase.id, "person_id": purchase.person_id,
                        "day": day, "due_on": due, "question": question.replace("{what}", what),
                        "status": CheckIn.Status.SCHEDULED, "outcome": "", "satisfaction": None, "note": "",
                        "completed_at": None, "created_at": ctx.now}
            # Recent ones (up to five days late) are still waiting, so Today has check-ins to do.
            if due < today - dt.timedelta(days=5):
                when = timezone.make_aware(dt.datetime.combine(due + dt.timedelta(days=rng.randint(0, 3)),
                                                               dt.time(rng.randint(9, 17), rng.randint(0, 59))))
                if rng.random() < 0.12:
                    check_in.update(status=CheckIn.Status.SKIPPED, completed_at=when)
                else:
                    score = _score(rng, mood) if rng.random() < 0.85 else None
                    outcome = _outcome(score, rng)
                    check_in.update(status=CheckIn.Status.DONE, completed_at=when, satisfaction=score,
                                    outcome=outcome, note=rng.choice(NOTES[outcome]))
                    done = SimpleNamespace(id=None, **check_in)
                    events.append(timeline.as_row(timeline.check_in_done(
                        done, label=what, outcome_label=CheckIn.Outcome(outcome).label)))
            rows.append(check_in)
    insert_demo_rows(CheckIn, rows, ctx, "check-ins")
    insert_demo_rows(TimelineEvent, events, ctx, "check-in timeline")


def _feedback(ctx, purchases: list[Purchase]) -> None:
    rng, ws = ctx.rng, ctx.workspace
    rows = []
    for purchase in rng.sample(purchases, len(purchases) // 12):
        happy = rng.random() < 0.75
        received = min(ctx.today, purchase.purchased_on + dt.timedelta(days=rng.randint(1, 60)))
        rows.append(Feedback(workspace=ws, person_id=purchase.person_id, purchase=purchase,
                             score=rng.choice([9, 10, 10, 8]) if happy else rng.choice([3, 4, 5, 6]),
                             comment=rng.choice(COMMENTS_HAPPY if happy else COMMENTS_UNHAPPY), received_on=received))
    bulk_create_rows(Feedback, rows, ctx, "feedback")


def _referrals(ctx, purchases: list[Purchase]) -> None:
    """Customers who introduced others to us (a few of them several), and introductions we made."""
    rng, ws = ctx.rng, ctx.workspace
    first_purchase: dict[int, dt.date] = {}
    for p in purchases:
        first_purchase[p.person_id] = min(first_purchase.get(p.person_id, p.purchased_on), p.purchased_on)
    advocates = rng.sample(sorted(first_purchase), max(1, len(first_purchase) // 8)) if first_purchase else []
    received, introduced, seen = [], [], set()
    for pid in rng.sample(ctx.person_ids, len(ctx.person_ids) // 8):
        if not advocates:
            break
        referrer = rng.choice(advocates)
        if referrer == pid or (referrer, pid) in seen:
            continue
        seen.add((referrer, pid))
        since = first_purchase[referrer]
        when = since + dt.timedelta(days=rng.randint(0, max(0, (ctx.today - since).days)))
        received.append(Referral(workspace=ws, direction=Referral.Direction.RECEIVED, referrer_id=referrer,
                                 person_id=pid, referred_on=when))
        introduced.append((pid, referrer))
    given = [Referral(workspace=ws, direction=Referral.Direction.GIVEN, person_id=pid,
                      introduced_to_name=rng.choice(PARTNERS), note="What they needed is not what we do.",
                      referred_on=ctx.today - dt.timedelta(days=rng.randint(0, HISTORY_DAYS)))
             for pid in rng.sample(ctx.person_ids, len(ctx.person_ids) // 25)]
    made = bulk_create_rows(Referral, received + given, ctx, "referrals")
    names = dict(Person.objects.filter(id__in={r.person_id for r in made} | {r.referrer_id for r in received})
                 .values_list("id", "name"))
    events = [timeline.as_row(event) for r in made for event in timeline.referral_events(
        r, person_name=names[r.person_id], referrer_name=names.get(r.referrer_id, ""), to_name=r.introduced_to_name)]
    insert_demo_rows(TimelineEvent, events, ctx, "referral timeline")
    # As the service does: whoever introduced a person is their "introduced by", unless one is already known.
    people = list(Person.objects.filter(id__in=[pid for pid, _ in introduced], introduced_by__isnull=True))
    referrer_of = dict(introduced)
    for person in people:
        person.introduced_by_id = referrer_of[person.id]
    Person.objects.bulk_update(people, ["introduced_by_id"], batch_size=2000)
