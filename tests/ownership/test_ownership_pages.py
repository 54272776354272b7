import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.ownership.models import CheckIn, Purchase, Referral
from ally.ownership.services import check_in_complete, feedback_record, referral_record


def test_recording_a_purchase_from_the_person_page(client_olivia, alice, garden_plan, today):
    page = client_olivia.get(f"/people/{alice.id}/purchases/new/")
    assert page.status_code == 200 and "Garden plan" in page.content.decode()
    response = client_olivia.post(f"/people/{alice.id}/purchases/new/", {
        "offering": garden_plan.id, "amount": "1200", "currency": "USD", "purchased_on": str(today)})
    purchase = Purchase.objects.get()
    assert response.status_code == 302 and response.url == f"/purchases/{purchase.id}/"
    detail = client_olivia.get(response.url).content.decode()
    assert "day 3" in detail and "day 365" in detail


def test_a_bad_purchase_shows_the_problem_next_to_the_field(client_olivia, alice, today):
    response = client_olivia.post(f"/people/{alice.id}/purchases/new/", {
        "description": "Seeds", "amount": "-3", "currency": "QQQ", "purchased_on": str(today)})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_amount-error">cannot be negative' in html
    assert "id=\"id_currency-error\">&#x27;QQQ&#x27; is not an ISO 4217 currency code" in html
    assert not Purchase.objects.exists()


def test_the_person_page_shows_ownership_and_both_directions_of_referrals(client_olivia, workspace, alice, bob,
                                                                          alice_purchase):
    referral_record(workspace=workspace, direction="received", referrer=alice, person=bob)
    referral_record(workspace=workspace, direction="given", person=alice, introduced_to_name="Green Thumb")
    html = client_olivia.get(f"/people/{alice.id}/").content.decode()
    assert "Garden plan" in html and "1200.00 USD" in html
    assert "Advocate" in html and "Introduced <a" in html and "Green Thumb" in html
    bob_html = client_olivia.get(f"/people/{bob.id}/").content.decode()
    assert "Introduced to us by" in bob_html and "Advocate" not in bob_html


def test_completing_a_check_in_with_a_low_score_offers_a_case_on_the_spot(client_olivia, alice_purchase, membership):
    check_in = alice_purchase.check_ins.get(day=3)
    page = client_olivia.get(f"/check-ins/{check_in.id}/").content.decode()
    assert check_in.question in page
    response = client_olivia.post(f"/check-ins/{check_in.id}/", {"outcome": "problem", "satisfaction": "5",
                                                                 "note": "The app crashes"})
    assert response.status_code == 302
    html = client_olivia.get(response.url).content.decode()
    assert "They scored 5. Open a case" in html and f"/cases/new/?check_in={check_in.id}" in html
    # the case form starts from what the customer said
    form = client_olivia.get(f"/cases/new/?check_in={check_in.id}").content.decode()
    assert "Not satisfied with Garden plan" in form and "The app crashes" in form
    assert client_olivia.get("/cases/new/?check_in=x'").status_code == 404
    # when the case is opened from it
    opened = client_olivia.post("/cases/new/", {"person": f"Alice Ally (#{alice_purchase.person_id})",
                                                "check_in": check_in.id, "title": "App crashes",
                                                "severity": "high", "champion": membership.id})
    assert opened.status_code == 302
    assert "Cases opened from this check-in" in client_olivia.get(f"/check-ins/{check_in.id}/").content.decode()


def test_a_good_score_offers_no_case(client_olivia, alice_purchase):
    check_in = check_in_complete(check_in=alice_purchase.check_ins.get(day=3), outcome="going_well", satisfaction=9)
    assert "Open a case" not in client_olivia.get(f"/check-ins/{check_in.id}/").content.decode()


def test_a_score_outside_0_to_10_is_refused_on_the_page(client_olivia, alice_purchase):
    check_in = alice_purchase.check_ins.get(day=3)
    response = client_olivia.post(f"/check-ins/{check_in.id}/", {"outcome": "mixed", "satisfaction": "12"})
    assert response.status_code == 422
    assert CheckIn.objects.get(id=check_in.id).status == "scheduled"


def test_skipping_and_moving_a_check_in(client_olivia, alice_purchase, today):
    later = alice_purchase.check_ins.get(day=30)
    response = client_olivia.post(f"/check-ins/{later.id}/reschedule/", {"due_on": str(today - dt.timedelta(days=30))})
    assert response.status_code == 422 and "is before the purchase" in response.content.decode()
    client_olivia.post(f"/check-ins/{later.id}/skip/", {"note": "Spoke last week"})
    assert CheckIn.objects.get(id=later.id).status == "skipped"


def test_editing_playbooks_on_their_page(client_olivia, workspace, garden_plan):
    assert "day 365" in client_olivia.get("/playbooks/").content.decode()
    bad = client_olivia.post(f"/playbooks/offerings/{garden_plan.id}/", {"steps": "two weeks: hello"})
    assert bad.status_code == 422 and "Line 1" in bad.content.decode()
    ok = client_olivia.post(f"/playbooks/offerings/{garden_plan.id}/", {"steps": "14: Seedlings?\n60: Harvest?"})
    assert ok.status_code == 302
    assert "its own: day 14, day 60" in client_olivia.get("/playbooks/").content.decode()


def test_recording_referrals_and_feedback_on_their_pages(client_olivia, alice, bob, today):
    response = client_olivia.post(f"/people/{alice.id}/referrals/new/", {
        "kind": "introduced_someone", "other": f"Bob Builder (#{bob.id})", "referred_on": str(today)})
    assert response.status_code == 302
    assert Referral.objects.get().referrer_id == alice.id
    nobody = client_olivia.post(f"/people/{alice.id}/referrals/new/", {"kind": "introduced_by", "other": "Nobody",
                                                                       "referred_on": str(today)})
    assert nobody.status_code == 422 and "No person called" in nobody.content.decode()
    response = client_olivia.post(f"/people/{alice.id}/feedback/new/", {"score": "9", "comment": "Lovely",
                                                                        "received_on": str(today)})
    assert response.status_code == 302


def test_the_dashboard_draws_its_charts_itself_without_scripts(client_olivia, alice_purchase):
    html = client_olivia.get("/customers-made/").content.decode()
    assert html.count("<svg") == 5
    charts = html[html.index('id="charts"'):]
    assert "<script" not in charts and "https://" not in charts
    bad = client_olivia.get("/customers-made/?start=2025-06-01&end=2025-01-01")
    assert bad.status_code == 422 and "is after the end" in bad.content.decode()


def test_another_workspaces_ownership_pages_are_404(client_olivia, rita, rita_purchase, rival_offering, other_workspace):
    from ally.people.services import person_create

    check_in = rita_purchase.check_ins.first()
    ron = person_create(workspace=other_workspace, name="Ron Rival")
    referral = referral_record(workspace=other_workspace, direction="received", referrer=rita, person=ron)
    for url in (f"/people/{rita.id}/purchases/new/", f"/people/{rita.id}/feedback/new/",
                f"/people/{rita.id}/referrals/new/", f"/purchases/{rita_purchase.id}/", f"/check-ins/{check_in.id}/",
                f"/playbooks/offerings/{rival_offering.id}/"):
        assert client_olivia.get(url).status_code == 404, url
    for url, data in ((f"/purchases/{rita_purchase.id}/delete/", {}), (f"/check-ins/{check_in.id}/", {"outcome": "mixed"}),
                      (f"/check-ins/{check_in.id}/skip/", {}), (f"/referrals/{referral.id}/delete/", {}),
                      (f"/playbooks/offerings/{rival_offering.id}/reset/", {})):
        assert client_olivia.post(url, data).status_code == 404, url
    assert Purchase.objects.filter(id=rita_purchase.id).exists() and Referral.objects.filter(id=referral.id).exists()
    assert rita.name not in client_olivia.get("/purchases/").content.decode()
    assert rita.name not in client_olivia.get("/check-ins/?status=scheduled").content.decode()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/purchases/", "/check-ins/", "/check-ins/?status=scheduled", "/check-ins/?status=done",
                                 "/playbooks/", "/customers-made/"])
def test_list_pages_issue_the_same_queries_for_few_and_many_rows(client_olivia, workspace, record, alice, bob,
                                                                 garden_plan, url):
    def populate(n):
        for i in range(n):
            purchase = record(alice if i % 2 else bob, days_ago=i % 5, offering=garden_plan if i % 3 else None,
                              description="" if i % 3 else f"Thing {i}")
            check_in_complete(check_in=purchase.check_ins.order_by("day").first(), outcome="mixed", satisfaction=i % 11)

    populate(2)
    few = _count(client_olivia, url)
    populate(25)
    assert _count(client_olivia, url) == few


def test_the_person_page_panels_take_constant_queries(client_olivia, workspace, record, alice, bob, garden_plan,
                                                      membership):
    from ally.support.services import case_open

    def populate(n):
        for i in range(n):
            purchase = record(alice, days_ago=i % 4, offering=garden_plan)
            check_in_complete(check_in=purchase.check_ins.order_by("day").first(), outcome="mixed", satisfaction=7)
            feedback_record(workspace=workspace, person=alice, score=8, purchase=purchase)
            referral_record(workspace=workspace, direction="given", person=alice, introduced_to=bob)
            case_open(workspace=workspace, person=alice, title=f"Problem {i}", champion=membership)

    populate(1)
    few = _count(client_olivia, f"/people/{alice.id}/")
    populate(12)
    assert _count(client_olivia, f"/people/{alice.id}/") == few
