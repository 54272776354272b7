"""The team: owners add and remove members and change roles from the settings page, the API and the CLI;
removing a member revokes their API tokens and ends their sessions."""

import json

import pytest
from django.urls import reverse

from ally.workspaces.models import ApiToken, Membership

pytestmark = pytest.mark.django_db


def _role(user, workspace) -> str | None:
    return Membership.objects.filter(workspace=workspace, user=user).values_list("role", flat=True).first()


def test_an_owner_adds_a_member_and_changes_their_role_on_the_team_page(client_olivia, workspace, max_member):
    # given
    from ally.workspaces.services import user_create

    newcomer = user_create(username="nia", password="nia-newcomer-pw", email="nia@acme.example")
    # when
    added = client_olivia.post(reverse("workspaces:team"), {"user": "nia@acme.example", "role": "read_only"})
    changed = client_olivia.post(reverse("workspaces:member_role",
                                         args=[Membership.objects.get(user=newcomer).id]), {"role": "member"})
    # then
    assert added.status_code == 302 and changed.status_code == 302
    assert _role(newcomer, workspace) == "member"
    page = client_olivia.get(reverse("workspaces:team"))
    assert b"nia" in page.content and b"csrfmiddlewaretoken" in page.content


def test_adding_an_unknown_login_names_the_field_on_the_page(client_olivia, workspace):
    response = client_olivia.post(reverse("workspaces:team"), {"user": "nobody", "role": "member"})
    assert response.status_code == 422
    assert b"no login" in response.content
    assert Membership.objects.filter(workspace=workspace).count() == 1


def test_removing_a_member_revokes_their_tokens_and_ends_their_sessions(client_olivia, client_max, max_api,
                                                                       max_member, workspace):
    # given: Max is signed in and scripting the API
    assert client_max.get(reverse("agenda:today")).status_code == 200
    assert max_api.get("/people").status_code == 200
    membership = Membership.objects.get(workspace=workspace, user=max_member)
    # when
    response = client_olivia.post(reverse("workspaces:member_remove", args=[membership.id]))
    # then
    assert response.status_code == 302
    assert _role(max_member, workspace) is None
    assert max_api.get("/people").status_code == 401
    assert not ApiToken.objects.filter(user=max_member, revoked_at__isnull=True).exists()
    assert client_max.get(reverse("agenda:today")).status_code == 302  # back to the login page


def test_the_last_owner_cannot_be_removed_or_demoted(api, membership, workspace):
    assert api.delete(f"/memberships/{membership.id}").status_code == 422
    response = api.patch(f"/memberships/{membership.id}", {"role": "member"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "role"
    assert _role(membership.user, workspace) == "owner"


def test_an_owner_manages_the_team_through_the_api(api, max_member, workspace):
    from ally.workspaces.services import user_create

    user_create(username="nia", password="nia-newcomer-pw")
    added = api.post("/memberships", {"user": "nia", "role": "read_only"})
    assert added.status_code == 201 and added.json()["role"] == "read_only"
    assert api.patch(f"/memberships/{added.json()['id']}", {"role": "owner"}).json()["role"] == "owner"
    assert api.delete(f"/memberships/{added.json()['id']}").status_code == 204
    assert {m["username"] for m in api.get("/memberships").json()} == {"olivia", "max"}


def test_bad_team_input_on_the_api_is_a_422_naming_the_field(api, max_member):
    assert api.post("/memberships", {"user": "nobody"}).json()["detail"][0]["field"] == "user"
    assert api.post("/memberships", {"user": "max", "role": "god"}).status_code == 422
    assert api.post("/memberships", {"user": "max"}).json()["detail"][0]["field"] == "user"  # already a member


def test_the_team_is_the_same_json_from_the_api_and_the_cli(api, ally_command, max_member):
    result = ally_command("team", "list", "--json", "-w", "acme")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == api.get("/memberships").json()


def test_the_cli_adds_changes_and_removes_members(ally_command, workspace, max_member, olivia):
    from ally.workspaces.services import api_token_create, user_create

    nia = user_create(username="nia", password="nia-newcomer-pw")
    assert ally_command("team", "add", "nia", "--role", "read_only", "-w", "acme").exit_code == 0
    assert _role(nia, workspace) == "read_only"
    assert ally_command("team", "role", "nia", "member", "-w", "acme").exit_code == 0
    assert _role(nia, workspace) == "member"
    api_token_create(user=nia, workspace=workspace, name="nia's script")
    assert ally_command("team", "remove", "nia", "-w", "acme").exit_code == 0
    assert _role(nia, workspace) is None
    assert not ApiToken.objects.filter(user=nia, revoked_at__isnull=True).exists()


def test_bad_team_input_on_the_cli_is_one_line_and_a_non_zero_exit(ally_command, workspace, olivia):
    result = ally_command("team", "role", "olivia", "god", "-w", "acme")
    assert result.exit_code == 1 and "role" in result.stderr
    assert ally_command("team", "remove", "olivia", "-w", "acme").exit_code == 1
    assert ally_command("team", "add", "nobody", "-w", "acme").exit_code == 1
    assert _role(olivia, workspace) == "owner"


def test_another_workspaces_team_is_unreachable(api, client_olivia, ally_command, other_workspace, rex):
    rival = Membership.objects.get(workspace=other_workspace, user=rex)
    assert api.patch(f"/memberships/{rival.id}", {"role": "member"}).status_code == 404
    assert api.delete(f"/memberships/{rival.id}").status_code == 404
    assert client_olivia.post(reverse("workspaces:member_remove", args=[rival.id])).status_code == 404
    assert "rex" not in {m["username"] for m in api.get("/memberships").json()}
    assert ally_command("team", "remove", "rex", "-w", "acme").exit_code == 1
    rival.refresh_from_db()
    assert rival.role == "owner"
