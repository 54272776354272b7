"""The calendar feed: a member's Today, a year ahead, at a secret address any calendar app subscribes to."""

import datetime as dt

import icalendar
import recurring_ical_events
from django.core.cache import cache
from django.utils import timezone

from ally.interactions.services import follow_up_add
from ally.people.services import fact_add, person_create
from ally.reminders.feed import calendar_document
from ally.reminders.services import calendar_feed_create, calendar_feed_revoke
from ally.support.services import case_open
from ally.workspaces.services import workspace_update
from tests.dates import years_before


def _events(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_birthdays_little_things_promises_and_cases_with_reasons_and_openers(
        olivia_feed, fetch_calendar, workspace, membership, alice, olivia, today, record):
    # given
    soon = today + dt.timedelta(days=40)
    person_create(workspace=workspace, name="Dan Dahlia", birthday_month=soon.month, birthday_day=soon.day)
    fact_add(person=alice, text="Wedding anniversary", date=years_before(today + dt.timedelta(days=3), 10),
             recurs_yearly=True)
    follow_up_add(person=alice, text="send the pruning guide", due_on=today)
    case_open(workspace=workspace, person=alice, title="Checkout fails", champion=membership, severity="urgent",
              opened_at=timezone.now() - dt.timedelta(minutes=51), author=olivia)
    record(alice, days_ago=3, description="Rose bushes")  # its day-3 check-in is due today
    # when
    events = _events(fetch_calendar(olivia_feed[1]))
    # then
    birthday = events["Birthday: Dan Dahlia"]
    assert birthday["DTSTART"].dt == soon and not isinstance(birthday["DTSTART"].dt, dt.datetime)
    assert birthday["RRULE"]["FREQ"] == ["YEARLY"]
    anniversary = events["Date to remember: Alice Ally"]
    assert anniversary["DTSTART"].dt == today + dt.timedelta(days=3) and "RRULE" in anniversary
    promise = events["Promise: Alice Ally"]
    assert promise["DTSTART"].dt == today and "RRULE" not in promise
    assert "you promised “send the pruning guide”, due today" in promise["DESCRIPTION"]
    assert "Deliver: send the pruning guide" in promise["DESCRIPTION"]
    assert f"http://127.0.0.1:8000/people/{alice.id}/" in promise["DESCRIPTION"]
    check_in = events["Check-in: Alice Ally"]
    assert check_in["DTSTART"].dt == today and "day-3 check-in on Rose bushes" in check_in["DESCRIPTION"]
    assert "Ask: " in check_in["DESCRIPTION"] and "/check-ins/" in str(check_in["URL"])
    case = events["Case: Alice Ally"]
    deadline = case["DTSTART"].dt
    assert deadline.utcoffset() == dt.timedelta(0)  # a moment, in UTC: every calendar shows it at its local time
    assert timezone.now() < deadline < timezone.now() + dt.timedelta(minutes=10)


def test_yearly_things_recur_year_after_year(olivia_feed, fetch_calendar, workspace, today):
    soon = today + dt.timedelta(days=10)
    person_create(workspace=workspace, name="Dan Dahlia", birthday_month=soon.month, birthday_day=soon.day)
    calendar = fetch_calendar(olivia_feed[1])
    occurrences = recurring_ical_events.of(calendar).between(today, today + dt.timedelta(days=3 * 366))
    birthdays = sorted(event["DTSTART"].dt for event in occurrences if "Dan Dahlia" in str(event["SUMMARY"]))
    assert len(birthdays) == 3 and [day.month for day in birthdays] == [soon.month] * 3


def test_an_event_keeps_its_uid_when_its_date_moves(membership, alice, today):
    follow_up_add(person=alice, text="call back", due_on=today)
    now = timezone.now()

    def promise(at):
        calendar = icalendar.Calendar.from_ical(calendar_document(membership=membership, now=at))
        return _events(calendar)["Promise: Alice Ally"]

    on_time, late = promise(now), promise(now + dt.timedelta(days=2))
    assert on_time["UID"] == late["UID"]
    assert late["DTSTART"].dt == on_time["DTSTART"].dt + dt.timedelta(days=2)  # late things sit on today
    assert "2 days late" in late["DESCRIPTION"]


def test_the_feed_is_the_members_own_day_in_their_time_zone(olivia_feed, fetch_calendar, workspace, alice,
                                                            time_machine):
    # given: 19:00 on 1 March in UTC is 09:00 on 2 March in Kiritimati (UTC+14)
    time_machine.move_to(dt.datetime(2027, 3, 1, 19, 0, tzinfo=dt.UTC), tick=False)
    workspace_update(workspace=workspace, time_zone="Pacific/Kiritimati")
    follow_up_add(person=alice, text="their 2 March", due_on=dt.date(2027, 3, 2))
    follow_up_add(person=alice, text="their 3 March", due_on=dt.date(2027, 3, 3))
    # when
    calendar = fetch_calendar(olivia_feed[1])
    # then
    promises = [str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")]
    assert any("their 2 March" in text for text in promises)
    assert not any("their 3 March" in text for text in promises)
    assert str(calendar["X-WR-TIMEZONE"]) == "Pacific/Kiritimati"


def test_a_calendar_app_asking_again_gets_304_until_something_changes(olivia_feed, client, alice, today):
    path = olivia_feed[1]
    first = client.get(path)
    tag = first["ETag"]
    assert tag and first["Cache-Control"].startswith("private")
    again = client.get(path, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again.content == b""
    follow_up_add(person=alice, text="send the pruning guide", due_on=today)
    cache.clear()  # the cached document lives ten minutes; a calendar sees the change on its next fetch after
    changed = client.get(path, HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["ETag"] != tag


def test_a_revoked_or_replaced_address_is_gone(membership, client):
    feed, first = calendar_feed_create(membership=membership)
    assert client.get(f"/calendar/{first}.ics").status_code == 200
    _, second = calendar_feed_create(membership=membership)
    assert client.get(f"/calendar/{first}.ics").status_code == 404
    assert client.get(f"/calendar/{second}.ics").status_code == 200
    calendar_feed_revoke(membership=membership)
    assert client.get(f"/calendar/{second}.ics").status_code == 404
    assert client.get("/calendar/cal_guessed.ics").status_code == 404


def test_another_members_and_another_workspaces_items_never_appear(
        client, fetch_calendar, workspace, membership, sam, alice, olivia, rita, other_workspace, rex, today):
    # given: Olivia champions a case; Rival has a promise of its own
    case_open(workspace=workspace, person=alice, title="Checkout fails", champion=membership, severity="urgent",
              opened_at=timezone.now() - dt.timedelta(minutes=51), author=olivia)
    follow_up_add(person=rita, text="rival promise", due_on=today)
    from ally.workspaces.models import Membership

    rex_membership = Membership.objects.get(workspace=other_workspace, user=rex)
    _, sams = calendar_feed_create(membership=sam)
    _, rexs = calendar_feed_create(membership=rex_membership)
    # when
    sam_summaries = set(_events(fetch_calendar(f"/calendar/{sams}.ics")))
    rex_calendar = fetch_calendar(f"/calendar/{rexs}.ics")
    # then
    assert "Case: Alice Ally" not in sam_summaries  # Olivia's case is on her calendar, not Sam's
    assert not any("rival promise" in str(event["DESCRIPTION"]) for event in
                   fetch_calendar(f"/calendar/{calendar_feed_create(membership=membership)[1]}.ics").walk("VEVENT"))
    assert all("Alice" not in str(event["SUMMARY"]) for event in rex_calendar.walk("VEVENT"))
    uids = [str(event["UID"]) for event in rex_calendar.walk("VEVENT")]
    assert uids and all(uid.endswith(f"@ally-w{other_workspace.id}") for uid in uids)


def test_the_feed_costs_the_same_few_queries_however_many_people(
        olivia_feed, client, workspace, django_assert_max_num_queries, today):
    for n in range(30):
        day = today + dt.timedelta(days=n)
        person_create(workspace=workspace, name=f"Person {n}", birthday_month=day.month, birthday_day=day.day)
    cache.clear()
    with django_assert_max_num_queries(25):
        assert client.get(olivia_feed[1]).status_code == 200
