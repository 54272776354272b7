"""Needs and decisions in a real browser: a need in their words → confirmed → an opportunity → an honest
"not a fit" with an alternative → counted as a decision helped."""

from playwright.sync_api import expect

from ally.opportunities.models import Need, Opportunity
from ally.opportunities.services import need_record, opportunity_open
from ally.people.models import Person
from tests.browser.conftest import log_in


def _decisions_helped(page) -> int:
    page.click("nav.mainnav >> text=Opportunities")
    return int(page.locator("[data-testid=decisions-helped]").inner_text())


def test_not_a_fit_with_an_alternative_is_counted_as_a_decision_helped(page, demo):
    person = Person.objects.filter(workspace=demo, membership__isnull=True, needs__isnull=True).order_by("id").first()
    log_in(page)
    before = _decisions_helped(page)
    # record a need, in their words, from the person page (the panel redraws in place)
    page.goto(f"/people/{person.id}/")
    panel = page.locator("#section-needs")
    panel.locator("summary", has_text="Record a need").click()
    panel.locator("#need-form textarea[name=text]").fill("We only need to see who is in the shop each Saturday.")
    panel.locator("#need-form select[name=driver]").select_option("efficiency")
    panel.locator("#need-form input[name=urgency]").fill("2")
    panel.locator("#need-form button[type=submit]").click()
    need_row = panel.locator("#needs li", has_text="who is in the shop each Saturday")
    expect(need_row.locator(".badge")).to_have_text("suspected")
    # they confirm it
    need_row.locator("button", has_text="they confirmed it").click()
    expect(panel.locator("#needs li", has_text="who is in the shop").locator(".badge")).to_have_text("confirmed")
    # open an opportunity about it
    panel.locator("#needs li", has_text="who is in the shop").locator("a", has_text="open an opportunity").click()
    expect(page.locator("h1")).to_contain_text(f"Open an opportunity with {person.name}")
    page.click("button:has-text('Open the opportunity')")
    expect(page.locator("#stage")).to_have_text("Exploring")
    # it is not a fit: recommend an alternative, in their words
    page.select_option("#move select[name=stage]", "not_a_fit")
    page.fill("#move textarea[name=reason]", "It's just one shop and one Saturday rota.")
    page.select_option("#move select[name=alternative]", label="Rota spreadsheet template")
    page.click("#move button:has-text('Move')")
    expect(page.locator("#stage")).to_have_text("Not a fit")
    expect(page.locator("#recommended")).to_have_text("Rota spreadsheet template")
    expect(page.locator("#history")).to_contain_text("It's just one shop and one Saturday rota.")
    # and it counts as a decision helped
    assert _decisions_helped(page) == before + 1
    need = Need.objects.get(person=person)
    assert need.status == "confirmed"
    assert Opportunity.objects.get(person=person).stage == "not_a_fit"


def test_a_refused_move_says_why_in_the_page(page, demo):
    person = Person.objects.filter(workspace=demo, membership__isnull=True).order_by("id").last()
    guess = need_record(workspace=demo, person=person, text="Maybe they want fewer weekend shifts", urgency=3)
    opportunity = opportunity_open(workspace=demo, person=person, needs=[guess])
    log_in(page)
    page.goto(f"/opportunities/{opportunity.id}/")
    page.select_option("#move select[name=stage]", "evaluating")
    page.fill("#move textarea[name=reason]", "Show us how it compares.")
    page.click("#move button:has-text('Move')")
    expect(page.locator("#move .error")).to_contain_text("can't move past exploring until the customer confirms")
    expect(page.locator("#stage")).to_have_text("Exploring")


def test_moving_a_card_on_the_board_asks_for_their_reason(page, demo):
    person = Person.objects.filter(workspace=demo, membership__isnull=True).order_by("id").last()
    need = need_record(workspace=demo, person=person, text="Our rota lives in three spreadsheets", urgency=5,
                       status="confirmed")
    opportunity = opportunity_open(workspace=demo, person=person, needs=[need], title="One rota, not three")
    log_in(page)
    before = _decisions_helped(page)
    card = page.locator(f"#card-{opportunity.id}")
    card.locator("a", has_text="Move…").click()
    card.locator("select[name=stage]").select_option("staying_as_is")
    card.locator("button:has-text('Move')").click()
    # without their reason the move is refused, in the card
    expect(page.locator(f"#move-{opportunity.id} .error")).to_contain_text("This field is required")
    page.locator(f"#move-{opportunity.id} textarea[name=reason]").fill("We're merging with another shop first.")
    page.locator(f"#move-{opportunity.id} select[name=stage]").select_option("staying_as_is")
    page.locator(f"#move-{opportunity.id} button:has-text('Move')").click()
    expect(page.locator(f"#card-{opportunity.id}")).to_have_count(0)
    expect(page.locator("[data-testid=decisions-helped]")).to_have_text(str(before + 1))
