"""Warm introductions through the page, the API and the CLI: the same answer, workspace-scoped, bad input refused."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.network.models import IntroductionRequest
from ally.network.services import introduction_request_create, network_refresh
from ally.ownership.models import Referral

pytestmark = pytest.mark.django_db


def test_the_api_answers_with_paths_and_who_knows_them(api, fjord, refreshed):
    body = api.get(f"/people/{fjord['jonas'].id}/introductions").json()
    assert body["known_by"] == []
    first = body["introductions"][0]
    assert [p["name"] for p in first["path"]] == ["Olivia Owner", "Priya Patel", "Jonas Berg"]
    assert first["first_contact"]["id"] == fjord["priya"].id and first["hops"] == 2
    assert first["steps"][1]["basis"] == "colleagues at Fjord"


def test_the_cli_prints_the_same_json_as_the_api(api, ally_command, fjord, refreshed):
    result = ally_command("intro", str(fjord["jonas"].id), "--json", "-w", "acme")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == api.get(f"/people/{fjord['jonas'].id}/introductions").json()
    words = ally_command("intro", "Jonas", "-w", "acme")
    assert "ask Priya Patel" in words.stdout and "colleagues at Fjord" in words.stdout


def test_before_the_first_refresh_there_is_nothing_yet_and_nothing_is_built(api, client_olivia, fjord):
    body = api.get(f"/people/{fjord['jonas'].id}/introductions").json()
    assert body == {"person_id": fjord["jonas"].id, "refreshed_at": None, "known_by": [], "introductions": []}
    assert "has not been computed yet" in client_olivia.get(f"/people/{fjord['jonas'].id}/").content.decode()


def test_the_person_page_shows_the_paths_and_the_ask(client_olivia, fjord, refreshed):
    html = client_olivia.get(f"/people/{fjord['jonas'].id}/").content.decode()
    assert "Warm introductions" in html and "Ask Priya Patel to introduce you" in html
    assert "colleagues at Fjord" in html
    priya = client_olivia.get(f"/people/{fjord['priya'].id}/").content.decode()
    assert "strong</span> with Olivia Owner: met 4 times in the last 90 days" in priya


def test_the_organization_page_and_its_power_map(client_olivia, fjord, refreshed):
    organization = fjord["jonas"].organization
    html = client_olivia.get(f"/organizations/{organization.id}/").content.decode()
    assert "Warm introductions" in html and "Power map" in html
    page = client_olivia.get(f"/organizations/{organization.id}/power-map/").content.decode()
    assert "<svg" in page and "power-map-table" in page
    assert page.count("<line") == 1  # Greta manages Jonas
    assert "Olivia Owner" in page and "Greta Lund" in page


def test_the_person_page_costs_the_same_queries_however_big_the_network(client_olivia, workspace, fjord, refreshed,
                                                                        django_assert_max_num_queries):
    from ally.people.services import person_create, relationship_add

    client_olivia.get(f"/people/{fjord['jonas'].id}/")  # the snapshot is parsed once per process
    with CaptureQueriesContext(connection) as small:
        client_olivia.get(f"/people/{fjord['jonas'].id}/")
    few = len(small)  # counted now: the next request clears the connection's query log
    assert few <= 40
    for n in range(30):
        friend = person_create(workspace=workspace, name=f"Friend {n}", organization_name="Fjord")
        relationship_add(workspace=workspace, from_person=friend, to_person=fjord["jonas"], kind="friend")
        relationship_add(workspace=workspace, from_person=friend, to_person=fjord["priya"], kind="friend")
    network_refresh(workspace=workspace)
    client_olivia.get(f"/people/{fjord['jonas'].id}/")
    with django_assert_max_num_queries(few):
        client_olivia.get(f"/people/{fjord['jonas'].id}/")


def test_another_workspace_is_unreachable_from_page_api_and_cli(api, client_olivia, ally_command, rita, fjord,
                                                               refreshed, other_workspace):
    network_refresh(workspace=other_workspace)
    assert api.get(f"/people/{rita.id}/introductions").status_code == 404
    assert client_olivia.get(f"/people/{rita.id}/").status_code == 404
    assert client_olivia.get(f"/organizations/{fjord['jonas'].organization_id}/power-map/").status_code == 200
    result = ally_command("intro", str(rita.id), "-w", "acme")
    assert result.exit_code != 0 and "no person matches" in result.output
    response = api.post("/introduction-requests", {"person_id": rita.id, "introducer_id": fjord["priya"].id})
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "person_id"


def test_asking_for_an_introduction_and_the_outcome_made_counts_as_a_referral(api, client_olivia, team, fjord,
                                                                             refreshed):
    response = client_olivia.post("/introductions/requests/", {
        "person_id": fjord["jonas"].id, "introducer_id": fjord["priya"].id,
        "path": f"{team['olivia'].person_id},{fjord['priya'].id},{fjord['jonas'].id}", "score": "0.2"})
    asked = IntroductionRequest.objects.get()
    assert response.status_code == 302 and asked.follow_up.owner == team["olivia"]
    assert asked.follow_up.text == "Ask Priya Patel to introduce you to Jonas Berg" and "Hi Priya" in asked.note
    assert "nothing to sell" in asked.note
    decided = client_olivia.post(f"/introductions/requests/{asked.id}/outcome/", {"outcome": "made"})
    assert decided.status_code == 302
    fjord["jonas"].refresh_from_db()
    asked.refresh_from_db()
    assert fjord["jonas"].introduced_by == fjord["priya"] and asked.outcome == "made"
    assert Referral.objects.get(id=asked.referral_id).referrer == fjord["priya"]
    assert asked.follow_up.done_at is not None
    again = api.post(f"/introduction-requests/{asked.id}/outcome", {"outcome": "declined"})
    assert again.status_code == 422 and again.json()["detail"][0]["field"] == "outcome"


def test_bad_requests_name_the_field_and_write_nothing(api, client_olivia, ally_command, team, fjord, refreshed):
    assert api.post("/introduction-requests", {"person_id": fjord["jonas"].id,
                                               "introducer_id": fjord["jonas"].id}).status_code == 422
    mine = api.post("/introduction-requests", {"person_id": team["olivia"].person_id,
                                               "introducer_id": fjord["priya"].id}).json()
    assert mine["detail"][0]["field"] == "person_id"
    assert api.post("/introduction-requests", {"person_id": fjord["jonas"].id, "introducer_id": fjord["priya"].id,
                                               "note": "  "}).json()["detail"][0]["field"] == "note"
    asked = introduction_request_create(workspace=fjord["jonas"].workspace, member=team["olivia"],
                                        introducer=fjord["priya"], target=fjord["jonas"])
    assert api.post(f"/introduction-requests/{asked.id}/outcome", {"outcome": "maybe"}).status_code == 422
    page = client_olivia.post(f"/introductions/requests/{asked.id}/outcome/", {"outcome": "maybe"})
    assert page.status_code == 400 and "must be one of" in page.content.decode()
    result = ally_command("intro-request", "outcome", str(asked.id), "maybe", "-w", "acme")
    assert result.exit_code == 1 and "outcome: must be one of" in result.output
    assert IntroductionRequest.objects.count() == 1
    assert client_olivia.get("/introductions/requests/").status_code == 405


def test_the_cli_asks_and_records_the_outcome(ally_command, fjord, refreshed):
    asked = ally_command("intro-request", "ask", "Jonas", "--via", "Priya", "-w", "acme", "--json")
    assert asked.exit_code == 0, asked.output
    data = json.loads(asked.stdout)
    assert data["introducer"]["name"] == "Priya Patel" and data["outcome"] == "asked"
    done = ally_command("intro-request", "outcome", str(data["id"]), "no_answer", "-w", "acme")
    assert done.exit_code == 0 and "no_answer" in done.stdout
