"""The value app's background work, run by the job queue: refit every workspace whose fit went stale."""

import logging

from django_tasks import task

log = logging.getLogger("ally.value")


@task()
def refit_stale_workspaces() -> int:
    """Refit every workspace whose fit is stale (new purchases, or older than a week); a workspace that
    cannot be fitted is recorded and skipped. Returns how many were refitted."""
    from ally.value.fits import value_fit_if_stale
    from ally.value.stats.errors import ValueModelError
    from ally.workspaces.models import Workspace

    refitted = 0
    for workspace in Workspace.objects.order_by("id"):
        try:
            refitted += value_fit_if_stale(workspace=workspace) is not None
        except ValueModelError as exc:
            log.info("lifetime value for %s not fitted: %s", workspace.slug, exc)
    return refitted
