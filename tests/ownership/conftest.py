"""Ownership's cast: Olivia's catalogue and Alice's purchases."""

import datetime as dt

import pytest
from django.utils import timezone

from ally.opportunities.services import offering_create
from ally.ownership.services import purchase_record
from ally.workspaces.services import api_token_create


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def garden_plan(workspace):
    """An offering in Acme's catalogue: a year-long garden plan."""
    return offering_create(workspace=workspace, name="Garden plan", price="1200.00", currency="USD")


@pytest.fixture
def rival_offering(other_workspace):
    return offering_create(workspace=other_workspace, name="Rival plan")


@pytest.fixture
def record(workspace, olivia, today):
    """`record(person, days_ago=0, amount="100.00", **more)`: a purchase through the service."""

    def _record(person, days_ago: int = 0, amount="100.00", currency="USD", **more):
        return purchase_record(workspace=person.workspace, person=person, amount=amount, currency=currency,
                               purchased_on=today - dt.timedelta(days=days_ago), author=olivia, **more)

    return _record


@pytest.fixture
def alice_purchase(record, garden_plan, alice):
    """Alice bought the garden plan three days ago: her day-3 check-in is due today."""
    return record(alice, days_ago=3, amount="1200.00", offering=garden_plan)


@pytest.fixture
def rita_purchase(rita, other_workspace, rex, today):
    return purchase_record(workspace=other_workspace, person=rita, amount="50", currency="EUR",
                           purchased_on=today - dt.timedelta(days=3), author=rex)


@pytest.fixture
def api(olivia, workspace):
    """A Django test client sending Olivia's bearer token."""
    from django.test import Client

    _, raw = api_token_create(user=olivia, workspace=workspace, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def ally_command(db, monkeypatch):
    """`ally_command("purchase", "list")`: run `ally` in-process against the (already migrated) test database."""
    from typer.testing import CliRunner

    import ally.cli

    real = ally.cli.setup_django
    monkeypatch.setattr(ally.cli, "setup_django", lambda migrate=False: real())
    runner = CliRunner()
    return lambda *args, input=None: runner.invoke(ally.cli.app, [str(a) for a in args], input=input)
