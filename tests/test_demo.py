"""The demo workspace: deterministic, and on the day it runs Today shows every kind of item."""

import pytest
from django.contrib.auth import get_user_model

from ally.agenda.selectors import today
from ally.core.today import registered_sources
from ally.demo import build_demo
from ally.interactions.models import Interaction
from ally.people.models import Fact, Organization, Person, Relationship
from ally.workspaces.audit import acting
from ally.workspaces.models import AuditEntry, Membership
from ally.workspaces.services import workspace_delete

pytestmark = pytest.mark.django_db


def _snapshot(workspace):
    return (
        list(Person.objects.filter(workspace=workspace).order_by("name").values_list("name", "title", "cadence_days")),
        list(Fact.objects.filter(workspace=workspace).order_by("person__name", "text").values_list("person__name", "text")),
    )


def test_the_demo_has_a_realistic_cast_and_today_shows_every_kind_of_item():
    # when
    workspace = build_demo(people=200)
    # then
    assert Person.objects.filter(workspace=workspace, membership__isnull=True).count() == 200
    assert Organization.objects.filter(workspace=workspace).count() == 20
    assert Relationship.objects.filter(workspace=workspace).count() > 100
    assert Interaction.objects.filter(workspace=workspace).count() > 1000
    user = get_user_model().objects.get(username="demo")
    assert user.check_password("demo")
    membership = Membership.objects.get(workspace=workspace, user=user)
    shown = {item.kind for item in today(workspace=workspace, user=user, membership=membership, limit=10_000).items}
    assert shown == set(registered_sources())


def test_the_demo_is_the_same_every_time_it_is_built():
    workspace = build_demo(people=40)
    first = _snapshot(workspace)
    with acting(via="cli"):
        workspace_delete(workspace=workspace)  # as `ally demo --fresh` does; the demo users stay
    assert AuditEntry.objects.filter(workspace=None, action="workspace.deleted").exists()
    # when
    second = _snapshot(build_demo(people=40))
    # then
    assert first == second and len(first[0]) == 40 + 3
