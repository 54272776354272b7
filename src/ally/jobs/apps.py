from ally.core import plugins
from ally.core.plugins import NavEntry


class JobsConfig(plugins.AllyApp):
    """The one job queue (django-tasks with its database backend): background work and periodic jobs."""

    name = "ally.jobs"
    label = "jobs"
    urls = "ally.jobs.urls"
    cli = "ally.jobs.cli"
    nav = (NavEntry("Background jobs", "jobs:list", order=90, area="settings", owners_only=True,
                    about="What Ally is doing in the background, and what failed."),)
