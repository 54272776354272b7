"""Settings in the browser: a member changes their time zone on their profile, and Today follows their new day."""

import re
import zoneinfo

from django.utils import timezone
from playwright.sync_api import expect

from ally.interactions.services import follow_up_add
from ally.people.services import person_create
from ally.workspaces.audit import acting
from ally.workspaces.models import Membership
from ally.workspaces.services import user_create, workspace_create

# Kiritimati is UTC+14 and Pago Pago UTC-11: at every instant their dates differ, by one day or two.
EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"


def test_a_time_zone_change_on_the_profile_changes_what_today_shows(page, transactional_db):
    with acting(user=None, via="cli"):
        user = user_create(username="tess", password="tess-travels-a-lot", email="tess@acme.example")
        workspace = workspace_create(name="Acme", slug="acme", owner=user, time_zone=WEST)
        east_today = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(EAST)).date()
        person = person_create(workspace=workspace, name="Kai Keeper")
        # a promise due on the day it already is in Kiritimati, and not yet in Pago Pago
        follow_up_add(person=person, text="send the rota template", due_on=east_today)
    page.goto("/login/")
    page.fill("input[name=username]", "tess")
    page.fill("input[name=password]", "tess-travels-a-lot")
    page.click("button[type=submit]")
    page.wait_for_url("**/today/")
    expect(page.get_by_text("send the rota template")).to_have_count(0)

    page.goto("/settings/")
    page.get_by_role("link", name="Profile").click()
    page.select_option("select[name=time_zone]", EAST)
    page.check("input[name=date_style][value=iso]")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    assert Membership.objects.get(user=user).time_zone == EAST

    page.goto("/today/")
    item = page.locator(".today-item", has_text="send the rota template")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("due today")
    expect(item.locator("[title=due]")).to_have_text("Due today")

    # a bad zone sent anyway is refused next to the field
    page.goto("/settings/profile/")
    page.evaluate("document.querySelector('select[name=time_zone]').add(new Option('Mars', 'Mars/Olympus', true, true))")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_time_zone-error")).to_have_text(re.compile("is not a known time zone"))
    assert Membership.objects.get(user=user).time_zone == EAST


def test_the_move_form_shows_the_fields_of_the_chosen_stage(page, demo):
    from ally.opportunities.models import Opportunity
    from tests.browser.conftest import log_in

    log_in(page)
    opportunity = Opportunity.objects.filter(workspace=demo).exclude(
        stage__in=["owning", "not_a_fit", "staying_as_is"]).order_by("pk").first()
    page.goto(f"/opportunities/{opportunity.id}/move/")
    owning = page.locator("fieldset[data-stage-fields=owning]")
    not_a_fit = page.locator("fieldset[data-stage-fields=not_a_fit]")
    page.select_option("select[name=stage]", "owning")
    expect(owning).to_be_visible()
    expect(not_a_fit).to_be_hidden()
    page.select_option("select[name=stage]", "not_a_fit")
    expect(not_a_fit).to_be_visible()
    expect(owning).to_be_hidden()
    expect(page.locator("fieldset[data-stage-fields=staying_as_is]")).to_be_hidden()
