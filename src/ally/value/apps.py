import datetime as dt

from ally.core import plugins
from ally.core.plugins import DemoStep, NavEntry, PeriodicJob


class ValueConfig(plugins.AllyApp):
    """What the customers we made are worth: Customers made (retention, referrals, satisfaction, fixes) and
lifetime value from buy-till-you-die models."""

    name = "ally.value"
    label = "value"
    urls = "ally.value.urls"
    api = "ally.value.api"
    cli = "ally.value.cli"
    demo = DemoStep("ally.value.demo", after=("ownership", "support"))
    nav = (
        # Purchases, check-ins and playbooks are the ownership app's, but a salesperson reaches them from here.
        NavEntry("Customers made", "value:dashboard", order=60,
                 paths=("/customers-made/", "/purchases/", "/check-ins/", "/playbooks/", "/referrals/")),
        NavEntry("Lifetime value", "value:customers", order=70, paths=("/value/",)),
    )
    jobs = (PeriodicJob("value.refit", "ally.value.tasks.refit_stale_workspaces", every=dt.timedelta(hours=1)),)
