"""The coach in a real browser: an interaction → upload its transcript → the call's coaching → record a need."""

from playwright.sync_api import expect

from ally.interactions.models import Interaction
from ally.opportunities.models import Need
from tests.browser.conftest import log_in
from tests.coaching.conftest import transcript_file


def test_uploading_a_transcript_opens_the_coaching_and_records_a_need(page, demo):
    # given one of the demo's interactions
    interaction = Interaction.objects.filter(workspace=demo, private=False).order_by("id").first()
    log_in(page)
    page.goto(f"/interactions/{interaction.id}/edit/")
    # when the call's transcript is uploaded on it
    page.set_input_files("#transcript input[name=transcript]", str(transcript_file("teams_discovery")))
    page.click("#transcript button[type=submit]")
    # then the coaching page shows who spoke when, the questions and the customer's needs
    page.wait_for_url(f"**/interactions/{interaction.id}/coaching/")
    expect(page.locator("#speaking-timeline svg g")).to_have_count(2)
    expect(page.locator("#questions li[data-kind=open]")).to_have_count(5)
    # and one click records a need in the customer's words
    page.locator("#needs button", has_text="Record as Need").first.click()
    expect(page.locator("#needs")).to_contain_text("recorded as a Need")
    assert Need.objects.filter(workspace=demo, interaction=interaction,
                               text__startswith="Honestly the intake was fine").exists()
