"""Every write to people, organizations, facts (little things) and relationships; each records its audit entry."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.core.validation import (
    NAME_LENGTH,
    TEXT_LENGTH,
    clean_choice,
    clean_date,
    clean_text,
    clean_url,
    in_workspace,
    raise_errors,
    unknown_fields,
)
from ally.people.importable import org_key
from ally.people.models import (
    Fact,
    Organization,
    Person,
    PersonEmail,
    PersonPhone,
    PersonTag,
    Relationship,
    Tag,
)
from ally.people.search import search_refresh
from ally.people.selectors import organization_by_name
from ally.people.validation import clean_person
from ally.workspaces.audit import audit_record, audited, created, diff, snapshot

# What the trail compares before and after a person changes (lists included, read from the database).
PERSON_AUDITED = ("name", "organization", "title", "birthday_month", "birthday_day", "birthday_year", "how_we_met",
                  "introduced_by", "owner", "cadence_days", "notes", "notes_private")
ORGANIZATION_FIELDS = ("name", "website", "notes")
FACT_FIELDS = ("kind", "text", "date", "recurs_yearly")
RELATIONSHIP_FIELDS = ("kind", "since", "note")


def _touch_due(person: Person) -> dt.datetime | None:
    if not person.cadence_days:
        return None
    start = person.last_contact_at or person.created_at or timezone.now()
    return start + dt.timedelta(days=person.cadence_days)


def _set_tags(person: Person, names: list[str]) -> None:
    workspace = person.workspace
    existing = {tag.name: tag for tag in Tag.objects.filter(workspace=workspace, name__in=names)}
    missing = [Tag(workspace=workspace, name=name) for name in names if name not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {tag.name: tag for tag in Tag.objects.filter(workspace=workspace, name__in=names)}
    PersonTag.objects.filter(person=person).exclude(tag__name__in=names).delete()
    have = set(PersonTag.objects.filter(person=person).values_list("tag__name", flat=True))
    PersonTag.objects.bulk_create(
        [PersonTag(workspace=workspace, person=person, tag=existing[name]) for name in names if name not in have]
    )


def _refuse_taken_emails(workspace, addresses: list[str], person: Person | None = None) -> None:
    """An address is one person's in a workspace (the database enforces it too): name who already has it."""
    taken = PersonEmail.objects.filter(workspace=workspace, address__in=addresses).select_related("person")
    if person is not None:
        taken = taken.exclude(person=person)
    first = taken.order_by("position", "id").first()
    if first is not None:
        raise ValidationError({"emails": f"'{first.address}' is already the address of {first.person.name} "
                                         f"(#{first.person_id}); merge the two people instead"})


def _set_emails(person: Person, addresses: list[str]) -> None:
    PersonEmail.objects.filter(person=person).delete()
    PersonEmail.objects.bulk_create(
        [PersonEmail(workspace=person.workspace, person=person, address=a, position=i) for i, a in enumerate(addresses)]
    )


def _set_phones(person: Person, numbers: list[str]) -> None:
    PersonPhone.objects.filter(person=person).delete()
    PersonPhone.objects.bulk_create(
        [PersonPhone(workspace=person.workspace, person=person, number=n, position=i) for i, n in enumerate(numbers)]
    )


def _lists(person: Person) -> dict:
    return {"emails": list(person.emails.values_list("address", flat=True)),
            "phones": list(person.phones.values_list("number", flat=True)),
            "tags": sorted(person.person_tags.values_list("tag__name", flat=True))}


def _organization_named(workspace, name: str, errors: dict) -> Organization | None:
    """The organization called `name` (ignoring case), created when there is none yet."""
    name = clean_text(name, "organization", errors)
    if not name or "organization" in errors:
        return None
    return organization_by_name(workspace=workspace, name=name) or organization_create(workspace=workspace, name=name)


@audited
def person_create(*, workspace, name: str, author=None, organization_name: str | None = None, **fields) -> Person:
    """Add a person; emails and phones are normalised, tags created as needed. `organization_name` finds the
    organization by name, or creates it, in the same transaction."""
    if organization_name is not None:
        errors: dict[str, str] = {}
        fields["organization"] = _organization_named(workspace, organization_name, errors)
        raise_errors(errors)
    clean = clean_person(workspace, {"name": name, **fields})
    if clean.get("cadence_days") is None and workspace.default_cadence_days:
        clean["cadence_days"] = workspace.default_cadence_days  # the workspace's default keep-in-touch
    emails, phones, tags = clean.pop("emails", []), clean.pop("phones", []), clean.pop("tags", [])
    _refuse_taken_emails(workspace, emails)
    person = Person(workspace=workspace, **clean)
    if person.notes:
        person.notes_author = author
    person.touch_due_at = _touch_due(person)
    person.save()
    _set_emails(person, emails)
    _set_phones(person, phones)
    _set_tags(person, tags)
    person.search_text = search_refresh(person_ids=[person.id])[person.id]
    audit_record(workspace=workspace, action="person.created", target=person, person_id=person.id,
                 changes=created({**snapshot(person, PERSON_AUDITED), "emails": emails, "phones": phones, "tags": tags}))
    return person


@audited
def person_update(*, person: Person, author=None, organization_name: str | None = None, **changes) -> Person:
    """Change some fields of a person; lists (emails, phones, tags) are replaced whole."""
    if organization_name is not None:
        errors: dict[str, str] = {}
        changes["organization"] = _organization_named(person.workspace, organization_name, errors)
        raise_errors(errors)
    clean = clean_person(person.workspace, changes, person=person)
    before = {**snapshot(person, PERSON_AUDITED), **_lists(person)}
    if "emails" in clean:
        _refuse_taken_emails(person.workspace, clean["emails"], person)
        _set_emails(person, clean.pop("emails"))
    if "phones" in clean:
        _set_phones(person, clean.pop("phones"))
    if "tags" in clean:
        _set_tags(person, clean.pop("tags"))
    if "notes" in clean and clean["notes"] != person.notes:
        person.notes_author = author
    for field, value in clean.items():
        setattr(person, field, value)
    person.touch_due_at = _touch_due(person)
    person.save()
    person.search_text = search_refresh(person_ids=[person.id])[person.id]
    audit_record(workspace=person.workspace, action="person.updated", target=person, person_id=person.id,
                 changes=diff(before, {**snapshot(person, PERSON_AUDITED), **_lists(person)}))
    return person


@audited
def team_member_person_create(*, membership) -> Person:
    """The Person a newly seated team member is in the workspace's graph (the `member_seated` hook)."""
    user = membership.user
    person = person_create(workspace=membership.workspace, name=user.get_full_name() or user.username,
                           emails=[user.email] if user.email else [])
    membership.person = person
    membership.save(update_fields=["person"])
    audit_record(workspace=membership.workspace, action="member.person_linked", target=membership,
                 person_id=person.id, changes={"person": [None, person.id]})
    return person


@audited
def person_delete(*, person: Person) -> None:
    """Delete a person and their history; interactions only they took part in go too (nobody is left in them)."""
    audit_record(workspace=person.workspace, action="person.deleted", target=person, person_id=person.id,
                 changes={"name": [person.name, None]})
    person.interactions.annotate(people=Count("participations")).filter(people=1).delete()
    person.delete()


def _clean_organization(data: dict, errors: dict) -> dict:
    clean = dict(data)
    if "name" in data:
        clean["name"] = clean_text(data["name"], "name", errors, required=True)
    if "website" in data:
        clean["website"] = clean_url(data["website"], "website", errors)
        if len(clean["website"]) > NAME_LENGTH:
            errors["website"] = f"is longer than {NAME_LENGTH} characters"
    if "notes" in data:
        clean["notes"] = clean_text(data["notes"], "notes", errors, max_length=TEXT_LENGTH, multiline=True)
    return clean


def _refuse_taken_name(workspace_id: int, name: str, errors: dict, organization: Organization | None = None) -> None:
    """One organization per name in a workspace, case and spacing ignored (the database enforces it too)."""
    if "name" in errors:
        return
    same = Organization.objects.filter(workspace_id=workspace_id, name_key=org_key(name))
    if organization is not None:
        same = same.exclude(id=organization.id)
    other = same.first()
    if other is not None:
        errors["name"] = f"'{other.name}' (#{other.id}) already has this name"


def _saved(organization: Organization, **save) -> Organization:
    """Save, turning a concurrent writer's same name (the unique constraint) into the field's error."""
    try:
        with transaction.atomic():
            organization.save(**save)
    except IntegrityError:
        raise ValidationError({"name": f"'{organization.name}' was just added by someone else"}) from None
    return organization


@audited
def organization_create(*, workspace, name: str, website: str = "", notes: str = "") -> Organization:
    errors: dict[str, str] = {}
    clean = _clean_organization({"name": name, "website": website, "notes": notes}, errors)
    _refuse_taken_name(workspace.id, clean["name"], errors)
    raise_errors(errors)
    organization = _saved(Organization(workspace=workspace, **clean))
    audit_record(workspace=workspace, action="organization.created", target=organization,
                 changes=created(clean))
    return organization


@audited
def organization_update(*, organization: Organization, **changes) -> Organization:
    unknown_fields(changes, ORGANIZATION_FIELDS, "an organization")
    errors: dict[str, str] = {}
    clean = _clean_organization(changes, errors)
    if "name" in clean:
        _refuse_taken_name(organization.workspace_id, clean["name"], errors, organization)
    raise_errors(errors)
    before = snapshot(organization, ORGANIZATION_FIELDS)
    for field, value in clean.items():
        setattr(organization, field, value)
    _saved(organization)
    if organization.name != before["name"]:
        search_refresh(person_ids=organization.people.values_list("id", flat=True))
    audit_record(workspace=organization.workspace_id, action="organization.updated", target=organization,
                 changes=diff(before, snapshot(organization, ORGANIZATION_FIELDS)))
    return organization


@audited
def organization_delete(*, organization: Organization) -> None:
    audit_record(workspace=organization.workspace_id, action="organization.deleted", target=organization,
                 changes={"name": [organization.name, None]})
    people = list(organization.people.values_list("id", flat=True))
    organization.delete()
    search_refresh(person_ids=people)


def _clean_fact(*, kind, text, date, recurs_yearly, errors: dict) -> dict:
    clean_choice(kind, Fact.Kind.values, "kind", errors)
    text = clean_text(text, "text", errors, required=True, max_length=2000, multiline=True)
    date = clean_date(date, "date", errors)
    if recurs_yearly and date is None and "date" not in errors:
        errors["recurs_yearly"] = "needs a date to recur"
    return {"kind": kind, "text": text, "date": date, "recurs_yearly": bool(recurs_yearly)}


@audited
def fact_add(*, person: Person, text: str, kind: str = Fact.Kind.OTHER, date: dt.date | None = None,
             recurs_yearly: bool = False) -> Fact:
    """Remember a little thing about a person."""
    errors: dict[str, str] = {}
    clean = _clean_fact(kind=kind, text=text, date=date, recurs_yearly=recurs_yearly, errors=errors)
    raise_errors(errors)
    fact = Fact.objects.create(workspace_id=person.workspace_id, person=person, **clean)
    audit_record(workspace=person.workspace_id, action="fact.added", target=fact, person_id=person.id,
                 changes=created(snapshot(fact, FACT_FIELDS)))
    return fact


@audited
def fact_update(*, fact: Fact, **changes) -> Fact:
    unknown_fields(changes, FACT_FIELDS, "a fact")
    merged = {field: changes.get(field, getattr(fact, field)) for field in FACT_FIELDS}
    errors: dict[str, str] = {}
    clean = _clean_fact(**merged, errors=errors)
    raise_errors(errors)
    before = snapshot(fact, FACT_FIELDS)
    for field, value in clean.items():
        setattr(fact, field, value)
    fact.save()
    audit_record(workspace=fact.workspace_id, action="fact.updated", target=fact, person_id=fact.person_id,
                 changes=diff(before, snapshot(fact, FACT_FIELDS)))
    return fact


@audited
def fact_delete(*, fact: Fact) -> None:
    audit_record(workspace=fact.workspace_id, action="fact.deleted", target=fact, person_id=fact.person_id,
                 changes={"text": [fact.text, None]})
    fact.delete()


def _clean_relationship(workspace_id: int, *, kind, since, note, errors: dict) -> dict:
    clean_choice(kind, Relationship.Kind.values, "kind", errors)
    since = clean_date(since, "since", errors, allow_future=False)
    note = clean_text(note, "note", errors, max_length=2000, multiline=True)
    return {"kind": kind, "since": since, "note": note}


@audited
def relationship_add(*, workspace, from_person: Person, to_person: Person, kind: str,
                     since: dt.date | None = None, note: str = "") -> Relationship:
    """Record a tie between two people of the same workspace."""
    errors: dict[str, str] = {}
    clean = _clean_relationship(workspace.id, kind=kind, since=since, note=note, errors=errors)
    in_workspace(workspace.id, from_person, "from_person", errors)
    in_workspace(workspace.id, to_person, "to_person", errors)
    if from_person.id == to_person.id:
        errors["to_person"] = "a relationship needs two different people"
    if not errors and Relationship.objects.filter(
        workspace=workspace, from_person=from_person, to_person=to_person, kind=kind
    ).exists():
        errors["to_person"] = f"already has this relationship with {from_person.name}"
    raise_errors(errors)
    relationship = Relationship.objects.create(workspace=workspace, from_person=from_person, to_person=to_person,
                                               **clean)
    audit_record(workspace=workspace, action="relationship.added", target=relationship, person_id=from_person.id,
                 changes=created({"to_person": to_person.id, **snapshot(relationship, RELATIONSHIP_FIELDS)}))
    return relationship


@audited
def relationship_update(*, relationship: Relationship, **changes) -> Relationship:
    """Correct a tie's kind, start date or note; its two people stay the same."""
    unknown_fields(changes, RELATIONSHIP_FIELDS, "a relationship")
    errors: dict[str, str] = {}
    merged = {field: changes.get(field, getattr(relationship, field)) for field in RELATIONSHIP_FIELDS}
    clean = _clean_relationship(relationship.workspace_id, **merged, errors=errors)
    if not errors and Relationship.objects.filter(
        workspace_id=relationship.workspace_id, from_person_id=relationship.from_person_id,
        to_person_id=relationship.to_person_id, kind=clean["kind"],
    ).exclude(id=relationship.id).exists():
        errors["kind"] = "these two people already have this relationship"
    raise_errors(errors)
    before = snapshot(relationship, RELATIONSHIP_FIELDS)
    for field, value in clean.items():
        setattr(relationship, field, value)
    relationship.save(update_fields=list(RELATIONSHIP_FIELDS))
    audit_record(workspace=relationship.workspace_id, action="relationship.updated", target=relationship,
                 person_id=relationship.from_person_id, changes=diff(before, snapshot(relationship, RELATIONSHIP_FIELDS)))
    return relationship


@audited
def relationship_delete(*, relationship: Relationship) -> None:
    audit_record(workspace=relationship.workspace_id, action="relationship.deleted", target=relationship,
                 person_id=relationship.from_person_id, changes={"kind": [relationship.kind, None]})
    relationship.delete()
