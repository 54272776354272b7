"""The daily loop in a real browser: Today → an overdue person → log a call → they leave the overdue list."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from ally.people.models import Person
from tests.browser.conftest import log_in


def test_logging_a_call_takes_an_overdue_person_off_today(page, demo):
    # given the demo workspace and its Today list
    log_in(page)
    overdue = page.locator("#today-items li[data-kind=keep_in_touch]").first
    expect(overdue).to_be_visible()
    name = overdue.locator("strong").inner_text()
    person_id = int(re.search(r"/people/(\d+)/", overdue.locator("a").first.get_attribute("href")).group(1))
    # when we open the overdue person and log a call
    overdue.locator("a").first.click()
    expect(page.locator("h1")).to_have_text(name)
    page.select_option("#log select[name=kind]", "call")
    page.fill("textarea[name=summary]", "Called to ask how the spring plans are going")
    page.click("#log button[type=submit]")
    # then the call is on the timeline, without a page load
    expect(page.locator("#timeline li").first).to_contain_text("Called to ask how the spring plans are going")
    expect(page.locator("#keep-in-touch")).to_contain_text("Keep in touch")
    # and the person has left the overdue list on Today
    page.click("nav.mainnav >> text=Today")
    expect(page.locator("#today-items")).to_be_visible()
    kinds = page.locator(f"#today-items li:has(strong:text-is('{name}'))").evaluate_all(
        "items => items.map(i => i.dataset.kind)")
    assert "keep_in_touch" not in kinds
    # and their keep-in-touch clock starts again from the call
    person = Person.objects.get(workspace=demo, id=person_id)
    assert timezone.now() - person.last_contact_at < dt.timedelta(minutes=5)
    assert person.touch_due_at > timezone.now()


def test_a_bad_log_shows_the_error_next_to_the_field(page, demo):
    log_in(page)
    page.goto("/people/")
    page.locator("#people-rows a").first.click()
    page.fill("textarea[name=summary]", "")
    page.click("#log button[type=submit]")
    expect(page.locator("#log .error")).to_contain_text("This field is required")


def test_people_search_filters_as_you_type(page, demo):
    log_in(page)
    page.goto("/people/")
    first, last = Person.objects.filter(workspace=demo, membership__isnull=True).order_by("name")[::39][:2]
    expect(page.locator("#people-rows")).to_contain_text(first.name)
    page.fill("#people-q", last.name)
    expect(page.locator("#people-rows")).not_to_contain_text(first.name)
    expect(page.locator("#people-rows")).to_contain_text(last.name)
    expect(page).to_have_url(re.compile(r"q="))
