"""`ally coach` in analyst mode (no workspace) and attached to an interaction; `ally coaching`."""

import json

import pytest
from typer.testing import CliRunner

import ally.cli
from ally.coaching.models import CoachingSettings, Transcript
from ally.coaching.services import transcript_attach
from tests.coaching.conftest import transcript_file

ANALYST_KEYS = {"seller_talk_share", "questions", "seller_question_count", "open_question_count",
                "longest_seller_monologue_s", "longest_customer_story_s", "patience_s", "interruptions",
                "filler_words_per_minute", "pushy_phrases", "need_statements"}


def test_analyst_mode_prints_the_metrics_without_any_workspace():
    # No database fixture: analyst mode must not need one.
    result = CliRunner().invoke(ally.cli.app, ["coach", str(transcript_file("zoom_pitch")), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert ANALYST_KEYS <= set(metrics)
    assert metrics["sellers"] == ["Sam Seller"] and metrics["seller_talk_share"] == pytest.approx(0.7966, abs=0.01)
    assert set(metrics["pushy_phrases"][0]) >= {"phrase", "quote", "at_s"}


def test_analyst_mode_takes_the_seller_by_name():
    result = CliRunner().invoke(ally.cli.app, ["coach", str(transcript_file("teams_discovery")), "--seller",
                                               "alice ally", "--json"])
    assert json.loads(result.stdout)["sellers"] == ["Alice Ally"]


@pytest.mark.parametrize("args, message", [
    (["--seller", "Nobody"], "--seller:"),
    ([], "FILE: line 3: a cue's end"),
])
def test_analyst_mode_errors_are_one_line_and_exit_1(tmp_path, args, message):
    bad = tmp_path / "bad.vtt"
    bad.write_text("WEBVTT\n\n00:00:05.000 --> 00:00:03.000\n<v A B>Hi?</v>\n" if not args else
                   "A B: Hi?\nC D: Yes.\n")
    result = CliRunner().invoke(ally.cli.app, ["coach", str(bad), *args, "--json"])
    assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output


def test_a_missing_file_is_named():
    result = CliRunner().invoke(ally.cli.app, ["coach", "/nonexistent/call.vtt"])
    assert result.exit_code == 1 and "FILE: cannot read /nonexistent/call.vtt" in result.stderr


@pytest.mark.django_db
def test_a_transcript_is_attached_to_an_interaction(ally_command, discovery_call, api):
    result = ally_command("coach", transcript_file("teams_discovery"), "--interaction", discovery_call.id, "--json",
                          "-w", "acme")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == api.get(f"/interactions/{discovery_call.id}/transcript").json()
    show = ally_command("coaching", "show", discovery_call.id, "--json", "-w", "acme")
    assert json.loads(show.stdout) == json.loads(result.stdout)


@pytest.mark.django_db
def test_a_bad_file_attached_exits_1_and_saves_nothing(ally_command, discovery_call, tmp_path):
    bad = tmp_path / "bad.srt"
    bad.write_text("1\n00:00:01,000 -> 00:00:02,000\nA B: Hi\n")
    result = ally_command("coach", bad, "--interaction", discovery_call.id, "-w", "acme")
    assert result.exit_code == 1 and "transcript: line" in result.stderr and not Transcript.objects.exists()


@pytest.mark.django_db
def test_another_workspaces_interaction_is_not_found(ally_command, rival_call, workspace):
    result = ally_command("coach", transcript_file("quick_call"), "--interaction", rival_call.id, "-w", "acme")
    assert result.exit_code == 1 and "interaction not found" in result.stderr
    assert ally_command("coaching", "show", rival_call.id, "-w", "acme").exit_code == 1
    assert not Transcript.objects.exists()


@pytest.mark.django_db
def test_a_speaker_is_corrected(ally_command, pitch_call, zoom_vtt, bob):
    transcript_attach(interaction=pitch_call, data=zoom_vtt)
    result = ally_command("coaching", "speaker", pitch_call.id, "Bob Builder", "--person", bob.id, "--side", "seller",
                          "--json", "-w", "acme")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["metrics"]["sellers"] == ["Sam Seller", "Bob Builder"]
    bad = ally_command("coaching", "speaker", pitch_call.id, "Bob Builder", "--side", "both", "-w", "acme")
    assert bad.exit_code == 1 and "--side" in bad.stderr


@pytest.mark.django_db
def test_the_workspaces_phrases(ally_command, workspace):
    assert json.loads(ally_command("coaching", "phrases", "--add", "sign now", "--json", "-w", "acme").stdout) == [
        "sign now"]
    bad = ally_command("coaching", "phrases", "--add", "!!", "-w", "acme")
    assert bad.exit_code == 1 and "pushy_phrases: phrase 2" in bad.stderr
    missing = ally_command("coaching", "phrases", "--remove", "nope", "-w", "acme")
    assert missing.exit_code == 1 and "--remove" in missing.stderr
    ally_command("coaching", "phrases", "--remove", "sign now", "-w", "acme")
    assert CoachingSettings.objects.get(workspace=workspace).pushy_phrases == []
