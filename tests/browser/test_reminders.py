"""In a real browser: a member subscribes a calendar to their Today and turns the morning email on."""

from playwright.sync_api import expect

from tests.browser.conftest import log_in


def test_a_member_creates_a_calendar_address_that_serves_their_today_and_sets_the_morning_email(page, demo):
    log_in(page)
    page.goto("/settings/reminders/")
    page.click("text=Create my calendar address")
    address = page.locator("#new-address").input_value()
    assert "/calendar/cal_" in address and address.endswith(".ics")
    feed = page.request.get(address)
    assert feed.status == 200 and feed.text().startswith("BEGIN:VCALENDAR")
    # once left, the page never shows the address again
    page.goto("/settings/reminders/")
    expect(page.locator("#new-address")).to_have_count(0)
    page.check("#id_enabled")
    page.fill("#id_at", "07:30")
    page.click("text=Save")
    expect(page.get_by_text("Saved your morning email settings.")).to_be_visible()
    expect(page.locator("#id_at")).to_have_value("07:30")
