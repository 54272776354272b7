from ally.core import plugins
from ally.core.plugins import NavEntry


class WebConfig(plugins.AllyApp):
    """Shared page layout, static assets, search and the home page."""

    name = "ally.web"
    label = "web"
    urls = "ally.web.urls"
    nav = (NavEntry("Style guide", "web:styleguide", order=95, area="settings",
                    about="The parts every page is built from: type, colours, cards, badges, forms."),)
