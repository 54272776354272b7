from django.apps import AppConfig


class SupportConfig(AppConfig):
    """Cases: the client's problems with us, championed inside the company."""

    name = "ally.support"
    label = "support"
