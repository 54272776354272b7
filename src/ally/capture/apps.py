import datetime as dt

from ally.core import plugins
from ally.core.plugins import PeriodicJob


class CaptureConfig(plugins.AllyApp):
    """Capture: people from address books and interactions from mailboxes, calendars and social networks."""

    name = "ally.capture"
    label = "capture"
    urls = "ally.capture.urls"
    api = "ally.capture.api"
    cli = "ally.capture.cli"
    hooks = {"person_avatar": "ally.capture.selectors.person_photo_url"}
    jobs = (PeriodicJob("capture.mail_sync", "ally.capture.tasks.sync_mail_accounts", every=dt.timedelta(minutes=15)),)
