from ally.core import plugins
from ally.core.plugins import NavEntry


class AgendaConfig(plugins.AllyApp):
    """Today: what is due from every app, ranked and explained."""

    name = "ally.agenda"
    label = "agenda"
    urls = "ally.agenda.urls"
    api = "ally.agenda.api"
    cli = "ally.agenda.cli"
    hooks = {"person_suggestion": "ally.agenda.selectors.person_suggestion"}
    nav = (NavEntry("Today", "agenda:today", order=10, paths=("/today/",)),)

    def ready(self):
        # Each app contributes Today items from its own `today.py`; the agenda never imports them by name.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("today")
