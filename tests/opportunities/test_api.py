import datetime as dt

import pytest
from django.utils import timezone

from ally.opportunities.models import Need, Opportunity
from ally.opportunities.services import alternative_create, need_set_status, offering_create
from ally.ownership.models import Purchase
from tests.api.conftest import field_errors


def test_recording_a_need_through_the_api_keeps_their_words(api, alice, bob):
    response = api.post("/needs", {"person_id": alice.id, "text": "We lose a day a month on the rota.",
                                   "driver": "efficiency", "urgency": 4, "said_by_id": bob.id,
                                   "cost_of_doing_nothing": "My Sundays", "cost_amount": "300", "cost_period": "month"})
    assert response.status_code == 201, response.content
    need = response.json()
    assert (need["text"], need["driver"], need["urgency"], need["status"], need["said_by_id"]) == (
        "We lose a day a month on the rota.", "efficiency", 4, "suspected", bob.id)
    assert (need["cost_amount"], need["cost_currency"]) == ("300.00", "USD")


@pytest.mark.parametrize("urgency", [0, 6, -1])
def test_urgency_outside_one_to_five_is_a_422_naming_the_field(api, alice, urgency):
    response = api.post("/needs", {"person_id": alice.id, "text": "Faster payroll", "urgency": urgency})
    assert field_errors(response) == {"urgency": f"must be from 1 to 5 (as the customer sees it), not {urgency}"}
    assert not Need.objects.exists()


def test_a_need_for_someone_in_another_workspace_is_a_422(api, rita):
    response = api.post("/needs", {"person_id": rita.id, "text": "Faster payroll"})
    assert field_errors(response) == {"person_id": "not found in this workspace"}


def test_confirming_a_need_through_the_api(api, rota_need):
    response = api.patch(f"/needs/{rota_need.id}", {"status": "confirmed", "urgency": 5})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["urgency"]) == ("confirmed", 5)


def test_needs_can_be_listed_by_person_and_status(api, rota_need, bob):
    api.post("/needs", {"person_id": bob.id, "text": "Weekend cover", "status": "confirmed"})
    confirmed = api.get("/needs", {"status": "confirmed"}).json()
    alices = api.get("/needs", {"person_id": rota_need.person_id}).json()
    assert [n["text"] for n in confirmed["items"]] == ["Weekend cover"]
    assert [n["id"] for n in alices["items"]] == [rota_need.id]


def test_opening_an_opportunity_and_moving_it_through_the_journey(api, alice, rota_need, catalogue):
    response = api.post("/opportunities", {"person_id": alice.id, "title": "A new rota", "need_ids": [rota_need.id],
                                           "offering_ids": [catalogue.rota_planner.id],
                                           "reason": "It came up again at the team meeting."})
    assert response.status_code == 201, response.content
    opportunity_id = response.json()["id"]
    # refused: no confirmed need yet
    refused = api.post(f"/opportunities/{opportunity_id}/moves", {"stage": "evaluating", "reason": "Show us"})
    assert field_errors(refused) == {"stage": "can't move past exploring until the customer confirms a need to "
                                              "change: none of this opportunity's needs is confirmed yet"}
    api.patch(f"/needs/{rota_need.id}", {"status": "confirmed"})
    moved = api.post(f"/opportunities/{opportunity_id}/moves", {"stage": "evaluating", "reason": "Show us"})
    assert moved.status_code == 201
    owned = api.post(f"/opportunities/{opportunity_id}/moves",
                     {"stage": "owning", "reason": "Signed!", "amount": 1200, "currency": "EUR"})
    assert owned.status_code == 201, owned.content
    detail = owned.json()
    assert detail["stage"] == "owning" and detail["purchase_id"] == Purchase.objects.get().id
    assert [m["to_stage"] for m in detail["history"]] == ["exploring", "evaluating", "owning"]
    assert detail["history"][-1]["reason"] == "Signed!"


def test_a_move_to_an_unknown_stage_is_a_422(api, opportunity):
    response = api.post(f"/opportunities/{opportunity.id}/moves", {"stage": "closed_won", "reason": "x"})
    assert list(field_errors(response)) == ["stage"]


def test_a_move_without_their_reason_is_a_422(api, opportunity):
    response = api.post(f"/opportunities/{opportunity.id}/moves", {"stage": "staying_as_is", "reason": " "})
    assert field_errors(response) == {"reason": "needs the customer's reason, in their words"}


def test_not_a_fit_needs_an_alternative_and_one_from_another_workspace_is_refused(api, opportunity, other_workspace,
                                                                                   catalogue):
    theirs = alternative_create(workspace=other_workspace, name="Rival's pick")
    missing = api.post(f"/opportunities/{opportunity.id}/moves", {"stage": "not_a_fit", "reason": "Too big for us"})
    foreign = api.post(f"/opportunities/{opportunity.id}/moves",
                       {"stage": "not_a_fit", "reason": "Too big for us", "alternative_id": theirs.id})
    assert field_errors(missing) == {"alternative_id": "not a fit needs the alternative you recommended: choose one "
                                                    "from the catalogue or type it in"}
    assert field_errors(foreign) == {"alternative_id": "not found in this workspace"}
    ok = api.post(f"/opportunities/{opportunity.id}/moves",
                  {"stage": "not_a_fit", "reason": "Too big for us", "alternative_id": catalogue.shiftboard.id})
    assert ok.status_code == 201
    assert (ok.json()["alternative_id"], ok.json()["alternative_name"]) == (catalogue.shiftboard.id, "ShiftBoard")


def test_moving_back_and_reopening_through_the_api(api, opportunity, rota_need):
    need_set_status(need=rota_need, status="confirmed")
    path = f"/opportunities/{opportunity.id}/moves"
    assert api.post(path, {"stage": "deciding", "reason": "It's you or ShiftBoard"}).status_code == 201
    assert api.post(path, {"stage": "evaluating", "reason": "New director wants a second look"}).status_code == 201
    revisit = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    stayed = api.post(path, {"stage": "staying_as_is", "reason": "Budget frozen", "revisit_on": revisit})
    assert stayed.json()["revisit_on"] == revisit
    refused = api.post(path, {"stage": "deciding", "reason": "Budget's back"})
    assert field_errors(refused) == {"stage": "an opportunity that ended as staying as is can only be reopened to "
                                              "exploring"}
    assert api.post(path, {"stage": "exploring", "reason": "Budget's back"}).json()["stage"] == "exploring"


def test_the_board_is_ranked_by_the_customers_pull(api, workspace, alice, bob):
    from ally.opportunities.services import need_record, opportunity_open

    mild = need_record(workspace=workspace, person=alice, text="Nicer reports", urgency=2, status="confirmed")
    urgent = need_record(workspace=workspace, person=bob, text="On-call chaos", urgency=5, status="confirmed",
                         cost_of_doing_nothing="A lost client")
    opportunity_open(workspace=workspace, person=alice, needs=[mild])
    opportunity_open(workspace=workspace, person=bob, needs=[urgent])
    board = api.get("/opportunities/board").json()
    exploring = next(c for c in board if c["stage"] == "exploring")
    assert [(c["person_name"], c["pull"]) for c in exploring["cards"]] == [("Bob Builder", 37.5), ("Alice Ally", 4.0)]
    assert [c["stage"] for c in board] == ["exploring", "committed_to_change", "evaluating", "deciding"]


def test_decisions_helped_over_a_period(api, opportunity):
    api.post(f"/opportunities/{opportunity.id}/moves", {"stage": "not_a_fit", "reason": "Too small",
                                                        "alternative_name": "A paper planner"})
    today = timezone.localdate()
    body = api.get("/decisions-helped", {"start": today.replace(day=1).isoformat(),
                                         "end": (today + dt.timedelta(days=1)).isoformat()}).json()
    assert body["count"] == 1
    assert body["by_ending"] == {"owning": 0, "not_a_fit": 1, "staying_as_is": 0}
    assert body["months"] == [{"month": today.replace(day=1).isoformat(), "count": 1}]
    backwards = api.get("/decisions-helped", {"start": today.isoformat(), "end": today.isoformat()})
    assert field_errors(backwards) == {"end": "must be after start"}


def test_decision_information_and_the_customers_questions(api, opportunity):
    info = api.post(f"/opportunities/{opportunity.id}/decision-info", {"what": "The comparison sheet"})
    question = api.post(f"/opportunities/{opportunity.id}/questions", {"text": "Can it handle split shifts?"})
    assert info.status_code == 201 and question.status_code == 201
    answered = api.post(f"/customer-questions/{question.json()['id']}/answer", {"answer": "Yes, any pattern."})
    assert answered.json()["answer"] == "Yes, any pattern." and answered.json()["answered_at"]
    detail = api.get(f"/opportunities/{opportunity.id}").json()
    assert [i["what"] for i in detail["decision_info"]] == ["The comparison sheet"]
    assert [q["text"] for q in detail["questions"]] == ["Can it handle split shifts?"]


def test_catalogues_through_the_api(api, workspace):
    offering = api.post("/offerings", {"name": "Rota Planner", "price": "1200"})
    duplicate = api.post("/offerings", {"name": "rota planner"})
    alternative = api.post("/alternatives", {"name": "ShiftBoard", "good_for": "Tiny teams"})
    question = api.post("/discovery-questions", {"text": "What would a great month look like?", "driver": "growth"})
    assert (offering.status_code, alternative.status_code, question.status_code) == (201, 201, 201)
    assert offering.json()["currency"] == "USD"
    assert field_errors(duplicate) == {"name": "'rota planner' is already in the catalogue"}
    retired = api.patch(f"/alternatives/{alternative.json()['id']}", {"active": False})
    assert retired.json()["active"] is False
    bank = api.get("/discovery-questions").json()
    assert len(bank) >= 31 and "What would a great month look like?" in [q["text"] for q in bank]
    assert api.delete(f"/discovery-questions/{question.json()['id']}").status_code == 204


def test_the_brief_through_the_api(api, alice, rota_need):
    brief = api.get(f"/people/{alice.id}/brief").json()
    assert brief["person"]["name"] == "Alice Ally"
    assert [n["id"] for n in brief["needs"]] == [rota_need.id]
    assert len(brief["suggested_questions"]) == 3
    assert all(q["why"] for q in brief["suggested_questions"])


def test_another_workspaces_objects_are_404_on_every_path(api, rival_api, other_workspace, rita):
    from ally.opportunities.services import (
        customer_question_ask,
        discovery_question_create,
        need_record,
        opportunity_open,
    )

    need = need_record(workspace=other_workspace, person=rita, text="Rival need")
    opportunity = opportunity_open(workspace=other_workspace, person=rita, needs=[need])
    question = customer_question_ask(opportunity=opportunity, text="Rival question?")
    offering = offering_create(workspace=other_workspace, name="Rival offering")
    alternative = alternative_create(workspace=other_workspace, name="Rival alternative")
    bank_question = discovery_question_create(workspace=other_workspace, text="Rival question", driver="risk")
    move = {"stage": "staying_as_is", "reason": "x"}
    calls = [
        ("get", f"/needs/{need.id}", None), ("patch", f"/needs/{need.id}", {"urgency": 2}),
        ("get", f"/opportunities/{opportunity.id}", None), ("patch", f"/opportunities/{opportunity.id}", {"title": "x"}),
        ("post", f"/opportunities/{opportunity.id}/moves", move),
        ("post", f"/opportunities/{opportunity.id}/decision-info", {"what": "x"}),
        ("post", f"/opportunities/{opportunity.id}/questions", {"text": "x"}),
        ("post", f"/customer-questions/{question.id}/answer", {"answer": "x"}),
        ("get", f"/offerings/{offering.id}", None), ("patch", f"/offerings/{offering.id}", {"name": "x"}),
        ("get", f"/alternatives/{alternative.id}", None), ("patch", f"/alternatives/{alternative.id}", {"name": "x"}),
        ("get", f"/discovery-questions/{bank_question.id}", None),
        ("patch", f"/discovery-questions/{bank_question.id}", {"text": "x"}),
        ("delete", f"/discovery-questions/{bank_question.id}", None),
        ("get", f"/people/{rita.id}/brief", None),
    ]
    for method, path, body in calls:
        response = getattr(api, method)(path, body) if body is not None else getattr(api, method)(path)
        assert response.status_code == 404, (method, path, response.content)
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.title) == ("exploring", "Rival need")
    # and lists never show them
    assert api.get("/needs").json()["count"] == 0
    assert api.get("/opportunities").json()["count"] == 0
    assert rival_api.get("/opportunities").json()["count"] == 1


def test_without_a_token_the_api_answers_401(db, opportunity):
    from tests.conftest import ApiClient

    assert ApiClient(None).get(f"/opportunities/{opportunity.id}").status_code == 401
    assert not Opportunity.objects.exclude(stage="exploring").exists()
