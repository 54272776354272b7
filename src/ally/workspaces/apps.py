from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    """Workspaces, memberships and the request's workspace scope."""

    name = "ally.workspaces"
    label = "workspaces"
