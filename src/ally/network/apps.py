import datetime as dt

from ally.core import plugins
from ally.core.plugins import DemoStep, PeriodicJob


class NetworkConfig(plugins.AllyApp):
    """Relationship strength and warm introductions: who on the team knows whom, and who can introduce us."""

    name = "ally.network"
    label = "network"
    urls = "ally.network.urls"
    api = "ally.network.api"
    cli = "ally.network.cli"
    demo = DemoStep("ally.network.demo", after=("ownership",))
    jobs = (PeriodicJob("network.refresh", "ally.network.tasks.refresh_stale_networks",
                        every=dt.timedelta(minutes=15)),)

    hooks = {"person_strength": "ally.network.selectors.annotate_team_strength"}

    def ready(self):
        from ally.network import signals

        signals.connect()
