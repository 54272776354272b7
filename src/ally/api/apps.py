from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API (django-ninja), one router per domain app."""

    name = "ally.api"
    label = "api"
