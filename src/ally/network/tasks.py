"""The network app's background work, run by the job queue: rebuilding snapshots whose inputs changed."""

import datetime as dt
import logging

from django_tasks import task

log = logging.getLogger("ally.network")
# Strength decays with time alone, so even a workspace where nothing changed is refreshed once a day.
REFRESH_EVERY = dt.timedelta(days=1)


@task()
def refresh_network(workspace_id: int) -> bool:
    """Refresh one workspace's snapshot if its inputs changed (enqueued after logs, captures and imports)."""
    from ally.workspaces.models import Workspace

    workspace = Workspace.objects.filter(id=workspace_id).first()
    return workspace is not None and refresh_if_stale(workspace) is not None


@task()
def refresh_stale_networks() -> int:
    """Refresh every workspace whose snapshot is stale; returns how many were refreshed."""
    from ally.workspaces.models import Workspace

    return sum(refresh_if_stale(workspace) is not None for workspace in Workspace.objects.order_by("id"))


def refresh_if_stale(workspace, *, now: dt.datetime | None = None):
    from django.utils import timezone

    from ally.network.inputs import fingerprint
    from ally.network.selectors import latest_snapshot
    from ally.network.services import network_refresh

    now = now or timezone.now()
    latest = latest_snapshot(workspace=workspace)
    if latest is not None and latest.fingerprint == fingerprint(workspace=workspace) and \
            now - latest.built_at < REFRESH_EVERY:
        return None
    built = network_refresh(workspace=workspace, now=now)
    log.info("network of %s refreshed: %s people, %s relationships", workspace.slug, built.people, built.relationships)
    return built
