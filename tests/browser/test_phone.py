"""Ally on a 390 px phone: no page scrolls sideways, the navigation folds into a menu that works by keyboard,
and tables stack into rows."""

from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.main_pages import main_pages

PHONE = {"width": 390, "height": 844}


def test_no_page_scrolls_sideways_on_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    log_in(page)
    too_wide = []
    pages = main_pages(demo)
    for address in pages:
        response = page.goto(address)
        assert response.status == 200, address
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprits = page.evaluate("""() => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > 391).slice(0, 3)
                .map(e => e.tagName + '.' + (e.getAttribute('class') || '') + ' ' + Math.round(e.getBoundingClientRect().right))""")
            too_wide.append(f"{address}: {width} px ({culprits})")
    assert not too_wide, "\n".join(too_wide)
    assert len(pages) >= 25


def test_the_navigation_folds_into_a_menu_that_works_by_keyboard(page, demo):
    page.set_viewport_size(PHONE)
    log_in(page)
    toggle = page.locator("button.menu-toggle")
    today_link = page.locator("nav.mainnav a", has_text="People")
    # the navigation takes one row: the brand and the Menu button
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(today_link).to_be_hidden()
    assert page.locator("header.topbar").bounding_box()["height"] < 70
    # Enter on the focused button opens it, and the current section is marked
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(today_link).to_be_visible()
    expect(page.locator("nav.mainnav a[aria-current=page]")).to_have_text("Today")
    # Tab reaches the links in order; Escape closes the menu and gives the focus back
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#site-menu') !== null")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    # Space opens it again, and a link in it goes there
    page.keyboard.press("Space")
    today_link.click()
    page.wait_for_url("**/people/")
    expect(page.locator("nav.mainnav a[aria-current=page]")).to_have_text("People", use_inner_text=True)


def test_on_a_laptop_the_navigation_is_one_bar_without_a_menu_button(page, demo):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page)
    expect(page.locator("button.menu-toggle")).to_be_hidden()
    expect(page.locator("nav.mainnav a", has_text="People")).to_be_visible()


def test_tables_stack_into_labelled_rows_on_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    log_in(page)
    page.goto("/purchases/")
    first_row = page.locator("table tbody tr").first
    cells = first_row.locator("td")
    assert cells.count() >= 2
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1  # one under the other, not side by side
    label = cells.nth(1).get_attribute("data-label")
    assert label and label == page.locator("table thead th").nth(1).inner_text().strip()


def test_contact_details_come_early_on_the_person_page_at_phone_width(page, demo):
    from ally.people.models import Person

    person = Person.objects.filter(workspace=demo, emails__isnull=False).order_by("pk").first()
    page.set_viewport_size(PHONE)
    log_in(page)
    page.goto(f"/people/{person.id}/")
    email = page.locator("#contact a[href^=mailto]").first
    expect(email).to_be_visible()
    assert email.bounding_box()["y"] < PHONE["height"], "the email is below the first screen"
