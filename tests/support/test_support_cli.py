import json

from ally.support.models import Case


def test_a_case_from_the_command_line(ally_command, workspace, alice, sam):
    opened = ally_command("case", "open", "alice", "Broken hinge", "--severity", "high")
    assert opened.exit_code == 0 and "championed by Olivia Owner" in opened.output
    case = Case.objects.get()
    assert ally_command("case", "reply", case.id, "A new one is on its way").exit_code == 0
    assert ally_command("case", "escalate", case.id, "--to", "sam", "--reason", "Warehouse").exit_code == 0
    assert ally_command("case", "apologise", case.id, "Sorry for the wait").exit_code == 0
    refused = ally_command("case", "status", case.id, "confirmed_fixed")
    assert refused.exit_code == 1 and "needs the customer's confirmation" in refused.output
    assert ally_command("case", "confirm", case.id, "Alice: closes perfectly").exit_code == 0
    shown = json.loads(ally_command("case", "show", case.id, "--json").output)
    assert shown["status"] == "confirmed_fixed"
    events = json.loads(ally_command("case", "events", case.id, "--json").output)
    assert [e["kind"] for e in events] == ["opened", "reply", "escalated", "apology", "confirmation", "status"]
    assert json.loads(ally_command("case", "list", "--json").output) == []
    assert len(json.loads(ally_command("case", "list", "--state", "all", "--json").output)) == 1


def test_a_champion_from_another_workspace_is_refused(ally_command, workspace, alice, rex_membership):
    result = ally_command("case", "open", "alice", "Broken", "--champion", "rex", "-w", "acme")
    assert result.exit_code == 1 and result.output.strip() == "error: membership of 'rex' in acme not found"
    assert not Case.objects.exists()


def test_another_workspaces_cases_are_unreachable(ally_command, workspace, other_workspace, rita, rex_membership):
    from ally.support.services import case_open

    case = case_open(workspace=other_workspace, person=rita, title="Rival", champion=rex_membership)
    for args in (("show", case.id), ("reply", case.id, "x"), ("status", case.id, "in_progress"),
                 ("confirm", case.id, "x")):
        result = ally_command("case", *args, "-w", "acme")
        assert result.exit_code == 1 and result.output.strip() == "error: case not found", args
    assert Case.objects.get().status == "open"


def test_sla_targets_from_the_command_line(ally_command, workspace):
    assert ally_command("sla", "set", "urgent_first_response_hours=2").exit_code == 0
    assert json.loads(ally_command("sla", "show", "--json").output)["urgent_first_response_hours"] == 2
    bad = ally_command("sla", "set", "urgent_first_response_hours=0")
    assert bad.exit_code == 1 and bad.output.strip() == \
        "error: urgent_first_response_hours: must be between 1 and 8760 hours"
