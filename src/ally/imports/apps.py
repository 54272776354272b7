from ally.core import plugins


class ImportsConfig(plugins.AllyApp):
    """Imports and exports of whole workspaces and address books; merging duplicates."""

    name = "ally.imports"
    label = "imports"
    urls = "ally.imports.urls"
    api = "ally.imports.api"
    cli = "ally.imports.cli"
