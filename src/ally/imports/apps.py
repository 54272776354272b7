from ally.core import plugins
from ally.core.plugins import NavEntry


class ImportsConfig(plugins.AllyApp):
    """Imports and exports of whole workspaces and address books; merging duplicates."""

    name = "ally.imports"
    label = "imports"
    urls = "ally.imports.urls"
    api = "ally.imports.api"
    cli = "ally.imports.cli"
    nav = (NavEntry("Import and export", "imports:import", order=40, area="settings",
                    about="Bring in a spreadsheet of contacts; download your people or the whole workspace."),)
