import datetime as dt

from ally.core import plugins
from ally.core.plugins import NavEntry, PeriodicJob


class RemindersConfig(plugins.AllyApp):
    """Today outside Ally: a private calendar feed and a morning email, for each member who wants them."""

    name = "ally.reminders"
    label = "reminders"
    urls = "ally.reminders.urls"
    api = "ally.reminders.api"
    cli = "ally.reminders.cli"
    nav = (NavEntry("Reminders", "reminders:settings", order=85, paths=("/settings/reminders/",), area="account"),
           NavEntry("Reminders", "reminders:settings", order=40, area="settings",
                    about="Today in your calendar, and a morning email."))
    # Every few minutes, so an email set for 07:30 goes out by 07:35 in the member's zone.
    jobs = (PeriodicJob("reminders.digests", "ally.reminders.tasks.send_due_digests",
                        every=dt.timedelta(minutes=5)),)
