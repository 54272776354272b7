"""Calendars into meetings: past events with known people become meeting interactions, future ones upcoming meetings.

One reading rule for a file (`ally import calendar`) and a subscribed feed (`ally calendar sync`):

- an occurrence is keyed by its UID and RECURRENCE-ID, so reading the same calendar again changes nothing;
- a higher SEQUENCE than the one captured updates the interaction (title, time, participants);
- a cancelled event (STATUS:CANCELLED, or a METHOD:CANCEL file) removes what it had captured;
- participants are the known people among the organizer and the attendees who did not decline (rooms and
  the team's own addresses are not people); an event without any is skipped and counted;
- a feed is the calendar as it is now, so what a subscription captured and the feed no longer holds goes.

Interactions are written through the interactions app's services, so keep-in-touch clocks reset and each has
its own audit entry.
"""

import datetime as dt
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from ally.capture import credentials, selectors
from ally.capture.calendars import CalendarError, CalendarOccurrence, iter_occurrences
from ally.capture.models import CalendarSubscription, CapturedInteraction, UpcomingMeeting, UpcomingMeetingPerson
from ally.core.errors import ValidationError
from ally.core.validation import TEXT_LENGTH, clean_url, raise_errors
from ally.interactions.models import Interaction
from ally.interactions.services import interaction_delete, interaction_update, interactions_log_many
from ally.people.models import Person
from ally.workspaces.audit import acting, audit_record, audited, current_actor
from ally.workspaces.clock import zone_of

PAST = dt.timedelta(days=3653)  # how far back a calendar is read: ten years
FUTURE = dt.timedelta(days=180)  # how far ahead upcoming meetings are kept
NO_TITLE = "(no title)"
MAX_FEED_BYTES = 50_000_000
FETCH_TIMEOUT = 30  # seconds
CALENDAR = CapturedInteraction.Source.CALENDAR
BATCH_SIZE = 2000


@dataclass
class CalendarReport:
    """What reading a calendar did (or, in a dry run, would do) with each occurrence in its window."""

    dry_run: bool
    events: int = 0
    imported: int = 0
    updated: int = 0
    already_imported: int = 0
    removed: int = 0
    cancelled: int = 0
    no_known_person: int = 0
    upcoming: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"dry_run": self.dry_run, "events": self.events,
                "counts": {"imported": self.imported, "updated": self.updated,
                           "already_imported": self.already_imported, "removed": self.removed,
                           "cancelled": self.cancelled, "no_known_person": self.no_known_person,
                           "upcoming": self.upcoming},
                "warnings": self.warnings}


class CalendarFetchError(Exception):
    """A feed that could not be read, in words for the settings page."""


def _read(data: bytes, zone, now: dt.datetime) -> tuple[list[CalendarOccurrence], list[str]]:
    """Every occurrence in the window, or one ValidationError naming the file's problem (then nothing is written)."""
    warnings = []
    try:
        occurrences = list(iter_occurrences(data, start=now - PAST, end=now + FUTURE, default_zone=zone,
                                            include_cancelled=True, warnings=warnings))
    except CalendarError as error:
        raise ValidationError({"file": str(error)}) from None
    if any(not w.uid and "END:VCALENDAR" in w.message for w in warnings):
        raise ValidationError({"file": "the calendar is cut short: it ends before END:VCALENDAR (an interrupted "
                                       "download?); nothing was imported"})
    return occurrences, [w.message for w in warnings]


class CalendarWriter:
    """Plans each occurrence against the workspace's people and what was captured before, then writes it."""

    def __init__(self, workspace, member, report: CalendarReport, *, subscription=None, now=None):
        self.workspace, self.member, self.report, self.subscription = workspace, member, report, subscription
        self.now = now or timezone.now()
        self.team = selectors.team_addresses(workspace=workspace)
        self.people = selectors.people_by_address(workspace=workspace, excluding=self.team)
        self.captured = {c.key: c for c in CapturedInteraction.objects.filter(workspace=workspace, source=CALENDAR)
                         .select_related("interaction")}
        self.seen: set[str] = set()
        self.persons: dict[int, Person] = {}
        self.new: list[tuple[CalendarOccurrence, str, list[int]]] = []  # meetings to log, a batch at a time
        self.happened: list[str] = []  # keys of past occurrences, whose upcoming meeting (if any) goes
        self.logged: set[str] = set()

    def participants(self, occurrence: CalendarOccurrence) -> list[int]:
        everyone = [occurrence.organizer] if occurrence.organizer else []
        everyone += [a for a in occurrence.attendees if not a.declined and not a.is_resource]
        return sorted({self.people[a.email] for a in everyone if a.email in self.people})

    def run(self, occurrences: list[CalendarOccurrence]) -> None:
        planned = [(o, self.participants(o)) for o in occurrences]
        wanted = {pid for _o, ids in planned for pid in ids}
        self.persons = Person.objects.filter(workspace=self.workspace).in_bulk(list(wanted))
        for occurrence, ids in planned:
            self.add(occurrence, ids)
            if len(self.new) >= BATCH_SIZE:
                self.flush()
        self.flush()

    def add(self, occurrence: CalendarOccurrence, ids: list[int]) -> None:
        report, key = self.report, occurrence.key[:500]
        report.events += 1
        self.seen.add(key)
        captured = self.captured.get(key)
        if occurrence.cancelled:
            report.cancelled += 1
            self._forget(key, captured)
            return
        if not ids:
            report.no_known_person += 1
            if captured and occurrence.sequence > captured.sequence:
                self._forget(key, captured)  # the update left no one we know in it
            return
        if occurrence.start > self.now:
            report.upcoming += 1
            if not self.report.dry_run:
                self._upcoming(occurrence, key, ids)
            return
        if captured is None and key in self.logged:
            report.already_imported += 1  # the same occurrence twice in one file is logged once
        elif captured is None:
            report.imported += 1
            self.new.append((occurrence, key, ids))
            self.logged.add(key)
        elif occurrence.sequence > captured.sequence:
            report.updated += 1
            if not self.report.dry_run:
                self._update(occurrence, captured, ids)
        else:
            report.already_imported += 1
        self.happened.append(key)

    def _fields(self, occurrence: CalendarOccurrence) -> dict:
        organizer = occurrence.organizer.email if occurrence.organizer else ""
        return {"summary": (occurrence.summary or NO_TITLE)[:TEXT_LENGTH], "occurred_at": occurrence.start,
                "initiated_by": "we" if not organizer or organizer in self.team else "they"}

    def flush(self) -> None:
        """Log the new meetings through the interactions service (clocks reset once for the batch), and drop the
        upcoming meetings that have happened."""
        new, happened, self.new, self.happened = self.new, self.happened, [], []
        if self.report.dry_run:
            return
        if new:
            ids = interactions_log_many(
                workspace=self.workspace, author=self.member.user if self.member else None,
                action="calendar.meetings_logged", label=f"{len(new)} meetings",
                entries=[{"kind": Interaction.Kind.MEETING, "participant_ids": people, "private": o.private,
                          **self._fields(o)} for o, _key, people in new])
            rows = CapturedInteraction.objects.bulk_create(
                [CapturedInteraction(workspace=self.workspace, interaction_id=iid, source=CALENDAR, key=key,
                                     member=self.member, sequence=o.sequence, subscription=self.subscription)
                 for iid, (o, key, _people) in zip(ids, new)], batch_size=500)
            self.captured.update({row.key: row for row in rows})
        for start in range(0, len(happened), 500):
            UpcomingMeeting.objects.filter(workspace=self.workspace, key__in=happened[start:start + 500]).delete()

    def _update(self, occurrence: CalendarOccurrence, captured: CapturedInteraction, ids: list[int]) -> None:
        interaction_update(interaction=captured.interaction, participants=[self.persons[i] for i in ids],
                           **self._fields(occurrence))
        captured.sequence = occurrence.sequence
        captured.save(update_fields=["sequence"])

    def _upcoming(self, occurrence: CalendarOccurrence, key: str, ids: list[int]) -> None:
        meeting, _ = UpcomingMeeting.objects.update_or_create(
            workspace=self.workspace, key=key,
            defaults={"sequence": occurrence.sequence, "summary": (occurrence.summary or NO_TITLE)[:TEXT_LENGTH],
                      "starts_at": occurrence.start, "ends_at": occurrence.end, "all_day": occurrence.all_day,
                      "location": occurrence.location[:500], "private": occurrence.private, "member": self.member,
                      "subscription": self.subscription})
        UpcomingMeetingPerson.objects.filter(meeting=meeting).exclude(person_id__in=ids).delete()
        UpcomingMeetingPerson.objects.bulk_create(
            [UpcomingMeetingPerson(workspace=self.workspace, meeting=meeting, person_id=i) for i in ids],
            ignore_conflicts=True)

    def _forget(self, key: str, captured: CapturedInteraction | None) -> None:
        if captured is not None:
            self.report.removed += 1
            if not self.report.dry_run:
                interaction_delete(interaction=captured.interaction)
                del self.captured[key]
        if not self.report.dry_run:
            UpcomingMeeting.objects.filter(workspace=self.workspace, key=key).delete()

    def forget_unseen(self) -> None:
        """A feed is the whole calendar: what this subscription captured in its window and no longer holds goes."""
        gone = [c for key, c in list(self.captured.items())
                if c.subscription_id == self.subscription.id and key not in self.seen
                and c.interaction.occurred_at >= self.now - PAST]
        for captured in gone:
            self._forget(captured.key, captured)
        if not self.report.dry_run:
            # Compared here, not in SQL: a feed's keys are too many for one query's parameters.
            stale = [pk for pk, key in UpcomingMeeting.objects.filter(subscription=self.subscription)
                     .values_list("id", "key") if key not in self.seen]
            for start in range(0, len(stale), 500):
                UpcomingMeeting.objects.filter(id__in=stale[start:start + 500]).delete()


def _clear_past_upcoming(workspace, now: dt.datetime) -> None:
    """Upcoming meetings that ended more than a day ago are no longer upcoming (their calendar makes them
    interactions when next read)."""
    UpcomingMeeting.objects.filter(workspace=workspace, ends_at__lt=now - dt.timedelta(days=1)).delete()


@audited(dry_run="dry_run")
def calendar_import(*, workspace, data: bytes, member=None, dry_run: bool = False) -> CalendarReport:
    """Import an .ics file: past meetings with known people as interactions, future ones as upcoming meetings.

    A file that is not a calendar or is cut short is refused with one error and nothing of it is written;
    an event that cannot be placed in time (no DTSTART) is skipped and named in the report's warnings.
    """
    if member is not None and member.workspace_id != workspace.id:
        raise ValidationError({"member": "not found in this workspace"})
    now = timezone.now()
    occurrences, warnings = _read(data, zone_of(workspace=workspace, membership=member), now)
    report = CalendarReport(dry_run=dry_run, warnings=warnings)
    actor = current_actor()
    with acting(user=actor.user, token=actor.token, via="import"):
        CalendarWriter(workspace, member, report, now=now).run(occurrences)
        if not dry_run:
            _clear_past_upcoming(workspace, now)
            audit_record(workspace=workspace, action="calendar.imported", object_type="import",
                         label=f"{report.imported} meetings",
                         changes={"meetings": [None, report.imported], "updated": [None, report.updated],
                                  "removed": [None, report.removed], "upcoming": [None, report.upcoming]})
    return report


def _clean_feed_url(url: str, errors: dict) -> str:
    """An http(s) address; Apple's webcal:// is its https:// address."""
    text = (url or "").strip()
    if text.lower().startswith("webcal://"):
        text = "https://" + text[len("webcal://"):]
    if not text:
        errors["url"] = "is required"
        return ""
    return clean_url(text, "url", errors)


@audited
def calendar_subscribe(*, workspace, member, url: str) -> CalendarSubscription:
    """Follow a team member's calendar feed (its private iCal address). The address is stored encrypted."""
    errors: dict[str, str] = {}
    url = _clean_feed_url(url, errors)
    if member.workspace_id != workspace.id:
        errors["member"] = "not found in this workspace"
    raise_errors(errors)
    host = urlsplit(url).hostname or ""
    subscription = CalendarSubscription.objects.create(workspace=workspace, member=member, host=host,
                                                       url_encrypted=credentials.encrypt(url))
    audit_record(workspace=workspace, action="calendar.subscribed", target=subscription,
                 changes={"host": [None, host], "member": [None, member.id]})
    return subscription


def _fetch_feed(url: str) -> bytes:
    """The feed's bytes; CalendarFetchError in words when the server cannot be reached or refuses."""
    request = urllib.request.Request(url, headers={"User-Agent": "Ally calendar sync", "Accept": "text/calendar"})
    host = urlsplit(url).hostname
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 (http(s) only)
            data = response.read(MAX_FEED_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise CalendarFetchError(f"{host} answered {error.code} {error.reason}: is the calendar's address still "
                                 "valid? (a private address changes when it is reset)") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise CalendarFetchError(f"could not reach {host}: {reason}") from None
    if len(data) > MAX_FEED_BYTES:
        raise CalendarFetchError(f"the calendar at {host} is larger than {MAX_FEED_BYTES // 1_000_000} MB")
    return data


@audited(atomic=False)
def calendar_subscription_sync(*, subscription: CalendarSubscription, fetch=_fetch_feed) -> CalendarReport:
    """Read the feed again and bring its meetings up to date. A feed that cannot be read is the subscription's
    last error in words, nothing of it is written, and nothing is raised."""
    actor = current_actor()
    report = CalendarReport(dry_run=False)
    workspace, member, now = subscription.workspace, subscription.member, timezone.now()
    error = ""
    try:
        data = fetch(credentials.decrypt(subscription.url_encrypted))
        occurrences, report.warnings = _read(data, zone_of(workspace=workspace, membership=member), now)
        with transaction.atomic(), acting(user=actor.user, token=actor.token, via="import"):
            writer = CalendarWriter(workspace, member, report, subscription=subscription, now=now)
            writer.run(occurrences)
            writer.forget_unseen()
            _clear_past_upcoming(workspace, now)
    except (CalendarFetchError, ValidationError, ValueError) as exc:  # ValueError: the secret changed
        error = "; ".join(exc.errors.values()) if isinstance(exc, ValidationError) else str(exc)
        report = CalendarReport(dry_run=False)
    name = next((o.calendar_name for o in occurrences if o.calendar_name), "") if not error else subscription.name
    stats = {"last_sync_at": now, "last_error": error, "name": name[:200]}
    if not error:
        stats |= {"events_read": report.events,
                  "meetings_captured": CapturedInteraction.objects.filter(subscription=subscription).count(),
                  "upcoming": UpcomingMeeting.objects.filter(subscription=subscription).count()}
    CalendarSubscription.objects.filter(id=subscription.id).update(**stats)
    subscription.refresh_from_db()
    audit_record(workspace=workspace, action="calendar.synced", target=subscription,
                 changes={"meetings": [None, report.imported], "updated": [None, report.updated],
                          "removed": [None, report.removed], "error": [None, error or None]})
    return report


@audited
def calendar_unsubscribe(*, subscription: CalendarSubscription, delete_captured: bool = False) -> int:
    """Stop following the feed; its upcoming meetings go, and with `delete_captured` the meetings it captured too.

    Returns how many meeting interactions were deleted."""
    deleted = 0
    if delete_captured:
        captured = CapturedInteraction.objects.filter(workspace=subscription.workspace_id, subscription=subscription)
        interactions = Interaction.objects.filter(workspace=subscription.workspace_id,
                                                  id__in=captured.values("interaction_id"))
        people = set(interactions.values_list("participations__person_id", flat=True)) - {None}
        deleted = interactions.count()
        interactions.delete()
        from ally.interactions.clocks import contact_clocks_refresh

        contact_clocks_refresh(workspace=subscription.workspace_id, person_ids=people)
    audit_record(workspace=subscription.workspace_id, action="calendar.unsubscribed", target=subscription,
                 changes={"deleted_meetings": [None, deleted]})
    subscription.delete()
    return deleted
