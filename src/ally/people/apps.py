from ally.core import plugins
from ally.core.plugins import DemoStep, NavEntry


class PeopleConfig(plugins.AllyApp):
    """People, organizations, the little things (facts) and relationships."""

    name = "ally.people"
    label = "people"
    urls = "ally.people.urls"
    api = "ally.people.api"
    cli = "ally.people.cli"
    demo = DemoStep("ally.people.demo")
    hooks = {"member_seated": "ally.people.services.team_member_person_create"}
    nav = (
        # A person's facts, relationships, conversations, follow-ups and introductions are reached from the person.
        NavEntry("People", "people:list", order=20,
                 paths=("/people/", "/facts/", "/relationships/", "/interactions/", "/follow-ups/", "/introductions/")),
        NavEntry("Organizations", "people:organizations", order=30, paths=("/organizations/",)),
    )

    def ready(self):
        # Apps add their panels to the person page from their own `person_sections.py`.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("person_sections")
