from ally.core import plugins
from ally.core.plugins import DemoStep


class OwnershipConfig(plugins.AllyApp):
    """Purchases, ownership check-ins, feedback and referrals."""

    name = "ally.ownership"
    label = "ownership"
    urls = "ally.ownership.urls"
    api = "ally.ownership.api"
    cli = "ally.ownership.cli"
    demo = DemoStep("ally.ownership.demo", after=("opportunities",))
    hooks = {"opportunity_owned": "ally.ownership.services.purchase_for_owning"}
