"""The Settings pages: an index of every settings page, one's own profile, and the workspace's settings (owners).
Each form is validated by its service, as every edge is, and shows the error next to the field."""

import re

import pytest
from django.test import Client

from ally.core.words import format_day
from ally.people.services import person_create
from ally.workspaces.models import AuditEntry, Membership
from ally.workspaces.services import membership_add, user_create

PROFILE = {"first_name": "Olivia", "last_name": "Owner", "email": "olivia@acme.example", "time_zone": "",
           "date_style": "dmy"}
WORKSPACE = {"name": "Acme Allies", "time_zone": "UTC", "default_currency": "USD", "phone_region": "US",
             "default_cadence_days": ""}


@pytest.fixture
def reader(workspace):
    user = user_create(username="rea", password="reads-all-day-long", email="rea@acme.example")
    membership_add(workspace=workspace, user=user, role="read_only")
    client = Client()
    client.force_login(user)
    return client


def test_the_settings_page_links_every_settings_page(client_olivia, reader):
    html = client_olivia.get("/settings/").content.decode()
    for address in ("/settings/profile/", "/settings/password/", "/settings/tokens/", "/settings/workspace/",
                    "/settings/team/", "/settings/audit/", "/settings/reminders/", "/settings/mail/",
                    "/settings/jobs/"):
        assert f'href="{address}"' in html, address
    # a member who is not an owner is not offered the owners' pages
    html = reader.get("/settings/").content.decode()
    assert 'href="/settings/profile/"' in html and 'href="/settings/team/"' not in html
    assert 'href="/settings/workspace/"' not in html


def test_a_profile_change_is_saved_and_audited(client_olivia, membership, olivia):
    response = client_olivia.post("/settings/profile/", {**PROFILE, "first_name": "Liv", "time_zone": "Asia/Tokyo",
                                                          "date_style": "iso"})
    assert response.status_code == 302
    membership.refresh_from_db()
    olivia.refresh_from_db()
    assert (olivia.first_name, membership.time_zone, membership.date_style) == ("Liv", "Asia/Tokyo", "iso")
    entry = AuditEntry.objects.get(action="member.profile_updated")
    assert entry.changes == {"first_name": ["Olivia", "Liv"], "time_zone": ["", "Asia/Tokyo"],
                             "date_style": ["dmy", "iso"]}
    # the form shows what is saved
    html = client_olivia.get("/settings/profile/").content.decode()
    assert 'value="Asia/Tokyo" selected' in html and re.search(r'value="iso"[^>]* checked', html)


@pytest.mark.parametrize("field, value, message", [
    ("time_zone", "Mars/Olympus", "is not a known time zone"),
    ("email", "not-an-email", "is not a valid email address"),
    ("email", "rex@rival.example", "is already used by another user"),
    ("date_style", "ymd", "must be one of dmy, mdy, iso"),
    ("first_name", "x" * 151, "150"),
])
def test_a_bad_profile_is_refused_next_to_the_field(client_olivia, membership, rex, field, value, message):
    response = client_olivia.post("/settings/profile/", {**PROFILE, field: value})
    assert response.status_code == 422
    html = response.content.decode()
    error = html[html.index(f'id="id_{field}-error"'):]
    assert message in error[:300]
    membership.refresh_from_db()
    assert membership.time_zone == "" and not AuditEntry.objects.filter(action="member.profile_updated").exists()


def test_a_read_only_member_keeps_their_own_profile(reader, workspace):
    response = reader.post("/settings/profile/", {**PROFILE, "email": "rea@acme.example", "time_zone": "Europe/Paris"})
    assert response.status_code == 302
    assert Membership.objects.get(user__username="rea").time_zone == "Europe/Paris"


def test_the_date_style_is_every_page_s(client_olivia, membership, alice, today):
    from ally.interactions.services import interaction_log  # noqa: F401  (the person page shows a date)

    for style in ("dmy", "mdy", "iso"):
        Membership.objects.filter(pk=membership.pk).update(date_style=style)
        html = client_olivia.get(f"/people/{alice.id}/").content.decode()
        assert format_day(alice.touch_due_at.date(), style=style) in html, style


def test_the_workspace_settings_are_saved_and_audited(client_olivia, workspace):
    response = client_olivia.post("/settings/workspace/", {**WORKSPACE, "name": "Acme Gardens",
                                                           "default_currency": "eur", "phone_region": "de",
                                                           "default_cadence_days": "45"})
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert (workspace.name, workspace.default_currency, workspace.phone_region, workspace.default_cadence_days) == \
        ("Acme Gardens", "EUR", "DE", 45)
    assert AuditEntry.objects.get(action="workspace.updated").changes["default_cadence_days"] == [None, 45]
    # a new person without a cadence of their own gets the workspace's
    assert person_create(workspace=workspace, name="Newcomer").cadence_days == 45
    assert person_create(workspace=workspace, name="Weekly", cadence_days=7).cadence_days == 7


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "required"),
    ("time_zone", "Nowhere/Land", "is not a known time zone"),
    ("default_currency", "XYZ", "ISO 4217"),
    ("phone_region", "USA", "two-letter"),
    ("default_cadence_days", "0", "must be a positive number of days"),
    ("default_cadence_days", "soon", "whole number"),
    ("default_cadence_days", "4000", "at most 3650 days"),
])
def test_bad_workspace_settings_are_refused_next_to_the_field(client_olivia, workspace, field, value, message):
    response = client_olivia.post("/settings/workspace/", {**WORKSPACE, field: value})
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html[html.index(f'id="id_{field}-error"'):][:300]
    workspace.refresh_from_db()
    assert workspace.name == "Acme Allies" and not AuditEntry.objects.filter(action="workspace.updated").exists()


def test_only_owners_open_the_workspace_settings(reader, workspace):
    assert reader.get("/settings/workspace/").status_code == 403
    assert reader.post("/settings/workspace/", {**WORKSPACE, "name": "Mine"}).status_code == 403
    workspace.refresh_from_db()
    assert workspace.name == "Acme Allies"
