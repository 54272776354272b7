import datetime as dt

from ally.core import plugins
from ally.core.plugins import DemoStep, NavEntry, PeriodicJob


class CaptureConfig(plugins.AllyApp):
    """Capture: people from address books and interactions from mailboxes, calendars and social networks."""

    name = "ally.capture"
    label = "capture"
    urls = "ally.capture.urls"
    api = "ally.capture.api"
    cli = "ally.capture.cli"
    demo = DemoStep("ally.capture.demo", after=("ownership",))
    nav = (NavEntry("Mailboxes and calendars", "capture:mail_settings", order=50, area="settings",
                    about="Connect a mailbox or a calendar so Ally logs your emails and meetings with people it knows."),)
    jobs = (PeriodicJob("capture.mail_sync", "ally.capture.tasks.sync_mail_accounts", every=dt.timedelta(minutes=15)),
            PeriodicJob("capture.calendar_sync", "ally.capture.tasks.sync_calendar_subscriptions",
                        every=dt.timedelta(minutes=30)))
    hooks = {"interaction_sources": "ally.capture.selectors.interaction_sources",
             "person_contact_details": "ally.capture.services.cards.contact_details_keep",
             "person_avatar": "ally.capture.selectors.person_photo_url"}
