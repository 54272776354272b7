import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ally.opportunities.models import DiscoveryQuestion, Need, Opportunity
from ally.opportunities.services import (
    alternative_create,
    customer_question_ask,
    discovery_question_create,
    need_record,
    need_set_status,
    offering_create,
    opportunity_move,
    opportunity_open,
)
from ally.people.services import person_create, relationship_add


def test_recording_a_need_from_the_person_page_redraws_the_panel(client_olivia, alice):
    response = client_olivia.post(f"/people/{alice.id}/needs/new/", {
        "text": "Nobody knows who is on call at weekends.", "status": "suspected", "driver": "risk", "urgency": "5",
    }, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Nobody knows who is on call at weekends." in response.content.decode()
    assert Need.objects.get().person_id == alice.id


def test_a_bad_urgency_is_shown_next_to_the_field(client_olivia, alice):
    response = client_olivia.post(f"/people/{alice.id}/needs/new/", {
        "text": "Weekend cover", "status": "suspected", "driver": "risk", "urgency": "9"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert 'id="id_urgency-error">must be from 1 to 5 (as the customer sees it), not 9' in response.content.decode()
    assert not Need.objects.exists()


def test_the_person_page_shows_needs_and_decisions_and_links_the_brief(client_olivia, alice, opportunity):
    page = client_olivia.get(f"/people/{alice.id}/").content.decode()
    assert "We lose a whole day every month fixing the rota by hand." in page
    assert "A rota that fixes itself" in page
    assert f"/people/{alice.id}/brief/" in page


def test_confirming_a_need_with_one_click(client_olivia, rota_need):
    response = client_olivia.post(f"/needs/{rota_need.id}/status/", {"status": "confirmed"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    rota_need.refresh_from_db()
    assert rota_need.status == "confirmed"


def test_editing_a_need(client_olivia, rota_need, alice):
    response = client_olivia.post(f"/needs/{rota_need.id}/edit/", {
        "text": "We lose two days a month on the rota.", "status": "confirmed", "driver": "efficiency", "urgency": "5",
        "cost_of_doing_nothing": "My weekends"})
    assert response.status_code == 302
    rota_need.refresh_from_db()
    assert (rota_need.text, rota_need.status, rota_need.urgency) == ("We lose two days a month on the rota.",
                                                                     "confirmed", 5)


def test_opening_an_opportunity_from_a_need(client_olivia, alice, rota_need, catalogue):
    form = client_olivia.get(f"/opportunities/new/?person={alice.id}&need={rota_need.id}").content.decode()
    assert f'value="{rota_need.id}" ' in form and "checked" in form
    response = client_olivia.post("/opportunities/new/", {
        "person": alice.id, "needs": [rota_need.id], "offerings": [catalogue.rota_planner.id],
        "reason": "It came up again."})
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302 and response.url == f"/opportunities/{opportunity.id}/"
    assert (opportunity.title, list(opportunity.offerings.all())) == (rota_need.text, [catalogue.rota_planner])


def test_a_refused_move_says_why_on_the_opportunity_page(client_olivia, opportunity):
    response = client_olivia.post(f"/opportunities/{opportunity.id}/move/", {"stage": "evaluating",
                                                                             "reason": "Show us"})
    assert response.status_code == 422
    assert "can&#x27;t move past exploring until the customer confirms a need to change" in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.stage == "exploring"


def test_not_a_fit_from_the_page_asks_for_the_alternative(client_olivia, opportunity, catalogue):
    refused = client_olivia.post(f"/opportunities/{opportunity.id}/move/", {"stage": "not_a_fit",
                                                                            "reason": "Too small"})
    assert "not a fit needs the alternative you recommended" in refused.content.decode()
    moved = client_olivia.post(f"/opportunities/{opportunity.id}/move/", {
        "stage": "not_a_fit", "reason": "Too small", "alternative": catalogue.spreadsheet.id})
    assert moved.status_code == 302
    page = client_olivia.get(moved.url).content.decode()
    assert "Rota spreadsheet template" in page and "Too small" in page


def test_moving_a_card_on_the_board_redraws_the_board(client_olivia, opportunity):
    form = client_olivia.get(f"/opportunities/{opportunity.id}/move/?board=1", HTTP_HX_REQUEST="true")
    assert 'name="reason"' in form.content.decode() and 'hx-target="#board"' in form.content.decode()
    response = client_olivia.post(f"/opportunities/{opportunity.id}/move/", {
        "board": "1", "stage": "staying_as_is", "reason": "Budget is frozen"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="board"' in response.content.decode()
    assert 'data-testid="decisions-helped">1<' in response.content.decode()


def test_a_refused_move_on_the_board_comes_back_into_the_card(client_olivia, opportunity):
    response = client_olivia.post(f"/opportunities/{opportunity.id}/move/", {
        "board": "1", "stage": "staying_as_is", "reason": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#move-{opportunity.id}"
    assert "This field is required" in response.content.decode()


def test_the_board_ranks_by_pull_and_shows_decisions_helped(client_olivia, workspace, alice, bob):
    mild = need_record(workspace=workspace, person=alice, text="Nicer reports", urgency=2, status="confirmed")
    urgent = need_record(workspace=workspace, person=bob, text="On-call chaos", urgency=5, status="confirmed")
    opportunity_open(workspace=workspace, person=alice, needs=[mild])
    opportunity_open(workspace=workspace, person=bob, needs=[urgent])
    page = client_olivia.get("/opportunities/").content.decode()
    assert page.index("On-call chaos") < page.index("Nicer reports")
    assert "decisions helped since" in page


def test_decision_information_and_questions_from_the_opportunity_page(client_olivia, opportunity):
    client_olivia.post(f"/opportunities/{opportunity.id}/info/", {"what": "The comparison sheet"})
    client_olivia.post(f"/opportunities/{opportunity.id}/questions/", {"text": "Can it do split shifts?"})
    question = opportunity.questions.get()
    client_olivia.post(f"/customer-questions/{question.id}/answer/", {"answer": "Yes."})
    page = client_olivia.get(f"/opportunities/{opportunity.id}/").content.decode()
    assert "The comparison sheet" in page and "Can it do split shifts?" in page and "answered" in page
    empty = client_olivia.post(f"/opportunities/{opportunity.id}/info/", {"what": ""})
    assert empty.status_code == 422


def test_the_catalogue_pages(client_olivia, workspace):
    assert client_olivia.post("/opportunities/offerings/", {"name": "Rota Planner", "active": "on"}).status_code == 302
    duplicate = client_olivia.post("/opportunities/offerings/", {"name": "ROTA PLANNER"})
    assert duplicate.status_code == 422 and "is already in the catalogue" in duplicate.content.decode()
    client_olivia.post("/opportunities/alternatives/", {"name": "ShiftBoard", "good_for": "Tiny teams",
                                                        "active": "on"})
    assert "Good for: Tiny teams" in client_olivia.get("/opportunities/alternatives/").content.decode()
    bank = client_olivia.get("/opportunities/questions/").content.decode()
    assert DiscoveryQuestion.objects.filter(workspace=workspace).count() >= 30
    assert "Missed opportunity" in bank and "What worries you most about the way things run today?" in bank


def test_editing_and_deleting_a_discovery_question(client_olivia, workspace):
    question = discovery_question_create(workspace=workspace, text="What would a great month look like?",
                                         driver="growth")
    client_olivia.post(f"/opportunities/questions/{question.id}/edit/", {
        "text": "What would a great quarter look like?", "driver": "growth", "purpose": "need", "active": "on"})
    question.refresh_from_db()
    assert question.text == "What would a great quarter look like?"
    client_olivia.post(f"/opportunities/questions/{question.id}/delete/")
    assert not DiscoveryQuestion.objects.filter(id=question.id).exists()


def test_the_brief_page(client_olivia, workspace, alice, opportunity, membership):
    customer_question_ask(opportunity=opportunity, text="Does it work offline?")
    carol = person_create(workspace=workspace, name="Carol Connector")
    relationship_add(workspace=workspace, from_person=alice, to_person=carol, kind="friend")
    relationship_add(workspace=workspace, from_person=membership.person, to_person=carol, kind="colleague")
    page = client_olivia.get(f"/people/{alice.id}/brief/").content.decode()
    assert "Three questions to ask" in page and "Does it work offline?" in page
    assert "Carol Connector" in page and "also knows Olivia Owner" in page


# --- isolation ---------------------------------------------------------------------------------------

def test_another_workspaces_objects_are_404_on_every_page(client_olivia, other_workspace, rita):
    need = need_record(workspace=other_workspace, person=rita, text="Rival need")
    opportunity = opportunity_open(workspace=other_workspace, person=rita, needs=[need])
    question = customer_question_ask(opportunity=opportunity, text="Rival question?")
    offering = offering_create(workspace=other_workspace, name="Rival offering")
    alternative = alternative_create(workspace=other_workspace, name="Rival alternative")
    bank_question = discovery_question_create(workspace=other_workspace, text="Rival question", driver="risk")
    gets = [f"/opportunities/{opportunity.id}/", f"/opportunities/{opportunity.id}/edit/",
            f"/opportunities/{opportunity.id}/move/", f"/opportunities/new/?person={rita.id}",
            f"/people/{rita.id}/needs/new/", f"/people/{rita.id}/brief/", f"/needs/{need.id}/edit/",
            f"/opportunities/offerings/{offering.id}/edit/", f"/opportunities/alternatives/{alternative.id}/edit/",
            f"/opportunities/questions/{bank_question.id}/edit/"]
    posts = [(f"/opportunities/{opportunity.id}/move/", {"stage": "staying_as_is", "reason": "x"}),
             (f"/opportunities/{opportunity.id}/info/", {"what": "x"}),
             (f"/opportunities/{opportunity.id}/questions/", {"text": "x"}),
             (f"/customer-questions/{question.id}/answer/", {"answer": "x"}),
             (f"/needs/{need.id}/status/", {"status": "confirmed"}),
             (f"/people/{rita.id}/needs/new/", {"text": "x", "status": "suspected", "driver": "risk", "urgency": 3}),
             (f"/opportunities/questions/{bank_question.id}/delete/", {}),
             ("/opportunities/new/", {"person": rita.id, "title": "x"})]
    for url in gets:
        assert client_olivia.get(url).status_code == 404, url
    for url, data in posts:
        assert client_olivia.post(url, data).status_code == 404, url
    opportunity.refresh_from_db(), need.refresh_from_db()
    assert (opportunity.stage, need.status, question.answered_at) == ("exploring", "suspected", None)
    assert DiscoveryQuestion.objects.filter(id=bank_question.id).exists()
    board = client_olivia.get("/opportunities/").content.decode()
    assert "Rival need" not in board
    assert "Rival" not in client_olivia.get("/opportunities/offerings/").content.decode()
    assert "Rival" not in client_olivia.get("/opportunities/all/").content.decode()


def test_an_alternative_from_another_workspace_cannot_be_chosen_on_the_page(client_olivia, opportunity,
                                                                            other_workspace):
    theirs = alternative_create(workspace=other_workspace, name="Rival's pick")
    response = client_olivia.post(f"/opportunities/{opportunity.id}/move/", {
        "stage": "not_a_fit", "reason": "Too small", "alternative": theirs.id})
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.stage == "exploring"


# --- query counts ------------------------------------------------------------------------------------

def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _journeys(workspace, count: int, catalogue):
    """`count` customers, each with needs and an opportunity somewhere on the journey."""
    stages = ["committed_to_change", "evaluating", "deciding", "not_a_fit", "staying_as_is", "exploring"]
    for i in range(count):
        person = person_create(workspace=workspace, name=f"Customer {count}-{i}")
        need = need_record(workspace=workspace, person=person, text=f"Need {i}", urgency=1 + i % 5,
                           status="confirmed", cost_of_doing_nothing="Too much" if i % 2 else "")
        opportunity = opportunity_open(workspace=workspace, person=person, needs=[need],
                                       offerings=[catalogue.rota_planner])
        stage = stages[i % len(stages)]
        if stage != "exploring":
            opportunity_move(opportunity=opportunity, stage=stage, reason="They said so",
                             alternative_name="Paper" if stage == "not_a_fit" else "")
        customer_question_ask(opportunity=opportunity, text="How?")


@pytest.mark.parametrize("url", ["/opportunities/", "/opportunities/all/", "/opportunities/alternatives/",
                                 "/opportunities/offerings/", "/opportunities/questions/"])
def test_opportunity_pages_issue_the_same_queries_for_few_and_many(client_olivia, workspace, catalogue, url):
    _journeys(workspace, 3, catalogue)
    client_olivia.get(url)  # the question bank is seeded on first use
    small = _count(client_olivia, url)
    _journeys(workspace, 40, catalogue)
    assert _count(client_olivia, url) == small


def test_the_needs_panel_and_the_brief_issue_the_same_queries_however_long_the_history(
        client_olivia, workspace, alice, catalogue, membership):
    def grow(n):
        for i in range(n):
            need = need_record(workspace=workspace, person=alice, text=f"Need {n}-{i}", urgency=4, status="confirmed")
            opportunity = opportunity_open(workspace=workspace, person=alice, needs=[need])
            customer_question_ask(opportunity=opportunity, text=f"Question {i}?")
            friend = person_create(workspace=workspace, name=f"Friend {n}-{i}")
            relationship_add(workspace=workspace, from_person=alice, to_person=friend, kind="friend")
            relationship_add(workspace=workspace, from_person=membership.person, to_person=friend, kind="friend")

    grow(1)
    client_olivia.get(f"/people/{alice.id}/brief/")
    small = (_count(client_olivia, f"/people/{alice.id}/"), _count(client_olivia, f"/people/{alice.id}/brief/"),
             _count(client_olivia, f"/opportunities/{Opportunity.objects.first().id}/"))
    grow(15)
    assert (_count(client_olivia, f"/people/{alice.id}/"), _count(client_olivia, f"/people/{alice.id}/brief/"),
            _count(client_olivia, f"/opportunities/{Opportunity.objects.first().id}/")) == small


def test_decisions_helped_on_the_board_counts_the_last_twelve_months(client_olivia, opportunity, rota_need):
    need_set_status(need=rota_need, status="confirmed")
    opportunity_move(opportunity=opportunity, stage="staying_as_is", reason="Not this year",
                     revisit_on=timezone.localdate() + dt.timedelta(days=30))
    page = client_olivia.get("/opportunities/").content.decode()
    assert 'data-testid="decisions-helped">1<' in page
    assert "1 staying as is, by their choice" in page
