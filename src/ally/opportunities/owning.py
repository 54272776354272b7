"""The purchase behind a move to owning is kept by the app that keeps purchases (ownership), which sits above
this one: this app reaches it only through that app's `opportunity_owned` hook."""

from ally.core.errors import ValidationError
from ally.core.plugins import hook_functions


def record_owning_purchase(*, opportunity, **purchase):
    """The purchase behind a move to owning, recorded by the app that keeps purchases (the ownership app's
    `opportunity_owned` hook: it sits above this app, so this app only knows it through the hook)."""
    recorders = hook_functions("opportunity_owned")
    if len(recorders) != 1:
        raise ValidationError({"stage": "owning needs exactly one app that records purchases"})
    return recorders[0](opportunity=opportunity, **purchase)


