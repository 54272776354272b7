"""One shape per object: the CLI's `--json` prints an object exactly as the API answers with it."""

import json

import pytest

from ally.ownership.services import purchase_record
from ally.support.services import case_open

pytestmark = pytest.mark.django_db


def _cli(ally_command, *args):
    result = ally_command(*args, "--json", "-w", "acme")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_person_is_the_same_json_from_the_api_and_the_cli(api, ally_command, alice):
    assert _cli(ally_command, "people", "show", str(alice.id)) == api.get(f"/people/{alice.id}").json()
    assert _cli(ally_command, "people", "search", "alice") == api.get("/people", {"q": "alice"}).json()["items"]


def test_a_purchase_is_the_same_json_from_the_api_and_the_cli(api, ally_command, alice, workspace, today):
    purchase = purchase_record(workspace=workspace, person=alice, amount="120.00", currency="USD", purchased_on=today)
    assert _cli(ally_command, "purchase", "show", str(purchase.id)) == api.get(f"/purchases/{purchase.id}").json()
    assert _cli(ally_command, "purchase", "list") == api.get("/purchases").json()["items"]


def test_a_case_is_the_same_json_from_the_api_and_the_cli(api, ally_command, alice, workspace, membership):
    case = case_open(workspace=workspace, person=alice, title="Broken hinge", champion=membership)
    assert _cli(ally_command, "case", "show", str(case.id)) == api.get(f"/cases/{case.id}").json()
