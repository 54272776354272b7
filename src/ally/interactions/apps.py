from ally.core import plugins
from ally.core.plugins import DemoStep


class InteractionsConfig(plugins.AllyApp):
    """Interactions, the person's timeline and follow-up promises."""

    name = "ally.interactions"
    label = "interactions"
    urls = "ally.interactions.urls"
    api = "ally.interactions.api"
    cli = "ally.interactions.cli"
    demo = DemoStep("ally.interactions.demo", after=("people",))
