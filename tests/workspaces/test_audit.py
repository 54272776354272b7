"""The audit trail: every service records one entry (who, when, what changed, never a secret), and owners read
it on a page, through the API and from the command line, filtered by person, member and kind."""

import importlib
import inspect
import json
import pkgutil

import pytest
from django.test import Client

import ally
from ally.people.services import (
    fact_add,
    fact_delete,
    fact_update,
    organization_create,
    organization_delete,
    organization_update,
    person_delete,
    person_update,
    relationship_add,
    relationship_delete,
    relationship_update,
)
from ally.workspaces.audit import WRITES, AuditMissing, acting, audit_record, audited
from ally.workspaces.models import AuditEntry
from ally.workspaces.services import api_token_create, api_token_revoke, membership_add, user_create
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


def _service_modules():
    for info in pkgutil.walk_packages(ally.__path__, "ally."):
        if info.name.endswith(".services") or ".services." in info.name:
            yield importlib.import_module(info.name)


def test_every_public_function_of_every_services_module_is_a_registered_write():
    missing = []
    for module in _service_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                if f"{module.__name__}.{name}" not in WRITES:
                    missing.append(f"{module.__name__}.{name}")
    assert missing == []
    assert len(WRITES) >= 70


def test_a_service_that_records_nothing_is_refused_and_writes_nothing(workspace):
    @audited
    def sneaky_rename(*, workspace):
        workspace.name = "Renamed in secret"
        workspace.save()

    with pytest.raises(AuditMissing):
        sneaky_rename(workspace=workspace)
    workspace.refresh_from_db()
    assert workspace.name == "Acme Allies"


def _last(workspace, action):
    return AuditEntry.objects.filter(workspace=workspace, action=action).latest("id")


def test_people_organizations_facts_and_ties_leave_a_trace_with_what_changed(workspace, olivia, alice, bob):
    with acting(user=olivia, via="web"):
        person_update(person=alice, title="Head gardener", tags=["vip"])
        organization = organization_create(workspace=workspace, name="Green Thumb", website="greenthumb.example")
        organization_update(organization=organization, name="Green Thumb Ltd")
        fact = fact_add(person=alice, text="Loves dahlias", kind="interest")
        fact_update(fact=fact, text="Loves dahlias and roses")
        tie = relationship_add(workspace=workspace, from_person=alice, to_person=bob, kind="friend")
        relationship_update(relationship=tie, note="Met at the allotment")
        relationship_delete(relationship=tie)
        fact_delete(fact=fact)
        organization_delete(organization=organization)
        person_delete(person=bob)
    updated = _last(workspace, "person.updated")
    assert updated.actor == olivia and updated.via == "web" and updated.person_id == alice.id
    assert updated.changes == {"title": ["", "Head gardener"], "tags": [[], ["vip"]]}
    assert _last(workspace, "organization.updated").changes == {"name": ["Green Thumb", "Green Thumb Ltd"]}
    assert _last(workspace, "organization.created").changes["website"] == [None, "https://greenthumb.example"]
    assert _last(workspace, "fact.updated").changes == {"text": ["Loves dahlias", "Loves dahlias and roses"]}
    assert _last(workspace, "relationship.updated").changes == {"note": ["", "Met at the allotment"]}
    for action in ("relationship.deleted", "fact.deleted", "organization.deleted", "person.deleted"):
        assert AuditEntry.objects.filter(workspace=workspace, action=action).count() == 1, action
    assert _last(workspace, "person.deleted").object_label == "Bob Builder"


def test_tokens_and_memberships_leave_a_trace_without_a_secret(workspace, olivia):
    with acting(user=olivia, via="cli"):
        token, raw = api_token_create(user=olivia, workspace=workspace, name="laptop")
        api_token_revoke(token=token)
        pat = user_create(username="pat", password="pat-password-9", email="pat@acme.example")
        membership_add(workspace=workspace, user=pat)
    created = _last(workspace, "token.created")
    assert created.changes["prefix"] == [None, token.prefix] and created.via == "cli"
    assert raw not in json.dumps(list(AuditEntry.objects.values("changes", "object_label")), default=str)
    assert "pat-password-9" not in json.dumps(list(AuditEntry.objects.values("changes")), default=str)
    assert _last(workspace, "token.revoked").changes["revoked_at"][0] is None
    assert _last(workspace, "member.added").changes == {"user": [None, "pat"], "role": [None, "member"]}
    assert AuditEntry.objects.filter(workspace=None, action="user.created", object_label="pat").exists()


def test_a_write_through_a_token_is_the_tokens(api, olivia_token, alice):
    api.patch(f"/people/{alice.id}", {"title": "Owner"})
    entry = AuditEntry.objects.filter(action="person.updated").latest("id")
    assert (entry.via, entry.token_id, entry.actor.username) == ("api", olivia_token[0].id, "olivia")


def test_owners_read_the_trail_filtered_on_the_page_the_api_and_the_cli(workspace, client_olivia, api, alice, bob,
                                                                       ally_command, olivia, other_workspace, rita):
    person_update(person=alice, title="Chair")
    person_update(person=bob, title="Builder")
    person_update(person=rita, title="Rival")
    html = client_olivia.get(f"/settings/audit/?person={alice.id}").content.decode()
    assert "Chair" in html and "Builder" not in html and "Rival" not in html
    body = api.get("/audit", {"kind": "person.updated", "limit": 1}).json()
    assert body["count"] == 2 and len(body["items"]) == 1
    assert {i["person_id"] for i in api.get("/audit", {"person": bob.id}).json()["items"]} == {bob.id}
    rows = json.loads(ally_command("audit", "--person", "alice", "--json", "-w", "acme").output)
    assert rows and {r["person_id"] for r in rows} == {alice.id}
    assert client_olivia.get("/settings/audit/?person=abc").status_code == 400
    assert api.get("/audit", {"person": "abc"}).status_code == 422
    assert ally_command("audit", "--kind", "\x00", "-w", "acme").exit_code == 1


def test_members_may_not_read_the_trail(workspace):
    pat = user_create(username="pat", password="pat-password-9")
    membership_add(workspace=workspace, user=pat)
    client = Client()
    client.force_login(pat)
    assert client.get("/settings/audit/").status_code == 403
    assert ApiClient(api_token_create(user=pat, workspace=workspace)[1]).get("/audit").status_code == 403


def test_an_entry_outside_a_service_marks_nothing(workspace):
    # Recording outside any service (an importer's batch, a hook) is allowed and simply written.
    entry = audit_record(workspace=workspace, action="import.note", label="by hand")
    assert entry.via == "system" and entry.actor is None
