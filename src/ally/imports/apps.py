from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Imports and exports of whole workspaces and address books."""

    name = "ally.imports"
    label = "imports"
