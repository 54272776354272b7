"""Restoring an archive never seats an existing login unless told to (`--map-user ARCHIVE_USER=LOCAL_USER`):
an archive naming a user with a local login's username or email gets a new login without a usable password,
and the command lists every account it created or seated."""

import json

import pytest

from ally.core.errors import ValidationError
from ally.imports.services import workspace_restore
from ally.workspaces.models import Membership, Workspace

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(ally_command, workspace, alice, tmp_path):
    path = tmp_path / "acme.json"
    assert ally_command("export", "json", "--out", path, "-w", "acme").exit_code == 0
    return path


def test_an_archived_account_with_a_local_username_gets_a_new_login(archive, olivia):
    restored = workspace_restore(archive=json.loads(archive.read_text()), slug="copy")
    owner = Membership.objects.get(workspace=restored, role="owner").user
    assert owner.id != olivia.id
    assert owner.username == "olivia-restored" and not owner.has_usable_password()
    assert not Membership.objects.filter(workspace=restored, user=olivia).exists()
    assert restored.restored_accounts == [{"archive": "olivia", "local": "olivia-restored", "how": "created"}]


def test_the_command_seats_only_the_mapped_login_and_lists_the_accounts(ally_command, archive, olivia, max_member):
    # when
    result = ally_command("import", "json", archive, "--workspace", "copy", "--map-user", "olivia=max@acme.example")
    # then
    assert result.exit_code == 0, result.output
    copy = Workspace.objects.get(slug="copy")
    assert Membership.objects.get(workspace=copy, role="owner").user_id == max_member.id
    assert "olivia: seated existing login max" in result.stdout


def test_the_command_lists_the_logins_it_created(ally_command, archive, olivia):
    result = ally_command("import", "json", archive, "--workspace", "copy")
    assert result.exit_code == 0, result.output
    assert "olivia: created login olivia-restored with no usable password" in result.stdout


@pytest.mark.parametrize("mapping, message", [
    ({"nobody": "olivia"}, "'nobody' is not an account in the archive"),
    ({"olivia": "ghost"}, "'ghost' is not a login on this installation"),
])
def test_a_bad_mapping_is_refused_naming_the_option_and_nothing_is_restored(archive, olivia, mapping, message):
    with pytest.raises(ValidationError) as error:
        workspace_restore(archive=json.loads(archive.read_text()), slug="copy", user_map=mapping)
    assert message in error.value.errors["map_user"]
    assert not Workspace.objects.filter(slug="copy").exists()


def test_a_malformed_map_user_is_refused(ally_command, archive):
    result = ally_command("import", "json", archive, "--workspace", "copy", "--map-user", "olivia")
    assert result.exit_code != 0 and "ARCHIVE_USER=LOCAL_USER" in result.stderr


def test_a_reference_to_a_user_missing_from_the_archives_list_is_refused(archive, olivia):
    data = json.loads(archive.read_text())
    data["users"] = []
    with pytest.raises(ValidationError) as error:
        workspace_restore(archive=data, slug="copy")
    assert "is not in the archive's users" in error.value.errors["file"]
