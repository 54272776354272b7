import json

import pytest

from ally.people.models import Fact, Organization, Person
from ally.people.services import person_create


def test_without_workspace_the_only_one_is_used(ally_command, alice):
    result = ally_command("people", "search", "alice", "--json")
    assert result.exit_code == 0
    assert [p["name"] for p in json.loads(result.stdout)] == ["Alice Ally"]


def test_several_workspaces_without_workspace_name_them(ally_command, alice, other_workspace):
    result = ally_command("people", "search", "alice")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: several workspaces exist, choose one with --workspace: acme, rival"


def test_an_unknown_workspace_lists_those_that_exist(ally_command, workspace, other_workspace):
    result = ally_command("people", "search", "alice", "--workspace", "nope")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: no workspace 'nope'; workspaces: acme, rival"


def test_search_finds_by_email_organization_or_tag_and_stays_in_its_workspace(ally_command, workspace, alice,
                                                                             bob, rita):
    person_create(workspace=workspace, name="Tina Tagged", tags=["Gardening Club"])
    by_email = json.loads(ally_command("people", "search", "bob@", "-w", "acme", "--json").stdout)
    by_tag = json.loads(ally_command("people", "search", "gardening club", "-w", "acme", "--json").stdout)
    rival = json.loads(ally_command("people", "search", "rita", "-w", "acme", "--json").stdout)
    assert [p["name"] for p in by_email] == ["Bob Builder"]
    assert [p["name"] for p in by_tag] == ["Tina Tagged"]
    assert rival == []


@pytest.mark.parametrize("reference", ["alice@example.com", "ALICE@example.com", "Alice", "ally"])
def test_show_finds_a_person_by_email_or_name_fragment(ally_command, alice, bob, reference):
    result = ally_command("people", "show", reference, "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert (shown["id"], shown["emails"], shown["phones"]) == (alice.id, ["alice@example.com"], ["+12125550101"])


def test_show_by_id_prints_the_person(ally_command, alice):
    result = ally_command("people", "show", str(alice.id))
    assert result.exit_code == 0
    assert "Alice Ally" in result.stdout and "every 30 days" in result.stdout


def test_an_ambiguous_name_lists_the_candidates(ally_command, workspace, alice):
    alicia = person_create(workspace=workspace, name="Alicia Keys")
    result = ally_command("people", "show", "ali")
    assert result.exit_code == 1
    assert f"Alice Ally (#{alice.id})" in result.stderr and f"Alicia Keys (#{alicia.id})" in result.stderr


def test_a_person_of_another_workspace_is_no_match_even_by_id(ally_command, workspace, alice, rita):
    by_id = ally_command("people", "show", str(rita.id), "-w", "acme")
    by_email = ally_command("people", "show", "rita@rival.example", "-w", "acme")
    assert by_id.exit_code == by_email.exit_code == 1
    assert by_id.stderr.strip() == f"error: no person matches '{rita.id}'"
    assert by_email.stderr.strip() == "error: no person matches 'rita@rival.example'"


def test_show_hides_private_notes(ally_command, workspace, olivia):
    person_create(workspace=workspace, name="Pat Private", notes="going through a divorce", notes_private=True,
                  author=olivia)
    shown = json.loads(ally_command("people", "show", "Pat", "--json").stdout)
    assert shown["notes"] is None and shown["notes_private"] is True


def test_adding_a_person_creates_the_organization_and_normalises_details(ally_command, workspace):
    result = ally_command("people", "add", "Carla Client", "--email", "Carla@Example.com", "--email", "c@home.example",
                          "--phone", "(212) 555-0199", "--organization", "Globex", "--title", "CTO",
                          "--birthday", "03-14", "--tag", "VIP", "--tag", "golf", "--cadence", "45",
                          "--notes", "Met at the fair")
    assert result.exit_code == 0, result.output
    carla = Person.objects.get(workspace=workspace, name="Carla Client")
    assert [e.address for e in carla.emails.all()] == ["carla@example.com", "c@home.example"]
    assert [p.number for p in carla.phones.all()] == ["+12125550199"]
    assert (carla.organization.name, carla.title, carla.cadence_days) == ("Globex", "CTO", 45)
    assert (carla.birthday_month, carla.birthday_day, carla.birthday_year) == (3, 14, None)
    assert sorted(pt.tag.name for pt in carla.person_tags.all()) == ["golf", "vip"]


def test_adding_to_an_existing_organization_reuses_it(ally_command, workspace):
    ally_command("people", "add", "One", "--organization", "Globex")
    ally_command("people", "add", "Two", "--organization", "globex", "--birthday", "1980-02-29")
    assert Organization.objects.filter(workspace=workspace).count() == 1


@pytest.mark.parametrize("args, message", [
    (["--email", "not-an-email"], "error: emails: 'not-an-email' is not a valid email address"),
    (["--phone", "12"], "error: phones: '12' is not a valid phone number"),
    (["--birthday", "02-30"], "error: birthday: February 30 does not exist"),
    (["--birthday", "1981-02-29"], "error: birthday: February 29, 1981 does not exist"),
    (["--birthday", "14/03"], "error: birthday: '14/03' is not MM-DD or YYYY-MM-DD"),
    (["--cadence", "0"], "error: cadence_days: must be a positive number of days"),
])
def test_bad_details_are_one_line_and_nothing_is_written(ally_command, workspace, args, message):
    result = ally_command("people", "add", "Dora", "--organization", "Newco", *args)
    assert result.exit_code == 1
    assert result.stderr.strip() == message
    assert not Person.objects.filter(name="Dora").exists()
    assert not Organization.objects.filter(name="Newco").exists()


def test_adding_a_fact_with_a_yearly_date(ally_command, alice):
    result = ally_command("fact", "add", "alice", "--kind", "milestone", "--text", "Wedding anniversary",
                          "--date", "2015-06-20", "--yearly")
    assert result.exit_code == 0, result.output
    fact = Fact.objects.get(person=alice)
    assert (fact.kind, fact.text, str(fact.date), fact.recurs_yearly) == ("milestone", "Wedding anniversary",
                                                                          "2015-06-20", True)


@pytest.mark.parametrize("args, message", [
    (["--kind", "gossip", "--text", "x"], "error: kind: must be one of family, interest, preference, milestone, "
                                          "dislike, other"),
    (["--text", "x", "--date", "2015-02-30"], "error: date: '2015-02-30' is not a date (use YYYY-MM-DD)"),
    (["--text", "x", "--yearly"], "error: recurs_yearly: needs a date to recur"),
    (["--text", "  "], "error: text: is required"),
])
def test_bad_facts_are_refused_in_one_line(ally_command, alice, args, message):
    result = ally_command("fact", "add", "alice", *args)
    assert result.exit_code == 1
    assert result.stderr.strip() == message
    assert not Fact.objects.exists()
