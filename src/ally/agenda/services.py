"""Today's own writes: snoozing an item until a day. Done and "log a contact" go through the services of the
apps that own the things (promises, check-ins, questions, interactions)."""

import datetime as dt

from django.utils import timezone

from ally.agenda.models import Snooze
from ally.core.validation import clean_date, raise_errors
from ally.workspaces.audit import audit_record, audited

# A snooze puts something aside for a while, not forever: at most a year.
SNOOZE_MAX_DAYS = 366


@audited
def today_item_snooze(*, workspace, membership, item, until) -> Snooze:
    """Hide one of the member's Today items until `until` (a day after today in their time zone, at most
    a year ahead); it shows again that day if it is still due. Snoozing again moves the day."""
    errors: dict[str, str] = {}
    until = clean_date(until, "until", errors, required=True)
    today = timezone.localdate()
    if "until" not in errors:
        if until <= today:
            errors["until"] = f"must be after today ({today:%Y-%m-%d})"
        elif until > today + dt.timedelta(days=SNOOZE_MAX_DAYS):
            errors["until"] = "must be within a year"
    raise_errors(errors)
    before = Snooze.objects.filter(workspace=workspace, membership=membership, item=item.key).values_list(
        "until", flat=True).first()
    snooze, _ = Snooze.objects.update_or_create(workspace=workspace, membership=membership, item=item.key,
                                                defaults={"until": until, "person_id": item.person_id})
    audit_record(workspace=workspace, action="today.snoozed", target=snooze, person_id=item.person_id,
                 changes={"item": [None, item.key], "until": [before, until]})
    return snooze
