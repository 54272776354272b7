from django.apps import AppConfig


class AgendaConfig(AppConfig):
    """Today: what is due from every app, ranked and explained."""

    name = "ally.agenda"
    label = "agenda"

    def ready(self):
        # Each app contributes Today items from its own `today.py`; the agenda never imports them by name.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("today")
