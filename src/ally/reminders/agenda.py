"""A member's Today, read the way the agenda ranks it, in the member's own time zone.

Both the calendar feed and the morning email run outside a signed-in request (a calendar app fetching
the address, the job queue), so nothing has activated the member's zone: this does, for the read only.
"""

import contextlib

from django.conf import settings
from django.utils import timezone

from ally.agenda.selectors import Today, today
from ally.workspaces.clock import zone_of

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


@contextlib.contextmanager
def member_time(membership):
    """The member's zone for the block: `timezone.localdate()` is their day inside it."""
    with timezone.override(zone_of(membership=membership)):
        yield


def member_today(*, membership, limit: int, horizon_days: int = 14, now=None) -> Today:
    with member_time(membership):
        return today(workspace=membership.workspace, user=membership.user, membership=membership, now=now,
                     limit=limit, horizon_days=horizon_days)


def public_url(path: str = "") -> str:
    """An absolute link into Ally for mail and calendars, which have no request to build one from."""
    base = (getattr(settings, "ALLY_PUBLIC_URL", "") or DEFAULT_PUBLIC_URL).rstrip("/")
    return base + path
