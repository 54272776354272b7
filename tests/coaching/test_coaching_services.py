"""The coach's writes: attach and measure, correct a speaker, record a suggested need, the workspace's phrases."""

import pytest

from ally.coaching.models import CoachingSettings, Speaker, Transcript
from ally.coaching.services import (
    coaching_phrases_set,
    transcript_attach,
    transcript_need_record,
    transcript_speaker_correct,
)
from ally.core.errors import ValidationError
from ally.opportunities.models import Need
from ally.workspaces.models import AuditEntry

pytestmark = pytest.mark.django_db

BAD_CUE = "WEBVTT\n\n00:00:05.000 --> 00:00:03.000\n<v Olivia Owner>Hi?</v>\n"


def test_a_teams_transcript_is_attached_its_speakers_mapped_and_measured(discovery_call, teams_vtt, membership, alice):
    # when
    transcript = transcript_attach(interaction=discovery_call, data=teams_vtt, filename="call.vtt")
    # then
    speakers = {s.name: s for s in transcript.speakers.all()}
    assert speakers["Olivia Owner"].person_id == membership.person_id and speakers["Olivia Owner"].seller
    assert speakers["Alice Ally"].person_id == alice.id and not speakers["Alice Ally"].seller
    assert speakers["Alice Ally"].how == "full name"
    assert transcript.seller == membership and transcript.format == "vtt"
    assert transcript.metrics["seller_talk_share"] == pytest.approx(50 / 270, abs=0.01)
    assert transcript.metrics["seller_question_count"] == 8 and transcript.metrics["open_question_count"] == 5
    assert AuditEntry.objects.filter(action="transcript.attached", object_id=transcript.id).count() == 1


def test_the_seller_is_the_team_member_even_when_the_customer_speaks_first(discovery_call, membership):
    text = "Alice Ally: We need a faster quote.\nOlivia Owner: What slows it down?\n"
    transcript = transcript_attach(interaction=discovery_call, data=text)
    assert transcript.metrics["sellers"] == ["Olivia Owner"] and transcript.metrics["seller_question_count"] == 1


def test_first_names_and_accents_are_matched(discovery_call, alice, membership):
    text = "Olivia: Hi Alice, how is it going?\nÁLICE ÁLLY: Fine.\n"
    transcript = transcript_attach(interaction=discovery_call, data=text)
    assert {s.name: s.person_id for s in transcript.speakers.all()} == {"Olivia": membership.person_id,
                                                                         "ÁLICE ÁLLY": alice.id}


@pytest.mark.parametrize("data, line", [
    (BAD_CUE, "line 3: a cue's end (00:00:03.000) is before its start (00:00:05.000)"),
    ("", "line 1: the transcript is empty"),
    ("   \n", "line 1: the transcript is empty"),
    (b"\x00\x01binary\x00", "line 1: this is binary data"),
    ("just some prose without names\n", "line 1: unknown format"),
])
def test_a_bad_file_is_one_error_naming_the_line_and_nothing_is_saved(discovery_call, data, line):
    with pytest.raises(ValidationError) as error:
        transcript_attach(interaction=discovery_call, data=data)
    assert error.value.errors["transcript"].startswith(line)
    assert not Transcript.objects.exists() and not Speaker.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="transcript.").exists()


def test_a_bad_file_keeps_the_transcript_attached_before(discovery_call, teams_vtt):
    first = transcript_attach(interaction=discovery_call, data=teams_vtt)
    with pytest.raises(ValidationError):
        transcript_attach(interaction=discovery_call, data=BAD_CUE)
    assert list(Transcript.objects.values_list("id", flat=True)) == [first.id]


def test_a_new_transcript_replaces_the_old_one(discovery_call, teams_vtt):
    transcript_attach(interaction=discovery_call, data=teams_vtt)
    again = transcript_attach(interaction=discovery_call, data="Olivia Owner: Why now?\nAlice Ally: Budget.\n")
    assert list(Transcript.objects.all()) == [again] and again.metrics["timing"] == "none"


def test_correcting_a_speaker_measures_the_call_again(pitch_call, zoom_vtt, sam, bob):
    transcript = transcript_attach(interaction=pitch_call, data=zoom_vtt)
    assert transcript.seller == sam and transcript.metrics["sellers"] == ["Sam Seller"]
    # when: Bob was the one selling after all (a made-up correction, to see the metrics follow)
    transcript_speaker_correct(transcript=transcript, name="Sam Seller", person=None)
    transcript_speaker_correct(transcript=transcript, name="Bob Builder", person=bob, seller=True)
    # then
    transcript.refresh_from_db()
    assert transcript.metrics["sellers"] == ["Bob Builder"] and transcript.seller is None
    assert transcript.speakers.get(name="Bob Builder").how == "corrected"
    assert AuditEntry.objects.filter(action="transcript.speaker_corrected").count() == 2


def test_correcting_a_speaker_who_is_not_there_names_the_speakers(pitch_call, zoom_vtt, workspace, rita):
    transcript = transcript_attach(interaction=pitch_call, data=zoom_vtt)
    with pytest.raises(ValidationError) as error:
        transcript_speaker_correct(transcript=transcript, name="Nobody", person=rita)
    assert "the speakers are: Sam Seller, Bob Builder" in error.value.errors["name"]
    assert "person" in error.value.errors  # Rita is another workspace's


def test_a_suggested_need_is_recorded_in_the_customers_words(discovery_call, teams_vtt, alice):
    transcript = transcript_attach(interaction=discovery_call, data=teams_vtt)
    # when
    need = transcript_need_record(transcript=transcript, index=1)
    # then
    assert need.text == "We lose about $12,000 a month in deals that go cold while we wait."
    assert need.person == alice and need.interaction == discovery_call
    assert need.cost_of_doing_nothing == "$12,000 a month"
    assert (need.said_at - discovery_call.occurred_at).total_seconds() == 7
    assert AuditEntry.objects.filter(action="need.recorded").count() == 1


@pytest.mark.parametrize("index", [99, -1, "x", None])
def test_a_suggested_need_that_is_not_there_is_refused(discovery_call, teams_vtt, index):
    transcript = transcript_attach(interaction=discovery_call, data=teams_vtt)
    with pytest.raises(ValidationError) as error:
        transcript_need_record(transcript=transcript, index=index)
    assert "index" in error.value.errors and not Need.objects.exists()


def test_the_workspaces_own_phrases_are_found_in_every_call(discovery_call, teams_vtt, workspace):
    transcript = transcript_attach(interaction=discovery_call, data=teams_vtt)
    assert transcript.metrics["pushy_phrases"] == []
    # when
    coaching_phrases_set(workspace=workspace, phrases=["  worth changing  ", "worth changing"])
    # then
    transcript.refresh_from_db()
    assert [(h["phrase"], h["category"], h["at_s"]) for h in transcript.metrics["pushy_phrases"]] == [
        ("worth changing", "workspace", 258)]
    assert CoachingSettings.objects.get(workspace=workspace).pushy_phrases == ["worth changing"]


@pytest.mark.parametrize("phrases, message", [
    (["ok", "  "], "phrase 2: is required"),
    (["?!"], "phrase 1: '?!' has no words"),
    (["x" * 201], "phrase 1: is longer than 200 characters"),
    (["a\x00b"], "phrase 1:"),
    ([f"p{n}" for n in range(201)], "has 201 items"),
])
def test_bad_phrases_are_refused_by_number(workspace, phrases, message):
    with pytest.raises(ValidationError) as error:
        coaching_phrases_set(workspace=workspace, phrases=phrases)
    assert message in error.value.errors["pushy_phrases"]
    assert not CoachingSettings.objects.exists()
