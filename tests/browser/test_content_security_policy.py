"""Ally works under its Content-Security-Policy: htmx swaps and the delete confirmation run from
Ally's static script, and the browser reports no CSP violation on the way."""

from playwright.sync_api import expect

from ally.people.models import Person
from tests.browser.conftest import log_in


def test_a_member_works_under_the_policy_with_no_violations(page, demo):
    # given a browser that records every console message and page error
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page)
    person = Person.objects.filter(workspace=demo).order_by("id").first()
    # when the member logs a call, which htmx swaps into the timeline
    page.goto(f"/people/{person.id}/")
    page.fill("textarea[name=summary]", "Asked how the garden survived the frost")
    page.click("#log button[type=submit]")
    expect(page.locator("#timeline li").first).to_contain_text("Asked how the garden survived the frost")
    # and declines the delete confirmation, which the static script asks
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("button.danger:text('Delete person')")
    # then the person is still there, the page never left, and nothing was blocked
    expect(page.locator("h1")).to_have_text(person.name)
    assert Person.objects.filter(id=person.id).exists()
    assert not [text for text in problems if "Content Security Policy" in text or "Refused" in text], problems
    assert not problems, problems
