"""Demo step: fit lifetime value on the purchases the earlier steps made, so the value page, the person
panels and Today's "value at risk" have something to show. Runs last among the purchase makers.

Before fitting it adds the story value at risk is for: a few loyal customers who bought often, and more
than most, for about a year, then went quiet months ago, and whom nobody has talked with in the last
RECENT_CONTACT_DAYS days. The models see someone who broke their own rhythm, so P(alive) falls while
their lifetime value stays among the highest: they belong at the top of Today, as a reason to ask how
things are going.
"""

import datetime as dt
import statistics
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from ally.core.demo import insert_demo_rows
from ally.interactions import events as timeline
from ally.interactions.models import TimelineEvent
from ally.opportunities.models import Offering
from ally.ownership.models import Purchase
from ally.people.models import Person
from ally.value.fits import value_fit
from ally.value.stats.errors import ValueModelError
from ally.value.today import RECENT_CONTACT_DAYS

# A handful, whatever the demo's size: enough for Today's story, too few to distort the fit (at 100,000
# people one in 40 would have made a fifth of all purchases and pulled the whole fit their way).
QUIET_LOYAL = 5
PURCHASE_BATCH = 5000


def populate(ctx) -> None:
    quiet = _quiet_loyal_customers(ctx)
    advance = ctx.progress("lifetime value fit", 1)
    try:
        fitted = value_fit(workspace=ctx.workspace, now=ctx.now)
    except ValueModelError as exc:
        ctx.notes.append(f"Lifetime value not fitted: {exc}.")
        print(f"Lifetime value not fitted: {exc}.")
    else:
        ctx.notes.append(f"Lifetime value fitted on {fitted.customers:,} customers, {quiet:,} of them loyal "
                         "customers who went quiet.")
    advance(1)


def _quiet_loyal_customers(ctx) -> int:
    """Purchase histories for loyal customers who went quiet, chosen among people who have bought nothing
    and had no contact in the last RECENT_CONTACT_DAYS days; bulk inserted with their timeline events."""
    ws, rng = ctx.workspace, ctx.rng
    recent = ctx.now - dt.timedelta(days=RECENT_CONTACT_DAYS)
    candidates = list(Person.objects.filter(workspace=ws, id__in=ctx.person_ids)
                      .filter(Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=recent))
                      .exclude(purchases__isnull=False).order_by("id").values_list("id", "organization_id"))
    chosen = rng.sample(candidates, min(QUIET_LOYAL, len(candidates)))
    offerings = list(Offering.objects.filter(workspace=ws, currency__in=("", ws.default_currency)).order_by("id"))
    usual = _usual_amount(ws)
    rows = []
    for person_id, organization_id in chosen:
        offering = rng.choice(offerings) if offerings else None
        level = usual * Decimal(str(round(rng.uniform(5.0, 6.0), 2)))  # a customer who spends more than most
        rows += [Purchase(workspace=ws, person_id=person_id, organization_id=organization_id, offering=offering,
                          currency=ws.default_currency, purchased_on=day,
                          amount=(level * Decimal(str(round(rng.uniform(0.85, 1.15), 3)))).quantize(Decimal("0.01")))
                 for day in _loyal_then_quiet_days(ctx)]
    purchases = Purchase.objects.bulk_create(rows, batch_size=PURCHASE_BATCH)
    label = {o.id: o.name for o in offerings}
    insert_demo_rows(TimelineEvent, [timeline.as_row(timeline.purchase_recorded(
        p, label=label.get(p.offering_id, "a purchase"))) for p in purchases], ctx, "loyal customers' purchases")
    return len(chosen)


def _loyal_then_quiet_days(ctx) -> list[dt.date]:
    """A year or more of buying every three to five weeks, the last purchase three to five months ago."""
    rng = ctx.rng
    last = ctx.today - dt.timedelta(days=rng.randint(110, 150))
    gap = rng.uniform(21, 35)
    days = [last]
    for _ in range(rng.randint(12, 16)):
        days.append(days[-1] - dt.timedelta(days=max(7, round(rng.expovariate(1 / gap)))))
    return sorted(days)


def _usual_amount(workspace) -> Decimal:
    """The median amount of the purchases so far (in the workspace's currency), or 500 if there are none."""
    amounts = list(Purchase.objects.filter(workspace=workspace, currency=workspace.default_currency)
                   .values_list("amount", flat=True))
    return statistics.median(amounts) if amounts else Decimal(500)


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
