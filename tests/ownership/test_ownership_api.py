import datetime as dt

import pytest

from ally.ownership.models import CheckIn, Purchase
from ally.ownership.services import check_in_complete, feedback_record, referral_record
from tests.dates import months_spanned


def _post(api, url, body, method="post"):
    return getattr(api, method)(url, body)


def test_recording_a_purchase_through_the_api_schedules_its_check_ins(api, alice, garden_plan, today):
    response = _post(api, "/api/v1/purchases", {"person_id": alice.id, "amount": "1200.00", "currency": "usd",
                                                "purchased_on": str(today - dt.timedelta(days=3)),
                                                "offering_id": garden_plan.id})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["currency"], body["amount"], body["offering_name"]) == ("USD", "1200.00", "Garden plan")
    assert [c["day"] for c in body["check_ins"]] == [3, 30, 90, 365]
    assert body["check_ins"][0]["due_on"] == str(today)


@pytest.mark.parametrize("changes, field, message", [
    ({"amount": "-1"}, "amount", "cannot be negative"),
    ({"currency": "XYZ"}, "currency", "'XYZ' is not an ISO 4217 currency code"),
    ({"purchased_on": "2999-01-01"}, "purchased_on", "is in the future"),
])
def test_bad_purchases_are_422_naming_the_field(api, alice, today, changes, field, message):
    body = {"person_id": alice.id, "amount": "10", "currency": "USD", "purchased_on": str(today), **changes}
    response = _post(api, "/api/v1/purchases", body)
    assert response.status_code == 422
    assert response.json() == {"detail": [{"field": field, "message": message}]}
    assert not Purchase.objects.exists()


def test_an_unknown_field_or_another_workspaces_offering_is_refused(api, alice, rival_offering, today):
    body = {"person_id": alice.id, "amount": "10", "currency": "USD", "purchased_on": str(today)}
    response = _post(api, "/api/v1/purchases", {**body, "offering_id": rival_offering.id})
    assert response.json() == {"detail": [{"field": "offering_id", "message": "not found in this workspace"}]}
    response = _post(api, "/api/v1/purchases", {**body, "discount": 5})
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "discount"


def test_completing_a_check_in_with_a_low_score_offers_a_case(api, alice_purchase):
    check_in = alice_purchase.check_ins.get(day=3)
    response = _post(api, f"/api/v1/check-ins/{check_in.id}/complete",
                     {"outcome": "problem", "satisfaction": 4, "note": "The app keeps crashing"})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["offer_case"]) == ("done", True)
    # and the case opens from it
    case = _post(api, "/api/v1/cases", {"person_id": alice_purchase.person_id, "title": "App crashes",
                                        "check_in_id": check_in.id})
    assert case.status_code == 201 and case.json()["purchase_id"] == alice_purchase.id


def test_a_score_outside_0_to_10_is_422(api, alice_purchase):
    check_in = alice_purchase.check_ins.get(day=3)
    response = _post(api, f"/api/v1/check-ins/{check_in.id}/complete", {"outcome": "mixed", "satisfaction": 11})
    assert response.json() == {"detail": [{"field": "satisfaction", "message": "must be between 0 and 10"}]}
    assert CheckIn.objects.get(id=check_in.id).status == "scheduled"


def test_due_check_ins_are_listed(api, alice_purchase, today):
    response = api.get(f"/api/v1/check-ins?status=scheduled&due_by={today}")
    assert [c["day"] for c in response.json()["items"]] == [3]


def test_playbooks_can_be_read_and_replaced(api, garden_plan):
    assert api.get("/api/v1/playbooks").json()["default"]["steps"][0]["day"] == 3
    response = _post(api, f"/api/v1/playbooks/offerings/{garden_plan.id}",
                     {"steps": [{"day": 14, "question": "Seedlings?"}]}, method="put")
    assert response.json() == {"offering_id": garden_plan.id, "offering_name": "Garden plan", "own": True,
                               "steps": [{"day": 14, "question": "Seedlings?"}]}
    bad = _post(api, "/api/v1/playbooks/default", {"steps": [{"day": 0, "question": "?"}]}, method="put")
    assert bad.json() == {"detail": [{"field": "steps", "message": "step 1: the day must be between 1 and 3650"}]}
    restored = api.delete(f"/api/v1/playbooks/offerings/{garden_plan.id}").json()
    assert not restored["own"] and [s["day"] for s in restored["steps"]] == [3, 30, 90, 365]


def test_feedback_and_referrals_through_the_api(api, alice, bob):
    response = _post(api, "/api/v1/feedback", {"person_id": alice.id, "score": 9, "comment": "Great"})
    assert response.status_code == 201 and response.json()["score"] == 9
    assert _post(api, "/api/v1/feedback", {"person_id": alice.id, "score": 12}).json() == \
        {"detail": [{"field": "score", "message": "must be between 0 and 10"}]}
    response = _post(api, "/api/v1/referrals", {"direction": "received", "referrer_id": alice.id, "person_id": bob.id})
    assert response.status_code == 201
    listed = api.get(f"/api/v1/referrals?person_id={alice.id}").json()
    assert [(r["direction"], r["referrer_id"], r["person_id"]) for r in listed["items"]] == [("received", alice.id, bob.id)]


def test_another_workspaces_ownership_data_is_404_in_paths_and_422_in_bodies(api, rita, rita_purchase, rival_offering,
                                                                              other_workspace, alice):
    check_in = rita_purchase.check_ins.first()
    feedback = feedback_record(workspace=other_workspace, person=rita, score=3)
    from ally.people.services import person_create

    ron = person_create(workspace=other_workspace, name="Ron Rival")
    referral = referral_record(workspace=other_workspace, direction="received", referrer=rita, person=ron)
    for url in (f"/api/v1/purchases/{rita_purchase.id}", f"/api/v1/check-ins/{check_in.id}",
                f"/api/v1/feedback/{feedback.id}", f"/api/v1/referrals/{referral.id}",
                f"/api/v1/playbooks/offerings/{rival_offering.id}"):
        assert api.get(url).status_code == 404, url
        assert api.delete(url).status_code in (404, 405), url
    assert _post(api, f"/api/v1/check-ins/{check_in.id}/complete", {"outcome": "mixed"}).status_code == 404
    assert api.get("/api/v1/purchases").json()["count"] == 0
    assert api.get("/api/v1/check-ins").json()["count"] == 0
    assert api.get("/api/v1/feedback").json()["count"] == 0
    assert api.get("/api/v1/referrals").json()["count"] == 0
    assert _post(api, "/api/v1/purchases", {"person_id": rita.id, "amount": "1", "currency": "USD",
                                            "purchased_on": "2025-01-01"}).json() == \
        {"detail": [{"field": "person_id", "message": "not found in this workspace"}]}
    assert Purchase.objects.filter(person=rita).count() == 1
    check_in.refresh_from_db()
    assert check_in.status == "scheduled"


def test_the_dashboard_endpoint_reports_the_period_and_each_month(api, alice_purchase, today):
    check_in_complete(check_in=alice_purchase.check_ins.get(day=3), outcome="going_well", satisfaction=10)
    start = alice_purchase.purchased_on.replace(day=1)
    body = api.get(f"/api/v1/dashboard?start={start}&end={today}").json()
    assert (body["customers"], body["new_customers"], body["nps"]["score"]) == (1, 1, 100.0)
    assert len(body["monthly"]) == months_spanned(start, today) and body["monthly"][0]["customers"] == 1
    assert api.get("/api/v1/dashboard?start=2025-05-01&end=2025-01-01").json() == \
        {"detail": [{"field": "start", "message": "is after the end"}]}


def test_the_api_needs_a_token(client, alice):
    assert client.get("/api/v1/purchases").status_code == 401


def test_a_persons_referrals_both_ways_through_the_api(api, alice, bob, olivia, workspace, rita):
    from ally.opportunities.services import opportunity_move, opportunity_open

    # given Alice introduced Bob to us, and a greenhouse was not a fit for Bob
    referral_record(workspace=workspace, direction="received", referrer=alice, person=bob)
    opportunity = opportunity_open(workspace=workspace, person=bob, title="A greenhouse", author=olivia)
    opportunity_move(opportunity=opportunity, stage="not_a_fit", reason="Too small a space",
                     alternative_name="Balcony Gardens Co", author=olivia)
    # when
    from_alice = api.get(f"/api/v1/people/{alice.id}/referrals").json()
    from_bob = api.get(f"/api/v1/people/{bob.id}/referrals").json()
    # then
    assert from_alice["advocate"] and [r["person_id"] for r in from_alice["introduced_to_us"]] == [bob.id]
    assert not from_bob["advocate"] and [r["referrer_id"] for r in from_bob["introduced_by"]] == [alice.id]
    assert [(g["to_name"], g["opportunity_id"], g["referral_id"]) for g in from_bob["given"]] == \
        [("Balcony Gardens Co", opportunity.id, None)]
    assert api.get(f"/api/v1/people/{rita.id}/referrals").status_code == 404
