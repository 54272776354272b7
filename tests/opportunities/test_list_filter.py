"""The opportunities list's one filter, on the page, in the API and on the command line, with the same names."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from ally.opportunities.services import opportunity_open
from ally.people.services import organization_create, person_update


@pytest.fixture
def two(opportunity, bob, olivia, membership):
    """Alice's opportunity (owned by Olivia, at Globex) and Bob's (nobody's)."""
    person_update(person=opportunity.person, organization=organization_create(workspace=bob.workspace, name="Globex"))
    opportunity.organization = opportunity.person.organization
    opportunity.save()
    other = opportunity_open(workspace=bob.workspace, person=bob, title="Bob's shed", needs=[], reason="He asked.",
                             author=olivia)
    return opportunity, other


def test_the_same_filters_on_every_edge(two, client_olivia, api, ally_command, membership):
    alices, bobs = two
    today = timezone.localdate().isoformat()
    page = client_olivia.get(f"/opportunities/all/?owner_id={membership.id}&stage=open&moved_after={today}")
    assert page.status_code == 200
    assert alices.title in page.content.decode() and bobs.title not in page.content.decode()
    answer = api.get("/opportunities", {"owner_id": membership.id, "stage": "open", "moved_after": today})
    assert [o["id"] for o in answer.json()["items"]] == [alices.id]
    assert [o["id"] for o in api.get("/opportunities", {"organization_id": alices.organization_id}).json()["items"]] \
        == [alices.id]
    shown = ally_command("opportunity", "list", "--owner", "olivia", "--stage", "open", "--moved-after", today,
                         "--json")
    assert [o["id"] for o in json.loads(shown.output)] == [alices.id]
    shown = ally_command("opportunity", "list", "--organization", "globex", "--json")
    assert [o["id"] for o in json.loads(shown.output)] == [alices.id]
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert api.get("/opportunities", {"moved_after": tomorrow}).json()["count"] == 0


@pytest.mark.parametrize("query, field", [("owner_id=abc", "owner_id"), ("stage=sold", "stage"),
                                          ("moved_after=2026-02-30", "moved_after"),
                                          ("moved_after=2026-03-02&moved_before=2026-03-01", "moved_before")])
def test_a_bad_value_is_refused_by_name_on_every_edge(opportunity, client_olivia, api, query, field):
    page = client_olivia.get(f"/opportunities/all/?{query}")
    assert page.status_code == 400 and field in page.content.decode()
    answer = api.get(f"/opportunities?{query}")
    assert answer.status_code == 422 and field in answer.content.decode()


def test_the_page_refuses_a_parameter_it_does_not_know_by_name(client_olivia, opportunity):
    page = client_olivia.get("/opportunities/all/?colour=red")
    assert page.status_code == 400 and "colour" in page.content.decode()


def test_the_command_line_refuses_bad_values_in_one_line(opportunity, ally_command):
    refused = ally_command("opportunity", "list", "--stage", "sold")
    assert refused.exit_code == 1 and refused.output.count("\n") == 1 and "stage" in refused.output
    refused = ally_command("opportunity", "list", "--moved-after", "yesterday")
    assert refused.exit_code == 1 and "moved_after" in refused.output
    refused = ally_command("opportunity", "list", "--organization", "Nowhere Ltd")
    assert refused.exit_code == 1 and "organization" in refused.output
