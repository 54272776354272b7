from ally.core import plugins
from ally.core.plugins import DemoStep, NavEntry


class OpportunitiesConfig(plugins.AllyApp):
    """Needs in the customer's words and the buyer's decision journey."""

    name = "ally.opportunities"
    label = "opportunities"
    urls = "ally.opportunities.urls"
    api = "ally.opportunities.api"
    cli = "ally.opportunities.cli"
    demo = DemoStep("ally.opportunities.demo", after=("interactions",))
    nav = (NavEntry("Opportunities", "opportunities:board", order=40, paths=("/opportunities/", "/needs/", "/customer-questions/")),)
