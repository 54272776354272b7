"""One clock: just after local midnight in a zone far from UTC, the page, the API and the CLI agree on the
member's day: what is on Today, which promises and check-ins are due, the dashboard's period and the day a
purchase is recorded on by default."""

import datetime as dt
import json
import zoneinfo

import pytest

from ally.interactions.services import follow_up_add
from ally.ownership.models import Purchase
from ally.ownership.services import purchase_record
from ally.workspaces.models import Membership

pytestmark = pytest.mark.django_db

# (zone, a local moment): UTC+14 just after midnight (UTC is still the day before), and Los Angeles late in the
# evening (UTC is already the next day). Both on the first of a month, so "this month" differs from UTC's too.
SCENARIOS = [
    ("Pacific/Kiritimati", dt.datetime(2027, 3, 1, 0, 20)),
    ("America/Los_Angeles", dt.datetime(2027, 2, 28, 23, 40)),
]


@pytest.fixture(params=SCENARIOS, ids=[zone for zone, _ in SCENARIOS])
def local_day(request, time_machine, workspace, membership, alice, bob):
    """Acme's member Olivia lives in a far zone; the clock stands at the scenario's local moment."""
    zone, local = request.param
    membership.time_zone = zone
    membership.save(update_fields=["time_zone"])
    time_machine.move_to(local.replace(tzinfo=zoneinfo.ZoneInfo(zone)), tick=False)
    day = local.date()
    assert day != dt.datetime.now(dt.UTC).date()  # the scenario is one where UTC's day differs
    follow_up_add(person=alice, text="Send the planting plan", due_on=day, owner=membership)
    follow_up_add(person=bob, text="Call about the shed", due_on=day + dt.timedelta(days=1), owner=membership)
    purchase_record(workspace=workspace, person=alice, amount="120.00", currency="USD",
                    purchased_on=day - dt.timedelta(days=3))
    return day


def _due(items):
    return sorted((item["kind"], item["person_id"], str(item["due"])) for item in items
                  if item["kind"] in ("follow_up", "check_in"))


def test_today_and_what_is_due_are_the_members_day_on_every_edge(local_day, client_olivia, api, ally_command, alice):
    page = client_olivia.get("/today/").content.decode()
    assert "Send the planting plan" in page and "Call about the shed" not in page
    from_api = _due(api.get("/today").json()["items"])
    from_cli = _due(json.loads(ally_command("today", "--member", "olivia", "--json", "-w", "acme").output)["items"])
    assert from_api == from_cli == [("check_in", alice.id, str(local_day)), ("follow_up", alice.id, str(local_day))]


def test_check_ins_due_are_the_members_day_on_every_edge(local_day, client_olivia, api, ally_command, alice):
    check_in = Purchase.objects.get(person=alice).check_ins.get(day=3)
    assert f"/check-ins/{check_in.id}/" in client_olivia.get("/check-ins/").content.decode()
    assert [c["id"] for c in api.get("/check-ins", {"due": "true"}).json()["items"]] == [check_in.id]
    listed = json.loads(ally_command("checkin", "list", "--member", "olivia", "--json", "-w", "acme").output)
    assert [c["id"] for c in listed] == [check_in.id]


def test_the_dashboards_period_ends_on_the_members_day_on_every_edge(local_day, client_olivia, api, ally_command):
    assert f'value="{local_day}"' in client_olivia.get("/customers-made/").content.decode()
    assert api.get("/dashboard").json()["end"] == str(local_day)
    from_cli = json.loads(ally_command("dashboard", "--member", "olivia", "--json", "-w", "acme").output)
    assert from_cli["end"] == str(local_day)


def test_a_purchase_is_recorded_on_the_members_day_by_default_on_every_edge(local_day, client_olivia, api,
                                                                              ally_command, bob):
    assert f'value="{local_day}"' in client_olivia.get(f"/people/{bob.id}/purchases/new/").content.decode()
    made = api.post("/purchases", {"person_id": bob.id, "amount": "10.00", "currency": "USD"})
    assert made.status_code == 201, made.content
    assert made.json()["purchased_on"] == str(local_day)
    result = ally_command("purchase", "add", "bob", "12", "--member", "olivia", "-w", "acme")
    assert result.exit_code == 0, result.output
    assert Purchase.objects.filter(person=bob).order_by("-id").first().purchased_on == local_day


def test_without_a_member_the_cli_takes_the_workspaces_zone(time_machine, workspace, alice, ally_command):
    workspace.time_zone = "Pacific/Kiritimati"
    workspace.save(update_fields=["time_zone"])
    Membership.objects.filter(workspace=workspace).update(time_zone="")
    time_machine.move_to(dt.datetime(2027, 3, 1, 0, 20, tzinfo=zoneinfo.ZoneInfo("Pacific/Kiritimati")), tick=False)
    assert ally_command("purchase", "add", "alice", "5", "-w", "acme").exit_code == 0
    assert Purchase.objects.get(person=alice).purchased_on == dt.date(2027, 3, 1)
