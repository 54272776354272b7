"""Reads for reminders, each scoped to one member of one workspace."""

from ally.reminders.models import CalendarFeed, DigestDelivery, DigestSubscription
from ally.workspaces.models import hash_token


def feed_for_secret(*, raw: str) -> CalendarFeed | None:
    """The live feed a secret address opens, with its member and workspace; None for an unknown or revoked one."""
    return (CalendarFeed.objects.select_related("membership__workspace", "membership__user", "workspace")
            .filter(secret_hash=hash_token(raw or ""), membership__user__is_active=True).first())


def member_feed(*, membership) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(workspace_id=membership.workspace_id, membership=membership).first()


def member_digest(*, membership) -> DigestSubscription | None:
    return DigestSubscription.objects.filter(workspace_id=membership.workspace_id, membership=membership).first()


def recent_deliveries(*, membership, limit: int = 7) -> list[DigestDelivery]:
    """The member's last few morning emails and what became of each."""
    return list(DigestDelivery.objects.filter(workspace_id=membership.workspace_id, membership=membership)[:limit])
