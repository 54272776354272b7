from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    """Needs in the customer's words and the buyer's decision journey."""

    name = "ally.opportunities"
    label = "opportunities"
