"""The morning email: the member's top Today items, with reasons, openers and links, in their day."""

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from ally.reminders.agenda import member_time, member_today, public_url

DIGEST_ITEMS = 10


@dataclass(frozen=True)
class Digest:
    """One member's email for one of their days; None is built instead when nothing is due."""

    to: str
    day: dt.date
    subject: str
    text: str
    html: str
    item_count: int


def build_digest(*, membership, now=None) -> Digest | None:
    now = now or timezone.now()
    agenda = member_today(membership=membership, limit=DIGEST_ITEMS, now=now)
    if not agenda.items:
        return None
    with member_time(membership):
        day = timezone.localtime(now).date()
    context = {
        "name": membership.display_name, "day": day, "total": agenda.total, "workspace": membership.workspace.name,
        "items": [{"item": item, "link": public_url(item.url)} for item in agenda.items],
        "today_link": public_url("/today/"), "settings_link": public_url("/settings/reminders/"),
    }
    more = f" and {agenda.total - 1} more" if agenda.total > 1 else ""
    subject = f"Today: {agenda.items[0].person_name}{more} ({day:%a} {day.day} {day:%b})"
    return Digest(to=membership.user.email, day=day, subject=subject, item_count=len(agenda.items),
                  text=render_to_string("reminders/digest.txt", context),
                  html=render_to_string("reminders/digest.html", context))
