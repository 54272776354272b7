"""What the ownership commands share."""

from ally.core.cli import domain_errors


def resolve_offering(workspace, reference: str | None):
    """The offering named by `--offering` (an id or a name), or None when the option was not given."""
    if not reference:
        return None
    from ally.ownership.selectors import offering_by_reference

    with domain_errors():
        return offering_by_reference(workspace=workspace, reference=reference)


