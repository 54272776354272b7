import json

from ally.workspaces.models import ApiToken, Membership, Workspace
from ally.workspaces.selectors import api_token_for_bearer
from ally.workspaces.services import api_token_create


def test_creating_a_workspace_seats_its_owner_found_by_email(ally_command, olivia):
    # when
    result = ally_command("workspace", "create", "garden-club", "--owner", "olivia@acme.example",
                          "--name", "Garden Club", "--time-zone", "Europe/Paris")
    # then
    assert result.exit_code == 0, result.output
    workspace = Workspace.objects.get(slug="garden-club")
    assert (workspace.name, workspace.time_zone) == ("Garden Club", "Europe/Paris")
    membership = Membership.objects.get(workspace=workspace, user=olivia)
    assert membership.role == "owner" and membership.person.name == "Olivia Owner"


def test_creating_a_workspace_for_an_unknown_owner_is_one_line_and_writes_nothing(ally_command, db):
    result = ally_command("workspace", "create", "garden-club", "--owner", "nobody@example.com")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: user 'nobody@example.com' not found"
    assert not Workspace.objects.filter(slug="garden-club").exists()


def test_a_taken_slug_or_a_bad_time_zone_names_the_field(ally_command, workspace):
    taken = ally_command("workspace", "create", "acme", "--owner", "olivia")
    bad_zone = ally_command("workspace", "create", "other", "--owner", "olivia", "--time-zone", "Mars/Olympus")
    assert taken.exit_code == 1 and "slug: 'acme' is already taken" in taken.stderr
    assert bad_zone.exit_code == 1 and "time_zone: 'Mars/Olympus' is not a known time zone" in bad_zone.stderr
    assert "Traceback" not in taken.output + bad_zone.output


def test_workspace_list_shows_members_and_people_as_json(ally_command, workspace, alice, other_workspace):
    result = ally_command("workspace", "list", "--json")
    assert result.exit_code == 0
    rows = {row["slug"]: row for row in json.loads(result.stdout)}
    assert rows["acme"] == {"slug": "acme", "name": "Acme Allies", "time_zone": "UTC", "members": 1, "people": 2}
    assert rows["rival"]["people"] == 1


def test_creating_a_user_can_seat_them_in_a_workspace(ally_command, workspace):
    result = ally_command("user", "create", "sam", "--email", "Sam@Acme.example", "--password", "sam-supports-all",
                          "--first-name", "Sam", "--last-name", "Rivera", "--workspace", "acme")
    assert result.exit_code == 0, result.output
    membership = Membership.objects.get(workspace=workspace, user__username="sam")
    assert membership.role == "member" and membership.user.email == "sam@acme.example"
    assert membership.user.check_password("sam-supports-all")


def test_a_user_with_a_bad_email_is_refused_and_not_created(ally_command, workspace):
    result = ally_command("user", "create", "sam", "--email", "not-an-email", "--password", "sam-supports-all",
                          "--workspace", "acme")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: email: 'not-an-email' is not a valid email address"
    assert not Membership.objects.filter(user__username="sam").exists()


def test_a_token_is_printed_once_and_authenticates_its_user(ally_command, olivia, workspace):
    result = ally_command("token", "create", "--user", "olivia", "--workspace", "acme", "--name", "nightly sync")
    assert result.exit_code == 0, result.output
    raw = result.stdout.strip()
    token = api_token_for_bearer(raw=raw)
    assert (token.user_id, token.workspace_id, token.name) == (olivia.id, workspace.id, "nightly sync")
    assert raw not in ally_command("token", "list", "--json").stdout


def test_a_token_for_someone_outside_the_workspace_is_refused(ally_command, workspace, rex):
    result = ally_command("token", "create", "--user", "rex@rival.example", "--workspace", "acme")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: user: 'rex' is not a member of acme"
    assert not ApiToken.objects.exists()


def test_tokens_are_listed_and_revoked_within_their_workspace(ally_command, olivia, workspace, rex,
                                                              other_workspace):
    # given
    mine, _ = api_token_create(user=olivia, workspace=workspace, name="laptop")
    theirs, _ = api_token_create(user=rex, workspace=other_workspace, name="rival laptop")
    # when
    listed = json.loads(ally_command("token", "list", "-w", "acme", "--json").stdout)
    revoked = ally_command("token", "revoke", mine.id, "-w", "acme")
    not_ours = ally_command("token", "revoke", theirs.id, "-w", "acme")
    # then
    assert [(t["id"], t["name"], t["user"], t["revoked_at"]) for t in listed] == [(mine.id, "laptop", "olivia", None)]
    assert revoked.exit_code == 0
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None and theirs.revoked_at is None
    assert not_ours.exit_code == 1 and not_ours.stderr.strip() == "error: API token not found"
