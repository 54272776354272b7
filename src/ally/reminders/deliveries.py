"""Morning emails out exactly once a day: each member's day is claimed by inserting its row, then sent.

The unique (workspace, member, day) row is the claim, as a JobSlot is for periodic jobs: two schedulers
or two workers that both find a member due cannot both insert it, so no member gets two emails a day.
A failed send is kept (status failed, why, how many tries) and claimed again by the next sweep, up to
MAX_ATTEMPTS times, by a conditional update only one worker can win. These are the job queue's own
bookkeeping, not a member's writes, so they keep no audit entry (like JobSlot).
"""

import datetime as dt
import smtplib

from django.db import IntegrityError, transaction
from django.utils import timezone

from ally.reminders import mail
from ally.reminders.digest import build_digest
from ally.reminders.models import DigestDelivery, DigestSubscription
from ally.workspaces.clock import zone_of

MAX_ATTEMPTS = 5
ERROR_LENGTH = 500


class DigestNotSent(Exception):
    """The mail server (or its configuration) refused a morning email; the delivery row says why."""


def due_now(now: dt.datetime) -> list[tuple[DigestSubscription, dt.date]]:
    """Members whose chosen local time has come today, with their local day."""
    due = []
    for subscription in DigestSubscription.objects.filter(enabled=True, membership__user__is_active=True).select_related(
            "membership__workspace", "membership__user"):
        local = now.astimezone(zone_of(membership=subscription.membership))
        if local.time() >= subscription.send_at:
            due.append((subscription, local.date()))
    return due


def claim(*, membership, day: dt.date) -> DigestDelivery | None:
    """The member's row for `day`, newly claimed; None when someone claimed it already."""
    try:
        with transaction.atomic():
            return DigestDelivery.objects.create(workspace_id=membership.workspace_id, membership=membership, day=day)
    except IntegrityError:
        return None


def reclaim_failed(*, membership, day: dt.date) -> DigestDelivery | None:
    """A failed row of `day` with tries left, claimed again; None when there is none or another worker won."""
    failed = DigestDelivery.objects.filter(workspace_id=membership.workspace_id, membership=membership, day=day,
                                           status=DigestDelivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS).first()
    if failed is None:
        return None
    won = DigestDelivery.objects.filter(id=failed.id, status=DigestDelivery.Status.FAILED,
                                        attempts=failed.attempts).update(status=DigestDelivery.Status.CLAIMED)
    return failed if won else None


def _finish(delivery: DigestDelivery, status: str, **fields) -> None:
    delivery.status = status
    for name, value in fields.items():
        setattr(delivery, name, value)
    delivery.save(update_fields=["status", *fields])


def deliver(delivery: DigestDelivery, *, now: dt.datetime | None = None) -> str:
    """Send a claimed row's email (or note that nothing was due); the status it ends in.

    Raises DigestNotSent after recording the failure, so the job that ran it shows as failed, with why."""
    digest = build_digest(membership=delivery.membership, now=now)
    if digest is None:
        _finish(delivery, DigestDelivery.Status.NOTHING_DUE, item_count=0)
        return delivery.status
    attempts = delivery.attempts + 1
    try:
        if not digest.to:
            raise DigestNotSent(f"{delivery.membership.user.username} has no email address")
        mail.send(to=digest.to, subject=digest.subject, text=digest.text, html=digest.html)
    except (DigestNotSent, mail.MailNotConfigured, smtplib.SMTPException, OSError) as exc:
        _finish(delivery, DigestDelivery.Status.FAILED, attempts=attempts, error=str(exc)[:ERROR_LENGTH])
        raise DigestNotSent(f"morning email to {delivery.membership.user.username} not sent: {exc}") from exc
    _finish(delivery, DigestDelivery.Status.SENT, attempts=attempts, error="", item_count=digest.item_count,
            sent_at=timezone.now())
    return delivery.status


def claim_due(now: dt.datetime) -> list[DigestDelivery]:
    """Every row this sweep won: members newly due today, and today's failures with tries left."""
    won = []
    for subscription, day in due_now(now):
        delivery = claim(membership=subscription.membership, day=day) or \
            reclaim_failed(membership=subscription.membership, day=day)
        if delivery is not None:
            won.append(delivery)
    return won
