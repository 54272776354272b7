"""Every list endpoint costs the same number of queries for 5 rows as for 50."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ally.interactions.services import follow_up_add, interaction_log
from ally.people.services import fact_add, organization_create, person_create, relationship_add


def _grow(workspace, olivia, count: int) -> None:
    """`count` more of everything each list shows: people with emails, phones, tags and an organization, and so on."""
    start = workspace.id * 1000 + _grow.made
    _grow.made += count
    for n in range(start, start + count):
        org = organization_create(workspace=workspace, name=f"Org {n}")
        person = person_create(workspace=workspace, name=f"Person {n}", emails=[f"p{n}@example.com"],
                               phones=["+1 212 555 0101"], tags=[f"tag{n % 3}"], organization=org, cadence_days=1)
        other = person_create(workspace=workspace, name=f"Friend {n}")
        fact_add(person=person, text=f"fact {n}", date=dt.date(2020, 1, 1), recurs_yearly=True)
        relationship_add(workspace=workspace, from_person=person, to_person=other, kind="friend")
        interaction_log(workspace=workspace, kind="call", summary=f"call {n}", participants=[person, other],
                        author=olivia)
        follow_up_add(person=person, text=f"promise {n}", due_on=timezone.localdate())


_grow.made = 0


def _queries(api, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path, {"limit": 200})
    assert response.status_code == 200
    return len(queries)


LISTS = ["/people", "/organizations", "/facts", "/relationships", "/interactions", "/follow-ups", "/today"]


def test_every_list_costs_the_same_queries_for_5_and_50_rows(api, workspace, olivia):
    _grow(workspace, olivia, 5)
    api.get("/people")  # the token's first use of the minute records its last use; measure after that
    few = {path: _queries(api, path) for path in LISTS}
    # when
    _grow(workspace, olivia, 45)
    # then
    many = {path: _queries(api, path) for path in LISTS}
    assert all(api.get(path, {"limit": 200}).json()["count"] >= 50 for path in LISTS)
    assert many == few
