"""Ally by keyboard: `/` focuses the search, `g t` opens Today, `g p` People, `?` lists the shortcuts; none fires
while typing; every control shows a visible focus ring."""

from playwright.sync_api import expect

from tests.browser.conftest import log_in


def test_the_shortcuts(page, demo):
    log_in(page)
    page.goto("/organizations/")
    # "/" focuses the search without typing a slash into it
    page.keyboard.press("/")
    search = page.locator(".search input")
    expect(search).to_be_focused()
    assert search.input_value() == ""
    # typing in a field fires no shortcut
    page.keyboard.type("g p")
    expect(search).to_have_value("g p")
    assert page.url.endswith("/organizations/")
    page.keyboard.press("Escape")
    search.evaluate("e => e.blur()")
    # g then p opens People, g then t opens Today
    page.keyboard.press("g")
    page.keyboard.press("p")
    page.wait_for_url("**/people/")
    page.keyboard.press("g")
    page.keyboard.press("t")
    page.wait_for_url("**/today/")
    # ? lists them in a dialog that Escape closes
    page.keyboard.press("Shift+?")
    dialog = page.locator("dialog#shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Search")
    expect(dialog).to_contain_text("People")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_slash_opens_the_menu_on_a_phone_to_reach_the_search(page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page)
    page.keyboard.press("/")
    expect(page.locator(".search input")).to_be_focused()
    expect(page.locator("button.menu-toggle")).to_have_attribute("aria-expanded", "true")


def test_focus_is_visible_on_links_buttons_and_fields(page, demo):
    log_in(page)
    page.goto("/settings/styleguide/")
    for selector in ("nav.mainnav a >> nth=1", "section[aria-labelledby=sg-buttons] button.secondary", "#sg-name", "a.skip-link"):
        element = page.locator(selector)
        element.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
        style = element.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }")
        assert style[0] != "none" and style[1] != "0px", (selector, style)
