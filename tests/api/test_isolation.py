"""Workspace isolation and authentication, endpoint by endpoint.

Olivia's token is for Acme; every object below belongs to Rival. Whatever she tries with them, the API
answers exactly as for an id that never existed (404, or a 422 "not found in this workspace" for an id
inside a body), Rival's rows stay as they were, and no list ever shows them.
"""

import datetime as dt
import re

import pytest
from django.test import Client

from ally.interactions.models import FollowUp, Interaction
from ally.interactions.services import follow_up_add, interaction_log
from ally.people.models import Fact, Organization, Person, Relationship
from ally.people.services import fact_add, organization_create, person_create, relationship_add
from ally.workspaces.services import api_token_create, api_token_revoke
from tests.api.conftest import field_errors
from tests.conftest import ApiClient

# (method, path, body): {x} is the id of Rival's object of that kind.
ITEM_ENDPOINTS = [
    ("get", "/people/{person}", None),
    ("patch", "/people/{person}", {"name": "Hijacked"}),
    ("delete", "/people/{person}", None),
    ("post", "/people/{person}/merge", {"other_id": "{acme_person}", "dry_run": True}),
    ("get", "/organizations/{organization}", None),
    ("patch", "/organizations/{organization}", {"name": "Hijacked"}),
    ("delete", "/organizations/{organization}", None),
    ("get", "/facts/{fact}", None),
    ("patch", "/facts/{fact}", {"text": "Hijacked"}),
    ("delete", "/facts/{fact}", None),
    ("get", "/relationships/{relationship}", None),
    ("patch", "/relationships/{relationship}", {"note": "Hijacked"}),
    ("delete", "/relationships/{relationship}", None),
    ("get", "/interactions/{interaction}", None),
    ("patch", "/interactions/{interaction}", {"summary": "Hijacked"}),
    ("delete", "/interactions/{interaction}", None),
    ("get", "/follow-ups/{follow_up}", None),
    ("patch", "/follow-ups/{follow_up}", {"text": "Hijacked"}),
    ("delete", "/follow-ups/{follow_up}", None),
]

# Creating or merging with a reference to Rival's object: (path, body, the field named in the 422).
REFERENCE_ENDPOINTS = [
    ("/people", {"name": "Eve", "organization_id": "{organization}"}, "organization_id"),
    ("/people", {"name": "Eve", "introduced_by_id": "{person}"}, "introduced_by_id"),
    ("/people", {"name": "Eve", "owner_id": "{membership}"}, "owner_id"),
    ("/people/{acme_person}/merge", {"other_id": "{person}"}, "other_id"),
    ("/facts", {"person_id": "{person}", "text": "x"}, "person_id"),
    ("/relationships", {"from_person_id": "{acme_person}", "to_person_id": "{person}", "kind": "friend"},
     "to_person_id"),
    ("/relationships", {"from_person_id": "{person}", "to_person_id": "{acme_person}", "kind": "friend"},
     "from_person_id"),
    ("/interactions", {"kind": "call", "summary": "x", "participant_ids": ["{person}"]}, "participant_ids"),
    ("/follow-ups", {"person_id": "{person}", "text": "x", "due_on": "2030-01-01"}, "person_id"),
    ("/follow-ups", {"person_id": "{acme_person}", "text": "x", "due_on": "2030-01-01",
                     "interaction_id": "{interaction}"}, "interaction_id"),
]

# (path, query): lists filtered by Rival's ids, and unfiltered; none may show a Rival row.
LIST_ENDPOINTS = [
    ("/people", {}), ("/people", {"organization_id": "{organization}"}), ("/people", {"q": "Rita"}),
    ("/organizations", {}), ("/organizations", {"q": "Rival"}),
    ("/facts", {}), ("/facts", {"person_id": "{person}"}),
    ("/relationships", {}), ("/relationships", {"person_id": "{person}"}),
    ("/interactions", {}), ("/interactions", {"person_id": "{person}"}),
    ("/follow-ups", {"status": "all"}), ("/follow-ups", {"person_id": "{person}", "status": "all"}),
    ("/today", {}),
]


@pytest.fixture
def rival_world(other_workspace, rita, rex, alice):
    """Rival's whole world, with a twin of each kind of object, plus the ids to put in paths and bodies."""
    from ally.workspaces.models import Membership

    ws = other_workspace
    ralph = person_create(workspace=ws, name="Ralph Rival", cadence_days=1,
                          organization=organization_create(workspace=ws, name="Rival Inc"))
    Person.objects.filter(id=ralph.id).update(touch_due_at=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    interaction = interaction_log(workspace=ws, kind="call", summary="rival call", participants=[rita, ralph])
    ids = {
        "person": rita.id, "acme_person": alice.id,
        "organization": ralph.organization_id,
        "fact": fact_add(person=rita, text="rival fact").id,
        "relationship": relationship_add(workspace=ws, from_person=rita, to_person=ralph, kind="friend").id,
        "interaction": interaction.id,
        "follow_up": follow_up_add(person=rita, text="rival promise", due_on=dt.date(2020, 1, 1)).id,
        "membership": Membership.objects.get(workspace=ws, user=rex).id,
    }
    return ids


def _fill(template, ids):
    """Put Rival's ids into a path, a body or a query."""
    if isinstance(template, str):
        if template.startswith("{") and template.endswith("}") and template.count("{") == 1:
            return ids[template[1:-1]]
        return template.format(**ids)
    if isinstance(template, dict):
        return {key: _fill(value, ids) for key, value in template.items()}
    if isinstance(template, list):
        return [_fill(value, ids) for value in template]
    return template


def _rival_rows(workspace):
    return {model.__name__: sorted(model.objects.filter(workspace=workspace).values_list("id", flat=True))
            for model in (Person, Organization, Fact, Relationship, Interaction, FollowUp)} | {
        "names": sorted(Person.objects.filter(workspace=workspace).values_list("name", flat=True)),
        "texts": sorted(Fact.objects.filter(workspace=workspace).values_list("text", flat=True)),
    }


@pytest.mark.parametrize("method, path, body", ITEM_ENDPOINTS, ids=[f"{m} {p}" for m, p, _ in ITEM_ENDPOINTS])
def test_another_workspaces_object_is_not_found_and_stays_untouched(api, other_workspace, rival_world, method, path,
                                                                    body):
    before = _rival_rows(other_workspace)
    # when
    call = getattr(api, method)
    response = call(_fill(path, rival_world)) if body is None else call(_fill(path, rival_world), _fill(body, rival_world))
    # then: the same answer as for an id that never existed
    assert response.status_code == 404, response.content
    missing = getattr(api, method)(path.format(**{key: 987654321 for key in rival_world}),
                                   *([] if body is None else [_fill(body, rival_world)]))
    assert response.json() == missing.json()
    assert _rival_rows(other_workspace) == before


@pytest.mark.parametrize("path, body, field", REFERENCE_ENDPOINTS, ids=[f"{p} {f}" for p, _, f in REFERENCE_ENDPOINTS])
def test_a_reference_to_another_workspaces_object_is_not_found_in_this_one(api, other_workspace, rival_world, path,
                                                                           body, field):
    before = _rival_rows(other_workspace)
    assert field_errors(api.post(_fill(path, rival_world), _fill(body, rival_world)))[field].endswith(
        "in this workspace")
    assert _rival_rows(other_workspace) == before


LIST_MODELS = {"/people": Person, "/organizations": Organization, "/facts": Fact, "/relationships": Relationship,
               "/interactions": Interaction, "/follow-ups": FollowUp}


@pytest.mark.parametrize("path, query", LIST_ENDPOINTS, ids=[f"{p} {q}" for p, q in LIST_ENDPOINTS])
def test_lists_never_show_another_workspaces_rows(api, other_workspace, rival_world, path, query):
    body = api.get(path, _fill(query, rival_world)).json()
    for rival_text in ("Rita", "Ralph", "Rival Inc", "rival fact", "rival call", "rival promise"):
        assert rival_text not in str(body)
    if path == "/today":  # Today's items are people to contact
        shown, rival = {item["person_id"] for item in body["items"]}, set(
            Person.objects.filter(workspace=other_workspace).values_list("id", flat=True))
    else:
        shown, rival = {item["id"] for item in body["items"]}, set(
            LIST_MODELS[path].objects.filter(workspace=other_workspace).values_list("id", flat=True))
    assert rival and not shown & rival


# What Olivia creates with valid Acme references: it must land in Acme and stay invisible to Rival.
CREATE_ENDPOINTS = [
    ("/people", {"name": "Acme Annie"}),
    ("/organizations", {"name": "Acme Annex"}),
    ("/facts", {"person_id": "{acme_person}", "text": "acme fact"}),
    ("/relationships", {"from_person_id": "{acme_person}", "to_person_id": "{acme_person_2}", "kind": "friend"}),
    ("/interactions", {"kind": "call", "summary": "acme call", "participant_ids": ["{acme_person}"]}),
    ("/follow-ups", {"person_id": "{acme_person}", "text": "acme promise", "due_on": "2020-01-01"}),
]


@pytest.mark.parametrize("path, body", CREATE_ENDPOINTS, ids=[p for p, _ in CREATE_ENDPOINTS])
def test_what_a_token_creates_belongs_to_its_workspace_only(api, rival_api, workspace, bob, rival_world, path, body):
    created = api.post(path, _fill(body, {**rival_world, "acme_person_2": bob.id}))
    assert created.status_code == 201, created.content
    assert LIST_MODELS[path].objects.get(id=created.json()["id"]).workspace_id == workspace.id
    assert rival_api.get(f"{path}/{created.json()['id']}").status_code == 404
    assert created.json()["id"] not in {item["id"] for item in rival_api.get(path, {"status": "all"}).json()["items"]}


def _template(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_every_endpoint_of_these_routers_is_covered_by_the_isolation_tests(db):
    spec = Client().get("/api/v1/openapi.json").json()
    covered = {(method, _template(path)) for method, path, _ in ITEM_ENDPOINTS}
    covered |= {("post", _template(entry[0])) for entry in REFERENCE_ENDPOINTS + CREATE_ENDPOINTS}
    covered |= {("get", _template(path)) for path, _ in LIST_ENDPOINTS}
    ours = {(method, _template(path.removeprefix("/api/v1"))) for path, operations in spec["paths"].items()
            for method, operation in operations.items() if set(operation["tags"]) & {"people", "interactions", "agenda"}}
    assert ours - covered == set()


def _every_operation():
    """(method, path with every id set to 1) for every operation of the whole API, every app's router included."""
    spec = Client().get("/api/v1/openapi.json").json()
    return [(method, re.sub(r"\{[^}]*\}", "1", path.removeprefix("/api/v1")))
            for path, operations in spec["paths"].items() for method in operations]


@pytest.mark.parametrize("token_state", ["missing", "garbage", "revoked", "member no more", "inactive user"])
def test_every_endpoint_needs_a_live_token(db, olivia, workspace, token_state):
    token, raw = api_token_create(user=olivia, workspace=workspace, name="t")
    if token_state == "revoked":
        api_token_revoke(token=token)
    elif token_state == "member no more":
        olivia.memberships.all().delete()
    elif token_state == "inactive user":
        olivia.is_active = False
        olivia.save()
    client = ApiClient({"missing": None, "garbage": "ally_not-a-token"}.get(token_state, raw))
    for method, path in _every_operation():
        response = getattr(client, method)(path) if method in ("get", "delete") else getattr(client, method)(path, {})
        assert response.status_code == 401, (method, path, response.content)
        assert response.json() == {"detail": "a valid bearer token is required"}


def test_the_same_token_works_until_it_is_revoked(db, olivia, workspace):
    token, raw = api_token_create(user=olivia, workspace=workspace, name="t")
    assert ApiClient(raw).get("/people").status_code == 200
    api_token_revoke(token=token)
    assert ApiClient(raw).get("/people").status_code == 401
