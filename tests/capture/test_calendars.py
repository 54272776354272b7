"""Calendars as Google exports them and Outlook sends them, expanded into the meetings they hold."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ally.capture.calendars import Attendee, CalendarError, iter_occurrences, read_occurrences

from .samples import crlf, google_calendar, outlook_invitation

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
JANUARY = {"start": dt.datetime(2024, 1, 1, tzinfo=UTC), "end": dt.datetime(2024, 2, 1, tzinfo=UTC)}


def by_key(read):
    return {o.key: o for o in read.occurrences}


def test_a_weekly_meeting_expands_with_its_exdate_moved_and_cancelled_occurrences():
    occurrences = by_key(read_occurrences(google_calendar(), **JANUARY))
    uid = "7kukuqrfedlm2f9t0vr42q2gc4@google.com"
    weekly = sorted((o for o in occurrences.values() if o.uid == uid), key=lambda o: o.start)
    # Mondays 8, 15 (moved to 14:00), 22 (EXDATE), 29 (cancelled): two remain of the four in January.
    assert [(o.start, o.recurrence_id, o.summary) for o in weekly] == [
        (dt.datetime(2024, 1, 8, 10, 0, tzinfo=BERLIN), "20240108T090000Z", "Weekly sync with Globex"),
        (dt.datetime(2024, 1, 15, 14, 0, tzinfo=BERLIN), "20240115T090000Z", "Weekly sync with Globex (moved)"),
    ]
    first = weekly[0]
    assert first.key == f"{uid}#20240108T090000Z" and first.recurring and first.sequence == 2
    assert first.end - first.start == dt.timedelta(minutes=30)
    assert first.organizer == Attendee("olivia@acme.example", "Olivia Owner")
    assert first.attendees[0] == Attendee("carla@globex.example", "Carla Client", "ACCEPTED", "REQ-PARTICIPANT",
                                          "INDIVIDUAL")
    assert first.attendees[1].declined and first.attendees[1].email == "bob@acme.example"
    assert first.attendees[2].is_resource and first.location == "Room 1"
    assert first.calendar_name == "olivia@acme.example" and first.status == "CONFIRMED"


def test_cancelled_occurrences_can_be_kept_and_flagged():
    occurrences = by_key(read_occurrences(google_calendar(), **JANUARY, include_cancelled=True))
    cancelled = occurrences["7kukuqrfedlm2f9t0vr42q2gc4@google.com#20240129T090000Z"]
    assert cancelled.cancelled and cancelled.status == "CANCELLED"


def test_an_all_day_event_gives_its_dates_and_a_flag():
    trade_fair = by_key(read_occurrences(google_calendar(), **JANUARY, default_zone="Europe/Paris"))[
        "1d3o2ft2eahlq1r5ahmn6s2v1s@google.com"]
    assert trade_fair.all_day and trade_fair.recurrence_id is None
    assert (trade_fair.start_date, trade_fair.end_date) == (dt.date(2024, 1, 20), dt.date(2024, 1, 22))
    assert trade_fair.start == dt.datetime(2024, 1, 20, tzinfo=ZoneInfo("Europe/Paris"))


def test_google_x_wr_timezone_gives_floating_times_their_zone():
    occurrences = by_key(read_occurrences(google_calendar(), **JANUARY, default_zone="America/New_York"))
    assert occurrences["floating-1@google.com"].start == dt.datetime(2024, 1, 11, 9, 0, tzinfo=BERLIN)
    call = occurrences["0q4m0fv0tq4h8nq3c0f7a0u9vd@google.com"]
    assert call.start == dt.datetime(2024, 1, 10, 9, 0, tzinfo=UTC)  # the same instant, whichever zone it is in
    assert call.attendees == (Attendee("renee@creme.example", "Renée Dupont", "TENTATIVE"),)
    assert call.private and not occurrences["floating-1@google.com"].private


def test_floating_times_without_x_wr_timezone_are_read_in_the_default_zone():
    ics = crlf("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//y//EN", "BEGIN:VEVENT", "UID:f@x",
               "DTSTART:20240111T090000", "DTEND:20240111T093000", "SUMMARY:Breakfast", "END:VEVENT", "END:VCALENDAR")
    (breakfast,) = read_occurrences(ics, **JANUARY, default_zone="Asia/Tokyo").occurrences
    assert breakfast.start == dt.datetime(2024, 1, 11, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert breakfast.start.tzinfo is not None and breakfast.end.tzinfo is not None


def test_an_outlook_invitation_with_windows_zone_names():
    july = {"start": dt.datetime(2024, 7, 1, tzinfo=UTC), "end": dt.datetime(2024, 8, 1, tzinfo=UTC)}
    review, pacific = sorted(read_occurrences(outlook_invitation(), **july).occurrences, key=lambda o: o.start)
    assert review.start.astimezone(UTC) == dt.datetime(2024, 7, 10, 12, 0, tzinfo=UTC)  # CEST, +02:00
    assert review.uid.startswith("040000008200E00074C5B7101A82E008") and review.uid.endswith("C7D6E5F4A3B2")
    assert review.summary == "Quarterly review" and review.location == "Microsoft Teams Meeting"
    assert [a.email for a in review.attendees] == ["olivia@acme.example", "bob@acme.example"]
    assert review.organizer.email == "dan@initech.example" and review.attendees[1].role == "OPT-PARTICIPANT"
    assert pacific.start.astimezone(UTC) == dt.datetime(2024, 7, 11, 16, 0, tzinfo=UTC)  # PDT, -07:00


def test_an_event_without_dtstart_is_named_in_a_warning_and_the_rest_read():
    ics = crlf("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//y//EN",
               "BEGIN:VEVENT", "UID:ok@x", "DTSTART:20240105T100000Z", "SUMMARY:Fine", "END:VEVENT",
               "BEGIN:VEVENT", "UID:no-start@x", "SUMMARY:When?", "END:VEVENT",
               "BEGIN:VEVENT", "UID:bad-start@x", "DTSTART:2024-01-05 soon", "SUMMARY:Garbled", "END:VEVENT",
               "END:VCALENDAR")
    read = read_occurrences(ics, **JANUARY)
    assert [o.uid for o in read.occurrences] == ["ok@x"]
    assert [(w.uid, w.line) for w in read.warnings] == [("no-start@x", 9), ("bad-start@x", 13)]
    assert read.warnings[0].message == "event 'no-start@x' (line 9) has no DTSTART (no start time); skipped"
    assert "not a date" in read.warnings[1].message


def test_a_broken_recurrence_rule_costs_only_its_event():
    ics = crlf("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//y//EN",
               "BEGIN:VEVENT", "UID:ok@x", "DTSTART:20240105T100000Z", "END:VEVENT",
               "BEGIN:VEVENT", "UID:bad-rule@x", "DTSTART:20240105T100000Z", "RRULE:FREQ=SOMETIMES", "END:VEVENT",
               "END:VCALENDAR")
    read = read_occurrences(ics, **JANUARY)
    assert [o.uid for o in read.occurrences] == ["ok@x"]
    assert [w.uid for w in read.warnings] == ["bad-rule@x"]


def test_every_occurrence_comes_once_with_a_key_that_is_the_same_on_every_read():
    first = [o.key for o in iter_occurrences(google_calendar(), **JANUARY)]
    again = [o.key for o in iter_occurrences(google_calendar(), **JANUARY)]
    assert len(first) == len(set(first)) == 5
    assert sorted(first) == sorted(again)


def test_a_cancel_message_cancels_its_events():
    ics = crlf("BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:CANCEL", "PRODID:-//x//y//EN", "BEGIN:VEVENT", "UID:c@x",
               "DTSTART:20240105T100000Z", "SEQUENCE:1", "END:VEVENT", "END:VCALENDAR")
    assert read_occurrences(ics, **JANUARY).occurrences == []
    (kept,) = read_occurrences(ics, **JANUARY, include_cancelled=True).occurrences
    assert kept.cancelled and kept.sequence == 1


def test_a_file_that_is_not_a_calendar_is_an_error():
    with pytest.raises(CalendarError, match="not an iCalendar file"):
        read_occurrences(b"BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n", **JANUARY)
    with pytest.raises(ValueError, match="aware"):
        read_occurrences(google_calendar(), start=dt.datetime(2024, 1, 1), end=dt.datetime(2024, 2, 1))


def test_a_truncated_calendar_gives_the_events_it_holds_whole_with_a_warning():
    data = google_calendar()
    cut = data[:data.index(b"BEGIN:VEVENT\r\nDTSTART:20240111T090000") + 30]  # inside the last event
    read = read_occurrences(cut, **JANUARY)
    assert "floating-1@google.com" not in {o.uid for o in read.occurrences}
    assert len(read.occurrences) == 4
    assert read.warnings[0].message == ("the file ends before END:VCALENDAR (cut short?); read the events up to "
                                        "line 74")


def test_a_feed_of_many_events_expands_in_seconds():
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//y//EN"]
    for i in range(1000):
        lines += ["BEGIN:VEVENT", f"UID:e{i}@x", f"DTSTART;TZID=Europe/Berlin:202401{1 + i % 28:02d}T090000",
                  "DTEND;TZID=Europe/Berlin:202401{:02d}T100000".format(1 + i % 28), f"SUMMARY:Event {i}"]
        lines += ["RRULE:FREQ=WEEKLY;COUNT=10"] if i % 5 == 0 else []
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    read = read_occurrences(crlf(*lines), start=dt.datetime(2024, 1, 1, tzinfo=UTC),
                            end=dt.datetime(2025, 1, 1, tzinfo=UTC))
    assert len(read.occurrences) == 800 + 200 * 10
