from ally.core import plugins
from ally.core.plugins import NavEntry


class CoachingConfig(plugins.AllyApp):
    """The conversation coach: from a call's transcript, is the seller asking or telling?"""

    name = "ally.coaching"
    label = "coaching"
    urls = "ally.coaching.urls"
    api = "ally.coaching.api"
    cli = "ally.coaching.cli"
    nav = (NavEntry("Coaching", "coaching:team", order=65, paths=("/coaching/",)),)
    hooks = {
        "customers_made_section": "ally.coaching.summary.customers_made_section",
        "interaction_section": "ally.coaching.summary.interaction_section",
    }
