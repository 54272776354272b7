import json

from ally.ownership.models import CheckIn, Purchase, Referral
from tests.dates import months_spanned


def test_recording_and_listing_purchases_from_the_command_line(ally_command, workspace, alice, garden_plan, today):
    result = ally_command("purchase", "add", "alice@example.com", "1200", "--offering", "garden plan",
                          "--on", str(today), "-w", "acme")
    assert result.exit_code == 0, result.output
    assert "check-ins on days 3, 30, 90, 365" in result.output
    listed = json.loads(ally_command("purchase", "list", "--json").output)
    assert [(p["person_name"], p["what"], p["amount"], p["currency"]) for p in listed] == \
        [("Alice Ally", "Garden plan", "1200.00", "USD")]


def test_bad_input_is_one_line_and_a_non_zero_exit(ally_command, workspace, alice):
    result = ally_command("purchase", "add", "--currency", "ZZZ", "alice", "--", "-5")
    assert result.exit_code == 1
    assert result.output.strip() == "error: currency: 'ZZZ' is not an ISO 4217 currency code; amount: cannot be negative"
    assert not Purchase.objects.exists()
    assert ally_command("purchase", "add", "alice", "5", "--offering", "Unicorns").output.strip() == \
        "error: offering 'Unicorns' not found"


def test_completing_a_check_in_with_a_low_score_suggests_a_case(ally_command, alice_purchase):
    check_in = alice_purchase.check_ins.get(day=3)
    due = json.loads(ally_command("checkin", "list", "--json").output)
    assert [c["id"] for c in due] == [check_in.id]
    result = ally_command("checkin", "done", check_in.id, "--outcome", "problem", "--score", "3", "--note", "Broken")
    assert result.exit_code == 0 and f"--check-in {check_in.id}" in result.output
    bad = ally_command("checkin", "done", alice_purchase.check_ins.get(day=30).id, "--outcome", "mixed", "--score", "11")
    assert bad.exit_code == 1 and bad.output.strip() == "error: satisfaction: must be between 0 and 10"


def test_playbooks_from_the_command_line(ally_command, workspace, garden_plan):
    assert ally_command("playbook", "set", "--offering", "Garden plan", "--step", "14:Seedlings?").exit_code == 0
    shown = json.loads(ally_command("playbook", "show", "--offering", garden_plan.id, "--json").output)
    assert shown == {"offering": "Garden plan", "own": True, "steps": [{"day": 14, "question": "Seedlings?"}]}
    bad = ally_command("playbook", "set", "--step", "0:Too soon")
    assert bad.exit_code == 1 and "steps: step 1: the day must be between 1 and 3650" in bad.output


def test_referrals_and_feedback_from_the_command_line(ally_command, workspace, alice, bob):
    assert ally_command("referral", "received", "alice", "bob").exit_code == 0
    assert ally_command("referral", "given", "alice", "--to-name", "Green Thumb").exit_code == 0
    rows = json.loads(ally_command("referral", "list", "--person", "alice", "--json").output)
    assert {r["direction"] for r in rows} == {"received", "given"}
    shown = json.loads(ally_command("referral", "show", "alice", "--json").output)
    assert shown["advocate"] and [r["name"] for r in shown["introduced_to_us"]] == ["Bob Builder"]
    assert [(g["to"], g["alternative_recommended"]) for g in shown["given"]] == [("Green Thumb", False)]
    assert "Alice" in ally_command("referral", "show", "alice").output
    assert ally_command("referral", "received", "alice", "alice").output.strip() == \
        "error: referrer: a person cannot refer themselves"
    assert ally_command("feedback", "add", "alice", "--score", "10", "--comment", "Wonderful").exit_code == 0
    assert json.loads(ally_command("feedback", "list", "--json").output)[0]["score"] == 10


def test_the_dashboard_from_the_command_line(ally_command, alice_purchase, today):
    start = alice_purchase.purchased_on.replace(day=1)
    data = json.loads(ally_command("dashboard", "--start", str(start), "--json").output)
    assert data["customers"] == 1 and len(data["monthly"]) == months_spanned(start, today)
    assert "Customers made" in ally_command("dashboard").output
    assert ally_command("dashboard", "--start", "soon").output.strip() == \
        "error: start: 'soon' is not a date (YYYY-MM-DD)"


def test_another_workspace_is_unreachable_from_the_command_line(ally_command, workspace, rita, rita_purchase,
                                                               other_workspace):
    check_in = rita_purchase.check_ins.first()
    assert ally_command("purchase", "show", rita_purchase.id, "-w", "acme").output.strip() == \
        "error: purchase not found"
    assert ally_command("purchase", "remove", rita_purchase.id, "-w", "acme").exit_code == 1
    assert ally_command("checkin", "done", check_in.id, "--outcome", "mixed", "-w", "acme").output.strip() == \
        "error: check-in not found"
    assert ally_command("purchase", "add", "rita", "5", "-w", "acme").output.strip() == \
        "error: no person matches 'rita'"
    assert json.loads(ally_command("purchase", "list", "-w", "acme", "--json").output) == []
    assert Purchase.objects.filter(id=rita_purchase.id).exists()
    assert CheckIn.objects.get(id=check_in.id).status == "scheduled"
    assert not Referral.objects.exists()


def test_importing_purchases_with_a_dry_run_dedupe_and_errors(ally_command, tmp_path, workspace, alice, bob,
                                                             garden_plan, today):
    from ally.ownership.services import purchase_record

    purchase_record(workspace=workspace, person=alice, amount="1200", currency="USD", purchased_on=today,
                    offering=garden_plan)
    path = tmp_path / "purchases.csv"
    path.write_text(
        "Email,Name,Date,Amount,Currency,Product\n"
        f"alice@example.com,,{today},1200.00,USD,Garden plan\n"   # line 2: already recorded
        f",Bob Builder,{today},\"$1,250.50\",usd,\n"              # line 3: new
        f",Bob Builder,{today},1250.50,USD,\n"                     # line 4: same as line 3
        f"nobody@example.com,,{today},10,USD,\n"                  # line 5: unknown person
        f",Bob Builder,{today},-4,USD,\n"                          # line 6: negative
        f",Bob Builder,{today},4,XXX,\n"                           # line 7: unknown currency
        f",Bob Builder,yesterday,4,USD,\n"                         # line 8: bad date
        f",Bob Builder,{today},4,USD,Unicorns\n"                   # line 9: unknown offering
    )
    dry = json.loads(ally_command("import", "purchases", str(path), "--dry-run", "--json").output)
    assert dry["counts"] == {"new": 1, "already_recorded": 1, "duplicate_in_file": 1, "invalid": 5}
    assert dry["new"] == [3] and dry["already_recorded"] == [2]
    assert dry["duplicate_in_file"] == [{"line": 4, "first_seen_on_line": 3}]
    assert dry["invalid"] == [
        {"line": 5, "reason": "person: no one in Ally has the email 'nobody@example.com'"},
        {"line": 6, "reason": "amount: cannot be negative"},
        {"line": 7, "reason": "currency: 'XXX' is not an ISO 4217 currency code"},
        {"line": 8, "reason": "purchased_on: 'yesterday' is not a date (use YYYY-MM-DD)"},
        {"line": 9, "reason": "offering: 'Unicorns' is not in the catalogue"},
    ]
    assert Purchase.objects.count() == 1
    # when imported for real, twice
    first = ally_command("import", "purchases", str(path))
    assert first.exit_code == 0 and "new purchases" in first.output
    again = json.loads(ally_command("import", "purchases", str(path), "--json").output)
    assert again["counts"]["new"] == 0 and again["counts"]["already_recorded"] == 2
    assert Purchase.objects.filter(person=bob).get().amount == 1250.50


def test_a_file_without_the_needed_columns_is_one_clear_error(ally_command, tmp_path, workspace):
    path = tmp_path / "people.csv"
    path.write_text("Name,Phone\nAlice,123\n")
    result = ally_command("import", "purchases", str(path))
    assert result.exit_code == 1
    assert result.output.strip() == "error: file: no column for purchased_on, amount (header: Name, Phone)"
