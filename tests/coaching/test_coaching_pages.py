"""The coach's pages: upload on the interaction, the call's coaching, trends, Customers made, the phrases."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ally.coaching.models import CoachingSettings, Transcript
from ally.coaching.services import transcript_attach
from ally.opportunities.models import Need

pytestmark = pytest.mark.django_db


def _upload(client, interaction, text: str, name="call.vtt"):
    return client.post(f"/interactions/{interaction.id}/coaching/upload/",
                       {"transcript": SimpleUploadedFile(name, text.encode(), content_type="text/vtt")})


def test_the_interaction_page_offers_the_upload(client_olivia, discovery_call):
    page = client_olivia.get(f"/interactions/{discovery_call.id}/edit/")
    assert page.status_code == 200
    assert f'action="/interactions/{discovery_call.id}/coaching/upload/"' in page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()


def test_an_uploaded_call_is_shown_with_its_timeline_questions_and_needs(client_olivia, discovery_call, teams_vtt,
                                                                         django_assert_max_num_queries):
    # when
    response = _upload(client_olivia, discovery_call, teams_vtt)
    # then
    assert response.status_code == 302 and response["Location"] == f"/interactions/{discovery_call.id}/coaching/"
    with django_assert_max_num_queries(25):
        page = client_olivia.get(response["Location"]).content.decode()
    assert '<svg role="img" aria-label="Speaking timeline"' in page
    assert 'data-speaker="Olivia Owner"' in page and 'data-speaker="Alice Ally"' in page
    assert page.count('data-kind="open"') == 5 and page.count('data-kind="closed"') == 3
    assert page.count("Record as Need") == 6
    assert "19%" in page and "43% (above 65% worse)" in page  # the call beside Gong's benchmark


def test_pushy_phrases_are_highlighted_in_their_sentence(client_olivia, pitch_call, zoom_vtt):
    _upload(client_olivia, pitch_call, zoom_vtt)
    page = client_olivia.get(f"/interactions/{pitch_call.id}/coaching/").content.decode()
    assert page.count("<mark>") == 16


def test_a_bad_file_is_shown_next_to_the_field_and_nothing_is_saved(client_olivia, discovery_call):
    response = _upload(client_olivia, discovery_call, "WEBVTT\n\n00:00:05.000 --> 00:00:03.000\n<v A B>Hi</v>\n")
    assert response.status_code == 422
    assert '<p class="error" id="id_transcript-error">line 3: a cue&#x27;s end' in response.content.decode()
    assert not Transcript.objects.exists()


def test_one_click_records_a_suggested_need(client_olivia, discovery_call, teams_vtt, alice):
    transcript_attach(interaction=discovery_call, data=teams_vtt)
    response = client_olivia.post(f"/interactions/{discovery_call.id}/coaching/needs/", {"index": "0"})
    assert response.status_code == 302
    need = Need.objects.get()
    assert need.person == alice and need.interaction == discovery_call
    page = client_olivia.get(f"/interactions/{discovery_call.id}/coaching/").content.decode()
    assert page.count("Record as Need") == 5 and "recorded as a Need" in page
    bad = client_olivia.post(f"/interactions/{discovery_call.id}/coaching/needs/", {"index": "x"})
    assert bad.status_code == 422 and Need.objects.count() == 1


def test_a_speaker_is_corrected_on_the_page(client_olivia, pitch_call, zoom_vtt, bob):
    transcript = transcript_attach(interaction=pitch_call, data=zoom_vtt)
    response = client_olivia.post(f"/interactions/{pitch_call.id}/coaching/speakers/",
                                  {"name": "Sam Seller", "person": "", "side": "customer"})
    assert response.status_code == 302
    client_olivia.post(f"/interactions/{pitch_call.id}/coaching/speakers/",
                       {"name": "Bob Builder", "person": str(bob.id), "side": "seller"})
    transcript.refresh_from_db()
    assert transcript.seller is None and transcript.metrics["sellers"] == ["Bob Builder"]
    assert client_olivia.post(f"/interactions/{pitch_call.id}/coaching/speakers/",
                              {"name": "Sam Seller", "person": "999999"}).status_code == 422


def test_a_team_members_trends_are_charts(client_olivia, pitch_call, zoom_vtt, sam):
    transcript_attach(interaction=pitch_call, data=zoom_vtt)
    page = client_olivia.get(f"/coaching/members/{sam.id}/").content.decode()
    for chart in ("talk-share", "questions", "monologue"):
        assert f'data-chart="{chart}"' in page
    assert "<script" not in page.split('id="charts"')[1]
    assert client_olivia.get("/coaching/").status_code == 200


def test_customers_made_sums_up_asking_vs_telling(client_olivia, pitch_call, discovery_call, zoom_vtt, teams_vtt):
    transcript_attach(interaction=pitch_call, data=zoom_vtt)
    transcript_attach(interaction=discovery_call, data=teams_vtt)
    page = client_olivia.get("/customers-made/").content.decode()
    assert "Asking vs telling" in page and 'data-metric="coached-calls"' in page
    assert "49%" in page  # the mean of 19% and 80%


def test_the_workspaces_phrases_are_edited_on_a_page(client_olivia, workspace):
    assert client_olivia.post("/coaching/phrases/", {"pushy_phrases": "sign now\n\nlast offer"}).status_code == 302
    assert CoachingSettings.objects.get(workspace=workspace).pushy_phrases == ["sign now", "last offer"]
    bad = client_olivia.post("/coaching/phrases/", {"pushy_phrases": "fine\n" + "x" * 201})
    assert bad.status_code == 422 and "phrase 2: is longer than 200 characters" in bad.content.decode()


def test_another_workspace_cannot_reach_the_coaching(rex, other_workspace, discovery_call, teams_vtt, membership):
    transcript_attach(interaction=discovery_call, data=teams_vtt)
    client = Client()
    client.force_login(rex)
    for url in (f"/interactions/{discovery_call.id}/coaching/", f"/coaching/members/{membership.id}/"):
        assert client.get(url).status_code == 404
    assert _upload(client, discovery_call, "Rex: Hi?").status_code == 404
    assert client.post(f"/interactions/{discovery_call.id}/coaching/needs/", {"index": "0"}).status_code == 404
    assert "Olivia Owner" not in client.get("/customers-made/").content.decode()
    assert Transcript.objects.get().speakers.count() == 2 and not Need.objects.exists()


def test_the_upload_needs_its_csrf_token(olivia, discovery_call, teams_vtt):
    client = Client(enforce_csrf_checks=True)
    client.force_login(olivia)
    assert _upload(client, discovery_call, teams_vtt).status_code == 403
