"""After the purchase, in a real browser: a check-in comes due, goes badly, becomes a case that is
escalated, apologised for and confirmed fixed by the customer, and the dashboard counts it all."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in


@pytest.fixture
def move_clock(time_machine):
    """`move_clock(delta)`: from then on, Ally (the live server included, which runs in this process) lives
    `delta` later; the clock keeps ticking."""
    time_machine.move_to(timezone.now(), tick=True)
    return time_machine.shift


def _metric(page, name: str) -> str:
    return page.locator(f"[data-metric={name}] small").inner_text()


def test_from_a_purchase_to_a_confirmed_fix_and_the_dashboard(page, demo, live_server, move_clock):
    from ally.people.models import Person

    customer = Person.objects.filter(workspace=demo, membership__isnull=True).order_by("id").first()
    log_in(page)
    # the dashboard before, over a period that holds the days before and after the clock moves (the default
    # period, the last twelve months, would start a month later if the clock crosses into a new month)
    today = timezone.localdate()
    period = f"/customers-made/?start={today - dt.timedelta(days=300)}&end={today + dt.timedelta(days=3)}"
    page.goto(period)
    nps_before, fixes_before = _metric(page, "nps"), _metric(page, "fix")

    # given a purchase recorded today on the person page
    page.goto(f"/people/{customer.id}/")
    page.click("text=Record a purchase")
    page.fill("input[name=description]", "Greenhouse kit")
    page.fill("input[name=amount]", "1200")
    page.fill("input[name=currency]", "USD")
    page.fill("input[name=purchased_on]", timezone.localdate().isoformat())
    page.click("main form button[type=submit]")
    expect(page.locator("#check-ins")).to_contain_text("day 3")
    assert "Greenhouse kit" not in _check_ins_on_today(demo)

    # when the clock moves three days on, the day-3 check-in is on Today with its question
    move_clock(dt.timedelta(days=3))
    page.goto("/today/")
    item = page.locator("li.today-item[data-kind=check_in]", has_text="Greenhouse kit")
    expect(item).to_contain_text("day-3 check-in on Greenhouse kit")
    expect(item.locator(".opener")).to_contain_text("Is Greenhouse kit set up and working")
    item.get_by_role("link", name="Open the check-in").click()

    # it went badly: a low score offers a case on the spot
    page.check("input[name=outcome][value=problem]")
    page.check("input[name=satisfaction][value='4']")
    page.fill("textarea[name=note]", "The vents do not open")
    page.click("#complete button[type=submit]")
    expect(page.locator("#satisfaction")).to_have_text("4/10")
    offer = page.locator("#open-case")
    expect(offer).to_contain_text("They scored 4")
    offer.get_by_role("link", name="Open a case").click()
    expect(page.locator("input[name=title]")).to_have_value(re.compile("Not satisfied with"))
    page.select_option("select[name=severity]", "high")
    page.click("main form button[type=submit]")
    expect(page.locator("#champion")).to_have_text("Dana Demo")

    # escalate, apologise, and confirm the fix with the customer
    escalate = page.locator("#action-escalate")
    escalate.locator("select[name=to]").select_option(label="Sam Rivera")
    escalate.locator("textarea[name=reason]").fill("The supplier must send new vents")
    escalate.locator("button[type=submit]").click()
    expect(page.locator("#events li[data-kind=escalated]")).to_contain_text("Sam Rivera")
    page.locator("#action-apologise textarea[name=text]").fill("I am sorry the vents were faulty")
    page.locator("#action-apologise button[type=submit]").click()
    expect(page.locator("#events li[data-kind=apology]")).to_contain_text("sorry the vents")
    page.locator("#action-confirm textarea[name=text]").fill("They called: the vents open now")
    page.locator("#action-confirm button[type=submit]").click()
    expect(page.locator("#case-status")).to_have_text("Confirmed fixed")

    # then the dashboard counts the new score and the confirmed fix, and draws its charts
    page.goto(period)
    assert _count(_metric(page, "nps")) == _count(nps_before) + 1
    assert _count(_metric(page, "fix")) == _count(fixes_before) + 1
    charts = page.locator("#charts svg")
    expect(charts).to_have_count(5)
    for index in range(5):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
    expect(page.locator("#charts [data-chart=customers] .plot_title")).to_contain_text("Customers each month")


def _check_ins_on_today(workspace) -> str:
    """Every check-in on the demo user's Today (not only the 60 the page shows), as one text."""
    from ally.agenda.selectors import today
    from ally.workspaces.models import Membership

    membership = Membership.objects.select_related("user").get(workspace=workspace, user__username="demo")
    items = today(workspace=workspace, user=membership.user, membership=membership, limit=10_000).items
    return " ".join(item.reason for item in items if item.kind == "check_in")


def _count(text: str) -> int:
    return int(re.search(r"\d+", text).group())
