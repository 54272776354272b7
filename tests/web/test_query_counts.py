"""Pages issue the same number of queries whatever the number of rows (no N+1)."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ally.interactions.services import follow_up_add, interaction_log
from ally.people.services import fact_add, organization_create, person_create, person_update, relationship_add


def _populate(workspace, membership, count: int):
    org = organization_create(workspace=workspace, name=f"Org {count}")
    people = []
    long_ago = timezone.now() - dt.timedelta(days=60)
    for i in range(count):
        person = person_create(workspace=workspace, name=f"Person {count}-{i}", emails=[f"p{count}-{i}@example.com"],
                               organization=org, cadence_days=30, tags=["vip", f"t{i % 3}"], owner=membership)
        fact_add(person=person, kind="interest", text=f"Likes {i}")
        interaction_log(workspace=workspace, kind="call", summary=f"Call {i}", participants=[person], occurred_at=long_ago)
        follow_up_add(person=person, text=f"Promise {i}", due_on=timezone.localdate() - dt.timedelta(days=1))
        if people:
            relationship_add(workspace=workspace, from_person=person, to_person=people[-1], kind="colleague")
        soon = timezone.localdate() + dt.timedelta(days=i % 10)
        person_update(person=person, birthday_month=soon.month, birthday_day=soon.day)
        people.append(person)
    return people


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


LIST_PAGES = ["/today/", "/people/", "/people/?q=Person&sort=last_contact", "/today/losing-touch/", "/organizations/",
              "/search/?q=Person"]


def test_list_pages_issue_the_same_queries_for_10_and_200_people(client_olivia, workspace, membership):
    # One population for every page: building 200 people through the services is the slow part.
    _populate(workspace, membership, 10)
    small = {url: _count(client_olivia, url) for url in LIST_PAGES}
    _populate(workspace, membership, 190)
    assert {url: _count(client_olivia, url) for url in LIST_PAGES} == small


def test_the_person_page_issues_the_same_queries_however_long_the_history(client_olivia, workspace, membership, alice):
    others = _populate(workspace, membership, 3)
    relationship_add(workspace=workspace, from_person=alice, to_person=others[0], kind="friend")
    interaction_log(workspace=workspace, kind="meeting", summary="With everyone", participants=[alice, *others])
    small = _count(client_olivia, f"/people/{alice.id}/")
    more = _populate(workspace, membership, 30)
    for other in more:
        relationship_add(workspace=workspace, from_person=alice, to_person=other, kind="colleague")
        interaction_log(workspace=workspace, kind="call", summary="x", participants=[alice, other])
        fact_add(person=alice, text=f"fact about {other.name}")
        follow_up_add(person=alice, text="y", due_on=timezone.localdate())
    assert _count(client_olivia, f"/people/{alice.id}/") == small
