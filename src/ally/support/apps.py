from ally.core import plugins
from ally.core.plugins import DemoStep, NavEntry


class SupportConfig(plugins.AllyApp):
    """Cases: the client's problems with us, championed inside the company."""

    name = "ally.support"
    label = "support"
    urls = "ally.support.urls"
    api = "ally.support.api"
    cli = "ally.support.cli"
    demo = DemoStep("ally.support.demo", after=("ownership",))
    nav = (NavEntry("Cases", "support:cases", order=50, paths=("/cases/",)),)
