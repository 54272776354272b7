from django.apps import AppConfig


class ValueConfig(AppConfig):
    """Customer lifetime value from buy-till-you-die models."""

    name = "ally.value"
    label = "value"
