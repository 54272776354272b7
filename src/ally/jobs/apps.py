from ally.core import plugins


class JobsConfig(plugins.AllyApp):
    """The one job queue (django-tasks with its database backend): background work and periodic jobs."""

    name = "ally.jobs"
    label = "jobs"
    urls = "ally.jobs.urls"
    cli = "ally.jobs.cli"
