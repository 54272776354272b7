"""Workspaces, members and API tokens: the walls around each team's data."""

import pytest

from ally.core.errors import ValidationError
from ally.workspaces.models import ApiToken, Membership, Workspace
from ally.workspaces.selectors import api_token_for_bearer
from ally.workspaces.services import (
    api_token_create,
    api_token_revoke,
    membership_add,
    user_create,
    workspace_create,
)


def test_a_new_workspace_seats_its_owner_as_a_team_member_person(olivia):
    # when
    workspace = workspace_create(name="Northwind Allies", slug="northwind", owner=olivia, time_zone="Europe/Paris")
    # then
    membership = Membership.objects.get(workspace=workspace)
    assert (membership.user, membership.role) == (olivia, "owner")
    assert membership.person.name == "Olivia Owner"
    assert membership.person.workspace == workspace


@pytest.mark.parametrize("data, field, message", [
    ({"name": " "}, "name", "is required"),
    ({"slug": "Has Spaces"}, "slug", "must be lower-case letters, digits and dashes (at most 60)"),
    ({"slug": "acme"}, "slug", "'acme' is already taken"),
    ({"time_zone": "Mars/Olympus"}, "time_zone", "'Mars/Olympus' is not a known time zone"),
])
def test_a_bad_workspace_names_the_field_and_writes_nothing(workspace, data, field, message):
    with pytest.raises(ValidationError) as error:
        workspace_create(**({"name": "New", "slug": "new"} | data))
    assert error.value.errors[field] == message
    assert Workspace.objects.count() == 1


def test_bad_users_and_double_memberships_are_refused(workspace, olivia):
    with pytest.raises(ValidationError) as error:
        user_create(username="olivia", password="x", email="not-an-email")
    assert error.value.errors == {
        "username": "'olivia' is already taken",
        "email": "'not-an-email' is not a valid email address",
        "password": "This password is too short. It must contain at least 10 characters. This password is too common",
    }
    with pytest.raises(ValidationError, match="already a member"):
        membership_add(workspace=workspace, user=olivia)
    with pytest.raises(ValidationError, match="must be one of owner, member"):
        membership_add(workspace=workspace, user=user_create(username="sam", password="sam-supports-all"), role="boss")


def test_an_api_token_is_shown_once_stored_hashed_and_stops_working_when_revoked(workspace, olivia):
    # when
    token, raw = api_token_create(user=olivia, workspace=workspace, name="Zapier")
    # then
    stored = ApiToken.objects.get(id=token.id)
    assert raw not in (stored.token_hash, stored.prefix) and len(stored.token_hash) == 64
    assert raw.startswith(stored.prefix)
    assert api_token_for_bearer(raw=raw) == token
    assert api_token_for_bearer(raw=raw + "x") is None
    api_token_revoke(token=token)
    assert api_token_for_bearer(raw=raw) is None


def test_only_a_member_gets_a_token_for_a_workspace(workspace, rex):
    with pytest.raises(ValidationError) as error:
        api_token_create(user=rex, workspace=workspace)
    assert error.value.errors == {"user": "'rex' is not a member of acme"}
    assert not ApiToken.objects.exists()
