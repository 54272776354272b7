import json

import pytest

from ally.opportunities.models import Need, Opportunity
from ally.opportunities.services import alternative_create, need_record, need_set_status, opportunity_open


def test_recording_and_listing_needs(ally_command, alice):
    added = ally_command("need", "add", "alice", "--text", "We lose a day a month on the rota.", "--driver",
                         "efficiency", "--urgency", "4", "--confirmed", "--cost", "My Sundays")
    assert added.exit_code == 0, added.output
    assert "Recorded Alice Ally's need" in added.stdout
    listed = json.loads(ally_command("need", "list", "alice", "--json").stdout)
    assert [(n["text"], n["status"], n["urgency"], n["person_name"]) for n in listed] == [
        ("We lose a day a month on the rota.", "confirmed", 4, "Alice Ally")]


@pytest.mark.parametrize("urgency, message", [
    ("0", "urgency: must be from 1 to 5 (as the customer sees it), not 0"),
    ("7", "urgency: must be from 1 to 5 (as the customer sees it), not 7"),
    ("high", "urgency: 'high' is not a whole number from 1 to 5"),
])
def test_urgency_outside_one_to_five_is_one_line_and_exit_1(ally_command, alice, urgency, message):
    result = ally_command("need", "add", "alice", "--text", "Faster payroll", "--urgency", urgency)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {message}"
    assert not Need.objects.exists()


def test_a_refused_move_says_why_and_exits_1(ally_command, opportunity):
    result = ally_command("opportunity", "move", opportunity.id, "evaluating", "--reason", "Show us")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("error: stage: can't move past exploring until the customer confirms a need to "
                                     "change: none of this opportunity's needs is confirmed yet")
    assert "Traceback" not in result.output


def test_a_move_to_an_unknown_stage_is_refused(ally_command, opportunity):
    result = ally_command("opportunity", "move", opportunity.id, "won", "--reason", "x")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: stage: 'won' is not a stage")


def test_the_whole_journey_from_the_command_line(ally_command, alice, rota_need, catalogue):
    opened = ally_command("opportunity", "open", "alice", "--need", rota_need.id, "--offering", "rota planner",
                          "--reason", "It came up again")
    assert opened.exit_code == 0, opened.output
    opportunity = Opportunity.objects.get()
    ally_command("need", "status", rota_need.id, "confirmed")
    assert ally_command("opportunity", "move", opportunity.id, "deciding", "--reason", "You or ShiftBoard").exit_code == 0
    back = ally_command("opportunity", "move", opportunity.id, "evaluating", "--reason", "New director")
    assert back.exit_code == 0 and "is now evaluating" in back.stdout
    fit = ally_command("opportunity", "move", opportunity.id, "not_a_fit", "--reason", "We need HR",
                       "--alternative", "ShiftBoard")
    assert fit.exit_code == 0, fit.output
    shown = json.loads(ally_command("opportunity", "show", opportunity.id, "--json").stdout)
    assert (shown["stage"], shown["alternative_name"]) == ("not_a_fit", "ShiftBoard")
    assert [m["to_stage"] for m in shown["history"]] == ["exploring", "deciding", "evaluating", "not_a_fit"]
    helped = json.loads(ally_command("opportunity", "helped", "--json").stdout)
    assert helped["count"] == 1 and helped["by_ending"]["not_a_fit"] == 1


def test_owning_from_the_command_line_records_the_purchase(ally_command, opportunity, rota_need, catalogue):
    need_set_status(need=rota_need, status="confirmed")
    result = ally_command("opportunity", "move", opportunity.id, "owning", "--reason", "Signed", "--amount", "1200",
                          "--currency", "EUR", "--offering", catalogue.rota_planner.id)
    assert result.exit_code == 0, result.output
    opportunity.refresh_from_db()
    assert (opportunity.purchase.amount, opportunity.purchase.currency, opportunity.purchase.offering_id) == (
        1200, "EUR", catalogue.rota_planner.id)


def test_staying_as_is_with_a_revisit_date_and_a_bad_date(ally_command, opportunity):
    bad = ally_command("opportunity", "move", opportunity.id, "staying_as_is", "--reason", "x", "--revisit", "soon")
    assert bad.exit_code == 1 and bad.stderr.strip() == "error: revisit: 'soon' is not a date (use YYYY-MM-DD)"
    past = ally_command("opportunity", "move", opportunity.id, "staying_as_is", "--reason", "x", "--revisit",
                        "2020-01-01")
    assert past.stderr.strip() == "error: revisit_on: must be after the day they decided to stay as is"


def test_board_brief_and_catalogues_print_json(ally_command, opportunity, catalogue):
    board = json.loads(ally_command("opportunity", "board", "--json").stdout)
    assert [c["title"] for c in board[0]["cards"]] == ["A rota that fixes itself"]
    brief = json.loads(ally_command("brief", "alice", "--json").stdout)
    assert brief["person"]["name"] == "Alice Ally" and len(brief["suggested_questions"]) == 3
    assert "Three questions to ask" in ally_command("brief", "alice").stdout
    offerings = json.loads(ally_command("offering", "list", "--json").stdout)
    alternatives = json.loads(ally_command("alternative", "list", "--json").stdout)
    questions = json.loads(ally_command("question", "list", "--driver", "risk", "--json").stdout)
    assert [o["name"] for o in offerings] == ["Payroll Bridge", "Rota Planner"]
    assert [a["name"] for a in alternatives] == ["Rota spreadsheet template", "ShiftBoard"]
    assert questions and {q["driver"] for q in questions} == {"risk"}


def test_catalogue_commands_write_and_refuse_duplicates(ally_command, workspace):
    assert ally_command("offering", "add", "Rota Planner", "--price", "1200").exit_code == 0
    duplicate = ally_command("offering", "add", "rota planner")
    assert duplicate.exit_code == 1 and duplicate.stderr.strip() == \
        "error: name: 'rota planner' is already in the catalogue"
    assert ally_command("alternative", "add", "ShiftBoard", "--good-for", "Tiny teams").exit_code == 0
    assert ally_command("alternative", "update", "shiftboard", "--retired").exit_code == 0
    added = ally_command("question", "add", "What would a great month look like?", "--driver", "growth")
    assert added.exit_code == 0
    bad = ally_command("question", "add", "Why?", "--driver", "greed")
    assert bad.exit_code == 1 and "driver: must be one of" in bad.stderr


def test_another_workspace_is_unreachable_from_the_command_line(ally_command, workspace, alice, other_workspace,
                                                                 rita, opportunity):
    theirs_need = need_record(workspace=other_workspace, person=rita, text="Rival need")
    theirs = opportunity_open(workspace=other_workspace, person=rita, needs=[theirs_need])
    rival_alternative = alternative_create(workspace=other_workspace, name="Rival pick")
    shown = ally_command("opportunity", "show", theirs.id, "-w", "acme")
    assert shown.exit_code == 1 and shown.stderr.strip() == "error: opportunity not found"
    moved = ally_command("opportunity", "move", theirs.id, "staying_as_is", "--reason", "x", "-w", "acme")
    assert moved.exit_code == 1
    status = ally_command("need", "status", theirs_need.id, "confirmed", "-w", "acme")
    assert status.exit_code == 1 and status.stderr.strip() == "error: need not found"
    by_id = ally_command("opportunity", "move", opportunity.id, "not_a_fit", "--reason", "x", "--alternative",
                         rival_alternative.id, "-w", "acme")
    by_name = ally_command("opportunity", "move", opportunity.id, "not_a_fit", "--reason", "x", "--alternative",
                           "Rival pick", "-w", "acme")
    assert by_id.stderr.strip() == "error: alternative not found"
    assert by_name.stderr.strip() == "error: alternative 'Rival pick' not found"
    brief = ally_command("brief", "rita", "-w", "acme")
    assert brief.exit_code == 1 and brief.stderr.strip() == "error: no person matches 'rita'"
    listed = json.loads(ally_command("opportunity", "list", "-w", "acme", "--json").stdout)
    assert [o["id"] for o in listed] == [opportunity.id]
    theirs.refresh_from_db(), opportunity.refresh_from_db()
    assert (theirs.stage, opportunity.stage) == ("exploring", "exploring")
