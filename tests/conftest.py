"""The fixed cast every test can use.

- `workspace` "Acme Allies" (slug `acme`), owned by `olivia` (password `olivia-pw`), whose team-member
  person is Olivia Owner.
- `alice` (Alice Ally, customer, alice@example.com, cadence 30 days) and `bob` (Bob Builder) in it.
- `other_workspace` "Rival" (slug `rival`) owned by `rex`, with `rita` (Rita Rival) in it: the data
  no one from Acme may ever reach.
"""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from ally.people.services import person_create
from ally.workspaces.models import Membership
from ally.workspaces.services import user_create, workspace_create


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
