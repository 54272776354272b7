"""The coach's API: attach, read, correct, record a need, trends, summary, phrases; bad input is a 422 naming the
field; another workspace's interaction is a 404 and stays untouched."""

import pytest

from ally.coaching.models import Transcript
from ally.coaching.services import transcript_attach
from ally.opportunities.models import Need

pytestmark = pytest.mark.django_db


def test_a_transcript_posted_to_an_interaction_is_measured(api, discovery_call, teams_vtt, membership, alice):
    # when
    response = api.post(f"/interactions/{discovery_call.id}/transcript", {"text": teams_vtt, "filename": "a.vtt"})
    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["format"] == "vtt" and body["seller_member_id"] == membership.id
    assert [(s["name"], s["person_id"], s["seller"]) for s in body["speakers"]] == [
        ("Olivia Owner", membership.person_id, True), ("Alice Ally", alice.id, False)]
    metrics = body["metrics"]
    assert metrics["seller_talk_share"] == pytest.approx(0.1852, abs=0.01)
    assert metrics["pushy_phrases"] == [] and len(metrics["need_statements"]) == 6
    assert api.get(f"/interactions/{discovery_call.id}/transcript").json() == body


def test_a_bad_file_is_a_422_naming_the_line_and_nothing_is_saved(api, discovery_call):
    bad = "WEBVTT\n\n00:00:1x.000 --> 00:00:03.000\n<v Olivia Owner>Hi?</v>\n"
    response = api.post(f"/interactions/{discovery_call.id}/transcript", {"text": bad})
    assert response.status_code == 422
    assert response.json() == {"detail": [{"field": "transcript", "message":
                                           "line 3: '00:00:1x.000' is not a timestamp (expected hh:mm:ss.mmm)"}]}
    assert not Transcript.objects.exists()


@pytest.mark.parametrize("body, field", [({}, "text"), ({"text": "a\x00b"}, "text"), ({"text": 3}, "text"),
                                         ({"text": "Olivia Owner: Hi", "extra": 1}, "extra")])
def test_a_malformed_body_is_a_422(api, discovery_call, body, field):
    response = api.post(f"/interactions/{discovery_call.id}/transcript", body)
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == field


def test_a_speaker_is_corrected_and_the_call_measured_again(api, pitch_call, zoom_vtt, bob):
    transcript_attach(interaction=pitch_call, data=zoom_vtt)
    response = api.patch(f"/interactions/{pitch_call.id}/transcript/speakers",
                         {"name": "Bob Builder", "person_id": bob.id, "seller": True})
    assert response.status_code == 200, response.content
    assert response.json()["metrics"]["sellers"] == ["Sam Seller", "Bob Builder"]


def test_a_speaker_correction_to_another_workspaces_person_is_a_422(api, pitch_call, zoom_vtt, rita):
    transcript_attach(interaction=pitch_call, data=zoom_vtt)
    response = api.patch(f"/interactions/{pitch_call.id}/transcript/speakers", {"name": "Bob Builder",
                                                                                "person_id": rita.id})
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "person_id"


def test_a_suggested_need_is_recorded(api, discovery_call, teams_vtt, alice):
    transcript_attach(interaction=discovery_call, data=teams_vtt)
    response = api.post(f"/interactions/{discovery_call.id}/transcript/needs", {"index": 3})
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "We need one place where everyone can see the status."
    assert response.json()["interaction_id"] == discovery_call.id
    bad = api.post(f"/interactions/{discovery_call.id}/transcript/needs", {"index": 6})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "index"
    assert Need.objects.count() == 1


def test_trends_and_summary(api, discovery_call, pitch_call, teams_vtt, zoom_vtt, membership, sam):
    transcript_attach(interaction=discovery_call, data=teams_vtt)
    transcript_attach(interaction=pitch_call, data=zoom_vtt)
    trends = api.get("/coaching/trends", {"member_id": sam.id}).json()
    assert [c["interaction_id"] for c in trends["calls"]] == [pitch_call.id]
    assert trends["calls"][0]["seller_talk_share"] == pytest.approx(0.7966, abs=0.01)
    summary = api.get("/coaching/summary").json()
    assert summary["calls"] == 2 and summary["pushy_phrases"] == 16
    assert summary["mean_seller_talk_share"] == pytest.approx((0.1852 + 0.7966) / 2, abs=0.01)
    assert api.get("/coaching/summary", {"start": "2020-13-01"}).status_code == 422
    assert api.get("/coaching/summary", {"start": "2026-02-01", "end": "2026-01-01"}).status_code == 422


def test_the_workspaces_phrases_are_set_and_read(api, discovery_call, teams_vtt):
    transcript_attach(interaction=discovery_call, data=teams_vtt)
    response = api.put("/coaching/phrases", {"pushy_phrases": ["worth changing"]})
    assert response.status_code == 200 and response.json()["pushy_phrases"] == ["worth changing"]
    assert "trust me" in response.json()["default_phrases"]
    metrics = api.get(f"/interactions/{discovery_call.id}/transcript").json()["metrics"]
    assert [h["phrase"] for h in metrics["pushy_phrases"]] == ["worth changing"]
    bad = api.put("/coaching/phrases", {"pushy_phrases": ["fine", "!!"]})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "pushy_phrases"


def test_another_workspaces_call_is_not_found_and_untouched(rival_api, api, discovery_call, teams_vtt, sam):
    transcript_attach(interaction=discovery_call, data=teams_vtt)
    for response in (rival_api.get(f"/interactions/{discovery_call.id}/transcript"),
                     rival_api.post(f"/interactions/{discovery_call.id}/transcript", {"text": "Rex: Hi?"}),
                     rival_api.patch(f"/interactions/{discovery_call.id}/transcript/speakers", {"name": "Alice Ally"}),
                     rival_api.post(f"/interactions/{discovery_call.id}/transcript/needs", {"index": 0}),
                     rival_api.get("/coaching/trends", {"member_id": sam.id})):
        assert response.status_code == 404
    assert rival_api.get("/coaching/summary").json()["calls"] == 0
    assert api.get(f"/interactions/{discovery_call.id}/transcript").json()["format"] == "vtt"
    assert not Need.objects.exists()
