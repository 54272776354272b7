"""The demo tells the value-at-risk story: loyal customers who went quiet are among the most valuable,
their P(alive) has fallen, nobody has talked with them for a month, and the fit on the demo converges."""

import datetime as dt

import pytest

from ally.demo import build_demo
from ally.people.models import Person
from ally.value.selectors import latest_fit, value_at_risk
from ally.value.today import RECENT_CONTACT_DAYS

pytestmark = pytest.mark.django_db


def test_the_demo_fit_converges_and_shows_valuable_customers_at_risk():
    # when
    workspace = build_demo(people=200)
    # then
    fit = latest_fit(workspace=workspace)
    assert fit.converged and fit.spend_converged
    assert all(fit.std_errors[name] is not None for name in ("r", "alpha"))
    loyal_and_quiet = [value for value in value_at_risk(workspace=workspace)
                       if value.purchases >= 8 and (fit.calibration_end - value.last_purchase_on).days >= 60]
    assert len(loyal_and_quiet) >= 3
    quiet_since = fit.fitted_at - dt.timedelta(days=RECENT_CONTACT_DAYS)
    for value in loyal_and_quiet:  # so Today shows them
        last_contact = Person.objects.get(id=value.person_id).last_contact_at
        assert last_contact is None or last_contact < quiet_since
