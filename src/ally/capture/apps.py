import datetime as dt

from ally.core import plugins
from ally.core.plugins import NavEntry, PeriodicJob


class CaptureConfig(plugins.AllyApp):
    """Capture: people from address books and interactions from mailboxes, calendars and social networks."""

    name = "ally.capture"
    label = "capture"
    urls = "ally.capture.urls"
    api = "ally.capture.api"
    cli = "ally.capture.cli"
    nav = (NavEntry("Mailboxes", "capture:mail_settings", order=50, area="settings",
                    about="Connect a mailbox so Ally logs your emails with people it knows."),)
    jobs = (PeriodicJob("capture.mail_sync", "ally.capture.tasks.sync_mail_accounts", every=dt.timedelta(minutes=15)),)
