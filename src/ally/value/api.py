"""The lifetime value API: the workspace's current fit, the customers ranked by value, one person's
predictions. Read-only: fits run off-request (`ally value fit`)."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from ally.core.api import ERRORS, Id, Limit, Offset, page
from ally.core.errors import NotFound
from ally.value import selectors
from ally.value.dashboard import dashboard, dashboard_as_dict, parse_period

router = Router()


class FitDataOut(Schema):
    """The data the fit used."""

    calibration_end: dt.date
    unit: str
    currency: str
    customers: int
    repeat_customers: int
    purchases: int
    other_currency_purchases: dict[str, int]
    fingerprint: str


class FitOut(Schema):
    id: int
    model: str
    params: dict[str, float]
    std_errors: dict[str, float | None]
    log_likelihood: float
    converged: bool
    spend_model: str
    spend_params: dict[str, float]
    spend_std_errors: dict[str, float | None]
    spend_log_likelihood: float
    spend_converged: bool
    horizon_months: int
    monthly_discount_rate: float
    fitted_at: dt.datetime
    seconds: float
    data: FitDataOut
    fit_check: dict
    stale: bool
    stale_reason: str


class CustomerValueOut(Schema):
    person_id: int
    person_name: str
    p_alive: float
    expected_purchases_12_months: float
    expected_spend: Decimal
    lifetime_value: Decimal
    currency: str
    value_rank: int
    top_percent: int
    at_risk: bool
    purchases: int
    first_purchase_on: dt.date
    last_purchase_on: dt.date


class CustomerValuePage(Schema):
    count: int
    items: list[CustomerValueOut]


class CustomerFilters(Schema):
    at_risk: bool = False
    limit: Limit = 50
    offset: Offset = 0


def _fit_out(status: selectors.ValueStatus) -> dict:
    fit = status.fit
    return {
        **{name: getattr(fit, name) for name in (
            "id", "model", "params", "std_errors", "log_likelihood", "converged", "spend_params", "spend_std_errors",
            "spend_log_likelihood", "spend_converged", "horizon_months", "monthly_discount_rate", "fitted_at",
            "seconds", "fit_check")},
        "spend_model": "gammagamma",
        "data": {name: getattr(fit, name) for name in (
            "calibration_end", "unit", "currency", "customers", "repeat_customers", "purchases",
            "other_currency_purchases", "fingerprint")},
        "stale": status.stale, "stale_reason": status.reason,
    }


def _value_out(value, currency: str) -> dict:
    return {
        **{name: getattr(value, name) for name in (
            "person_id", "p_alive", "expected_spend", "lifetime_value", "value_rank", "top_percent", "purchases",
            "first_purchase_on", "last_purchase_on")},
        "person_name": value.person.name, "expected_purchases_12_months": value.expected_purchases,
        "currency": currency,
        "at_risk": value.top_percent <= selectors.VALUABLE_TOP_PERCENT and value.p_alive < selectors.AT_RISK_P_ALIVE,
    }


@router.get("/value/fit", response={200: FitOut, **ERRORS}, summary="The current lifetime value fit")
def get_fit(request: HttpRequest):
    """The workspace's current fit: models, parameters with standard errors, log-likelihoods, when, the data used,
    and whether it is stale. 404 when there has been no successful fit yet (the detail says why)."""
    status = selectors.value_status(workspace=request.workspace)
    if status.fit is None:
        why = status.last_attempt.message if status.failed else status.reason
        raise NotFound(f"lifetime value fit ({why}; run `ally value fit`)")
    return _fit_out(status)


@router.get("/value/customers", response={200: CustomerValuePage, **ERRORS}, summary="Customers by lifetime value")
def list_customers(request: HttpRequest, filters: Query[CustomerFilters]):
    """Most valuable first. `at_risk=true`: only the valuable customers (top 10%) whose P(alive) fell below 0.5."""
    workspace = request.workspace
    rows = selectors.value_at_risk(workspace=workspace) if filters.at_risk else \
        selectors.customer_ranking(workspace=workspace)
    result = page(rows, limit=filters.limit, offset=filters.offset)
    fit = selectors.latest_fit(workspace=workspace) if result["items"] else None
    result["items"] = [_value_out(value, fit.currency) for value in result["items"]]
    return result


@router.get("/people/{person_id}/value", response={200: CustomerValueOut, **ERRORS},
            summary="A person's lifetime value")
def get_person_value(request: HttpRequest, person_id: Id):
    """P(alive), purchases expected in the next 12 months, expected spend per purchase and lifetime value.
    404 for a person in another workspace, or one with no prediction (never bought, or no fit yet)."""
    value = selectors.access_person_value(workspace=request.workspace, person_id=person_id)
    return _value_out(value, value.fit.currency)


# ---- customers made ----------------------------------------------------------------------------------

class RetentionOut(Schema):
    base: int
    retained: int
    rate: float | None


class NpsOut(Schema):
    score: float | None
    promoters: int
    passives: int
    detractors: int
    responses: int


class CadenceOut(Schema):
    on_cadence: int
    with_cadence: int
    share: float | None


class PeriodMetricsOut(Schema):
    start: dt.date
    end: dt.date
    customers: int
    new_customers: int
    repeat_customers: int
    repeat_purchase_rate: float | None
    retention: RetentionOut
    referrals_received: int
    referrals_per_customer: float | None
    nps: NpsOut
    median_hours_to_first_response: float | None
    median_hours_to_confirmed_fix: float | None
    decisions_helped: int


class DashboardOut(PeriodMetricsOut):
    on_cadence: CadenceOut
    monthly: list[PeriodMetricsOut]


@router.get("/dashboard", summary="Customers made", response={200: DashboardOut, **ERRORS})
def get_dashboard(request: HttpRequest, start: dt.date | None = None, end: dt.date | None = None):
    """Customers made over a period (default: the last twelve months), with the same numbers per month.
    Every field is defined in docs/customers-made.md."""
    period = parse_period(start=start, end=end, today=timezone.localdate())
    return dashboard_as_dict(dashboard(workspace=request.workspace, period=period))
