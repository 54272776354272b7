"""The value page in a real browser: the customer-base chart Ally draws itself, value at risk and the ranking."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in


@pytest.fixture
def demo(transactional_db):
    """The demo workspace, big enough that its purchases support a lifetime value fit (40 people give
    about 20 customers, just under the minimum)."""
    from ally.demo import build_demo

    return build_demo(people=100)


def test_the_value_page_shows_its_chart_and_ranking_and_leads_to_a_customer(page, demo):
    from ally.value.models import CustomerValue, ValueFit

    # given the demo's purchases, fitted by the demo's last step
    fit = ValueFit.objects.get(workspace=demo, status="fitted")
    top = CustomerValue.objects.select_related("person").get(workspace=demo, value_rank=1)
    log_in(page)
    # when
    page.click("nav >> text=Lifetime value")
    # then the charts are inline SVG with drawn points, and the ranking starts with the most valuable customer
    page.wait_for_url("**/value/")
    expect(page.locator("h1")).to_have_text("Customers by lifetime value")
    scatter = page.locator("[data-chart=value] svg")
    expect(scatter).to_be_visible()
    assert scatter.bounding_box()["width"] > 300
    assert page.locator("[data-chart=value] svg .dots").count() >= min(fit.customers, 10)
    expect(page.locator("[data-chart=fit-check] svg")).to_be_visible()
    rows = page.locator("#ranking-table tbody tr")
    expect(rows).to_have_count(min(fit.customers, 50))
    expect(rows.first.locator("td").first).to_have_text("1")
    expect(rows.first).to_contain_text(top.person.name)
    # and a customer's name leads to their page with the value panel
    rows.first.locator("a").first.click()
    page.wait_for_url(f"**/people/{top.person_id}/")
    expect(page.locator("#person-value [data-value=p_alive]")).to_have_text(f"{top.p_alive:.2f}")
