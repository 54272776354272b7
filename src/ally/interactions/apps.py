from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    """Interactions, the person's timeline and follow-up promises."""

    name = "ally.interactions"
    label = "interactions"
