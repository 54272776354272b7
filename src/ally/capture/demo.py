"""Capture's part of the demo: a subscribed calendar's next meetings, read through the real calendar import.

One meeting falls later today in the team's time zone, so Today shows a "Meeting with ..." item on any day the
demo is built; two more fall later in the week and show on their people's pages.
"""

import datetime as dt
from zoneinfo import ZoneInfo

MEETINGS = ("Kitchen plans walkthrough", "Quarterly check-in", "Second opinion on the quote")


def populate(ctx) -> None:
    from ally.capture.services.calendar import calendar_import
    from ally.people.models import PersonEmail

    team = set(ctx.workspace.memberships.exclude(person=None).values_list("person_id", flat=True))
    guests = list(PersonEmail.objects.filter(workspace=ctx.workspace, person_id__in=ctx.person_ids)
                  .exclude(person_id__in=team).order_by("person_id").values_list("address", flat=True)[:len(MEETINGS)])
    if not guests:
        return
    starts = _meeting_starts(ctx)
    events = [_event(n, summary, start, guest, organizer=ctx.owner.user.email or "team@demo.example", now=ctx.now)
              for n, (summary, start, guest) in enumerate(zip(MEETINGS, starts, guests))]
    calendar_import(workspace=ctx.workspace, data=_calendar(events).encode())


def _meeting_starts(ctx) -> list[dt.datetime]:
    """Later today (before local midnight, however late the demo is built), then in two and in four days."""
    zone = ZoneInfo(ctx.workspace.time_zone)
    midnight = dt.datetime.combine(ctx.today + dt.timedelta(days=1), dt.time(), zone)
    today = ctx.now + min(dt.timedelta(hours=2), (midnight - ctx.now) / 2)
    return [today, ctx.now + dt.timedelta(days=2), ctx.now + dt.timedelta(days=4)]


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(n: int, summary: str, start: dt.datetime, guest: str, *, organizer: str, now: dt.datetime) -> str:
    return "\r\n".join([
        "BEGIN:VEVENT", f"UID:demo-meeting-{n}@ally.demo", f"DTSTAMP:{_stamp(now)}", f"DTSTART:{_stamp(start)}",
        f"DTEND:{_stamp(start + dt.timedelta(minutes=45))}", f"SUMMARY:{summary}", f"ORGANIZER:mailto:{organizer}",
        f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{guest}", "END:VEVENT"])


def _calendar(events: list[str]) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Ally//demo//EN", *events, "END:VCALENDAR", ""])
