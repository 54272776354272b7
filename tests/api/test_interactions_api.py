import datetime as dt

from django.utils import timezone

from ally.interactions.models import FollowUp, Interaction
from ally.interactions.services import follow_up_add, interaction_log
from ally.workspaces.services import api_token_create, membership_add, user_create
from tests.api.conftest import field_errors
from tests.conftest import ApiClient


def _colleague_api(workspace) -> ApiClient:
    """Pat, Olivia's colleague in Acme, with a token of their own."""
    pat = user_create(username="pat", password="pat-keeps-notes")
    membership_add(workspace=workspace, user=pat)
    return ApiClient(api_token_create(user=pat, workspace=workspace, name="pat")[1])


def test_logging_an_interaction_resets_the_participants_clock_and_records_promises(api, alice, bob):
    # when
    response = api.post("/interactions", {
        "kind": "call", "summary": "Talked about the spring planting", "participant_ids": [alice.id, bob.id],
        "occurred_at": "2025-03-01T09:30:00+01:00", "initiated_by": "they",
        "follow_ups": [{"text": "send the catalogue", "due_on": "2025-03-08"}],
    })
    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert [p["name"] for p in body["participants"]] == ["Alice Ally", "Bob Builder"]
    assert dt.datetime.fromisoformat(body["occurred_at"]) == dt.datetime(2025, 3, 1, 8, 30, tzinfo=dt.timezone.utc)
    assert (body["author"], body["transcript"]) == ("olivia", "")
    alice.refresh_from_db()
    assert alice.interaction_count == 1 and alice.last_contact_at.isoformat().startswith("2025-03-01T08:30")
    assert FollowUp.objects.get(person=alice).due_on == dt.date(2025, 3, 8)


def test_bad_interaction_input_names_the_field(api, alice, rita):
    future = (timezone.now() + dt.timedelta(days=3)).isoformat()
    assert field_errors(api.post("/interactions", {"kind": "call", "summary": "x", "participant_ids": [alice.id],
                                                   "occurred_at": future})) == {"occurred_at": "is in the future"}
    assert field_errors(api.post("/interactions", {"kind": "call", "summary": "x", "participant_ids": [alice.id],
                                                   "occurred_at": "2025-03-01T09:30:00"})) == {
        "occurred_at": "needs a time zone, e.g. 2025-03-01T09:30:00Z"}
    assert set(field_errors(api.post("/interactions", {"kind": "call", "summary": "x", "participant_ids": [alice.id],
                                                       "occurred_at": "yesterday"}))) == {"occurred_at"}
    assert field_errors(api.post("/interactions", {"kind": "call", "summary": "x", "participant_ids": []})) == {
        "participant_ids": "needs at least one person"}
    assert field_errors(api.post("/interactions", {"kind": "call", "summary": "x", "participant_ids": [rita.id]})) == {
        "participant_ids": f"no person {rita.id} in this workspace"}
    assert set(field_errors(api.post("/interactions", {"kind": "fax", "summary": " ",
                                                       "participant_ids": [alice.id]}))) == {"kind"}
    assert field_errors(api.post("/interactions", {"kind": "call", "summary": " ", "participant_ids": [alice.id]})) == {
        "summary": "is required"}
    assert set(field_errors(api.post("/interactions", {
        "kind": "call", "summary": "x", "participant_ids": [alice.id],
        "follow_ups": [{"text": "send it", "due_on": "soon"}]}))) == {"follow_ups.0.due_on"}
    assert not Interaction.objects.exists()


def test_listing_interactions_filters_by_person_kind_text_and_time(api, alice, bob, days_ago):
    workspace = alice.workspace
    interaction_log(workspace=workspace, kind="call", summary="roses", participants=[alice], occurred_at=days_ago(10))
    interaction_log(workspace=workspace, kind="email", summary="tulips", participants=[bob], occurred_at=days_ago(2))
    assert api.get("/interactions").json()["count"] == 2
    assert [i["summary"] for i in api.get("/interactions", {"person_id": alice.id}).json()["items"]] == ["roses"]
    assert [i["summary"] for i in api.get("/interactions", {"kind": "email"}).json()["items"]] == ["tulips"]
    assert [i["summary"] for i in api.get("/interactions", {"q": "TULIP"}).json()["items"]] == ["tulips"]
    after = days_ago(5).isoformat()
    assert [i["summary"] for i in api.get("/interactions", {"occurred_after": after}).json()["items"]] == ["tulips"]
    assert set(field_errors(api.get("/interactions", {"occurred_after": "last tuesday"}))) == {"occurred_after"}


def test_private_interactions_exist_only_for_their_author(api, workspace, alice, olivia):
    # given: Olivia logs a private note about Alice
    private = interaction_log(workspace=workspace, kind="note", summary="worried about her job", participants=[alice],
                              private=True, author=olivia)
    pat_api = _colleague_api(workspace)
    # then: Olivia sees it; Pat finds nothing there, in a list or by id
    assert api.get(f"/interactions/{private.id}").json()["private"] is True
    assert pat_api.get("/interactions").json() == {"count": 0, "items": []}
    for response in (pat_api.get(f"/interactions/{private.id}"), pat_api.patch(f"/interactions/{private.id}", {}),
                     pat_api.delete(f"/interactions/{private.id}")):
        assert response.status_code == 404
    assert field_errors(pat_api.post("/follow-ups", {"person_id": alice.id, "text": "x", "due_on": "2030-01-01",
                                                     "interaction_id": private.id})) == {
        "interaction_id": "not found in this workspace"}
    assert Interaction.objects.filter(id=private.id).exists()


def test_correcting_an_interaction_recomputes_both_old_and_new_participants(api, alice, bob, days_ago):
    interaction = interaction_log(workspace=alice.workspace, kind="call", summary="catch-up", participants=[alice],
                                  occurred_at=days_ago(3))
    # when
    response = api.patch(f"/interactions/{interaction.id}", {"participant_ids": [bob.id], "summary": "catch-up with Bob",
                                                             "transcript": "Olivia: Hi Bob!"})
    # then
    assert response.status_code == 200, response.content
    assert (response.json()["summary"], response.json()["transcript"]) == ("catch-up with Bob", "Olivia: Hi Bob!")
    alice.refresh_from_db(), bob.refresh_from_db()
    assert (alice.interaction_count, bob.interaction_count) == (0, 1)
    assert field_errors(api.patch(f"/interactions/{interaction.id}", {"summary": None})) == {"summary": "cannot be null"}
    assert field_errors(api.patch(f"/interactions/{interaction.id}", {"participant_ids": []})) == {
        "participant_ids": "needs at least one person"}


def test_deleting_an_interaction_winds_the_clock_back(api, alice, days_ago):
    interaction = interaction_log(workspace=alice.workspace, kind="call", summary="hello", participants=[alice],
                                  occurred_at=days_ago(1))
    assert api.delete(f"/interactions/{interaction.id}").status_code == 204
    alice.refresh_from_db()
    assert (alice.interaction_count, alice.last_contact_at) == (0, None)


def test_follow_ups_can_be_listed_created_done_reopened_and_deleted(api, alice, bob, membership):
    follow_up_add(person=bob, text="call back", due_on=dt.date(2025, 1, 10))
    created = api.post("/follow-ups", {"person_id": alice.id, "text": "send the case study", "due_on": "2025-01-05"})
    assert created.status_code == 201, created.content
    promise = created.json()
    assert (promise["person_name"], promise["done"], promise["owner_id"]) == ("Alice Ally", False, membership.id)
    assert [f["text"] for f in api.get("/follow-ups", {"due_before": "2025-01-06"}).json()["items"]] == [
        "send the case study"]
    done = api.patch(f"/follow-ups/{promise['id']}", {"done": True}).json()
    assert done["done"] is True and done["done_at"] is not None
    assert [f["text"] for f in api.get("/follow-ups").json()["items"]] == ["call back"]
    assert [f["text"] for f in api.get("/follow-ups", {"status": "done"}).json()["items"]] == ["send the case study"]
    assert api.get("/follow-ups", {"status": "all"}).json()["count"] == 2
    assert [f["text"] for f in api.get("/follow-ups", {"status": "all", "q": "CASE"}).json()["items"]] == [
        "send the case study"]
    assert [f["text"] for f in api.get("/follow-ups", {"status": "all", "q": "bob"}).json()["items"]] == ["call back"]
    assert api.patch(f"/follow-ups/{promise['id']}", {"done": False}).json()["done_at"] is None
    assert api.delete(f"/follow-ups/{promise['id']}").status_code == 204
    assert api.get(f"/follow-ups/{promise['id']}").status_code == 404


def test_bad_follow_ups_name_the_field(api, alice):
    assert set(field_errors(api.post("/follow-ups", {"person_id": alice.id, "text": "x", "due_on": "2025-13-01"}))) == {
        "due_on"}
    assert field_errors(api.post("/follow-ups", {"person_id": alice.id, "text": "  ", "due_on": "2025-01-01"})) == {
        "text": "needs the promise's text"}
    assert set(field_errors(api.get("/follow-ups", {"status": "late"}))) == {"status"}
    assert set(field_errors(api.get("/follow-ups", {"due_before": "2025/01/01"}))) == {"due_before"}
