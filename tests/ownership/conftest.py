"""Ownership's cast: Olivia's catalogue and Alice's purchases."""

import datetime as dt

import pytest

from ally.opportunities.services import offering_create
from ally.ownership.services import purchase_record


@pytest.fixture
def rival_offering(other_workspace):
    return offering_create(workspace=other_workspace, name="Rival plan")


@pytest.fixture
def alice_purchase(record, garden_plan, alice):
    """Alice bought the garden plan three days ago: her day-3 check-in is due today."""
    return record(alice, days_ago=3, amount="1200.00", offering=garden_plan)


@pytest.fixture
def rita_purchase(rita, other_workspace, rex, today):
    return purchase_record(workspace=other_workspace, person=rita, amount="50", currency="EUR",
                           purchased_on=today - dt.timedelta(days=3), author=rex)
