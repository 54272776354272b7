from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """People, organizations, the little things (facts) and relationships."""

    name = "ally.people"
    label = "people"

    def ready(self):
        # Apps add their panels to the person page from their own `person_sections.py`.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("person_sections")
