import datetime as dt

import pytest

from ally.interactions.models import FollowUp, Interaction


def test_logging_a_call_resets_the_keep_in_touch_clock(ally_command, alice, bob):
    result = ally_command("log", "alice", "--kind", "call", "--summary", "Talked about the spring plans",
                          "--they", "--with", "bob@example.com")
    assert result.exit_code == 0, result.output
    interaction = Interaction.objects.get()
    assert (interaction.kind, interaction.initiated_by) == ("call", "they")
    assert sorted(p.name for p in interaction.participants.all()) == ["Alice Ally", "Bob Builder"]
    alice.refresh_from_db()
    assert alice.last_contact_at == interaction.occurred_at
    assert alice.touch_due_at == interaction.occurred_at + dt.timedelta(days=30)


def test_a_bare_date_is_noon_in_the_workspace_time_zone(ally_command, workspace, alice):
    workspace.time_zone = "America/New_York"
    workspace.save()
    ally_command("log", "alice", "--kind", "meeting", "--summary", "Lunch", "--when", "2025-01-15")
    assert Interaction.objects.get().occurred_at == dt.datetime(2025, 1, 15, 17, tzinfo=dt.UTC)


def test_an_explicit_offset_is_kept(ally_command, alice):
    ally_command("log", "alice", "--kind", "email", "--summary", "Sent deck", "--when", "2025-01-15T09:30+02:00")
    assert Interaction.objects.get().occurred_at == dt.datetime(2025, 1, 15, 7, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("args, message", [
    (["--kind", "yell", "--summary", "x"], "error: kind: must be one of call, meeting, email, message, social, "
                                           "event, note"),
    (["--kind", "call", "--summary", "x", "--when", "yesterday"],
     "error: when: 'yesterday' is not a date and time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"),
    (["--kind", "call", "--summary", "x", "--when", "2999-01-01"], "error: occurred_at: is in the future"),
    (["--kind", "call", "--summary", " "], "error: summary: is required"),
    (["--kind", "call", "--summary", "x", "--with", "nobody"], "error: no person matches 'nobody'"),
])
def test_bad_logs_are_one_line_and_write_nothing(ally_command, alice, args, message):
    result = ally_command("log", "alice", *args)
    assert result.exit_code == 1
    assert result.stderr.strip() == message
    assert not Interaction.objects.exists()


def test_a_person_of_another_workspace_cannot_be_logged(ally_command, workspace, alice, rita):
    result = ally_command("log", "alice", "--kind", "call", "--summary", "x", "--with", str(rita.id), "-w", "acme")
    assert result.exit_code == 1 and result.stderr.strip() == f"error: no person matches '{rita.id}'"
    assert not Interaction.objects.exists()


def test_a_promise_is_recorded_with_its_due_date(ally_command, alice):
    result = ally_command("followup", "add", "alice", "--text", "Send the case study", "--due", "2025-03-01")
    assert result.exit_code == 0, result.output
    promise = FollowUp.objects.get()
    assert (promise.person_id, promise.text, promise.due_on) == (alice.id, "Send the case study", dt.date(2025, 3, 1))


def test_a_promise_with_a_bad_date_is_refused(ally_command, alice):
    result = ally_command("followup", "add", "alice", "--text", "Send it", "--due", "01/03/2025")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: due: '01/03/2025' is not a date (use YYYY-MM-DD)"
    assert not FollowUp.objects.exists()
