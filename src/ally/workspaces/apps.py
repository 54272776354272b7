from ally.core import plugins
from ally.core.plugins import NavEntry


class WorkspacesConfig(plugins.AllyApp):
    """Workspaces, memberships, roles, the audit trail and the request's workspace scope."""

    name = "ally.workspaces"
    label = "workspaces"
    urls = "ally.workspaces.urls"
    api = "ally.workspaces.api"
    cli = "ally.workspaces.cli"
    nav = (NavEntry("Settings", "workspaces:api_tokens", order=90, paths=("/settings/",), area="account"),)
