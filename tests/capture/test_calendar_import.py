"""`ally import calendar` and calendar subscriptions: past meetings with known people become meeting interactions,
future ones upcoming meetings on Today and the person page; idempotent, updated by SEQUENCE, deleted when gone."""

import datetime as dt
import http.server
import json
import threading

import pytest
from django.utils import timezone

from ally.capture.models import CalendarSubscription, CapturedInteraction, UpcomingMeeting
from ally.capture.services.calendar import (
    calendar_import,
    calendar_subscribe,
    calendar_subscription_sync,
    calendar_unsubscribe,
)
from ally.capture.tasks import sync_calendar_subscriptions
from ally.core.errors import ValidationError
from ally.core.today import TodayContext
from ally.interactions.models import Interaction
from ally.people.services import person_create
from tests.capture import samples

pytestmark = pytest.mark.django_db
WEEKLY = "7kukuqrfedlm2f9t0vr42q2gc4@google.com"


@pytest.fixture
def people(workspace):
    return {
        "carla": person_create(workspace=workspace, name="Carla Client", emails=["carla@globex.example"],
                               cadence_days=30),
        "bob": person_create(workspace=workspace, name="Bob Builder", emails=["bob@acme.example"]),
        "renee": person_create(workspace=workspace, name="Renée Dupont", emails=["renee@creme.example"]),
        "dan": person_create(workspace=workspace, name="Dan Dealer", emails=["dan@initech.example"]),
    }


def _meetings(workspace):
    return list(Interaction.objects.filter(workspace=workspace, kind="meeting").order_by("occurred_at", "id"))


def _future(days: int = 3, hour: int = 15) -> dt.datetime:
    """A moment `days` ahead at `hour`:00 in the current zone, as an aware UTC datetime."""
    local = timezone.localtime() + dt.timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0).astimezone(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def test_a_google_export_becomes_meetings_with_the_known_people_who_came(workspace, membership, people):
    report = calendar_import(workspace=workspace, data=samples.google_calendar(), member=membership)
    assert report.as_dict()["counts"] == {"imported": 4, "updated": 0, "already_imported": 0, "removed": 0,
                                          "cancelled": 1, "no_known_person": 3, "upcoming": 0}
    meetings = _meetings(workspace)
    weekly = [m for m in meetings if m.summary == "Weekly sync with Globex"]
    # Mondays of the six: the 22nd is an EXDATE, the 29th cancelled, the 15th moved (its override names no one).
    assert [m.occurred_at.date() for m in weekly] == [dt.date(2024, 1, 8), dt.date(2024, 2, 5), dt.date(2024, 2, 12)]
    first = weekly[0]
    assert first.occurred_at == dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.UTC) and first.initiated_by == "we"
    assert list(first.participants.all()) == [people["carla"]]  # Bob declined; the room is not a person
    assert first.author == membership.user and first.capture.source == "calendar"
    assert first.capture.key == f"{WEEKLY}#20240108T090000Z" and first.capture.sequence == 2
    call = next(m for m in meetings if m.summary == "Call with Renée")
    assert call.private and list(call.participants.all()) == [people["renee"]]  # CLASS:PRIVATE stays the member's
    people["carla"].refresh_from_db()
    assert people["carla"].last_contact_at == weekly[-1].occurred_at  # the keep-in-touch clock was reset


def test_a_second_import_adds_nothing(workspace, membership, people):
    calendar_import(workspace=workspace, data=samples.google_calendar(), member=membership)
    again = calendar_import(workspace=workspace, data=samples.google_calendar(), member=membership)
    assert again.imported == 0 and again.already_imported == 4
    assert len(_meetings(workspace)) == 4
    assert CapturedInteraction.objects.filter(workspace=workspace, source="calendar").count() == 4


def test_a_higher_sequence_updates_the_meeting_and_a_cancelled_one_goes(workspace, people):
    carla, renee = "carla@globex.example", "renee@creme.example"
    calendar_import(workspace=workspace, data=samples.calendar(
        samples.event("a@google.com", "20240110T090000Z", "Pricing", carla),
        samples.event("b@google.com", "20240111T090000Z", "Demo", carla)))
    updated = calendar_import(workspace=workspace, data=samples.calendar(
        samples.event("a@google.com", "20240110T100000Z", "Pricing, moved", carla, renee, sequence=1),
        samples.event("b@google.com", "20240111T090000Z", "Demo", carla, sequence=1, status="CANCELLED")))
    assert (updated.updated, updated.removed, updated.cancelled) == (1, 1, 1)
    (pricing,) = _meetings(workspace)
    assert pricing.summary == "Pricing, moved" and pricing.occurred_at == dt.datetime(2024, 1, 10, 10, tzinfo=dt.UTC)
    assert set(pricing.participants.all()) == {people["carla"], people["renee"]}
    # The same SEQUENCE again changes nothing, even with another title.
    same = calendar_import(workspace=workspace, data=samples.calendar(
        samples.event("a@google.com", "20240110T100000Z", "Other title", carla, sequence=1)))
    assert same.already_imported == 1 and _meetings(workspace)[0].summary == "Pricing, moved"


def test_an_outlook_invitation_from_a_client_is_their_meeting(workspace, people):
    report = calendar_import(workspace=workspace, data=samples.outlook_invitation())
    assert report.imported == 1 and report.no_known_person == 1
    (review,) = _meetings(workspace)
    assert review.summary == "Quarterly review" and review.initiated_by == "they"  # Dan organized it
    assert review.occurred_at == dt.datetime(2024, 7, 10, 12, 0, tzinfo=dt.UTC)
    assert set(review.participants.all()) == {people["dan"], people["bob"]}


def test_an_apple_export_with_its_own_time_zone(workspace, membership, people):
    report = calendar_import(workspace=workspace, data=samples.apple_calendar(), member=membership)
    assert report.imported == 1
    (lunch,) = _meetings(workspace)
    assert lunch.occurred_at == dt.datetime(2024, 3, 5, 10, 30, tzinfo=dt.UTC)  # 11:30 in Paris, CET
    assert list(lunch.participants.all()) == [people["renee"]] and lunch.capture.sequence == 1


def test_an_event_without_dtstart_is_named_and_skipped(workspace, people):
    data = samples.calendar(["UID:nostart@google.com", "SUMMARY:Lost", "ATTENDEE:mailto:carla@globex.example"],
                            samples.event("ok@google.com", "20240110T090000Z", "Kept", "carla@globex.example"))
    report = calendar_import(workspace=workspace, data=data)
    assert report.imported == 1
    assert any("nostart@google.com" in w and "DTSTART" in w for w in report.warnings)


def test_a_truncated_file_is_one_clear_error_and_writes_nothing(workspace, people):
    data = samples.calendar(samples.event("a@google.com", "20240110T090000Z", "Pricing", "carla@globex.example"),
                            samples.event("b@google.com", "20240111T090000Z", "Demo", "carla@globex.example"))
    cut = data[:data.rfind(b"SUMMARY:Demo")]
    with pytest.raises(ValidationError) as error:
        calendar_import(workspace=workspace, data=cut)
    assert set(error.value.errors) == {"file"} and "cut short" in error.value.errors["file"]
    with pytest.raises(ValidationError) as error:
        calendar_import(workspace=workspace, data=b"BEGIN:VCARD\r\nFN:Not a calendar\r\nEND:VCARD\r\n")
    assert "not an iCalendar file" in error.value.errors["file"]
    assert not _meetings(workspace) and not CapturedInteraction.objects.exists()


def test_a_dry_run_counts_and_writes_nothing(workspace, people):
    report = calendar_import(workspace=workspace, data=samples.google_calendar(), dry_run=True)
    assert report.dry_run and report.imported == 4
    assert not _meetings(workspace) and not CapturedInteraction.objects.exists()


def test_future_meetings_are_upcoming_on_the_person_page_and_today(workspace, membership, people, client_olivia):
    at = _future()
    data = samples.calendar(samples.event("next@google.com", _stamp(at), "Contract review", "carla@globex.example"))
    report = calendar_import(workspace=workspace, data=data, member=membership)
    assert report.upcoming == 1 and report.imported == 0 and not _meetings(workspace)
    meeting = UpcomingMeeting.objects.get(workspace=workspace)
    assert meeting.starts_at == at and list(meeting.people.all()) == [people["carla"]]
    page = client_olivia.get(f"/people/{people['carla'].id}/").content.decode()
    assert "Upcoming meetings" in page and "Contract review" in page

    from ally.capture.today import meetings_today

    local = timezone.localtime(at)
    ctx = TodayContext(workspace=workspace, user=membership.user, membership=membership, now=timezone.now(),
                       today=local.date())
    (item,) = meetings_today(ctx)
    assert item.reason.startswith(f"Meeting with Carla Client at {local:%H:%M}")
    assert item.url == f"/people/{people['carla'].id}/brief/" and item.person_id == people["carla"].id
    yesterday = TodayContext(workspace=workspace, user=membership.user, membership=membership, now=timezone.now(),
                             today=local.date() - dt.timedelta(days=1))
    assert meetings_today(yesterday) == []


def test_an_upcoming_meeting_becomes_an_interaction_once_it_has_happened(workspace, people, monkeypatch):
    at = _future(days=1)
    data = samples.calendar(samples.event("soon@google.com", _stamp(at), "Kick-off", "carla@globex.example"))
    calendar_import(workspace=workspace, data=data)
    assert UpcomingMeeting.objects.count() == 1
    later = at + dt.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    report = calendar_import(workspace=workspace, data=data)
    assert report.imported == 1 and not UpcomingMeeting.objects.exists()
    assert _meetings(workspace)[0].occurred_at == at


def test_the_timeline_shows_where_a_meeting_came_from(workspace, people, client_olivia):
    calendar_import(workspace=workspace, data=samples.outlook_invitation())
    page = client_olivia.get(f"/people/{people['dan'].id}/").content.decode()
    assert "Quarterly review" in page and "from calendar" in page


class Feed:
    """A calendar feed on a local HTTP server: `body` is what it serves, `status` how it answers."""

    def __init__(self):
        self.body, self.status, self.requests = b"", 200, 0
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the standard library's name)
                feed.requests += 1
                self.send_response(feed.status)
                self.send_header("Content-Type", "text/calendar; charset=utf-8")
                self.end_headers()
                self.wfile.write(feed.body if feed.status == 200 else b"Not Found")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/calendar/ical/olivia%40acme.example/" \
                   "private-0123456789abcdef/basic.ics"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def feed():
    served = Feed()
    yield served
    served.close()


def test_a_subscribed_feed_syncs_and_follows_its_changes(workspace, membership, people, feed):
    carla = "carla@globex.example"
    feed.body = samples.calendar(samples.event("a@google.com", "20240110T090000Z", "Pricing", carla),
                                 samples.event("b@google.com", "20240111T090000Z", "Demo", carla),
                                 samples.event("c@google.com", _stamp(_future()), "Next", carla))
    subscription = calendar_subscribe(workspace=workspace, member=membership, url=feed.url)
    assert "private-0123456789abcdef" not in subscription.url_encrypted and subscription.host == "127.0.0.1"
    report = calendar_subscription_sync(subscription=subscription)
    assert (report.imported, report.upcoming) == (2, 1) and not subscription.last_error
    assert (subscription.meetings_captured, subscription.upcoming, subscription.name) == (2, 1, "olivia@acme.example")
    # The organizer deleted "Demo" and "Next": what the feed no longer holds goes.
    feed.body = samples.calendar(samples.event("a@google.com", "20240110T090000Z", "Pricing", carla))
    report = calendar_subscription_sync(subscription=subscription)
    assert (report.already_imported, report.removed) == (1, 1)
    assert [m.summary for m in _meetings(workspace)] == ["Pricing"] and not UpcomingMeeting.objects.exists()
    people["carla"].refresh_from_db()
    assert people["carla"].last_contact_at == dt.datetime(2024, 1, 10, 9, tzinfo=dt.UTC)


def test_a_feed_that_fails_is_the_last_error_in_words_and_keeps_what_was_captured(workspace, membership, people,
                                                                                   feed, client_olivia):
    feed.body = samples.calendar(samples.event("a@google.com", "20240110T090000Z", "Pricing", "carla@globex.example"))
    subscription = calendar_subscribe(workspace=workspace, member=membership, url=feed.url)
    calendar_subscription_sync(subscription=subscription)
    feed.status = 404
    calendar_subscription_sync(subscription=subscription)
    assert "answered 404" in subscription.last_error and len(_meetings(workspace)) == 1
    feed.status, feed.body = 200, feed.body[:-40]
    calendar_subscription_sync(subscription=subscription)
    assert "cut short" in subscription.last_error and len(_meetings(workspace)) == 1
    page = client_olivia.get("/settings/mail/").content.decode()
    assert "Last sync failed" in page and "cut short" in page and "private-0123456789abcdef" not in page


def test_bad_subscriptions_name_the_field(workspace, membership):
    for url, why in (("", "required"), ("ftp://example.com/cal.ics", "http"), ("javascript:alert(1)", "http")):
        with pytest.raises(ValidationError) as error:
            calendar_subscribe(workspace=workspace, member=membership, url=url)
        assert why in error.value.errors["url"]
    assert not CalendarSubscription.objects.exists()
    webcal = calendar_subscribe(workspace=workspace, member=membership, url="webcal://p01-caldav.icloud.com/x.ics")
    assert webcal.host == "p01-caldav.icloud.com"


def test_the_settings_page_syncs_and_disconnects(workspace, membership, people, feed, client_olivia):
    feed.body = samples.calendar(samples.event("a@google.com", "20240110T090000Z", "Pricing", "carla@globex.example"))
    response = client_olivia.post("/settings/mail/calendars/subscribe/", {"url": feed.url})
    assert response.status_code == 302
    subscription = CalendarSubscription.objects.get()
    assert subscription.member == membership and subscription.meetings_captured == 1
    assert client_olivia.post("/settings/mail/calendars/subscribe/", {"url": "ftp://x.example"}).status_code == 302
    assert CalendarSubscription.objects.count() == 1
    page = client_olivia.get("/settings/mail/").content.decode()
    assert "1 meetings captured" in page and "Sync now" in page
    assert client_olivia.post(f"/settings/mail/calendars/{subscription.id}/sync/").status_code == 302
    assert client_olivia.post(f"/settings/mail/calendars/{subscription.id}/disconnect/",
                              {"captured": "delete"}).status_code == 302
    assert not CalendarSubscription.objects.exists() and not _meetings(workspace)


def test_unsubscribing_keeps_the_meetings_unless_asked(workspace, membership, people, feed):
    feed.body = samples.calendar(samples.event("a@google.com", "20240110T090000Z", "Pricing", "carla@globex.example"))
    subscription = calendar_subscribe(workspace=workspace, member=membership, url=feed.url)
    calendar_subscription_sync(subscription=subscription)
    assert calendar_unsubscribe(subscription=subscription) == 0
    assert len(_meetings(workspace)) == 1


def test_the_periodic_job_syncs_every_feed(workspace, membership, people, feed):
    feed.body = samples.calendar(samples.event("a@google.com", "20240110T090000Z", "Pricing", "carla@globex.example"))
    calendar_subscribe(workspace=workspace, member=membership, url=feed.url)
    assert sync_calendar_subscriptions.call() == 1
    assert len(_meetings(workspace)) == 1 and feed.requests == 1


def test_the_cli_imports_subscribes_and_syncs(workspace, membership, people, feed, ally_command, tmp_path):
    ics = tmp_path / "basic.ics"
    ics.write_bytes(samples.google_calendar())
    dry = ally_command("import", "calendar", ics, "--member", "olivia", "--dry-run", "-w", "acme")
    assert dry.exit_code == 0, dry.output
    assert "Dry run" in dry.output and not _meetings(workspace)
    done = ally_command("import", "calendar", ics, "--member", "olivia", "-w", "acme", "--json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["counts"]["imported"] == 4
    bad = tmp_path / "bad.ics"
    bad.write_bytes(samples.google_calendar()[:300])
    failed = ally_command("import", "calendar", bad, "-w", "acme")
    assert failed.exit_code != 0 and "cut short" in failed.output and "Traceback" not in failed.output

    feed.body = samples.calendar(samples.event("a@google.com", "20240110T090000Z", "Pricing", "carla@globex.example"))
    subscribed = ally_command("calendar", "subscribe", feed.url, "--member", "olivia", "-w", "acme")
    assert subscribed.exit_code == 0, subscribed.output
    assert "1 meetings captured" in subscribed.output
    subscription = CalendarSubscription.objects.get()
    synced = ally_command("calendar", "sync", "--id", subscription.id, "-w", "acme")
    assert synced.exit_code == 0 and "0 meetings added" in synced.output
    assert ally_command("calendar", "sync", "-w", "acme").exit_code != 0  # neither --id nor --all
    listed = ally_command("calendar", "list", "-w", "acme", "--json")
    assert json.loads(listed.stdout)[0]["meetings_captured"] == 1 and "private-" not in listed.stdout
    feed.status = 500
    failing = ally_command("calendar", "sync", "--all", "-w", "acme")
    assert failing.exit_code != 0 and "500" in failing.output
    gone = ally_command("calendar", "unsubscribe", subscription.id, "--delete-captured", "-w", "acme")
    assert gone.exit_code == 0 and not CalendarSubscription.objects.exists()


def test_another_workspaces_calendar_is_unreachable(workspace, client_olivia, ally_command, rex, other_workspace):
    from ally.workspaces.models import Membership

    theirs = calendar_subscribe(workspace=other_workspace, member=Membership.objects.get(user=rex),
                                url="https://calendar.rival.example/private.ics")
    assert client_olivia.post(f"/settings/mail/calendars/{theirs.id}/sync/").status_code == 404
    assert "calendar.rival.example" not in client_olivia.get("/settings/mail/").content.decode()
    result = ally_command("calendar", "sync", "--id", theirs.id, "-w", "acme")
    assert result.exit_code != 0 and "not found" in result.output


def test_the_api_imports_and_manages_subscriptions(api, rival_api, workspace, membership, people, feed):
    response = api.post("/imports/calendar", {"content": samples.google_calendar().decode(),
                                              "member_id": membership.id, "dry_run": True})
    assert response.status_code == 200, response.content
    assert response.json()["counts"]["imported"] == 4 and not _meetings(workspace)
    assert api.post("/imports/calendar", {"content": samples.google_calendar().decode()}).json()["counts"][
        "imported"] == 4
    cut = api.post("/imports/calendar", {"content": samples.google_calendar().decode()[:400]})
    assert cut.status_code == 422 and cut.json()["detail"][0]["field"] == "file"
    stranger = api.post("/imports/calendar", {"content": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "member_id": 999999})
    assert stranger.status_code == 422 and stranger.json()["detail"][0]["field"] == "member_id"

    feed.body = samples.calendar(samples.event("a@google.com", "20240110T090000Z", "Pricing", "carla@globex.example"))
    bad = api.post("/calendar-subscriptions", {"url": "ftp://x.example/c.ics", "member_id": membership.id})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "url"
    created = api.post("/calendar-subscriptions", {"url": feed.url, "member_id": membership.id})
    assert created.status_code == 201, created.content
    sid = created.json()["id"]
    assert "private-" not in created.content.decode() and created.json()["last_sync_at"] is None
    synced = api.post(f"/calendar-subscriptions/{sid}/sync")
    assert synced.status_code == 200, synced.content
    assert synced.json()["report"]["counts"]["imported"] == 1 and synced.json()["subscription"]["meetings_captured"] == 1
    assert [s["id"] for s in api.get("/calendar-subscriptions").json()] == [sid]
    assert rival_api.get("/calendar-subscriptions").json() == []
    assert rival_api.post(f"/calendar-subscriptions/{sid}/sync").status_code == 404
    assert rival_api.delete(f"/calendar-subscriptions/{sid}").status_code == 404
    assert api.delete(f"/calendar-subscriptions/{sid}").status_code == 204
    assert not CalendarSubscription.objects.exists() and len(_meetings(workspace)) == 5


def test_a_private_upcoming_meeting_is_only_its_members(workspace, membership, people, client_olivia, olivia):
    from django.test import Client

    from ally.workspaces.audit import acting
    from ally.workspaces.services import membership_add, user_create

    at = _future()
    private = samples.event("secret@google.com", _stamp(at), "Secret negotiation", "carla@globex.example")
    private.append("CLASS:PRIVATE")
    with acting(user=olivia, via="web"):
        colleague = user_create(username="cole", password="cole-grows-tulips", email="cole@acme.example")
        cole = membership_add(workspace=workspace, user=colleague)
    calendar_import(workspace=workspace, data=samples.calendar(private), member=cole)
    assert UpcomingMeeting.objects.get().private
    page = client_olivia.get(f"/people/{people['carla'].id}/").content.decode()
    assert "Secret negotiation" not in page and "Upcoming meetings" not in page  # no panel when nothing to show
    client_cole = Client()
    client_cole.force_login(colleague)
    assert "Secret negotiation" in client_cole.get(f"/people/{people['carla'].id}/").content.decode()


def test_the_bulk_log_refuses_bad_entries_by_name_and_writes_nothing(workspace, people, rita):
    from ally.interactions.services import interactions_log_many

    good = {"kind": "meeting", "summary": "Fine", "occurred_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            "participant_ids": [people["carla"].id]}
    with pytest.raises(ValidationError) as error:
        interactions_log_many(workspace=workspace, entries=[good, {**good, "summary": "", "participant_ids": []}])
    assert set(error.value.errors) == {"entries[2].summary", "entries[2].participants"}
    with pytest.raises(ValidationError) as error:
        interactions_log_many(workspace=workspace, entries=[{**good, "participant_ids": [rita.id]}])
    assert error.value.errors == {"participants": "not found in this workspace"}
    assert not _meetings(workspace)
