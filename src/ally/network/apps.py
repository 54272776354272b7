from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """Relationship strength and warm-introduction paths."""

    name = "ally.network"
    label = "network"
