"""Capture's background work, run by the job queue: sync every connected mailbox and calendar feed."""

from django_tasks import task


@task()
def sync_mail_accounts() -> int:
    """Sync each mail account in turn (one at a time per account, as the queue runs one of these at once).

    Returns how many accounts were synced; an account's failure is its last error, not the job's.
    """
    from ally.capture.models import MailAccount
    from ally.capture.services.accounts import mail_account_sync
    from ally.workspaces.audit import acting

    synced = 0
    with acting(via="system"):
        for account in MailAccount.objects.select_related("workspace", "member").order_by("id"):
            mail_account_sync(account=account)
            synced += 1
    return synced


@task()
def sync_calendar_subscriptions() -> int:
    """Read every subscribed calendar feed again, one after the other; a feed's failure is its last error."""
    from ally.capture.models import CalendarSubscription
    from ally.capture.services.calendar import calendar_subscription_sync
    from ally.workspaces.audit import acting

    synced = 0
    with acting(via="system"):
        for subscription in CalendarSubscription.objects.select_related("workspace", "member__user").order_by("id"):
            calendar_subscription_sync(subscription=subscription)
            synced += 1
    return synced
