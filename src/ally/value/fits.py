"""Lifetime value fits: fit a workspace's purchases and store the per-customer predictions.

A fit is a job, not a service: it computes for seconds and must not hold a write transaction while it
does, and a failed attempt is kept. Each attempt is its own record (a `ValueFit` row: when, which
model, fitted or why not), so fits keep their trail there rather than in the audit trail.

Fits run off-request only (`ally value fit`, `--if-stale` from cron, `ally serve`'s background
refits, the demo); a page never fits. Currencies: only purchases in the workspace's default
currency are fitted, so spend and lifetime value are in that currency; purchases in other
currencies are counted and left out (docs/value.md).
"""

import datetime as dt
import math
import time
import zoneinfo
from collections.abc import Callable
from decimal import Decimal

import numpy as np
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.ownership.models import Purchase
from ally.value.models import CustomerValue, ValueFit
from ally.value.selectors import latest_fit, purchase_data, value_status
from ally.value.stats.customer_base import (
    FITS,
    HORIZON_MONTHS,
    MONTHLY_DISCOUNT_RATE,
    CustomerBaseFit,
    fit_customer_base,
)
from ally.value.stats.errors import ValueModelError
from ally.value.stats.summary import CustomerSummary, summarise
from ally.workspaces.models import Workspace

UNIT = "weeks"
DAYS_PER_UNIT = 7
BATCH = 5000
KEEP_ATTEMPTS = 20
CENT = Decimal("0.01")


def _quiet(step: str) -> None:
    """No progress report."""


def value_fit(*, workspace, model: str = "bgnbd", now: dt.datetime | None = None,
              progress: Callable[[str], None] = _quiet) -> ValueFit:
    """Fit the workspace's purchases (up to today in its time zone) and replace its per-customer
    predictions with the new fit's in one transaction, so a page sees the old ones or the new, never a mix.

    Raises ValidationError for an unknown model, and ValueModelError (after recording the failed
    attempt, whose message the value page shows) when the data cannot support a fit: too few
    customers, too few who bought again, nothing in the workspace's currency.
    """
    if model not in FITS:
        raise ValidationError({"model": f"must be one of {', '.join(sorted(FITS))}, not '{model}'"})
    now = now or timezone.now()
    calibration_end = timezone.localtime(now, zoneinfo.ZoneInfo(workspace.time_zone)).date()
    data = purchase_data(workspace=workspace)
    attempt = ValueFit(workspace=workspace, model=model, currency=workspace.default_currency, unit=UNIT,
                       calibration_end=calibration_end, horizon_months=HORIZON_MONTHS,
                       monthly_discount_rate=MONTHLY_DISCOUNT_RATE, fingerprint=data.fingerprint, fitted_at=now)
    started = time.perf_counter()
    try:
        progress("reading purchases")
        summary = _summary(attempt)
        progress(f"fitting {len(summary):,} customers")
        result = fit_customer_base(summary, model=model, unit=UNIT, horizon_months=HORIZON_MONTHS,
                                   monthly_discount_rate=MONTHLY_DISCOUNT_RATE)
    except ValueModelError as exc:
        attempt.status, attempt.message = ValueFit.Status.FAILED, str(exc)
        attempt.seconds = time.perf_counter() - started
        _record_failure(attempt)
        raise
    progress("storing predictions")
    return _store(attempt, summary, result, started)


def value_fit_if_stale(*, workspace, model: str | None = None, now: dt.datetime | None = None,
                       progress: Callable[[str], None] = _quiet) -> ValueFit | None:
    """Fit only when the staleness rule says so (see ally.value.selectors); None when the fit is up to
    date. Without a `model`, a refit keeps the model chosen last time."""
    status = value_status(workspace=workspace, now=now)
    if not status.stale:
        return None
    if model is None:
        model = status.last_attempt.model if status.last_attempt else ValueFit.Model.BGNBD
    return value_fit(workspace=workspace, model=model, now=now, progress=progress)


def _summary(attempt: ValueFit) -> CustomerSummary:
    """The per-customer summary of the purchases in the workspace's currency; counts the others by currency."""
    purchases = Purchase.objects.filter(workspace_id=attempt.workspace_id, purchased_on__lte=attempt.calibration_end)
    attempt.other_currency_purchases = dict(
        purchases.exclude(currency=attempt.currency).values_list("currency").annotate(n=Count("id"))
        .order_by("currency"))
    rows = list(purchases.filter(currency=attempt.currency).values_list("person_id", "purchased_on", "amount"))
    if not rows:
        others = f" (there are purchases in {', '.join(attempt.other_currency_purchases)})" \
            if attempt.other_currency_purchases else ""
        raise ValueModelError(f"no purchases in {attempt.currency}, the workspace's currency, on or before "
                              f"{attempt.calibration_end}{others}")
    people, days, amounts = zip(*rows, strict=True)
    attempt.purchases = len(rows)
    return summarise(np.array(people, dtype=np.int64), np.array(days, dtype="datetime64[D]"),
                     np.array(amounts, dtype=np.float64), calibration_end=attempt.calibration_end, unit=UNIT)


def _record_failure(attempt: ValueFit) -> None:
    with transaction.atomic():
        attempt.save()
        _prune(attempt.workspace_id)


def _store(attempt: ValueFit, summary: CustomerSummary, result: CustomerBaseFit, started: float) -> ValueFit:
    purchase, spend = result.purchase, result.spend
    attempt.status = ValueFit.Status.FITTED
    attempt.params, attempt.std_errors = purchase.params, _finite(purchase.std_errors)
    attempt.log_likelihood, attempt.converged = purchase.log_likelihood, purchase.converged
    attempt.spend_params, attempt.spend_std_errors = spend.params, _finite(spend.std_errors)
    attempt.spend_log_likelihood, attempt.spend_converged = spend.log_likelihood, spend.converged
    attempt.customers, attempt.repeat_customers = len(summary), int((summary.frequency > 0).sum())
    attempt.fit_check = result.fit_check
    rows = _predictions(attempt, summary, result)
    with transaction.atomic():
        # Serialise concurrent fits of one workspace (PostgreSQL; SQLite already has one writer at a time).
        Workspace.objects.select_for_update().filter(id=attempt.workspace_id).exists()
        attempt.seconds = time.perf_counter() - started
        attempt.save()
        CustomerValue.objects.filter(workspace_id=attempt.workspace_id).delete()
        for row in rows:
            row.fit = attempt
        CustomerValue.objects.bulk_create(rows, batch_size=BATCH)
        _prune(attempt.workspace_id)
    return attempt


def _finite(values: dict) -> dict:
    """Standard errors as JSON: NaN (an undefined one) becomes null."""
    return {name: (value if math.isfinite(value) else None) for name, value in values.items()}


def _predictions(attempt: ValueFit, summary: CustomerSummary, result: CustomerBaseFit) -> list[CustomerValue]:
    scores, n = result.scores, len(summary)
    # Most valuable first; equal values in person order, so the ranking is stable.
    order = np.lexsort((summary.customer_ids, -scores.clv))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(1, n + 1)
    end = np.datetime64(attempt.calibration_end, "D")
    first = end - np.rint(summary.age * DAYS_PER_UNIT).astype("timedelta64[D]")
    last = first + np.rint(summary.recency * DAYS_PER_UNIT).astype("timedelta64[D]")
    return [
        CustomerValue(
            workspace_id=attempt.workspace_id, person_id=int(person), p_alive=float(p_alive),
            expected_purchases=float(expected), expected_spend=Decimal(float(spend)).quantize(CENT),
            lifetime_value=Decimal(float(clv)).quantize(CENT), purchases=int(frequency) + 1,
            first_purchase_on=first_day.item(), last_purchase_on=last_day.item(), value_rank=int(r),
            top_percent=math.ceil(100 * int(r) / n),
        )
        for person, p_alive, expected, spend, clv, frequency, first_day, last_day, r in zip(
            summary.customer_ids, scores.p_alive, scores.expected_purchases, scores.expected_spend, scores.clv,
            summary.frequency, first, last, rank, strict=True)
    ]


def _prune(workspace_id: int) -> None:
    """Keep the last KEEP_ATTEMPTS attempts, and always the current fit (its predictions hang on it)."""
    attempts = ValueFit.objects.filter(workspace_id=workspace_id)
    keep = list(attempts.values_list("id", flat=True)[:KEEP_ATTEMPTS])
    current = latest_fit(workspace=workspace_id)
    if current is not None:
        keep.append(current.id)
    attempts.exclude(id__in=keep).delete()
