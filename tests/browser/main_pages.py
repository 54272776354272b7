"""The pages a browser test walks: every page of the main navigation, the settings pages and one of every kind of
object (the busiest person, so the longest person page), in a demo workspace."""

from django.db.models import Count
from django.urls import reverse

from ally.core.plugins import nav_entries

SETTINGS = ("/settings/tokens/", "/settings/team/", "/settings/audit/", "/settings/password/", "/settings/jobs/",
            "/settings/mail/", "/settings/reminders/", "/settings/styleguide/")


def main_pages(workspace) -> list[str]:
    from ally.interactions.models import Interaction
    from ally.opportunities.models import Opportunity
    from ally.ownership.models import CheckIn, Purchase
    from ally.people.models import Organization, Person
    from ally.support.models import Case

    def first(model, **more):
        row = model.objects.filter(workspace=workspace, **more).order_by("pk").first()
        assert row is not None, f"the demo has no {model.__name__}"
        return row.pk

    person = (Person.objects.filter(workspace=workspace).annotate(n=Count("purchases"))
              .order_by("-n", "pk").first().pk)
    interaction = first(Interaction)
    navigation = [reverse(entry.url_name) for area in ("main", "account") for entry in nav_entries(area)]
    objects = [f"/people/{person}/", f"/people/{person}/brief/", f"/people/{person}/edit/",
               f"/organizations/{first(Organization)}/", f"/opportunities/{first(Opportunity)}/",
               f"/cases/{first(Case)}/", f"/purchases/{first(Purchase)}/", f"/check-ins/{first(CheckIn)}/",
               f"/interactions/{interaction}/coaching/", "/people/new/", "/today/losing-touch/", "/check-ins/",
               "/purchases/", "/opportunities/all/", "/search/?q=a"]
    return list(dict.fromkeys(navigation + objects + list(SETTINGS)))
