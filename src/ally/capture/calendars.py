"""Reading calendars (.ics files and feeds) into the meetings that happened or will happen.

Pure Python, no Django. `read_occurrences(data, start=..., end=...)` parses an iCalendar file with
icalendar, makes Google's X-WR-TIMEZONE calendars standard with x-wr-timezone, and expands every
recurring event with recurring-ical-events between two instants: RRULE, RDATE, EXDATE, moved
or cancelled occurrences (RECURRENCE-ID) all honoured, each occurrence once. What comes out is one
`CalendarOccurrence` per meeting instance, with a `key` that is the same on every read of the feed.

Two choices worth knowing:

- recurring-ical-events normally returns each occurrence as a copy of its event component; for a
  feed of 10,000 events that copying is two thirds of the time. Its documented extension points (a
  custom adapter and occurrence class given to `ComponentsWithName`) let this module read each
  occurrence's start and end and its source event instead, and the event's fields are read once
  per event, not once per occurrence.
- Before icalendar parses the file, the properties Ally does not read (descriptions, alarms,
  conference data, attachments, X- properties) are left out: icalendar reads about 15,000 lines a
  second, and in a Google export they are half the lines. Descriptions are not kept anyway.
- Times keep the zone the calendar gave them (aware); floating times (no zone) are read in
  `default_zone`; all-day events have `all_day` set and their dates in `start_date`/`end_date`
  (end exclusive), with `start`/`end` at midnight in `default_zone`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import x_wr_timezone
from icalendar.prop import vBroken
from recurring_ical_events.adapters.event import EventAdapter

NEWLINE = re.compile(r"\r\n|\r|\n")
PROPERTY_NAME = re.compile(r"[^:;]*")
# The properties Ally reads (and those time zones are made of); icalendar never sees the others.
USED = {
    "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-TIMEZONE", "X-WR-CALNAME",
    "UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID", "SEQUENCE",
    "STATUS", "CLASS", "SUMMARY", "LOCATION", "ORGANIZER", "ATTENDEE",
    "TZID", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME", "X-LIC-LOCATION",
}


class CalendarError(ValueError):
    """The file as a whole is not a calendar."""


@dataclass(frozen=True)
class CalendarWarning:
    """An event that was skipped or read with a guess, named by its UID and line."""

    uid: str
    line: int  # the line of its BEGIN:VEVENT, 0 when unknown
    message: str


@dataclass(frozen=True)
class Attendee:
    """The organizer or an attendee: address lower-cased, name (CN), and their answer (PARTSTAT)."""

    email: str
    name: str = ""
    partstat: str = ""  # ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION, DELEGATED; "" when not given
    role: str = ""  # REQ-PARTICIPANT, OPT-PARTICIPANT, CHAIR, NON-PARTICIPANT
    cutype: str = ""  # INDIVIDUAL, GROUP, RESOURCE (a meeting room), ROOM

    @property
    def declined(self) -> bool:
        return self.partstat == "DECLINED"

    @property
    def is_resource(self) -> bool:
        return self.cutype in ("RESOURCE", "ROOM")


@dataclass(frozen=True)
class CalendarOccurrence:
    """One meeting instance: a single event, or one occurrence of a recurring one."""

    uid: str
    recurrence_id: str | None  # the occurrence's original start in UTC (20240115T090000Z, 20240120 all-day)
    sequence: int
    summary: str
    start: dt.datetime
    end: dt.datetime
    all_day: bool = False
    start_date: dt.date | None = None
    end_date: dt.date | None = None  # exclusive, as in iCalendar
    status: str = ""  # CONFIRMED, TENTATIVE, CANCELLED; "" when not given
    organizer: Attendee | None = None
    attendees: tuple[Attendee, ...] = ()
    location: str = ""
    recurring: bool = False
    calendar_name: str = ""
    private: bool = False  # CLASS:PRIVATE or CONFIDENTIAL: the owner shares only that they are busy

    @property
    def key(self) -> str:
        """Stable across reads of the same feed: the UID, plus the recurrence id for a recurring event."""
        return self.uid if self.recurrence_id is None else f"{self.uid}#{self.recurrence_id}"

    @property
    def cancelled(self) -> bool:
        return self.status == "CANCELLED"


@dataclass
class CalendarRead:
    """The occurrences in the window, and what was skipped on the way."""

    occurrences: list[CalendarOccurrence]
    warnings: list[CalendarWarning] = field(default_factory=list)


class _Adapter(EventAdapter):
    """recurring-ical-events' event adapter, telling which event an occurrence comes from."""

    @property
    def source(self) -> icalendar.Event:
        return self._component


class _Occurrence(recurring_ical_events.Occurrence):
    """An occurrence that is not copied into a new component (see the module's docstring)."""

    @property
    def source(self) -> icalendar.Event:
        return self._adapter.source


@dataclass(frozen=True)
class _Event:
    """What an event says, read once for all its occurrences."""

    uid: str
    sequence: int
    summary: str
    status: str
    organizer: Attendee | None
    attendees: tuple[Attendee, ...]
    location: str
    recurring: bool
    private: bool


def _zone(zone: str | dt.tzinfo) -> dt.tzinfo:
    return ZoneInfo(zone) if isinstance(zone, str) else zone


def _text(component, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value).split()) if value is not None else ""


def _person(value) -> Attendee | None:
    """An ORGANIZER or ATTENDEE: "mailto:Bob@Example.com" with its CN, PARTSTAT, ROLE and CUTYPE."""
    address = str(value).strip().lower()
    if address.startswith("mailto:"):
        address = address[7:].strip()
    if "@" not in address:
        return None
    # A plain dict: icalendar's case-insensitive Parameters cost more per lookup than the rest of this.
    params = {key.upper(): str(item) for key, item in getattr(value, "params", {}).items()}
    return Attendee(email=address, name=" ".join(params.get("CN", "").split()).strip('"'),
                    partstat=params.get("PARTSTAT", "").upper(), role=params.get("ROLE", "").upper(),
                    cutype=params.get("CUTYPE", "").upper())


def _event(source: icalendar.Event, recurring_uids: set[str]) -> _Event:
    attendees = source.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    people = tuple(dict.fromkeys(a for a in map(_person, attendees) if a))
    organizer = _person(source["ORGANIZER"]) if "ORGANIZER" in source else None
    try:
        sequence = int(source.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        sequence = 0
    uid = _text(source, "UID")
    return _Event(uid=uid, sequence=sequence, summary=_text(source, "SUMMARY"),
                  status=_text(source, "STATUS").upper(), organizer=organizer, attendees=people,
                  location=_text(source, "LOCATION"), recurring=uid in recurring_uids,
                  private=_text(source, "CLASS").upper() in ("PRIVATE", "CONFIDENTIAL"))


def _aware(value: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    return value.replace(tzinfo=zone) if value.tzinfo is None else value


def _recurrence_id(start: dt.date | dt.datetime, zone: dt.tzinfo) -> str:
    if isinstance(start, dt.datetime):
        return _aware(start, zone).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return start.strftime("%Y%m%d")


def _event_lines(text: str) -> list[int]:
    """The line of every BEGIN:VEVENT, in file order (icalendar keeps none), to name events in warnings."""
    return [number for number, line in enumerate(NEWLINE.split(text), start=1)
            if line[:12].upper() == "BEGIN:VEVENT"]


def _problem(component: icalendar.Event) -> str:
    """Why an event cannot be placed in time, or ""."""
    if "DTSTART" not in component:
        return "has no DTSTART (no start time)"
    broken = dict(getattr(component, "errors", ()))  # icalendar keeps unreadable values as vBroken
    for name in ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID"):
        if name in broken or isinstance(component.get(name), vBroken):
            return f"has a {name} that is not a date ({broken.get(name) or component.get(name)})"
    if not _text(component, "UID"):
        return "has no UID"
    return ""


def _check(calendar: icalendar.Calendar, lines: Iterator[int], where: dict[str, int],
           warnings: list[CalendarWarning]) -> set[str]:
    """Drop the events that cannot be placed in time (a warning for each); the UIDs that recur.

    `where` gets the line of each kept event's UID, for warnings raised later.
    """
    recurring: set[str] = set()
    kept = []
    for component in calendar.subcomponents:
        if component.name != "VEVENT":
            kept.append(component)
            continue
        line, uid = next(lines, 0), _text(component, "UID")
        if problem := _problem(component):
            warnings.append(CalendarWarning(uid, line, f"event '{uid or '?'}' (line {line}) {problem}; skipped"))
            continue
        where.setdefault(uid, line)
        if "RRULE" in component or "RDATE" in component or "RECURRENCE-ID" in component:
            recurring.add(uid)
        kept.append(component)
    calendar.subcomponents[:] = kept
    return recurring


def _complete(text: str, warnings: list[CalendarWarning]) -> str:
    """A file cut short keeps the events it holds whole: cut after the last END:VEVENT and close it."""
    upper = text.upper()
    if upper.count("BEGIN:VCALENDAR") <= upper.count("END:VCALENDAR"):
        return text
    last = upper.rfind("END:VEVENT")
    head = text[:last + len("END:VEVENT")] if last >= 0 else text[:upper.rfind("BEGIN:VCALENDAR") + 15]
    line = head.count("\n") + 1
    warnings.append(CalendarWarning("", line, f"the file ends before END:VCALENDAR (cut short?); read the events "
                                              f"up to line {line}"))
    return head + "\r\nEND:VCALENDAR\r\n"


def _slim(text: str) -> str:
    """The calendar without the properties and alarms Ally does not read (folded lines go with theirs)."""
    kept, keep, alarms = [], True, 0
    for line in NEWLINE.split(text):
        if line[:1] in (" ", "\t"):
            if keep:
                kept.append(line)
            continue
        name = PROPERTY_NAME.match(line).group().upper()
        component = line[len(name) + 1:].strip().upper() if name in ("BEGIN", "END") else ""
        if component == "VALARM":
            alarms += 1 if name == "BEGIN" else -1
            keep = False
            continue
        keep = alarms <= 0 and name in USED
        if keep:
            kept.append(line)
    return "\r\n".join(kept)


def _parse(data: bytes | str, warnings: list[CalendarWarning]) -> tuple[list[icalendar.Calendar], str]:
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
    if "BEGIN:VCALENDAR" not in text[:4096].upper():
        raise CalendarError("not an iCalendar file: it does not start with BEGIN:VCALENDAR")
    text = _complete(text, warnings)
    try:
        calendars = icalendar.Calendar.from_ical(_slim(text), multiple=True)
    except ValueError as error:
        raise CalendarError(f"not a readable iCalendar file: {error}") from None
    if not calendars:
        raise CalendarError("the file holds no calendar")
    return calendars, text


def iter_occurrences(data: bytes | str, *, start: dt.datetime, end: dt.datetime,
                     default_zone: str | dt.tzinfo = "UTC", include_cancelled: bool = False,
                     warnings: list[CalendarWarning] | None = None) -> Iterator[CalendarOccurrence]:
    """Every occurrence starting or running between `start` and `end` (aware datetimes).

    Cancelled events and occurrences (STATUS:CANCELLED, or a METHOD:CANCEL file) are left out
    unless `include_cancelled`; then their `status` says so. Occurrences come series by series,
    not sorted by time.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("start and end must be aware datetimes")
    warnings = warnings if warnings is not None else []
    zone = _zone(default_zone)
    calendars, text = _parse(data, warnings)
    lines = iter(_event_lines(text))
    where: dict[str, int] = {}
    window = (start.astimezone(dt.UTC), end.astimezone(dt.UTC))
    for calendar in calendars:
        calendar = x_wr_timezone.to_standard(calendar)
        recurring = _check(calendar, lines, where, warnings)
        cancelled_file = _text(calendar, "METHOD").upper() == "CANCEL"
        name = _text(calendar, "X-WR-CALNAME")
        selection = recurring_ical_events.ComponentsWithName("VEVENT", adapter=_Adapter, occurrence=_Occurrence)
        query = recurring_ical_events.CalendarQuery(calendar, components=[selection], skip_bad_series=True)
        expanded = {series.uid for series in query.series}
        for uid in sorted({_text(c, "UID") for c in calendar.walk("VEVENT")} - expanded):
            line = where.get(uid, 0)
            warnings.append(CalendarWarning(uid, line, f"event '{uid}' (line {line}) has a recurrence that cannot be "
                                                       "computed; skipped"))
        events: dict[int, _Event] = {}
        for series in query.series:
            try:
                occurrences = list(series.between(*window))
            except Exception as error:  # one broken series must not cost the feed  # noqa: BLE001
                line = where.get(series.uid, 0)
                warnings.append(CalendarWarning(series.uid, line, f"event '{series.uid}' (line {line}) could not be "
                                                                  f"expanded ({error}); skipped"))
                continue
            for occurrence in occurrences:
                source = occurrence.source
                event = events.get(id(source))
                if event is None:
                    event = events[id(source)] = _event(source, recurring)
                status = "CANCELLED" if cancelled_file else event.status
                if status == "CANCELLED" and not include_cancelled:
                    continue
                yield _occurrence(occurrence, source, event, status, zone, name)


def _occurrence(occurrence: _Occurrence, source: icalendar.Event, event: _Event, status: str, zone: dt.tzinfo,
                calendar_name: str) -> CalendarOccurrence:
    begin, finish = occurrence.start, occurrence.end
    recurrence_id = None
    if event.recurring:
        original = source.get("RECURRENCE-ID")
        recurrence_id = _recurrence_id(original.dt if original is not None else begin, zone)
    if isinstance(begin, dt.datetime):
        finish = finish if isinstance(finish, dt.datetime) else begin
        return CalendarOccurrence(
            uid=event.uid, recurrence_id=recurrence_id, sequence=event.sequence, summary=event.summary,
            start=_aware(begin, zone), end=_aware(finish, zone), status=status, organizer=event.organizer,
            attendees=event.attendees, location=event.location, recurring=event.recurring,
            calendar_name=calendar_name, private=event.private)
    last = finish if isinstance(finish, dt.date) and finish > begin else begin + dt.timedelta(days=1)
    return CalendarOccurrence(
        uid=event.uid, recurrence_id=recurrence_id, sequence=event.sequence, summary=event.summary,
        start=dt.datetime.combine(begin, dt.time(), zone), end=dt.datetime.combine(last, dt.time(), zone),
        all_day=True, start_date=begin, end_date=last, status=status, organizer=event.organizer,
        attendees=event.attendees, location=event.location, recurring=event.recurring, calendar_name=calendar_name,
        private=event.private)


def read_occurrences(data: bytes | str, *, start: dt.datetime, end: dt.datetime,
                     default_zone: str | dt.tzinfo = "UTC", include_cancelled: bool = False) -> CalendarRead:
    warnings: list[CalendarWarning] = []
    occurrences = list(iter_occurrences(data, start=start, end=end, default_zone=default_zone,
                                        include_cancelled=include_cancelled, warnings=warnings))
    return CalendarRead(occurrences=occurrences, warnings=warnings)
