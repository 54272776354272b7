
from ally.support.models import Case
from ally.support.services import case_open


def _post(api, url, body, method="post"):
    return getattr(api, method)(url, body)


def test_a_case_through_the_api_from_opening_to_the_customers_confirmation(api, alice, sam):
    # open (the champion defaults to the token's user)
    response = _post(api, "/api/v1/cases", {"person_id": alice.id, "title": "Broken hinge", "severity": "high"})
    assert response.status_code == 201, response.content
    case = response.json()
    assert (case["champion_name"], case["first_response"]["state"], case["first_response"]["target_hours"]) == \
        ("Olivia Owner", "on_track", 4.0)
    url = f"/api/v1/cases/{case['id']}"
    assert _post(api, f"{url}/replies", {"text": "A new hinge is on its way"}).status_code == 201
    assert _post(api, f"{url}/escalations", {"to_id": sam.id, "reason": "Warehouse needs a push"}).status_code == 201
    assert _post(api, f"{url}/apologies", {"text": "Sorry for the wait"}).status_code == 201
    assert _post(api, f"{url}/status", {"status": "resolved"}).json()["status"] == "resolved"
    refused = _post(api, f"{url}/status", {"status": "confirmed_fixed"})
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "status"
    confirmed = _post(api, f"{url}/confirmation", {"text": "Alice: it closes perfectly now"})
    assert confirmed.json()["status"] == "confirmed_fixed"
    kinds = [e["kind"] for e in api.get(f"{url}/events").json()]
    assert kinds == ["opened", "reply", "escalated", "apology", "status", "confirmation", "status"]


def test_a_champion_or_escalation_from_another_workspace_is_422(api, alice, rex_membership):
    response = _post(api, "/api/v1/cases", {"person_id": alice.id, "title": "X", "champion_id": rex_membership.id})
    assert response.json() == {"detail": [{"field": "champion_id", "message": "not found in this workspace"}]}
    case = _post(api, "/api/v1/cases", {"person_id": alice.id, "title": "X"}).json()
    response = _post(api, f"/api/v1/cases/{case['id']}/escalations", {"to_id": rex_membership.id, "reason": "Why"})
    assert response.json() == {"detail": [{"field": "to_id", "message": "not found in this workspace"}]}


def test_another_workspaces_cases_are_404(api, other_workspace, rita, rex_membership, rex):
    case = case_open(workspace=other_workspace, person=rita, title="Rival problem", champion=rex_membership)
    url = f"/api/v1/cases/{case.id}"
    assert api.get(url).status_code == 404
    assert api.get(f"{url}/events").status_code == 404
    for action, body in (("replies", {"text": "x"}), ("notes", {"text": "x"}), ("apologies", {}),
                         ("status", {"status": "in_progress"}), ("confirmation", {"text": "x"})):
        assert _post(api, f"{url}/{action}", body).status_code == 404, action
    assert _post(api, url, {"title": "Mine now"}, method="patch").status_code == 404
    assert api.get("/api/v1/cases?state=all").json()["count"] == 0
    assert Case.objects.get(id=case.id).status == "open"


def test_sla_targets_through_the_api(api):
    assert api.get("/api/v1/support/sla").json()["normal_first_response_hours"] == 8
    assert _post(api, "/api/v1/support/sla", {"normal_first_response_hours": 6}, method="patch").json()[
        "normal_first_response_hours"] == 6
    assert _post(api, "/api/v1/support/sla", {"normal_first_response_hours": 0}, method="patch").json() == \
        {"detail": [{"field": "normal_first_response_hours", "message": "must be between 1 and 8760 hours"}]}
