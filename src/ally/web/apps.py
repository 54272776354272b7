from ally.core import plugins


class WebConfig(plugins.AllyApp):
    """Shared page layout, static assets, search and the home page."""

    name = "ally.web"
    label = "web"
    urls = "ally.web.urls"
