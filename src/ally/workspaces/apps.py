from ally.core import plugins
from ally.core.plugins import NavEntry


class WorkspacesConfig(plugins.AllyApp):
    """Workspaces, memberships, roles, the audit trail and the request's workspace scope."""

    name = "ally.workspaces"
    label = "workspaces"
    urls = "ally.workspaces.urls"
    api = "ally.workspaces.api"
    cli = "ally.workspaces.cli"
    nav = (
        NavEntry("Settings", "workspaces:settings", order=90, paths=("/settings/",), area="account"),
        # The Settings page's cards; other apps add theirs with area="settings".
        NavEntry("Profile", "workspaces:profile", order=10, area="settings",
                 about="Your name, email, time zone and how dates read."),
        NavEntry("Password", "workspaces:password", order=20, area="settings", about="Change your password."),
        NavEntry("Two-factor login", "workspaces:two_factor", order=25, area="settings",
                 about="A code from an authenticator app at every login, and recovery codes."),
        NavEntry("API tokens", "workspaces:api_tokens", order=30, area="settings",
                 about="Keys for scripts and other tools to use Ally's API as you."),
        NavEntry("Workspace", "workspaces:workspace", order=60, area="settings", owners_only=True,
                 about="The workspace's name, currency, phone region, time zone and keep-in-touch default."),
        NavEntry("Team", "workspaces:team", order=70, area="settings", owners_only=True,
                 about="Who has a seat, and in which role."),
        NavEntry("Audit trail", "workspaces:audit", order=80, area="settings", owners_only=True,
                 about="Who changed what, and when."),
    )
