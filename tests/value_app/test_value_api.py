"""The lifetime value API: the current fit, customers by value, one person's predictions."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ally.value.fits import value_fit
from ally.value.models import CustomerValue

ENDPOINTS = ["/api/v1/value/fit", "/api/v1/value/customers", "/api/v1/people/{id}/value"]


def test_the_current_fit_with_parameters_standard_errors_and_the_data_used(api, fitted):
    # when
    response = api.get("/api/v1/value/fit")
    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["id"], body["model"], body["spend_model"]) == (fitted.id, "bgnbd", "gammagamma")
    assert body["params"] == pytest.approx(fitted.params) and set(body["std_errors"]) == {"r", "alpha", "a", "b"}
    assert set(body["spend_params"]) == {"p", "q", "gamma"}
    assert body["log_likelihood"] == pytest.approx(fitted.log_likelihood)
    assert body["data"]["customers"] == 41 and body["data"]["purchases"] == fitted.purchases
    assert body["data"]["calibration_end"] == str(fitted.calibration_end) and body["data"]["currency"] == "USD"
    assert body["stale"] is False and body["stale_reason"] == "up to date with the purchases"


def test_without_a_fit_the_fit_is_404_saying_why(api, workspace, customer_base):
    response = api.get("/api/v1/value/fit")
    assert response.status_code == 404
    assert "none is recorded yet" in response.json()["detail"]


def test_customers_come_most_valuable_first_in_pages(api, fitted, whale):
    first = api.get("/api/v1/value/customers", {"limit": 10}).json()
    second = api.get("/api/v1/value/customers", {"limit": 10, "offset": 10}).json()
    assert first["count"] == 41 and len(first["items"]) == 10
    ranks = [item["value_rank"] for item in first["items"] + second["items"]]
    assert ranks == list(range(1, 21))
    values = [Decimal(item["lifetime_value"]) for item in first["items"] + second["items"]]
    assert values == sorted(values, reverse=True)
    top = first["items"][0]
    assert (top["person_id"], top["person_name"], top["currency"], top["at_risk"]) == \
        (whale.id, "Wanda Whale", "USD", True)


def test_at_risk_lists_only_valuable_customers_below_the_threshold(api, fitted, whale):
    body = api.get("/api/v1/value/customers", {"at_risk": "true"}).json()
    expected = set(CustomerValue.objects.filter(top_percent__lte=10, p_alive__lt=0.5).values_list("person_id",
                                                                                                   flat=True))
    assert whale.id in expected
    assert {item["person_id"] for item in body["items"]} == expected and body["count"] == len(expected)
    assert all(item["at_risk"] for item in body["items"])


def test_a_persons_value(api, fitted, whale):
    stored = CustomerValue.objects.get(person=whale)
    body = api.get(f"/api/v1/people/{whale.id}/value").json()
    assert body["p_alive"] == pytest.approx(stored.p_alive)
    assert body["expected_purchases_12_months"] == pytest.approx(stored.expected_purchases)
    assert Decimal(body["lifetime_value"]) == stored.lifetime_value and body["purchases"] == 7


def test_a_person_without_purchases_has_no_value(api, fitted, bob):
    response = api.get(f"/api/v1/people/{bob.id}/value")
    assert response.status_code == 404 and "lifetime value for this person" in response.json()["detail"]


def test_another_workspaces_person_is_not_found_like_a_missing_one(api, fitted, other_workspace, customer_base):
    rivals = customer_base(25, in_workspace=other_workspace, prefix="Rival")
    value_fit(workspace=other_workspace)
    # when Olivia asks for a Rival customer's value
    response = api.get(f"/api/v1/people/{rivals[0].id}/value")
    # then: the same answer as for a person that never existed
    assert response.status_code == 404
    assert response.json() == api.get("/api/v1/people/987654321/value").json()
    listed = api.get("/api/v1/value/customers", {"limit": 100}).json()
    assert not {item["person_id"] for item in listed["items"]} & {p.id for p in rivals}
    assert api.get("/api/v1/value/fit").json()["data"]["customers"] == 41


@pytest.mark.parametrize("path", ENDPOINTS)
def test_every_value_endpoint_needs_a_token(db, fitted, whale, path):
    response = Client().get(path.format(id=whale.id))
    assert response.status_code == 401
    assert response.json() == {"detail": "a valid bearer token is required"}


def test_the_customer_list_query_count_does_not_grow_with_the_page(api, fitted):
    def queries(limit: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get("/api/v1/value/customers", {"limit": limit}).status_code == 200
        return len(captured)

    queries(1)  # the token's use is recorded at most once a minute: keep it out of the comparison
    assert queries(41) == queries(2)
