"""Read-only API tokens: a token made read-only reads what its user reads and every write with it is 403,
whatever the user's role (an owner's read-only token included), like a read-only member's token."""

import pytest
from django.urls import reverse

from ally.workspaces.models import ApiToken, AuditEntry
from ally.workspaces.services import api_token_create
from tests.conftest import ApiClient
from tests.security.test_roles import WRITE_METHODS, _operations, _own_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_read_only_api(olivia, workspace) -> ApiClient:
    """Olivia, the owner, reading Acme with a read-only token (a reporting script)."""
    return ApiClient(api_token_create(user=olivia, workspace=workspace, name="report", read_only=True)[1])


def test_every_api_write_operation_answers_403_to_a_read_only_token(owner_read_only_api, alice, membership):
    # given
    ids = {"person_id": alice.id, "membership_id": membership.id}
    entries = AuditEntry.objects.count()
    refused, checked = [], 0
    # when
    for method, path, _ in _operations(lambda m: m in WRITE_METHODS):
        call = getattr(owner_read_only_api, method)
        response = call(_own_path(path, ids)) if method == "delete" else call(_own_path(path, ids), {})
        checked += 1
        if response.status_code != 403 or "read-only token" not in response.json()["detail"]:
            refused.append(f"{method.upper()} {path}: {response.status_code}")
    # then
    assert refused == []
    assert checked > 40
    assert AuditEntry.objects.count() == entries


def test_a_read_only_token_reads_what_its_user_reads(owner_read_only_api, alice):
    assert owner_read_only_api.get("/people").status_code == 200
    assert owner_read_only_api.get(f"/people/{alice.id}").json()["name"] == "Alice Ally"
    # An owner's read-only token still reads what only owners read.
    assert owner_read_only_api.get("/audit").status_code == 200


def test_a_read_write_token_still_writes(api, alice):
    response = api.patch(f"/people/{alice.id}", {"title": "Buyer"})
    assert response.status_code == 200


def test_the_tokens_page_creates_a_read_only_token(client_olivia, workspace):
    # when
    response = client_olivia.post(reverse("workspaces:api_tokens"), {"name": "reports", "read_only": "on"})
    # then
    assert response.status_code == 200
    token = ApiToken.objects.get(name="reports")
    assert token.read_only
    assert b"read-only" in response.content
    entry = AuditEntry.objects.filter(action="token.created").latest("id")
    assert entry.changes["read_only"] == [None, True]


def test_the_tokens_page_creates_a_read_write_token_by_default(client_olivia, workspace):
    client_olivia.post(reverse("workspaces:api_tokens"), {"name": "sync"})
    assert not ApiToken.objects.get(name="sync").read_only


def test_ally_token_create_read_only(ally_command, olivia, workspace, alice):
    # when
    result = ally_command("token", "create", "--user", "olivia", "-w", "acme", "--name", "reports", "--read-only")
    # then
    assert result.exit_code == 0, result.stderr
    raw = result.stdout.strip()
    client = ApiClient(raw)
    assert client.get("/people").status_code == 200
    assert client.patch(f"/people/{alice.id}", {"title": "x"}).status_code == 403
    listed = ally_command("token", "list", "-w", "acme", "--json")
    assert [row["read_only"] for row in __import__("json").loads(listed.stdout)] == [True]
