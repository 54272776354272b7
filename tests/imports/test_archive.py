"""Whole-workspace archives: export, restore into a new workspace, export again."""

import io
import json

import pytest

from ally.core.errors import ValidationError
from ally.imports.archive import workspace_tables, write_archive
from ally.imports.services import workspace_restore
from ally.interactions import events
from ally.interactions.services import follow_up_add, interaction_log
from ally.people.models import Person
from ally.people.services import fact_add, person_update, relationship_add
from ally.workspaces.models import Membership, Workspace
from ally.workspaces.services import api_token_create


def _export(workspace) -> dict:
    out = io.StringIO()
    write_archive(workspace=workspace, out=out)
    return json.loads(out.getvalue())


@pytest.fixture
def lived_in(workspace, membership, olivia, alice, bob, days_ago):
    """Acme with a little of everything: ties both ways, an introducer, facts, contacts, promises, tags."""
    person_update(person=bob, introduced_by=alice, owner=membership, tags=["referrer", "vip"],
                  notes="Private thought", notes_private=True, author=olivia)
    relationship_add(workspace=workspace, from_person=alice, to_person=bob, kind="friend")
    fact_add(person=alice, kind="family", text="Two kids")
    interaction_log(workspace=workspace, kind="call", summary="Spring plans", participants=[alice, bob],
                    occurred_at=days_ago(3), author=olivia, follow_ups=[("Send the deck", days_ago(-2).date())])
    follow_up_add(person=bob, text="Intro to support", due_on=days_ago(1).date(), owner=membership)
    events.record(events.event(workspace_id=workspace.id, person_id=alice.id, kind="purchase",
                               params={"label": "two seats", "amount": "80.00", "currency": "EUR", "seats": 2}))
    api_token_create(user=olivia, workspace=workspace, name="laptop")
    return workspace


def test_export_restore_export_gives_the_same_archive(lived_in):
    # when
    first = _export(lived_in)
    restored = workspace_restore(archive=first, slug="acme-copy", user_map={"olivia": "olivia"})
    second = _export(restored)
    # then
    assert second == first
    assert sum(len(rows) for rows in first["tables"].values()) > 10


def test_a_restored_workspace_has_its_own_rows_wired_together(lived_in, alice, bob):
    restored = workspace_restore(archive=_export(lived_in), slug="acme-copy", name="Acme copy",
                                 user_map={"olivia": "olivia"})
    alice.refresh_from_db()
    assert restored.name == "Acme copy"
    copy_bob = Person.objects.get(workspace=restored, name="Bob Builder")
    copy_alice = Person.objects.get(workspace=restored, name="Alice Ally")
    assert copy_bob.id != bob.id and copy_bob.introduced_by_id == copy_alice.id
    assert copy_bob.owner.workspace_id == restored.id and copy_bob.owner.person.workspace_id == restored.id
    assert (copy_bob.notes, copy_bob.notes_private, copy_bob.notes_author.username) == ("Private thought", True,
                                                                                      "olivia")
    assert copy_alice.created_at == alice.created_at and copy_alice.last_contact_at == alice.last_contact_at
    assert Person.objects.filter(workspace=lived_in).count() == Person.objects.filter(workspace=restored).count()


def test_every_table_with_a_workspace_is_archived_except_tokens_and_the_audit_trail(lived_in):
    from django.apps import apps

    archived = set(_export(lived_in)["tables"])
    with_workspace = {m._meta.label_lower for m in apps.get_models() if "workspace" in
                      {f.name for f in m._meta.concrete_fields}}
    assert archived == with_workspace - {"workspaces.apitoken", "workspaces.auditentry", "reminders.calendarfeed",
                                              "imports.importlock"}
    assert [t.label for t in workspace_tables()] == list(_export(lived_in)["tables"])


def test_missing_users_are_created_without_a_usable_password(lived_in, olivia):
    archive = _export(lived_in)
    archive["users"] = [{**u, "username": "olivia2", "email": "o2@example.com"} if u["username"] == "olivia" else u
                        for u in archive["users"]]
    for table in archive["tables"].values():
        for row in table:
            for key, value in row.items():
                if value == ["olivia"]:
                    row[key] = ["olivia2"]
    restored = workspace_restore(archive=archive, slug="elsewhere")
    owner = Membership.objects.get(workspace=restored)
    assert owner.user.username == "olivia2" and not owner.user.has_usable_password()


def test_a_user_with_the_same_email_is_not_seated_unless_mapped(lived_in, olivia):
    archive = _export(lived_in)
    archive["users"] = [{**u, "username": "o.owner"} for u in archive["users"]]
    for table in archive["tables"].values():
        for row in table:
            for key, value in row.items():
                if value == ["olivia"]:
                    row[key] = ["o.owner"]
    restored = workspace_restore(archive=archive, slug="elsewhere")
    seated = Membership.objects.get(workspace=restored).user
    assert seated.id != olivia.id and seated.username == "o.owner" and not seated.has_usable_password()
    assert seated.email == ""  # the address is Olivia's login's here


@pytest.mark.parametrize("change, message", [
    (lambda a: a.update(format="zip"), "file: is not an Ally workspace archive"),
    (lambda a: a.update(version=99), "file: archive version 99 is not supported (expected 1)"),
    (lambda a: a["tables"].update({"crm.deal": []}), "file: unknown tables crm.deal"),
    (lambda a: a["tables"]["people.person"][0].update(shoe_size=38), "file: people.person row 1: unknown fields "
                                                                     "shoe_size"),
    (lambda a: a["tables"]["people.fact"][0].update(person=999), "file: people.fact row 1: person refers to "
                                                                "missing people.person row 999"),
])
def test_a_broken_archive_is_refused_and_nothing_is_restored(lived_in, change, message):
    archive = _export(lived_in)
    change(archive)
    with pytest.raises(ValidationError) as error:
        workspace_restore(archive=archive, slug="broken")
    assert str(error.value).startswith(message)
    assert not Workspace.objects.filter(slug="broken").exists()


def test_restoring_into_an_existing_slug_is_refused(lived_in):
    with pytest.raises(ValidationError) as error:
        workspace_restore(archive=_export(lived_in), slug="acme")
    assert error.value.errors == {"slug": "'acme' is already taken"}


def test_the_demo_workspace_survives_the_round_trip(db):
    """Every app's demo data, whatever tables they add: a broad check that discovery is generic."""
    from ally.demo import build_demo

    demo = build_demo(people=25)
    first = _export(demo)
    # Into the same installation, so its logins are the archive's own: told so, as a restore must be.
    mapping = {user["username"]: user["username"] for user in first["users"]}
    second = _export(workspace_restore(archive=first, slug="demo-copy", user_map=mapping))
    assert second == first
    assert {label for label, rows in first["tables"].items() if rows} >= {
        "people.person", "people.fact", "interactions.interaction", "workspaces.membership"}
