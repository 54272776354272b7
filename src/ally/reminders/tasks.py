"""The morning emails' background work, run by the job queue."""

from django_tasks import task


@task()
def send_due_digests() -> int:
    """Claim every member's email whose local time has come (and today's failures to retry), and queue one
    job per email, so a failure shows on the jobs page of that member's workspace. How many were queued."""
    from django.db import transaction
    from django.utils import timezone

    from ally.reminders.deliveries import claim_due

    with transaction.atomic():
        # Claimed and queued together: a claim whose job was never queued would keep that day's email unsent.
        won = claim_due(timezone.now())
        for delivery in won:
            send_digest.enqueue(workspace_id=delivery.workspace_id, delivery_id=delivery.id)
    return len(won)


@task()
def send_digest(*, workspace_id: int, delivery_id: int) -> str:
    """Send one claimed morning email; fails (and is retried by the next sweep) when the mail server refuses."""
    from ally.reminders.deliveries import deliver
    from ally.reminders.models import DigestDelivery

    delivery = DigestDelivery.objects.select_related("membership__workspace", "membership__user").filter(
        id=delivery_id, workspace_id=workspace_id).first()
    if delivery is None or delivery.status != DigestDelivery.Status.CLAIMED:
        return "already handled"
    return deliver(delivery)
