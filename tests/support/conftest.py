"""Support's cast: Olivia champions cases; Sam is a teammate to escalate to."""

import datetime as dt

import pytest
from django.utils import timezone

from ally.support.services import case_open
from ally.workspaces.services import membership_add, user_create


@pytest.fixture
def sam(workspace):
    """Sam, Olivia's teammate in Acme (a membership), who fixes billing problems."""
    user = user_create(username="sam", password="sam-supports-all", first_name="Sam", last_name="Support")
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
