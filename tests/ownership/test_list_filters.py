"""The purchases and check-ins lists' filters, on the page, in the API and on the command line, with the same names."""

import datetime as dt
import json

import pytest

from ally.ownership.models import CheckIn


def _ids(rows) -> list[int]:
    return [row["id"] for row in rows]


def test_purchases_filtered_alike_on_every_edge(alice, bob, record, garden_plan, client_olivia, api, ally_command,
                                                today):
    old = record(alice, days_ago=40, description="Seeds")
    recent = record(alice, days_ago=2, offering=garden_plan)
    record(bob, days_ago=1, description="Bob's rake")
    start, end = (today - dt.timedelta(days=10)).isoformat(), today.isoformat()
    page = client_olivia.get(f"/purchases/?person_id={alice.id}&start={start}&end={end}")
    assert page.status_code == 200
    assert "Garden plan" in page.content.decode() and "Seeds" not in page.content.decode()
    assert "Bob&#x27;s rake" not in page.content.decode()
    assert _ids(api.get("/purchases", {"person_id": alice.id, "start": start, "end": end}).json()["items"]) == \
        [recent.id]
    shown = ally_command("purchase", "list", "--person", "alice", "--start", start, "--end", end, "--json")
    assert _ids(json.loads(shown.output)) == [recent.id]
    assert _ids(json.loads(ally_command("purchase", "list", "--offering", "Garden plan", "--json").output)) == \
        [recent.id]
    # The old names of the command line still work.
    assert _ids(json.loads(ally_command("purchase", "list", "--person", "alice", "--until", "2099-01-01",
                                        "--since", (today - dt.timedelta(days=50)).isoformat(), "--json").output)) \
        == [recent.id, old.id]


@pytest.mark.parametrize("query, field", [("person_id=abc", "person_id"), ("start=2026-13-01", "start"),
                                          ("start=2026-03-02&end=2026-03-01", "end"), ("start=1066-10-14", "start")])
def test_purchases_refuse_bad_values_by_name(workspace, client_olivia, api, query, field):
    page = client_olivia.get(f"/purchases/?{query}")
    assert page.status_code == 400 and field in page.content.decode()
    answer = api.get(f"/purchases?{query}")
    assert answer.status_code == 422 and field in answer.content.decode()


def test_check_ins_filtered_alike_on_every_edge(alice, bob, record, client_olivia, api, ally_command, today):
    record(alice, days_ago=10)    # its first check-in is late
    record(bob, days_ago=0)       # none of these is due yet
    late = set(CheckIn.objects.filter(status="scheduled", due_on__lt=today).values_list("id", flat=True))
    assert late
    page = client_olivia.get("/check-ins/?overdue=true")
    assert page.status_code == 200 and "Alice Ally" in page.content.decode() and "Bob Builder" not in \
        page.content.decode()
    assert set(_ids(api.get("/check-ins", {"overdue": "true", "limit": 200}).json()["items"])) == late
    assert set(_ids(json.loads(ally_command("checkin", "list", "--overdue", "--limit", 200, "--json").output))) == late
    later = today + dt.timedelta(days=5)
    upcoming = set(CheckIn.objects.filter(due_on__gt=today, due_on__lte=later).values_list("id", flat=True))
    query = {"due_after": (today + dt.timedelta(days=1)).isoformat(), "due_by": later.isoformat(),
             "person_id": bob.id}
    assert set(_ids(api.get("/check-ins", query).json()["items"])) == upcoming
    shown = ally_command("checkin", "list", "--status", "scheduled", "--person", "bob", "--due-after",
                         query["due_after"], "--due-by", query["due_by"], "--json")
    assert set(_ids(json.loads(shown.output))) == upcoming
    assert client_olivia.get("/check-ins/?status=skipped").status_code == 200


@pytest.mark.parametrize("query, field", [("status=maybe", "status"), ("overdue=perhaps", "overdue"),
                                          ("due_after=2026-03-02&due_by=2026-03-01", "due_by"),
                                          ("purchase_id=0", "purchase_id")])
def test_check_ins_refuse_bad_values_by_name(workspace, client_olivia, api, query, field):
    page = client_olivia.get(f"/check-ins/?{query}")
    assert page.status_code == 400 and field in page.content.decode()
    answer = api.get(f"/check-ins?{query}")
    assert answer.status_code == 422 and field in answer.content.decode()


@pytest.mark.parametrize("args, field", [(("purchase", "list", "--start", "soon"), "start"),
                                         (("purchase", "list", "--organization", "Nowhere"), "organization"),
                                         (("checkin", "list", "--status", "maybe"), "status"),
                                         (("checkin", "list", "--due-after", "2026-03-02", "--due-by", "2026-03-01"),
                                          "due_by")])
def test_the_command_line_refuses_bad_values_in_one_line(workspace, ally_command, args, field):
    refused = ally_command(*args)
    assert refused.exit_code == 1 and refused.output.count("\n") == 1 and field in refused.output
