"""Lifetime value refits beside the web server: every workspace whose fit went stale is refitted, so no
page ever fits a model inside a request and a single-machine install needs no cron."""

import logging
import threading
import time

REFIT_INTERVAL_SECONDS = 3600
log = logging.getLogger("ally.value")


def refit_stale_workspaces() -> None:
    """Refit every workspace whose fit is stale; a workspace that cannot be fitted is recorded and skipped."""
    from ally.value.fits import value_fit_if_stale
    from ally.value.stats.errors import ValueModelError
    from ally.workspaces.models import Workspace

    for workspace in Workspace.objects.order_by("id"):
        try:
            value_fit_if_stale(workspace=workspace)
        except ValueModelError as exc:
            log.info("lifetime value for %s not fitted: %s", workspace.slug, exc)


def start_background_refits(interval_seconds: float = REFIT_INTERVAL_SECONDS) -> threading.Thread:
    """Check every workspace's fit at start-up and then hourly, in a daemon thread beside the web server,
    so a page never has to fit and a single-machine install needs no cron."""
    from django.db import connection

    def loop():
        while True:
            try:
                refit_stale_workspaces()
            except Exception:  # the web server must outlive a failed refit; the next round tries again
                log.exception("background lifetime value refit failed")
            finally:
                connection.close()
            time.sleep(interval_seconds)

    thread = threading.Thread(target=loop, name="ally-value-refits", daemon=True)
    thread.start()
    return thread
