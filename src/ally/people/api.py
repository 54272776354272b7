"""The people API: people (and merging duplicates), organizations, facts and relationships.

Every write calls the same services as the pages; every read goes through the workspace-scoped
selectors, so an id from another workspace is a 404 like a missing one.
"""

import datetime as dt
from typing import Literal

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from ally.core.api import (
    ERRORS,
    Id,
    InputSchema,
    Limit,
    Offset,
    Text,
    TextList,
    api_field_names,
    page,
    reject_nulls,
    resolve,
)
from ally.core.errors import ValidationError
from ally.people import selectors, services
from ally.people.filters import PersonFilter
from ally.people.models import Fact, Relationship
from ally.people.serialize import PersonOut, person_json
from ally.workspaces.selectors import access_membership

router = Router()

FactKind = Literal[tuple(Fact.Kind.values)]
RelationshipKind = Literal[tuple(Relationship.Kind.values)]
# The API names references by id; the services name the objects.
PERSON_FIELD_NAMES = {"organization": "organization_id", "introduced_by": "introduced_by_id", "owner": "owner_id"}


# ---- people -------------------------------------------------------------------------------------

class PersonIn(InputSchema):
    name: Text
    emails: TextList = []
    phones: TextList = []
    organization_id: Id | None = None
    title: Text = ""
    birthday_month: int | None = None
    birthday_day: int | None = None
    birthday_year: int | None = None
    how_we_met: Text = ""
    introduced_by_id: Id | None = None
    owner_id: Id | None = None
    tags: TextList = []
    cadence_days: int | None = None
    notes: Text = ""
    notes_private: bool = False


class PersonPatch(InputSchema):
    """Only the fields sent change; lists (emails, phones, tags) are replaced whole."""

    name: Text | None = None
    emails: TextList | None = None
    phones: TextList | None = None
    organization_id: Id | None = None
    title: Text | None = None
    birthday_month: int | None = None
    birthday_day: int | None = None
    birthday_year: int | None = None
    how_we_met: Text | None = None
    introduced_by_id: Id | None = None
    owner_id: Id | None = None
    tags: TextList | None = None
    cadence_days: int | None = None
    notes: Text | None = None
    notes_private: bool | None = None


class PersonPage(Schema):
    count: int
    items: list[PersonOut]


def _person_fields(request: HttpRequest, data: dict) -> dict:
    """The service's keyword arguments from an API body: ids become this workspace's objects."""
    workspace = request.workspace
    if "organization_id" in data:
        org_id = data.pop("organization_id")
        data["organization"] = org_id and resolve(selectors.access_organization, "organization_id",
                                                  workspace=workspace, organization_id=org_id)
    if "introduced_by_id" in data:
        intro_id = data.pop("introduced_by_id")
        data["introduced_by"] = intro_id and resolve(selectors.access_person, "introduced_by_id",
                                                     workspace=workspace, person_id=intro_id)
    if "owner_id" in data:
        owner_id = data.pop("owner_id")
        data["owner"] = owner_id and resolve(access_membership, "owner_id", workspace=workspace,
                                             membership_id=owner_id)
    for name in ("title", "how_we_met", "notes"):
        if name in data and data[name] is None:
            data[name] = ""
    return reject_nulls(data, "name", "emails", "phones", "tags", "notes_private")


@router.get("/people", response={200: PersonPage, **ERRORS}, summary="List people")
def list_people(request: HttpRequest, filters: Query[PersonFilter], limit: Limit = 50, offset: Offset = 0):
    """People in the workspace, searched by name, email, organization, tag or phone digits (`q`) and filtered."""
    people = selectors.person_list(workspace=request.workspace, filters=filters)
    result = page(selectors.with_details(people), limit=limit, offset=offset)
    result["items"] = [person_json(person, request.user) for person in result["items"]]
    return result


@router.post("/people", response={201: PersonOut, **ERRORS}, summary="Add a person")
def create_person(request: HttpRequest, payload: PersonIn):
    data = _person_fields(request, payload.model_dump())
    with api_field_names(PERSON_FIELD_NAMES):
        person = services.person_create(workspace=request.workspace, author=request.user, **data)
    return Status(201, person_json(selectors.person_with_details(workspace=request.workspace, person_id=person.id), request.user))


@router.get("/people/{person_id}", response={200: PersonOut, **ERRORS}, summary="Get a person")
def get_person(request: HttpRequest, person_id: Id):
    return person_json(selectors.person_with_details(workspace=request.workspace, person_id=person_id), request.user)


@router.patch("/people/{person_id}", response={200: PersonOut, **ERRORS}, summary="Change a person")
def update_person(request: HttpRequest, person_id: Id, payload: PersonPatch):
    person = selectors.access_person(workspace=request.workspace, person_id=person_id)
    data = _person_fields(request, payload.model_dump(exclude_unset=True))
    if not person.notes_visible_to(request.user) and {"notes", "notes_private"} & set(data):
        raise ValidationError({name: "is private to its author" for name in {"notes", "notes_private"} & set(data)})
    with api_field_names(PERSON_FIELD_NAMES):
        services.person_update(person=person, author=request.user, **data)
    return person_json(selectors.person_with_details(workspace=request.workspace, person_id=person.id), request.user)


@router.delete("/people/{person_id}", response={204: None, **ERRORS}, summary="Delete a person")
def delete_person(request: HttpRequest, person_id: Id):
    services.person_delete(person=selectors.access_person(workspace=request.workspace, person_id=person_id))
    return Status(204, None)


# ---- organizations ------------------------------------------------------------------------------

class OrganizationIn(InputSchema):
    name: Text
    website: Text = ""
    notes: Text = ""


class OrganizationPatch(InputSchema):
    name: Text | None = None
    website: Text | None = None
    notes: Text | None = None


class OrganizationOut(Schema):
    id: int
    name: str
    website: str
    notes: str
    people_count: int
    created_at: dt.datetime


class OrganizationPage(Schema):
    count: int
    items: list[OrganizationOut]


def _organization(request: HttpRequest, organization_id: int):
    organization = selectors.access_organization(workspace=request.workspace, organization_id=organization_id)
    return selectors.organization_list(workspace=request.workspace).get(id=organization.id)


@router.get("/organizations", response={200: OrganizationPage, **ERRORS}, summary="List organizations")
def list_organizations(request: HttpRequest, q: Text = "", limit: Limit = 50, offset: Offset = 0):
    return page(selectors.organization_list(workspace=request.workspace, q=q), limit=limit, offset=offset)


@router.post("/organizations", response={201: OrganizationOut, **ERRORS}, summary="Add an organization")
def create_organization(request: HttpRequest, payload: OrganizationIn):
    organization = services.organization_create(workspace=request.workspace, **payload.model_dump())
    return Status(201, _organization(request, organization.id))


@router.get("/organizations/{organization_id}", response={200: OrganizationOut, **ERRORS},
            summary="Get an organization")
def get_organization(request: HttpRequest, organization_id: Id):
    return _organization(request, organization_id)


@router.patch("/organizations/{organization_id}", response={200: OrganizationOut, **ERRORS},
              summary="Change an organization")
def update_organization(request: HttpRequest, organization_id: Id, payload: OrganizationPatch):
    organization = selectors.access_organization(workspace=request.workspace, organization_id=organization_id)
    changes = {name: value or "" for name, value in payload.model_dump(exclude_unset=True).items()}
    services.organization_update(organization=organization, **changes)
    return _organization(request, organization.id)


@router.delete("/organizations/{organization_id}", response={204: None, **ERRORS},
               summary="Delete an organization (its people stay, without one)")
def delete_organization(request: HttpRequest, organization_id: Id):
    organization = selectors.access_organization(workspace=request.workspace, organization_id=organization_id)
    services.organization_delete(organization=organization)
    return Status(204, None)


# ---- facts --------------------------------------------------------------------------------------

class FactIn(InputSchema):
    person_id: Id
    text: Text
    kind: FactKind = "other"
    date: dt.date | None = None
    recurs_yearly: bool = False


class FactPatch(InputSchema):
    text: Text | None = None
    kind: FactKind | None = None
    date: dt.date | None = None
    recurs_yearly: bool | None = None


class FactOut(Schema):
    id: int
    person_id: int
    kind: str
    text: str
    date: dt.date | None
    recurs_yearly: bool
    created_at: dt.datetime


class FactPage(Schema):
    count: int
    items: list[FactOut]


@router.get("/facts", response={200: FactPage, **ERRORS}, summary="List facts (little things about people)")
def list_facts(request: HttpRequest, person_id: Id | None = None, kind: FactKind | None = None, q: Text = "",
               limit: Limit = 50, offset: Offset = 0):
    facts = Fact.objects.filter(workspace=request.workspace).order_by("-created_at", "-id")
    if person_id is not None:
        facts = facts.filter(person_id=person_id)
    if kind is not None:
        facts = facts.filter(kind=kind)
    if q.strip():
        facts = facts.filter(text__icontains=q.strip())
    return page(facts, limit=limit, offset=offset)


@router.post("/facts", response={201: FactOut, **ERRORS}, summary="Remember a little thing about a person")
def create_fact(request: HttpRequest, payload: FactIn):
    data = payload.model_dump()
    person = resolve(selectors.access_person, "person_id", workspace=request.workspace, person_id=data.pop("person_id"))
    return Status(201, services.fact_add(person=person, **data))


@router.get("/facts/{fact_id}", response={200: FactOut, **ERRORS}, summary="Get a fact")
def get_fact(request: HttpRequest, fact_id: Id):
    return selectors.access_fact(workspace=request.workspace, fact_id=fact_id)


@router.patch("/facts/{fact_id}", response={200: FactOut, **ERRORS}, summary="Change a fact")
def update_fact(request: HttpRequest, fact_id: Id, payload: FactPatch):
    fact = selectors.access_fact(workspace=request.workspace, fact_id=fact_id)
    changes = reject_nulls(payload.model_dump(exclude_unset=True), "text", "kind", "recurs_yearly")
    return services.fact_update(fact=fact, **changes)


@router.delete("/facts/{fact_id}", response={204: None, **ERRORS}, summary="Forget a fact")
def delete_fact(request: HttpRequest, fact_id: Id):
    services.fact_delete(fact=selectors.access_fact(workspace=request.workspace, fact_id=fact_id))
    return Status(204, None)


# ---- relationships ------------------------------------------------------------------------------

class RelationshipIn(InputSchema):
    from_person_id: Id
    to_person_id: Id
    kind: RelationshipKind
    since: dt.date | None = None
    note: Text = ""


class RelationshipPatch(InputSchema):
    kind: RelationshipKind | None = None
    since: dt.date | None = None
    note: Text | None = None


class RelationshipOut(Schema):
    id: int
    from_person_id: int
    from_person_name: str
    to_person_id: int
    to_person_name: str
    kind: str
    since: dt.date | None
    note: str
    created_at: dt.datetime


class RelationshipPage(Schema):
    count: int
    items: list[RelationshipOut]


def _relationship_out(relationship: Relationship) -> dict:
    return {
        "id": relationship.id, "from_person_id": relationship.from_person_id,
        "from_person_name": relationship.from_person.name, "to_person_id": relationship.to_person_id,
        "to_person_name": relationship.to_person.name, "kind": relationship.kind, "since": relationship.since,
        "note": relationship.note, "created_at": relationship.created_at,
    }


@router.get("/relationships", response={200: RelationshipPage, **ERRORS}, summary="List relationships")
def list_relationships(request: HttpRequest, person_id: Id | None = None, kind: RelationshipKind | None = None,
                       q: Text = "", limit: Limit = 50, offset: Offset = 0):
    """Ties between people; `person_id` gives both directions of one person's ties, `q` searches either
    person's name and the note."""
    relationships = Relationship.objects.filter(workspace=request.workspace).select_related(
        "from_person", "to_person").order_by("id")
    if person_id is not None:
        relationships = relationships.filter(Q(from_person_id=person_id) | Q(to_person_id=person_id))
    if kind is not None:
        relationships = relationships.filter(kind=kind)
    if q.strip():
        words = q.strip()
        relationships = relationships.filter(Q(from_person__name__icontains=words) |
                                             Q(to_person__name__icontains=words) | Q(note__icontains=words))
    result = page(relationships, limit=limit, offset=offset)
    result["items"] = [_relationship_out(relationship) for relationship in result["items"]]
    return result


@router.post("/relationships", response={201: RelationshipOut, **ERRORS}, summary="Record a relationship")
def create_relationship(request: HttpRequest, payload: RelationshipIn):
    workspace = request.workspace
    from_person = resolve(selectors.access_person, "from_person_id", workspace=workspace,
                          person_id=payload.from_person_id)
    to_person = resolve(selectors.access_person, "to_person_id", workspace=workspace, person_id=payload.to_person_id)
    with api_field_names({"from_person": "from_person_id", "to_person": "to_person_id"}):
        relationship = services.relationship_add(workspace=workspace, from_person=from_person, to_person=to_person,
                                                 kind=payload.kind, since=payload.since, note=payload.note)
    return Status(201, _relationship_out(relationship))


@router.get("/relationships/{relationship_id}", response={200: RelationshipOut, **ERRORS},
            summary="Get a relationship")
def get_relationship(request: HttpRequest, relationship_id: Id):
    return _relationship_out(selectors.access_relationship(workspace=request.workspace,
                                                           relationship_id=relationship_id))


@router.patch("/relationships/{relationship_id}", response={200: RelationshipOut, **ERRORS},
              summary="Change a relationship's kind, start or note")
def update_relationship(request: HttpRequest, relationship_id: Id, payload: RelationshipPatch):
    relationship = selectors.access_relationship(workspace=request.workspace, relationship_id=relationship_id)
    changes = reject_nulls(payload.model_dump(exclude_unset=True), "kind")
    if "note" in changes and changes["note"] is None:
        changes["note"] = ""
    return _relationship_out(services.relationship_update(relationship=relationship, **changes))


@router.delete("/relationships/{relationship_id}", response={204: None, **ERRORS}, summary="Delete a relationship")
def delete_relationship(request: HttpRequest, relationship_id: Id):
    relationship = selectors.access_relationship(workspace=request.workspace, relationship_id=relationship_id)
    services.relationship_delete(relationship=relationship)
    return Status(204, None)
