"""Reads of customer lifetime value, each scoped to one workspace: the current fit and whether it is
stale, the customers ranked by value, the valuable customers at risk, and one person's predictions.

The staleness rule (docs/value.md): a workspace's fit is stale when
- it has purchases and was never fitted; or
- its purchases changed since the last attempt (the data fingerprint differs) and that attempt is
  at least a day old; or
- the last fit succeeded and is at least 7 days old: P(alive) is computed as of the fit's
  calibration end, and a week of silence from a customer is information too.
Nothing here fits anything: `ally value fit --if-stale` (cron, or `ally serve`'s background
refits) acts on the rule; pages only show it.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone

from ally.core.errors import NotFound
from ally.core.words import format_day, plural
from ally.ownership.models import Purchase
from ally.people.selectors import access_person
from ally.value.models import CustomerValue, ValueFit
from ally.value.stats.holdout import expected_by_period
from ally.value.stats.summary import summarise

REFIT_AFTER_CHANGE = dt.timedelta(days=1)
REFRESH_EVERY = dt.timedelta(days=7)
# "Value at risk": a customer in the top VALUABLE_TOP_PERCENT by lifetime value whose P(alive)
# fell below AT_RISK_P_ALIVE, i.e. the model now thinks they are more likely gone than still with us.
VALUABLE_TOP_PERCENT = 10
AT_RISK_P_ALIVE = 0.5
CHART_POINTS = 300


@dataclass(frozen=True)
class PurchaseData:
    """What a fit would use, summarised cheaply: how many purchases, and their fingerprint."""

    purchases: int
    fingerprint: str


@dataclass(frozen=True)
class ValueStatus:
    """The workspace's current fit (the latest that succeeded), its latest attempt, and whether it is stale."""

    fit: ValueFit | None
    last_attempt: ValueFit | None
    purchases: int
    stale: bool
    reason: str

    @property
    def failed(self) -> bool:
        """The latest attempt failed (the page shows why, above any older fit)."""
        return self.last_attempt is not None and self.last_attempt.status == ValueFit.Status.FAILED


def purchase_data(*, workspace) -> PurchaseData:
    """Count and fingerprint the workspace's purchases in one aggregate query.

    The fingerprint changes when a purchase is added or removed (count, highest id), when an amount
    changes (sum), when purchases move between people (sum of person ids, e.g. after a merge), when
    the latest purchase day moves, or when the workspace's currency changes.
    """
    data = Purchase.objects.filter(workspace=workspace).aggregate(
        n=Count("id"), max_id=Max("id"), amount=Sum("amount"), people=Sum("person_id"), last=Max("purchased_on"))
    amount = Decimal(data["amount"] or 0).quantize(Decimal("0.01"))
    fingerprint = (f"{workspace.default_currency}:{data['n']}:{data['max_id'] or 0}:{amount}:{data['people'] or 0}:"
                   f"{data['last'] or '-'}")
    return PurchaseData(purchases=data["n"], fingerprint=fingerprint)


def latest_fit(*, workspace) -> ValueFit | None:
    """The latest successful fit, or None."""
    return ValueFit.objects.filter(workspace=workspace, status=ValueFit.Status.FITTED).first()


def value_status(*, workspace, now: dt.datetime | None = None) -> ValueStatus:
    """The current fit and the staleness rule applied to it (at most three queries)."""
    now = now or timezone.now()
    data = purchase_data(workspace=workspace)
    last = ValueFit.objects.filter(workspace=workspace).first()
    fit = last if last is not None and last.status == ValueFit.Status.FITTED else latest_fit(workspace=workspace)
    stale, reason = _staleness(last, data, now)
    return ValueStatus(fit=fit, last_attempt=last, purchases=data.purchases, stale=stale, reason=reason)


def _staleness(last: ValueFit | None, data: PurchaseData, now: dt.datetime) -> tuple[bool, str]:
    if last is None:
        if data.purchases == 0:
            return False, "it is computed from purchases, and none is recorded yet"
        return True, f"never computed, and {data.purchases} purchase{'s are' if data.purchases != 1 else ' is'} waiting"
    age = now - last.fitted_at
    changed = data.fingerprint != last.fingerprint
    if changed and age >= REFIT_AFTER_CHANGE:
        return True, f"purchases changed since it was last computed, on {format_day(timezone.localtime(last.fitted_at))}"
    if last.status == ValueFit.Status.FITTED and age >= REFRESH_EVERY:
        return True, f"it was last computed {plural(age.days, 'day')} ago, and who is still a customer changes with time"
    if changed:
        return False, "purchases changed since it was last computed; it is recomputed within a day"
    return False, "up to date with the purchases"


def customer_ranking(*, workspace) -> QuerySet[CustomerValue]:
    """The workspace's customers, most valuable first, with their person."""
    return CustomerValue.objects.filter(workspace=workspace).select_related("person").order_by("value_rank")


def value_at_risk(*, workspace) -> QuerySet[CustomerValue]:
    """Valuable customers (top VALUABLE_TOP_PERCENT by lifetime value) whose P(alive) fell below AT_RISK_P_ALIVE."""
    return customer_ranking(workspace=workspace).filter(
        top_percent__lte=VALUABLE_TOP_PERCENT, p_alive__lt=AT_RISK_P_ALIVE)


def person_value(*, person) -> CustomerValue | None:
    """The person's predictions from the current fit, with the fit (one query); None if they have none."""
    return CustomerValue.objects.filter(workspace_id=person.workspace_id, person=person).select_related("fit").first()


def access_person_value(*, workspace, person_id) -> CustomerValue:
    """A person's predictions; NotFound when the person is missing, in another workspace, or has none."""
    person = access_person(workspace=workspace, person_id=person_id)
    value = person_value(person=person)
    if value is None:
        raise NotFound("lifetime value for this person (no fit yet, or no purchase in the fit)")
    value.person = person
    return value


@dataclass(frozen=True)
class OrganizationValue:
    """The lifetime value of an organization's people who are customers, and its most valuable ones."""

    customers: int
    lifetime_value: Decimal
    expected_purchases: float
    currency: str
    top: list[CustomerValue]


def organization_value(*, workspace, organization, top: int = 5) -> OrganizationValue | None:
    """Sum of the predictions of the organization's people (two queries); None if none of them has any."""
    rows = CustomerValue.objects.filter(workspace=workspace, person__organization=organization)
    totals = rows.aggregate(n=Count("id"), value=Sum("lifetime_value"), purchases=Sum("expected_purchases"))
    if not totals["n"]:
        return None
    people = list(rows.select_related("person", "fit").order_by("value_rank")[:top])
    return OrganizationValue(customers=totals["n"], lifetime_value=Decimal(totals["value"]).quantize(Decimal("0.01")),
                             expected_purchases=float(totals["purchases"]), currency=people[0].fit.currency,
                             top=people)


def chart_sample(*, workspace, fit: ValueFit | None) -> list[CustomerValue]:
    """At most CHART_POINTS customers spread evenly over the value ranking (one query), for the chart."""
    if fit is None or fit.customers == 0:
        return []
    ranks = np.unique(np.linspace(1, fit.customers, min(CHART_POINTS, fit.customers)).round().astype(int))
    return list(CustomerValue.objects.filter(workspace=workspace, value_rank__in=ranks.tolist())
                .select_related("person").order_by("value_rank"))


@dataclass(frozen=True)
class PeriodCheck:
    """One period after a fit: the repeat purchases the fit expected of its customers, and those they made."""

    start: dt.date
    end: dt.date
    predicted: float
    actual: int
    complete: bool


@dataclass(frozen=True)
class FitCheck:
    """How well a past fit predicted the purchases that came after it, period by period."""

    fit: ValueFit
    periods: list[PeriodCheck]

    @property
    def predicted(self) -> float:
        return sum(p.predicted for p in self.periods)

    @property
    def actual(self) -> int:
        return sum(p.actual for p in self.periods)

    @property
    def error_percent(self) -> float | None:
        """How far the total prediction was from what happened, in percent of what happened."""
        return abs(self.predicted - self.actual) / self.actual * 100 if self.actual else None


CHECK_PERIOD_DAYS = 30
CHECK_PERIODS = 6


def fit_check_after(*, workspace, today: dt.date | None = None, periods: int = CHECK_PERIODS,
                    period_days: int = CHECK_PERIOD_DAYS) -> FitCheck | None:
    """The stored fit to check and how it did: the latest successful fit made at least one period ago (else
    None), its expected repeat purchases per period of `period_days` since its calibration end (up to
    `periods`, the last one up to today), next to the purchase occasions (a customer's purchases on one day
    are one, as the model counts them) its customers made in each. New customers are left out: a fit
    predicts only the customers it knew."""
    today = today or timezone.localdate()
    fit = ValueFit.objects.filter(workspace=workspace, status=ValueFit.Status.FITTED,
                                  calibration_end__lte=today - dt.timedelta(days=period_days)).first()
    if fit is None:
        return None
    rows = list(Purchase.objects.filter(workspace=workspace, currency=fit.currency)
                .values_list("person_id", "purchased_on", "amount"))
    before = [row for row in rows if row[1] <= fit.calibration_end]
    if not before:
        return None
    people, days, amounts = zip(*before, strict=True)
    summary = summarise(np.array(people, dtype=np.int64), np.array(days, dtype="datetime64[D]"),
                        np.array(amounts, dtype=np.float64), calibration_end=fit.calibration_end, unit=fit.unit)
    known = set(summary.customer_ids.tolist())
    bounds = []
    start = fit.calibration_end
    while len(bounds) < periods and start < today:
        end = min(start + dt.timedelta(days=period_days), today)
        bounds.append((start, end))
        start = end
    days_per_unit = 7 if fit.unit == "weeks" else 1
    horizons = [(end - fit.calibration_end).days / days_per_unit for _, end in bounds]
    predicted = expected_by_period(fit.model, fit.params, summary.frequency, summary.recency, summary.age,
                                   horizons)
    occasions = {(person, day) for person, day, _ in rows if person in known and day > fit.calibration_end}
    return FitCheck(fit=fit, periods=[
        PeriodCheck(start=start + dt.timedelta(days=1), end=end, predicted=float(expected),
                    actual=sum(1 for _, day in occasions if start < day <= end),
                    complete=(end - start).days == period_days)
        for (start, end), expected in zip(bounds, predicted, strict=True)])
