from ally.core import plugins


class CaptureConfig(plugins.AllyApp):
    """Capture: people from address books and interactions from mailboxes, calendars and social networks."""

    name = "ally.capture"
    label = "capture"
    urls = "ally.capture.urls"
    api = "ally.capture.api"
    cli = "ally.capture.cli"
