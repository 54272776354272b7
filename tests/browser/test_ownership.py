"""After the purchase, in a real browser: a check-in comes due, goes badly, becomes a case that is
escalated, apologised for and confirmed fixed by the customer, and the dashboard counts it all."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in


def _metric(page, name: str) -> str:
    return page.locator(f"[data-metric={name}] small").inner_text()


def test_from_a_purchase_to_a_confirmed_fix_and_the_dashboard(page, demo, live_server):
    from ally.people.models import Person

    customer = Person.objects.filter(workspace=demo, membership__isnull=True).order_by("id").first()
    log_in(page)
    # the dashboard before
    page.goto("/customers-made/")
    nps_before, fixes_before = _metric(page, "nps"), _metric(page, "fix")

    # given a purchase recorded on the person page, dated three days ago (the clock the check-in follows)
    page.goto(f"/people/{customer.id}/")
    page.click("text=Record a purchase")
    page.fill("input[name=description]", "Greenhouse kit")
    page.fill("input[name=amount]", "1200")
    page.fill("input[name=currency]", "USD")
    page.fill("input[name=purchased_on]", (timezone.localdate() - dt.timedelta(days=3)).isoformat())
    page.click("main form button[type=submit]")
    expect(page.locator("#check-ins")).to_contain_text("day 3")

    # when Today comes, the day-3 check-in is there with its question
    page.goto("/today/")
    item = page.locator("li.today-item[data-kind=check_in]", has_text="Greenhouse kit")
    expect(item).to_contain_text("day-3 check-in on Greenhouse kit")
    expect(item.locator(".opener")).to_contain_text("Is Greenhouse kit set up and working")
    item.locator("a").click()

    # it went badly: a low score offers a case on the spot
    page.check("input[name=outcome][value=problem]")
    page.select_option("select[name=satisfaction]", "4")
    page.fill("textarea[name=note]", "The vents do not open")
    page.click("#complete button[type=submit]")
    expect(page.locator("#satisfaction")).to_have_text("4/10")
    case_form = page.locator("#open-case")
    expect(case_form).to_contain_text("They scored 4")
    case_form.locator("select[name=severity]").select_option("high")
    case_form.locator("button[type=submit]").click()
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
    page.goto("/customers-made/")
    assert _count(_metric(page, "nps")) == _count(nps_before) + 1
    assert _count(_metric(page, "fix")) == _count(fixes_before) + 1
    charts = page.locator("#charts svg")
    expect(charts).to_have_count(5)
    for index in range(5):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
    expect(page.locator("#charts [data-chart=customers] .title")).to_contain_text("Customers each month")


def _count(text: str) -> int:
    return int(re.search(r"\d+", text).group())
