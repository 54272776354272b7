"""The member's calendar feed: their Today, a year ahead, as an iCalendar document.

- Every event's UID names the member and the thing (the promise, the check-in, the person's birthday),
  never its date, so a calendar moves an event whose date changes instead of duplicating it.
- Things without a time are all-day events (a DATE, not a midnight in some zone); a case's SLA deadline
  is a moment, written in UTC so every calendar shows it at the right local time.
- Birthdays and little things that recur are one event with a yearly RRULE from their next date.
- What is already late sits on the member's today (its reason says how late), where they will look.
"""

import datetime as dt
import hashlib

import icalendar
from django.utils import timezone

from ally.reminders.agenda import member_time, member_today, public_url

FEED_HORIZON_DAYS = 366
# The most pressing items of the year ahead: serialising an event costs icalendar about a millisecond, so a
# workspace of thousands of birthdays would otherwise make every rendering take seconds. Nearer dates rank
# first, so a far birthday cut today joins the feed as it comes closer.
FEED_LIMIT = 500
SLA_EVENT_MINUTES = 15
# Which detail names the thing an item is about; items without one are about the person themselves.
THING_KEYS = ("follow_up_id", "check_in_id", "case_id", "question_id", "need_id", "opportunity_id", "fact_id")


def uid(item, membership) -> str:
    key = next((f"{name.removesuffix('_id')}-{item.details[name]}" for name in THING_KEYS if name in item.details),
               f"person-{item.person_id}")
    return f"{item.kind}-{key}-m{membership.id}@ally-w{membership.workspace_id}"


def _recurs(item) -> bool:
    return item.kind == "birthday" or bool(item.details.get("recurs_yearly"))


def _description(item) -> str:
    return f"{item.reason}\n\n{item.opener}\n\n{public_url(item.url)}"


def event(item, *, membership, today: dt.date, stamp: dt.datetime) -> icalendar.Event:
    happening = icalendar.Event()
    happening.add("uid", uid(item, membership))
    happening.add("dtstamp", stamp)
    happening.add("summary", f"{item.label}: {item.person_name}")
    happening.add("description", _description(item))
    happening.add("url", public_url(item.url))
    happening.add("categories", [item.label])
    deadline = item.details.get("deadline")
    if deadline:
        start = dt.datetime.fromisoformat(deadline).astimezone(dt.UTC)
        happening.add("dtstart", start)
        happening.add("dtend", start + dt.timedelta(minutes=SLA_EVENT_MINUTES))
        return happening
    day = item.due if _recurs(item) else max(item.due, today)
    happening.add("dtstart", day)
    happening.add("dtend", day + dt.timedelta(days=1))
    happening.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it must not mark the member busy
    if _recurs(item):
        happening.add("rrule", {"freq": "yearly"})
    return happening


def calendar_document(*, membership, now=None) -> bytes:
    """The whole feed for the member as of now (their day, their zone)."""
    now = now or timezone.now()
    agenda = member_today(membership=membership, limit=FEED_LIMIT, horizon_days=FEED_HORIZON_DAYS, now=now)
    with member_time(membership):
        today = timezone.localtime(now).date()
        # One stamp per local day: the document (and its ETag) changes only when what is in it changes.
        stamp = timezone.make_aware(dt.datetime.combine(today, dt.time())).astimezone(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Ally//Today//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Ally: Today for {membership.display_name}")
    calendar.add("x-wr-timezone", membership.effective_time_zone)
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    for item in agenda.items:
        calendar.add_component(event(item, membership=membership, today=today, stamp=stamp))
    return calendar.to_ical()


def etag(document: bytes) -> str:
    return '"' + hashlib.sha256(document).hexdigest()[:32] + '"'
