from django.apps import AppConfig


class OwnershipConfig(AppConfig):
    """Purchases, ownership check-ins, feedback and referrals."""

    name = "ally.ownership"
    label = "ownership"
