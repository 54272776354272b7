"""A small network at Acme: Olivia and Sam on the team; Priya, whom Olivia meets often, works with Jonas
at Fjord; Jonas reports to Greta; nobody on the team knows Jonas or Greta yet."""

import datetime as dt

import pytest
from django.utils import timezone

from ally.interactions.services import interaction_log
from ally.network.services import network_refresh
from ally.people.services import person_create, relationship_add
from ally.workspaces.models import Membership
from ally.workspaces.services import membership_add, user_create


@pytest.fixture
def sam(workspace):
    user = user_create(username="sam", password="sam-password-9", email="sam@acme.example", first_name="Sam",
                       last_name="Seller")
    return membership_add(workspace=workspace, user=user)


@pytest.fixture
def team(membership, sam):
    return {"olivia": Membership.objects.get(id=membership.id), "sam": sam}


@pytest.fixture
def fjord(workspace, team, olivia):
    now = timezone.now()
    priya = person_create(workspace=workspace, name="Priya Patel", organization_name="Fjord")
    jonas = person_create(workspace=workspace, name="Jonas Berg", organization_name="Fjord", title="Head of Ops")
    greta = person_create(workspace=workspace, name="Greta Lund", organization_name="Fjord", title="CEO")
    relationship_add(workspace=workspace, from_person=priya, to_person=jonas, kind="colleague")
    relationship_add(workspace=workspace, from_person=greta, to_person=jonas, kind="manager")
    olivia_person = team["olivia"].person
    for days in (3, 20, 40, 70):
        interaction_log(workspace=workspace, kind="meeting", summary="Catch-up", participants=[olivia_person, priya],
                        occurred_at=now - dt.timedelta(days=days), author=olivia)
    interaction_log(workspace=workspace, kind="email", summary="Hello", participants=[team["sam"].person, priya],
                    occurred_at=now - dt.timedelta(days=200))
    return {"priya": priya, "jonas": jonas, "greta": greta}


@pytest.fixture
def refreshed(workspace, fjord):
    return network_refresh(workspace=workspace)
