"""Writes for reminders: a member's calendar feed address and their morning email settings."""

import datetime as dt
import secrets

from django.utils import timezone

from ally.core.errors import ValidationError
from ally.reminders.models import CalendarFeed, DigestSubscription
from ally.workspaces.audit import audit_record, audited, diff
from ally.workspaces.models import hash_token

SECRET_PREFIX = "cal_"


@audited(own_account=True)
def calendar_feed_create(*, membership) -> tuple[CalendarFeed, str]:
    """Give the member a feed address, or a new one in place of the old (which stops working at once).

    The raw secret is returned once and never stored."""
    raw = SECRET_PREFIX + secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.filter(workspace_id=membership.workspace_id, membership=membership).first()
    if feed is None:
        feed = CalendarFeed.objects.create(workspace_id=membership.workspace_id, membership=membership,
                                           prefix=raw[:12], secret_hash=hash_token(raw))
        action, changes = "calendar_feed.created", {"prefix": [None, feed.prefix]}
    else:
        old_prefix = feed.prefix
        feed.prefix, feed.secret_hash, feed.rotated_at = raw[:12], hash_token(raw), timezone.now()
        feed.save(update_fields=["prefix", "secret_hash", "rotated_at"])
        action, changes = "calendar_feed.rotated", {"prefix": [old_prefix, feed.prefix]}
    audit_record(workspace=membership.workspace_id, action=action, target=feed,
                 changes=changes | {"member": [None, membership.user.username]})
    return feed, raw


@audited(own_account=True)
def calendar_feed_revoke(*, membership) -> bool:
    """Delete the member's feed address (it answers 404 from now on); False when they had none."""
    feed = CalendarFeed.objects.filter(workspace_id=membership.workspace_id, membership=membership).first()
    audit_record(workspace=membership.workspace_id, action="calendar_feed.revoked", target=feed,
                 object_type="calendarfeed", label=f"calendar feed of {membership.user.username}",
                 changes={"prefix": [feed.prefix, None]} if feed else {})
    if feed is None:
        return False
    feed.delete()
    return True


def _send_at(value) -> dt.time:
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    text = str(value or "").strip()
    try:
        hours, minutes = text.split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise ValidationError({"at": f"'{text}' is not a time of day (use HH:MM, e.g. 07:30)"}) from None


@audited(own_account=True)
def digest_settings_update(*, membership, enabled: bool, send_at=None) -> DigestSubscription:
    """Turn the member's morning email on at a local time (HH:MM in their zone), or off."""
    subscription = DigestSubscription.objects.filter(workspace_id=membership.workspace_id,
                                                     membership=membership).first()
    if enabled and send_at is None and subscription is None:
        raise ValidationError({"at": "choose the local time the email goes out (HH:MM)"})
    if enabled and not membership.user.email:
        raise ValidationError({"enabled": "your login has no email address to send it to"})
    at = _send_at(send_at) if send_at is not None else (subscription.send_at if subscription else dt.time(7, 30))
    before = {"enabled": subscription.enabled, "send_at": subscription.send_at.strftime("%H:%M")} \
        if subscription else {}
    if subscription is None:
        subscription = DigestSubscription.objects.create(workspace_id=membership.workspace_id, membership=membership,
                                                         enabled=enabled, send_at=at)
    else:
        subscription.enabled, subscription.send_at = enabled, at
        subscription.save(update_fields=["enabled", "send_at", "updated_at"])
    audit_record(workspace=membership.workspace_id, action="digest.settings_changed", target=subscription,
                 changes=diff(before, {"enabled": enabled, "send_at": at.strftime("%H:%M")}))
    return subscription
