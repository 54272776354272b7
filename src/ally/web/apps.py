from django.apps import AppConfig


class WebConfig(AppConfig):
    """Shared page layout, static assets and page components."""

    name = "ally.web"
    label = "web"
