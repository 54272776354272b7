import json

from ally.agenda.selectors import today
from ally.interactions.services import follow_up_add
from ally.workspaces.models import Membership
from ally.workspaces.services import membership_add, user_create, workspace_create


def _ranked(workspace, membership):
    agenda = today(workspace=workspace, user=membership.user, membership=membership)
    return [(i.kind, i.person_id, i.reason) for i in agenda.items]


def test_today_ranks_like_the_first_owners_page(ally_command, workspace, membership, alice, bob, days_ago):
    # given: an overdue cadence and a late promise
    alice.touch_due_at = days_ago(5)
    alice.save()
    follow_up_add(person=bob, text="Send the pricing", due_on=days_ago(3).date())
    # when
    result = ally_command("today", "--json")
    # then
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["user"] == "olivia"
    assert [(i["kind"], i["person_id"], i["reason"]) for i in shown["items"]] == _ranked(workspace, membership)
    assert {i["kind"] for i in shown["items"]} == {"keep_in_touch", "follow_up"}


def test_today_for_another_member_uses_their_ownership(ally_command, workspace, alice, bob, days_ago):
    # given: Sam owns Bob, so Bob weighs more on Sam's Today
    sam = user_create(username="sam", password="sam-supports-all", email="sam@acme.example")
    sams_seat = membership_add(workspace=workspace, user=sam)
    for person in (alice, bob):
        person.cadence_days, person.touch_due_at = 30, days_ago(1)
        person.save()
    bob.owner = sams_seat
    bob.save()
    # when
    shown = json.loads(ally_command("today", "--user", "sam@acme.example", "--json").stdout)
    # then
    assert [(i["kind"], i["person_id"], i["reason"]) for i in shown["items"]] == _ranked(workspace, sams_seat)


def test_today_prints_a_table(ally_command, alice, days_ago):
    alice.touch_due_at = days_ago(5)
    alice.save()
    result = ally_command("today")
    assert result.exit_code == 0 and "Alice Ally" in result.stdout


def test_today_for_a_non_member_or_unknown_user_is_refused(ally_command, workspace, rex):
    outsider = ally_command("today", "--user", "rex")
    unknown = ally_command("today", "--user", "ghost")
    assert outsider.exit_code == unknown.exit_code == 1
    assert outsider.stderr.strip() == "error: membership of 'rex' in acme not found"
    assert unknown.stderr.strip() == "error: user 'ghost' not found"


def test_today_in_a_workspace_without_owner_asks_whose(ally_command, db):
    workspace_create(name="Ownerless", slug="ownerless")
    result = ally_command("today")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: ownerless has no owner; choose a member with --member"
    assert not Membership.objects.exists()


def test_today_filters_by_kind_and_pages_like_the_page(ally_command, workspace, alice, bob, days_ago):
    for person in (alice, bob):
        person.cadence_days, person.touch_due_at = 30, days_ago(5)
        person.save()
    follow_up_add(person=bob, text="Send the pricing", due_on=days_ago(3).date())
    promises = json.loads(ally_command("today", "--kind", "follow_up", "--json").stdout)
    assert [i["kind"] for i in promises["items"]] == ["follow_up"] and promises["kinds"]["keep_in_touch"] == 2
    everything = json.loads(ally_command("today", "--all", "--json").stdout)["items"]
    second = json.loads(ally_command("today", "--limit", "1", "--offset", "1", "--json").stdout)["items"]
    assert [i["key"] for i in second] == [everything[1]["key"]]


def test_today_refuses_an_unknown_kind(ally_command, workspace):
    result = ally_command("today", "--kind", "pigeon")
    assert result.exit_code == 1 and "unknown kind 'pigeon'" in result.stderr
