import datetime as dt

import pytest
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.ownership.models import Purchase
from ally.people.services import person_create
from ally.value.fits import KEEP_ATTEMPTS, value_fit, value_fit_if_stale
from ally.value.models import CustomerValue, ValueFit
from ally.value.selectors import purchase_data, value_status
from ally.value.stats.errors import ValueModelError


def test_a_fit_is_stored_with_its_parameters_and_the_data_it_used(fitted, workspace):
    # then
    fit = ValueFit.objects.get()
    assert fit.status == "fitted" and fit.model == "bgnbd" and fit.converged
    assert set(fit.params) == set(fit.std_errors) == {"r", "alpha", "a", "b"}
    assert all(value > 0 for value in fit.params.values())
    assert set(fit.spend_params) == {"p", "q", "gamma"}
    assert fit.log_likelihood < 0 and fit.spend_log_likelihood is not None
    assert fit.calibration_end == timezone.localdate() and fit.unit == "weeks" and fit.currency == "USD"
    assert fit.customers == 41 and fit.purchases == Purchase.objects.count()
    assert fit.fingerprint == purchase_data(workspace=workspace).fingerprint
    assert sum(fit.fit_check["actual"]) == 41 and sum(fit.fit_check["expected"]) == pytest.approx(41, abs=0.5)


def test_every_customer_gets_predictions_ranked_by_lifetime_value(fitted, whale):
    values = list(CustomerValue.objects.order_by("value_rank"))
    assert [v.value_rank for v in values] == list(range(1, 42))
    assert [v.lifetime_value for v in values] == sorted((v.lifetime_value for v in values), reverse=True)
    assert all(v.fit_id == fitted.id for v in values)
    wanda = CustomerValue.objects.get(person=whale)
    today = timezone.localdate()
    assert (wanda.purchases, wanda.first_purchase_on, wanda.last_purchase_on) == \
        (7, today - dt.timedelta(days=420), today - dt.timedelta(days=240))
    assert wanda.top_percent == 3  # first of 41


def test_the_valuable_customer_who_went_quiet_is_likely_gone(fitted, whale):
    wanda = CustomerValue.objects.get(person=whale)
    assert wanda.p_alive < 0.5 and wanda.value_rank == 1
    assert wanda.expected_spend > 8000  # her own big purchases outweigh the population's small ones


def test_a_refit_replaces_every_prediction(fitted, workspace):
    # when
    refit = value_fit(workspace=workspace, model="paretonbd")
    # then
    assert CustomerValue.objects.count() == 41
    assert set(CustomerValue.objects.values_list("fit_id", flat=True)) == {refit.id}
    assert set(refit.params) == {"r", "alpha", "s", "beta"}


def test_a_refit_that_breaks_while_storing_leaves_the_previous_predictions(fitted, workspace, monkeypatch):
    before = sorted(CustomerValue.objects.values_list("person_id", "lifetime_value"))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(CustomerValue.objects, "bulk_create", broken)
    # when
    with pytest.raises(RuntimeError):
        value_fit(workspace=workspace, model="paretonbd")
    # then: no new fit, no lost prediction
    assert list(ValueFit.objects.values_list("id", flat=True)) == [fitted.id]
    assert sorted(CustomerValue.objects.values_list("person_id", "lifetime_value")) == before


def test_too_few_customers_is_a_clear_error_and_the_attempt_is_recorded(workspace, customer_base):
    customer_base(5)
    with pytest.raises(ValueModelError, match=r"too few customers to fit lifetime value: 5 customers, \d of them "
                                              r"bought more than once \(needs at least 20 customers and 5"):
        value_fit(workspace=workspace)
    attempt = ValueFit.objects.get()
    assert attempt.status == "failed" and attempt.message.startswith("too few customers")
    assert not CustomerValue.objects.exists()
    assert value_status(workspace=workspace).failed


def test_a_workspace_without_purchases_cannot_be_fitted(workspace):
    with pytest.raises(ValueModelError, match="no purchases in USD, the workspace's currency"):
        value_fit(workspace=workspace)


def test_an_unknown_model_is_refused_naming_the_field(workspace):
    with pytest.raises(ValidationError) as error:
        value_fit(workspace=workspace, model="magic")
    assert error.value.errors == {"model": "must be one of bgnbd, paretonbd, not 'magic'"}
    assert not ValueFit.objects.exists()


def test_only_purchases_in_the_workspace_currency_are_fitted(workspace, customer_base, buy):
    customer_base(30)
    elsewhere = person_create(workspace=workspace, name="Eve Euro")
    buy(elsewhere, 300, 200, 100, currency="EUR")
    # when
    fit = value_fit(workspace=workspace)
    # then
    assert fit.currency == "USD" and fit.other_currency_purchases == {"EUR": 3}
    assert fit.purchases == Purchase.objects.filter(currency="USD").count() and fit.customers == 30
    assert not CustomerValue.objects.filter(person=elsewhere).exists()


def test_a_workspace_in_another_currency_says_which_currencies_it_has(workspace, customer_base):
    customer_base(25)
    workspace.default_currency = "EUR"
    workspace.save(update_fields=["default_currency"])
    with pytest.raises(ValueModelError, match=r"no purchases in EUR, the workspace's currency, on or before .* "
                                              r"\(there are purchases in USD\)"):
        value_fit(workspace=workspace)


def test_one_workspace_fit_never_reads_or_touches_another(fitted, other_workspace, customer_base, rita):
    rival_people = customer_base(25, in_workspace=other_workspace, prefix="Rival")
    rival_fit = value_fit(workspace=other_workspace)
    assert rival_fit.customers == 25
    assert CustomerValue.objects.filter(workspace=other_workspace).count() == 25
    assert set(CustomerValue.objects.filter(workspace=other_workspace).values_list("person_id", flat=True)) == \
        {p.id for p in rival_people}
    assert CustomerValue.objects.filter(fit=fitted).count() == 41  # Acme's predictions are still there


def test_old_attempts_are_pruned_but_the_current_fit_is_kept(fitted, workspace):
    workspace.default_currency = "EUR"  # every later attempt fails quickly: nothing is in euros
    workspace.save(update_fields=["default_currency"])
    for _ in range(KEEP_ATTEMPTS + 3):
        with pytest.raises(ValueModelError):
            value_fit(workspace=workspace)
    assert ValueFit.objects.filter(status="failed").count() == KEEP_ATTEMPTS
    assert ValueFit.objects.filter(id=fitted.id).exists() and CustomerValue.objects.count() == 41


# ---- the staleness rule -------------------------------------------------------------------------

def test_a_workspace_with_purchases_and_no_fit_is_stale(workspace, customer_base):
    assert not value_status(workspace=workspace).stale  # nothing to fit yet
    customer_base(1)
    status = value_status(workspace=workspace)
    assert status.stale and status.reason.startswith("never computed")


def test_a_fit_is_fresh_until_purchases_change_and_a_day_has_passed(fitted, workspace, alice, buy):
    now = timezone.now()
    assert not value_status(workspace=workspace, now=now).stale
    # when a purchase arrives
    buy(alice, 1)
    # then the fit is not stale for the rest of its first day, and stale after it
    assert not value_status(workspace=workspace, now=now).stale
    status = value_status(workspace=workspace, now=fitted.fitted_at + dt.timedelta(days=1, seconds=1))
    assert status.stale and status.reason.startswith("purchases changed since it was last computed")


def test_a_fit_is_stale_after_a_week_even_without_new_purchases(fitted, workspace):
    assert not value_status(workspace=workspace, now=fitted.fitted_at + dt.timedelta(days=6)).stale
    status = value_status(workspace=workspace, now=fitted.fitted_at + dt.timedelta(days=7))
    assert status.stale and "7 days ago" in status.reason


def test_a_failed_attempt_is_not_retried_until_the_purchases_change(workspace, customer_base, bob, buy):
    customer_base(3)
    with pytest.raises(ValueModelError):
        value_fit_if_stale(workspace=workspace)
    later = timezone.now() + dt.timedelta(days=30)
    assert not value_status(workspace=workspace, now=later).stale
    buy(bob, 10)
    assert value_status(workspace=workspace, now=later).stale


def test_fitting_if_stale_does_nothing_when_fresh_and_keeps_the_chosen_model(workspace, customer_base, alice, buy):
    customer_base(30)
    first = value_fit(workspace=workspace, model="paretonbd", now=timezone.now() - dt.timedelta(days=2))
    assert value_fit_if_stale(workspace=workspace, now=first.fitted_at + dt.timedelta(hours=1)) is None
    buy(alice, 0)
    refit = value_fit_if_stale(workspace=workspace)
    assert refit is not None and refit.model == "paretonbd" and refit.id != first.id
