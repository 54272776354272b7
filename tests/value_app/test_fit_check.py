"""The value page's check of a past fit: what it expected of its customers after its calibration end, period by
period, next to the purchases they made."""

import datetime as dt

import numpy as np
import pytest
from django.utils import timezone

from ally.ownership.models import Purchase
from ally.people.services import person_create
from ally.value.fits import value_fit
from ally.value.selectors import fit_check_after
from ally.value.stats.bgnbd import expected_purchases
from ally.value.stats.errors import ValueModelError
from ally.value.stats.holdout import expected_by_period


def test_expected_by_period_is_the_difference_of_the_cumulative_expectations():
    params = {"r": 0.8, "alpha": 10.0, "a": 0.6, "b": 2.5}
    frequency, recency, age = np.array([0.0, 2.0, 5.0]), np.array([0.0, 10.0, 30.0]), np.array([20.0, 30.0, 40.0])
    by_period = expected_by_period("bgnbd", params, frequency, recency, age, [4.0, 8.0, 12.0])
    cumulative = [expected_purchases(params, t, frequency, recency, age).sum() for t in (4.0, 8.0, 12.0)]
    assert by_period == pytest.approx(np.diff(np.r_[0.0, cumulative]))
    assert (by_period > 0).all()


@pytest.mark.parametrize("model, horizons", [("nope", [1.0]), ("bgnbd", [2.0, 1.0]), ("bgnbd", [0.0])])
def test_bad_models_and_horizons_are_refused(model, horizons):
    with pytest.raises(ValueModelError):
        expected_by_period(model, {"r": 1, "alpha": 1, "a": 1, "b": 1}, [0.0], [0.0], [1.0], horizons)


def test_a_fit_made_180_days_ago_is_checked_on_the_six_months_after_it(workspace, customer_base, buy):
    customer_base(40)
    today = timezone.localdate()
    past = value_fit(workspace=workspace, now=timezone.now() - dt.timedelta(days=180))
    # a newer fit is not the one checked: nothing came after it yet
    value_fit(workspace=workspace)
    newcomer = person_create(workspace=workspace, name="Newcomer")
    buy(newcomer, 10, 5)  # a customer the old fit never knew: left out of what happened

    check = fit_check_after(workspace=workspace)

    assert check.fit == past
    assert [p.end - p.start for p in check.periods] == [dt.timedelta(days=29)] * 6
    assert check.periods[0].start == past.calibration_end + dt.timedelta(days=1)
    assert check.periods[-1].end == today and all(p.complete for p in check.periods)
    after = set(Purchase.objects.filter(workspace=workspace, purchased_on__gt=past.calibration_end)
                .exclude(person=newcomer).values_list("person_id", "purchased_on"))
    assert check.actual == len(after) > 0
    assert all(p.predicted > 0 for p in check.periods)
    # the seeded customers buy as the model assumes: the prediction is in the right range
    assert 0.5 * check.actual < check.predicted < 2 * check.actual
    assert check.error_percent == pytest.approx(abs(check.predicted - check.actual) / check.actual * 100)


def test_without_a_fit_old_enough_there_is_nothing_to_check(workspace, customer_base):
    assert fit_check_after(workspace=workspace) is None
    customer_base(40)
    value_fit(workspace=workspace, now=timezone.now() - dt.timedelta(days=10))
    assert fit_check_after(workspace=workspace) is None  # not a whole period yet
    check = fit_check_after(workspace=workspace, period_days=7)
    assert len(check.periods) == 2 and check.periods[0].complete and not check.periods[1].complete


def test_the_check_reads_only_its_workspace(workspace, customer_base, demo_workspace):
    customer_base(40)
    value_fit(workspace=workspace, now=timezone.now() - dt.timedelta(days=90))
    assert fit_check_after(workspace=demo_workspace) is None or fit_check_after(workspace=demo_workspace).fit \
        .workspace_id == demo_workspace.id
    assert fit_check_after(workspace=workspace).fit.workspace_id == workspace.id
