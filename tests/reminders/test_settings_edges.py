"""The member's reminder settings on every edge: the settings page, the API and the `ally feed` and
`ally digest` commands; bad input names the field, and nobody reaches another member's settings."""

import json

import pytest
from django.test import Client

from ally.reminders.models import CalendarFeed, DigestSubscription
from ally.workspaces.models import AuditEntry

pytestmark = pytest.mark.django_db


# ---- the settings page -------------------------------------------------------------------------------

def test_creating_a_feed_on_the_page_shows_its_address_once(client_olivia, client):
    created = client_olivia.post("/settings/reminders/feed/", {"action": "create"})
    html = created.content.decode()
    assert created.status_code == 200 and "no-store" in created["Cache-Control"]
    address = html.split('id="new-address" type="text" readonly value="')[1].split('"')[0]
    assert address.startswith("http://testserver/calendar/cal_") and address.endswith(".ics")
    assert client.get(address.removeprefix("http://testserver")).status_code == 200
    again = client_olivia.get("/settings/reminders/").content.decode()
    assert address not in again and "Replace the address" in again


def test_revoking_on_the_page_ends_the_feed(client_olivia, membership):
    client_olivia.post("/settings/reminders/feed/", {"action": "create"})
    response = client_olivia.post("/settings/reminders/feed/", {"action": "revoke"})
    assert response.status_code == 302 and not CalendarFeed.objects.filter(membership=membership).exists()


def test_the_morning_email_is_set_on_the_page_and_a_bad_time_is_named_next_to_the_field(client_olivia, membership):
    bad = client_olivia.post("/settings/reminders/digest/", {"enabled": "on", "at": "25:99"})
    assert bad.status_code == 422
    assert "is not a time of day" in bad.content.decode() and 'id="id_at-error"' in bad.content.decode()
    assert not DigestSubscription.objects.exists()
    good = client_olivia.post("/settings/reminders/digest/", {"enabled": "on", "at": "07:30"})
    assert good.status_code == 302
    subscription = DigestSubscription.objects.get(membership=membership)
    assert subscription.enabled and subscription.send_at.strftime("%H:%M") == "07:30"


def test_the_page_forms_need_the_csrf_token(olivia, workspace):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(olivia)
    assert strict.post("/settings/reminders/feed/", {"action": "create"}).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_the_settings_page_costs_a_fixed_number_of_queries(client_olivia, django_assert_max_num_queries):
    client_olivia.post("/settings/reminders/feed/", {"action": "create"})
    with django_assert_max_num_queries(15):
        assert client_olivia.get("/settings/reminders/").status_code == 200


# ---- the API -------------------------------------------------------------------------------------

def test_the_api_creates_shows_and_revokes_the_tokens_members_feed(api, client):
    assert api.get("/reminders/feed").json()["exists"] is False
    created = api.post("/reminders/feed")
    assert created.status_code == 201
    url = created.json()["url"]
    assert url.startswith("http://127.0.0.1:8000/calendar/cal_")
    shown = api.get("/reminders/feed").json()
    assert shown["exists"] and shown["url"] is None and shown["prefix"] == created.json()["prefix"]
    assert api.delete("/reminders/feed").status_code == 204
    assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 404
    assert api.delete("/reminders/feed").status_code == 404


def test_the_api_sets_the_morning_email_and_names_a_bad_field(api):
    bad = api.put("/reminders/digest", {"enabled": True, "at": "seven"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "at"
    assert api.put("/reminders/digest", {"enabled": True}).status_code == 422  # the first time needs a time
    assert api.put("/reminders/digest", {"enabled": True, "at": "07:30", "extra": 1}).status_code == 422
    assert not DigestSubscription.objects.exists()
    on = api.put("/reminders/digest", {"enabled": True, "at": "7:05"})
    assert on.status_code == 200 and on.json()["enabled"] and on.json()["at"] == "07:05"
    off = api.put("/reminders/digest", {"enabled": False})
    assert off.json() == api.get("/reminders/digest").json() and off.json()["at"] == "07:05"
    assert not off.json()["enabled"]


def test_a_member_without_an_email_address_cannot_turn_the_email_on(workspace):
    from ally.core.errors import ValidationError
    from ally.reminders.services import digest_settings_update
    from ally.workspaces.services import membership_add, user_create

    pat = membership_add(workspace=workspace, user=user_create(username="pat", password="pat-pass-1"))
    with pytest.raises(ValidationError) as refused:
        digest_settings_update(membership=pat, enabled=True, send_at="07:30")
    assert "enabled" in refused.value.errors and not DigestSubscription.objects.exists()


def test_another_workspaces_token_never_sees_or_revokes_this_members_feed(api, rival_api):
    api.post("/reminders/feed")
    api.put("/reminders/digest", {"enabled": True, "at": "07:30"})
    assert rival_api.get("/reminders/feed").json()["exists"] is False
    assert rival_api.delete("/reminders/feed").status_code == 404
    assert rival_api.get("/reminders/digest").json()["enabled"] is False
    assert api.get("/reminders/feed").json()["exists"] is True


# ---- the command line ------------------------------------------------------------------------------

def test_feed_create_prints_the_address_once_and_revoke_ends_it(ally_command, membership, client):
    created = ally_command("feed", "create", "--member", "olivia")
    assert created.exit_code == 0, created.output
    address = created.output.splitlines()[0]
    assert address.startswith("http://127.0.0.1:8000/calendar/cal_")
    assert client.get(address.removeprefix("http://127.0.0.1:8000")).status_code == 200
    assert AuditEntry.objects.filter(action="calendar_feed.created", via="cli").exists()
    revoked = ally_command("feed", "revoke", "--member", "olivia")
    assert revoked.exit_code == 0 and client.get(address.removeprefix("http://127.0.0.1:8000")).status_code == 404
    again = ally_command("feed", "revoke", "--member", "olivia")
    assert again.exit_code == 1 and "has no calendar feed" in again.output


def test_digest_settings_from_the_command_line_and_a_bad_time_names_the_option(ally_command, membership):
    bad = ally_command("digest", "settings", "--member", "olivia", "--at", "7h30")
    assert bad.exit_code == 1 and "at: '7h30' is not a time of day" in bad.output
    assert "Traceback" not in bad.output
    on = ally_command("digest", "settings", "--member", "olivia", "--at", "07:30", "--json")
    assert on.exit_code == 0 and json.loads(on.output)["at"] == "07:30"
    off = ally_command("digest", "settings", "--member", "olivia", "--off")
    assert off.exit_code == 0 and "No morning email" in off.output
    assert DigestSubscription.objects.get(membership=membership).enabled is False


def test_a_member_of_another_workspace_is_not_found_on_the_command_line(ally_command, workspace, other_workspace):
    result = ally_command("feed", "create", "--member", "rex", "--workspace", "acme")
    assert result.exit_code == 1 and not CalendarFeed.objects.exists()
