"""One clock: "today", "this month" and every date default are the member's, in their time zone.

Every edge activates the zone before it calls a service or selector, so `timezone.localdate()` and
`timezone.localtime()` mean the member's day everywhere below:
- pages: `WorkspaceMiddleware`, for the signed-in member;
- the API: the bearer token's member (`ally.api.urls.BearerToken`);
- the CLI: `--member` when a command has it, otherwise the workspace's own zone (the default of
  its members), through `ally.workspaces.cli.resolve_workspace` and `resolve_member`.
"""

import zoneinfo

from django.utils import timezone


def zone_of(*, workspace=None, membership=None) -> zoneinfo.ZoneInfo:
    """The member's own zone, else their workspace's, else UTC."""
    if membership is not None:
        return zoneinfo.ZoneInfo(membership.effective_time_zone)
    if workspace is not None:
        return zoneinfo.ZoneInfo(workspace.time_zone or "UTC")
    return zoneinfo.ZoneInfo("UTC")


def activate_member_time(*, workspace=None, membership=None) -> zoneinfo.ZoneInfo:
    """Make the member's (or the workspace's) zone the current one for the rest of this request or command."""
    zone = zone_of(workspace=workspace, membership=membership)
    timezone.activate(zone)
    return zone
