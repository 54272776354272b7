"""Support's cast: Olivia champions cases; Sam is a teammate to escalate to."""

import datetime as dt

import pytest
from django.utils import timezone

from ally.support.services import case_open
from ally.workspaces.services import membership_add, user_create


@pytest.fixture
def sam(workspace):
    """Sam, Olivia's teammate in Acme (a membership), who fixes billing problems."""
    user = user_create(username="sam", password="sam-pw", first_name="Sam", last_name="Support")
    return membership_add(workspace=workspace, user=user)


@pytest.fixture
def rex_membership(other_workspace, rex):
    from ally.workspaces.models import Membership

    return Membership.objects.get(workspace=other_workspace, user=rex)


@pytest.fixture
def hours_ago():
    now = timezone.now()
    return lambda n: now - dt.timedelta(hours=n)


@pytest.fixture
def open_case(workspace, alice, membership, olivia, hours_ago):
    """`open_case(hours_ago=0, severity="normal")`: Alice's problem, championed by Olivia."""

    _hours_ago = hours_ago

    def _open(hours_ago: float = 0, severity: str = "normal", title: str = "The invoice is wrong", **more):
        return case_open(workspace=workspace, person=alice, title=title, champion=more.pop("champion", membership),
                         severity=severity, opened_at=_hours_ago(hours_ago), author=olivia,
                         **more)

    return _open


@pytest.fixture
def api(olivia, workspace):
    """A Django test client sending Olivia's bearer token."""
    from django.test import Client

    from ally.workspaces.services import api_token_create

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
