"""The value page, and the lifetime value panels on the person and organization pages."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.people.services import organization_create, person_create
from ally.value.fits import value_fit
from ally.value.models import CustomerValue, ValueFit
from ally.value.stats.errors import ValueModelError
from ally.value.views import PAGE_SIZE


def test_the_value_page_ranks_customers_by_lifetime_value(client_olivia, fitted):
    # when
    html = client_olivia.get("/value/").content.decode()
    # then the ranking lists the first page of customers, most valuable first
    ranked = list(CustomerValue.objects.order_by("value_rank").select_related("person")[:PAGE_SIZE])
    positions = [html.index(f'data-person="{v.person_id}"') for v in ranked]
    assert positions == sorted(positions)
    assert "Computed" in html and "BG/NBD" in html and "41 customers" in html


def test_the_value_page_lists_the_valuable_customer_at_risk(client_olivia, fitted, whale):
    html = client_olivia.get("/value/").content.decode()
    at_risk = html[html.index('id="at-risk-list"'):html.index("</ul>", html.index('id="at-risk-list"'))]
    assert f'href="/people/{whale.id}/"' in at_risk and "Wanda Whale" in at_risk
    # every customer listed there is in the top 10% and below the threshold
    listed = CustomerValue.objects.filter(top_percent__lte=10, p_alive__lt=0.5)
    assert all(f"/people/{v.person_id}/" in at_risk for v in listed)


def test_the_value_page_draws_the_customer_base_as_inline_svg(client_olivia, fitted):
    html = client_olivia.get("/value/").content.decode()
    charts = html[html.index('id="charts"'):html.index('id="ranking"')]
    assert charts.count("<svg") == 2 and 'data-chart="value"' in charts and 'data-chart="fit-check"' in charts
    assert "<script" not in charts  # drawn by Ally on the server, no script
    assert "Chance still a customer against lifetime value" in charts


def test_the_ranking_pages_through_htmx_as_a_partial(client_olivia, workspace, customer_base):
    customer_base(PAGE_SIZE + 10)
    value_fit(workspace=workspace)
    response = client_olivia.get("/value/?page=2", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="ranking-table"' in html
    assert html.count("data-person=") == 10
    assert f"<td>{PAGE_SIZE + 1}</td>" in html


def test_without_a_fit_the_page_says_why(client_olivia, workspace, customer_base):
    # given no purchases: nothing to fit
    html = client_olivia.get("/value/").content.decode()
    assert 'id="no-fit"' in html and "none is recorded yet" in html
    # given purchases but a failed fit
    customer_base(3)
    with pytest.raises(ValueModelError):
        value_fit(workspace=workspace)
    html = client_olivia.get("/value/").content.decode()
    assert 'id="fit-failed"' in html and "too few customers to fit lifetime value" in html
    assert 'id="stale"' not in html  # a failed attempt is not retried until the purchases change


def test_a_stale_fit_is_shown_as_stale(client_olivia, fitted):
    ValueFit.objects.filter(id=fitted.id).update(fitted_at=fitted.fitted_at - dt.timedelta(days=365))
    html = client_olivia.get("/value/").content.decode()
    assert 'id="stale"' in html and "days ago" in html


def test_the_value_page_shows_only_this_workspaces_customers(client_olivia, fitted, other_workspace, customer_base):
    rivals = customer_base(25, in_workspace=other_workspace, prefix="Rival")
    value_fit(workspace=other_workspace)
    html = client_olivia.get("/value/").content.decode()
    assert "Rival 0" not in html
    assert all(f'data-person="{p.id}"' not in html for p in rivals)


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_value_page_query_count_does_not_grow_with_customers(client_olivia, workspace, customer_base):
    customer_base(25, prefix="Small")
    value_fit(workspace=workspace)
    small = _count(client_olivia, "/value/")
    customer_base(60, seed=2, prefix="Large")
    value_fit(workspace=workspace)
    assert CustomerValue.objects.count() == 85
    assert _count(client_olivia, "/value/") == small


def test_the_person_page_shows_p_alive_expected_purchases_and_lifetime_value(client_olivia, fitted, whale):
    value = CustomerValue.objects.get(person=whale)
    html = client_olivia.get(f"/people/{whale.id}/").content.decode()
    panel = html[html.index('id="person-value"'):]
    assert f'data-value="p_alive">{value.p_alive:.2f}<' in panel
    assert f'data-value="expected_purchases">{value.expected_purchases:.1f}<' in panel
    assert f"{value.lifetime_value:,}" in panel and "USD" in panel
    assert "value at risk" in panel  # Wanda is valuable and likely gone
    assert "The chance they are still a customer (P(alive)) falls" in panel


def test_a_person_without_purchases_has_no_value_panel(client_olivia, fitted, bob):
    html = client_olivia.get(f"/people/{bob.id}/").content.decode()
    assert 'id="person-value"' not in html


def test_the_person_page_query_count_does_not_grow_with_customers(client_olivia, workspace, customer_base):
    people = customer_base(25, prefix="Small")
    value_fit(workspace=workspace)
    small = _count(client_olivia, f"/people/{people[0].id}/")
    customer_base(40, seed=2, prefix="Large")
    value_fit(workspace=workspace)
    assert _count(client_olivia, f"/people/{people[0].id}/") == small


def test_the_organization_page_sums_the_value_of_its_customers(client_olivia, workspace, customer_base, buy):
    # given two of Greenhouse Co's people are customers, and a third never bought
    greenhouse = organization_create(workspace=workspace, name="Greenhouse Co")
    gina = person_create(workspace=workspace, name="Gina Green", organization=greenhouse)
    gus = person_create(workspace=workspace, name="Gus Green", organization=greenhouse)
    person_create(workspace=workspace, name="Gail Green", organization=greenhouse)
    buy(gina, 300, 200, 100, 10, amount="400.00")
    buy(gus, 250, amount="80.00")
    customer_base(30)
    value_fit(workspace=workspace)
    # when
    html = client_olivia.get(f"/organizations/{greenhouse.id}/").content.decode()
    # then
    values = {v.person_id: v for v in CustomerValue.objects.filter(person__organization=greenhouse)}
    total = sum(v.lifetime_value for v in values.values())
    start = html.index('id="organization-value"')
    panel = html[start:html.index("How it is computed", start)]
    assert set(values) == {gina.id, gus.id}
    assert f"{total:,} USD" in panel and "from 2 customers here" in panel
    assert panel.index("Gina Green") < panel.index("Gus Green")  # the more valuable first
    assert "Gail Green" not in panel


def test_an_organization_without_customers_has_no_value_panel(client_olivia, workspace, fitted):
    quiet = organization_create(workspace=workspace, name="Quiet Ltd")
    html = client_olivia.get(f"/organizations/{quiet.id}/").content.decode()
    assert 'id="organization-value"' not in html
