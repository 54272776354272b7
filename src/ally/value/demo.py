"""Demo step: fit lifetime value on the purchases the earlier steps made, so the value page, the person
panels and Today's "value at risk" have something to show. Runs last among the purchase makers."""

from ally.value.errors import ValueModelError
from ally.value.services import value_fit


def populate(ctx) -> None:
    advance = ctx.progress("lifetime value fit", 1)
    try:
        fitted = value_fit(workspace=ctx.workspace, now=ctx.now)
    except ValueModelError as exc:
        ctx.notes.append(f"Lifetime value not fitted: {exc}.")
        print(f"Lifetime value not fitted: {exc}.")
    else:
        ctx.notes.append(f"Lifetime value fitted on {fitted.customers:,} customers.")
    advance(1)
