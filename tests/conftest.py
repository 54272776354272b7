"""The fixed cast every test can use.

- `workspace` "Acme Allies" (slug `acme`), owned by `olivia` (password `olivia-pw`), whose team-member
  person is Olivia Owner.
- `alice` (Alice Ally, customer, alice@example.com, cadence 30 days) and `bob` (Bob Builder) in it.
- `other_workspace` "Rival" (slug `rival`) owned by `rex`, with `rita` (Rita Rival) in it: the data
  no one from Acme may ever reach.

`ALLY_TEST_NOW=2027-03-01T00:30:00` runs the whole suite at that instant (UTC unless it names an
offset): the clock travels there for every test, in every xdist worker, the live server included,
and keeps ticking. CI runs the suite once more at a hard instant so no date assumption lands.
"""

import datetime as dt
import os

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from ally.people.services import person_create
from ally.workspaces.models import Membership
from ally.workspaces.services import user_create, workspace_create


def _test_now() -> dt.datetime | None:
    raw = os.environ.get("ALLY_TEST_NOW", "").strip()
    if not raw:
        return None
    try:
        instant = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise pytest.UsageError(f"ALLY_TEST_NOW: {raw!r} is not an ISO 8601 instant (e.g. 2027-03-01T00:30:00)")
    return instant if instant.tzinfo else instant.replace(tzinfo=dt.UTC)


def pytest_configure(config):
    instant = _test_now()
    if instant is not None:
        time_machine.travel(instant, tick=True).start()


def pytest_report_header(config):
    instant = _test_now()
    return f"clock: travelled to {instant.isoformat()} (ALLY_TEST_NOW)" if instant else None


@pytest.fixture
def olivia(db):
    """The owner of the Acme workspace: a salesperson who opens Ally every morning."""
    return user_create(username="olivia", password="olivia-pw", email="olivia@acme.example",
                       first_name="Olivia", last_name="Owner")


@pytest.fixture
def workspace(olivia):
    """Acme Allies: the workspace most tests happen in."""
    return workspace_create(name="Acme Allies", slug="acme", owner=olivia)


@pytest.fixture
def membership(workspace, olivia):
    return Membership.objects.get(workspace=workspace, user=olivia)


@pytest.fixture
def alice(workspace, membership):
    """A customer Olivia keeps in touch with every 30 days."""
    return person_create(workspace=workspace, name="Alice Ally", emails=["alice@example.com"],
                         phones=["+1 212 555 0101"], cadence_days=30, owner=membership)


@pytest.fixture
def bob(workspace):
    """A prospect with no cadence yet."""
    return person_create(workspace=workspace, name="Bob Builder", emails=["bob@example.com"])


@pytest.fixture
def rex(db):
    return user_create(username="rex", password="rex-pw", email="rex@rival.example")


@pytest.fixture
def other_workspace(rex):
    """Rival: another team's workspace, unreachable from Acme."""
    return workspace_create(name="Rival", slug="rival", owner=rex)


@pytest.fixture
def rita(other_workspace):
    """A person in the Rival workspace."""
    return person_create(workspace=other_workspace, name="Rita Rival", emails=["rita@rival.example"], cadence_days=7)


@pytest.fixture
def client_olivia(olivia, workspace) -> Client:
    client = Client()
    client.force_login(olivia)
    return client


@pytest.fixture
def days_ago():
    """`days_ago(n)`: an aware datetime n days before now."""
    return lambda n: timezone.now() - dt.timedelta(days=n)
