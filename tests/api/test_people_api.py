import datetime as dt

from django.utils import timezone

from ally.people.models import Organization, Person
from ally.people.services import fact_add, organization_create, person_create, relationship_add
from tests.api.conftest import field_errors


def test_listing_people_gives_the_total_count_and_one_page(api, alice, bob, membership):
    # when
    response = api.get("/people", {"limit": 1, "offset": 1})
    # then
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 3  # Alice, Bob and Olivia's own team-member person
    assert [p["name"] for p in body["items"]] == ["Bob Builder"]


def test_searching_people_matches_names_emails_and_tags(api, alice, bob):
    person_create(workspace=alice.workspace, name="Carla Client", tags=["gardening club"])
    assert [p["name"] for p in api.get("/people", {"q": "alice@example"}).json()["items"]] == ["Alice Ally"]
    assert [p["name"] for p in api.get("/people", {"tag": "gardening club"}).json()["items"]] == ["Carla Client"]


def test_a_person_shows_contact_details_tags_and_the_keep_in_touch_clock(api, alice):
    body = api.get(f"/people/{alice.id}").json()
    assert body["emails"] == ["alice@example.com"]
    assert body["phones"] == ["+12125550101"]
    assert body["cadence_days"] == 30
    assert dt.datetime.fromisoformat(body["touch_due_at"]) > dt.datetime.fromisoformat(body["created_at"])


def test_creating_a_person_goes_through_the_service_and_answers_201(api, workspace, membership):
    org = organization_create(workspace=workspace, name="Globex")
    # when
    response = api.post("/people", {"name": " Dora Diaz ", "emails": ["DORA@example.com"], "phones": ["212 555 0199"],
                                    "organization_id": org.id, "owner_id": membership.id, "tags": ["VIP"],
                                    "birthday_month": 2, "birthday_day": 29, "cadence_days": 14})
    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["name"], body["emails"], body["phones"]) == ("Dora Diaz", ["dora@example.com"], ["+12125550199"])
    assert (body["organization_name"], body["owner_id"], body["tags"]) == ("Globex", membership.id, ["vip"])
    assert body["touch_due_at"] is not None


def test_bad_person_input_names_each_field_and_writes_nothing(api, workspace):
    response = api.post("/people", {"name": "", "emails": ["not-an-email"], "birthday_month": 2, "birthday_day": 30,
                                    "cadence_days": 0})
    assert field_errors(response) == {
        "name": "is required", "emails": "'not-an-email' is not a valid email address",
        "birthday": "February 30 does not exist", "cadence_days": "must be a positive number of days",
    }
    assert not Person.objects.filter(emails__address="not-an-email").exists()


def test_a_field_the_api_does_not_know_is_refused_by_name(api, workspace):
    assert "favourite_colour" in field_errors(api.post("/people", {"name": "Eve", "favourite_colour": "red"}))


def test_a_missing_required_field_and_a_wrong_type_are_422_naming_the_field(api, workspace):
    assert set(field_errors(api.post("/people", {"emails": []}))) == {"name"}
    assert set(field_errors(api.post("/people", {"name": "Eve", "cadence_days": "often"}))) == {"cadence_days"}


def test_a_text_with_a_nul_character_is_refused_not_a_server_error(api, workspace):
    assert field_errors(api.post("/people", {"name": "Eve\x00"})) == {"name": "must not contain NUL characters"}


def test_an_organization_of_another_workspace_is_not_found_in_this_one(api, workspace, other_workspace):
    rival_org = organization_create(workspace=other_workspace, name="Rival Inc")
    assert field_errors(api.post("/people", {"name": "Frank", "organization_id": rival_org.id})) == {
        "organization_id": "not found in this workspace"}


def test_patching_a_person_changes_only_the_fields_sent(api, alice):
    # when
    response = api.patch(f"/people/{alice.id}", {"title": "Head of Gardens", "tags": ["roses"]})
    # then
    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["tags"], body["emails"], body["cadence_days"]) == (
        "Head of Gardens", ["roses"], ["alice@example.com"], 30)


def test_patching_a_required_field_to_null_is_refused(api, alice):
    assert field_errors(api.patch(f"/people/{alice.id}", {"name": None})) == {"name": "cannot be null"}


def test_a_person_cannot_introduce_themselves(api, alice):
    assert field_errors(api.patch(f"/people/{alice.id}", {"introduced_by_id": alice.id})) == {
        "introduced_by_id": "a person cannot introduce themselves"}


def test_deleting_a_person_answers_204_and_then_404(api, bob):
    assert api.delete(f"/people/{bob.id}").status_code == 204
    assert api.get(f"/people/{bob.id}").status_code == 404


def test_private_notes_are_shown_only_to_their_author(api, workspace, rex):
    from ally.workspaces.services import api_token_create, membership_add, user_create
    from tests.conftest import ApiClient

    # given: Olivia keeps a private note; her colleague Pat uses the API too
    person = api.post("/people", {"name": "Gina", "notes": "going through a divorce", "notes_private": True}).json()
    pat = user_create(username="pat", password="pat-keeps-notes")
    membership_add(workspace=workspace, user=pat)
    pat_api = ApiClient(api_token_create(user=pat, workspace=workspace, name="pat")[1])
    # then
    assert api.get(f"/people/{person['id']}").json()["notes"] == "going through a divorce"
    assert pat_api.get(f"/people/{person['id']}").json()["notes"] is None
    assert [p["notes"] for p in pat_api.get("/people", {"q": "Gina"}).json()["items"]] == [None]
    assert field_errors(pat_api.patch(f"/people/{person['id']}", {"notes": "overwritten"})) == {
        "notes": "is private to its author"}


def test_organizations_can_be_listed_created_changed_and_deleted(api, workspace, alice):
    created = api.post("/organizations", {"name": "Initech", "website": "initech.example"})
    assert created.status_code == 201
    org_id = created.json()["id"]
    api.patch(f"/people/{alice.id}", {"organization_id": org_id})
    assert api.get("/organizations", {"q": "init"}).json() == {"count": 1, "items": [
        {**created.json(), "people_count": 1}]}
    assert api.patch(f"/organizations/{org_id}", {"notes": "printers"}).json()["notes"] == "printers"
    assert field_errors(api.patch(f"/organizations/{org_id}", {"name": ""})) == {"name": "is required"}
    assert api.delete(f"/organizations/{org_id}").status_code == 204
    assert not Organization.objects.filter(id=org_id).exists()
    assert api.get(f"/people/{alice.id}").json()["organization_id"] is None


def test_facts_can_be_listed_created_changed_and_deleted(api, alice, bob):
    fact_add(person=bob, text="supports Arsenal", kind="interest")
    created = api.post("/facts", {"person_id": alice.id, "text": "daughter Emma starts school",
                                  "kind": "family", "date": "2025-09-01"})
    assert created.status_code == 201
    fact = created.json()
    assert (fact["date"], fact["kind"]) == ("2025-09-01", "family")
    assert api.get("/facts", {"person_id": alice.id}).json()["count"] == 1
    assert api.patch(f"/facts/{fact['id']}", {"recurs_yearly": True}).json()["recurs_yearly"] is True
    assert api.get(f"/facts/{fact['id']}").json()["recurs_yearly"] is True
    assert api.delete(f"/facts/{fact['id']}").status_code == 204
    assert api.get(f"/facts/{fact['id']}").status_code == 404


def test_bad_fact_input_names_the_field(api, alice):
    assert set(field_errors(api.post("/facts", {"person_id": alice.id, "text": "x", "date": "2025-02-30"}))) == {"date"}
    assert set(field_errors(api.post("/facts", {"person_id": alice.id, "text": "x", "date": "next week"}))) == {"date"}
    assert set(field_errors(api.post("/facts", {"person_id": alice.id, "text": "x", "kind": "gossip"}))) == {"kind"}
    assert field_errors(api.post("/facts", {"person_id": alice.id, "text": " "})) == {"text": "is required"}
    assert field_errors(api.post("/facts", {"person_id": alice.id, "text": "x", "recurs_yearly": True})) == {
        "recurs_yearly": "needs a date to recur"}


def test_relationships_can_be_listed_created_changed_and_deleted(api, alice, bob):
    created = api.post("/relationships", {"from_person_id": alice.id, "to_person_id": bob.id, "kind": "manager",
                                          "since": "2020-01-15"})
    assert created.status_code == 201, created.content
    rel = created.json()
    assert (rel["from_person_name"], rel["to_person_name"], rel["since"]) == ("Alice Ally", "Bob Builder", "2020-01-15")
    assert api.get("/relationships", {"person_id": bob.id}).json()["count"] == 1
    assert api.patch(f"/relationships/{rel['id']}", {"kind": "friend", "note": "met at the club"}).json()["kind"] == "friend"
    assert [r["id"] for r in api.get("/relationships", {"q": "builder"}).json()["items"]] == [rel["id"]]
    assert [r["id"] for r in api.get("/relationships", {"q": "THE CLUB"}).json()["items"]] == [rel["id"]]
    assert api.get("/relationships", {"q": "Carla"}).json() == {"count": 0, "items": []}
    assert api.delete(f"/relationships/{rel['id']}").status_code == 204
    assert api.get("/relationships").json() == {"count": 0, "items": []}


def test_bad_relationships_name_the_field(api, alice, bob):
    relationship_add(workspace=alice.workspace, from_person=alice, to_person=bob, kind="friend")
    assert field_errors(api.post("/relationships", {"from_person_id": alice.id, "to_person_id": alice.id,
                                                    "kind": "friend"})) == {
        "to_person_id": "a relationship needs two different people"}
    assert field_errors(api.post("/relationships", {"from_person_id": alice.id, "to_person_id": bob.id,
                                                    "kind": "friend"})) == {
        "to_person_id": "already has this relationship with Alice Ally"}
    future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    assert field_errors(api.post("/relationships", {"from_person_id": bob.id, "to_person_id": alice.id,
                                                    "kind": "colleague", "since": future})) == {"since": "is in the future"}
