"""Every write to people, organizations, facts and relationships."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.people.contact import check_birthday, normalise_emails, normalise_phones
from ally.people.models import Fact, Organization, Person, PersonEmail, PersonPhone, PersonTag, Relationship, Tag

UNSET = object()
PERSON_FIELDS = {
    "name", "emails", "phones", "organization", "title", "birthday_month", "birthday_day", "birthday_year",
    "how_we_met", "introduced_by", "owner", "tags", "cadence_days", "notes", "notes_private",
}


def _text(value, field: str, errors: dict, *, required=False, max_length=200) -> str:
    text = (value or "").strip()
    if required and not text:
        errors[field] = "is required"
    elif len(text) > max_length:
        errors[field] = f"is longer than {max_length} characters"
    return text


def _in_workspace(workspace, obj, field: str, errors: dict) -> None:
    if obj is not None and obj.workspace_id != workspace.id:
        errors[field] = "not found in this workspace"


def _check_cadence(value, errors: dict):
    if value in (None, ""):
        return None
    try:
        days = int(value)
    except (TypeError, ValueError):
        errors["cadence_days"] = f"'{value}' is not a whole number of days"
        return None
    if days <= 0:
        errors["cadence_days"] = "must be a positive number of days"
    elif days > 3650:
        errors["cadence_days"] = "must be at most 3650 days (ten years)"
    return days


def _clean_tags(values, errors: dict) -> list[str]:
    tags = []
    for raw in values or []:
        tag = " ".join((raw or "").strip().lower().split())
        if not tag:
            continue
        if len(tag) > 60:
            errors["tags"] = f"'{tag[:20]}…' is longer than 60 characters"
        elif tag not in tags:
            tags.append(tag)
    return tags


def _clean_person(workspace, data: dict, *, person: Person | None = None) -> dict:
    """Validate whichever person fields are given; raise one ValidationError naming every bad field."""
    unknown = set(data) - PERSON_FIELDS
    if unknown:
        raise ValidationError({name: "is not a field of a person" for name in sorted(unknown)})
    errors: dict[str, str] = {}
    clean = dict(data)
    if "name" in data:
        clean["name"] = _text(data["name"], "name", errors, required=True)
    for field in ("title",):
        if field in data:
            clean[field] = _text(data[field], field, errors)
    for field in ("how_we_met", "notes"):
        if field in data:
            clean[field] = _text(data[field], field, errors, max_length=20000)
    if "emails" in data:
        clean["emails"] = normalise_emails(data["emails"], errors)
    if "phones" in data:
        clean["phones"] = normalise_phones(data["phones"], workspace.phone_region, errors)
    if "tags" in data:
        clean["tags"] = _clean_tags(data["tags"], errors)
    if "cadence_days" in data:
        clean["cadence_days"] = _check_cadence(data["cadence_days"], errors)
    if {"birthday_month", "birthday_day", "birthday_year"} & set(data):
        # No blank Person() for a new one: building a model instance per row is most of a bulk import's check.
        month = data.get("birthday_month", person.birthday_month if person else None)
        day = data.get("birthday_day", person.birthday_day if person else None)
        year = data.get("birthday_year", person.birthday_year if person else None)
        check_birthday(month, day, year, errors)
    for field in ("organization", "introduced_by", "owner"):
        if field in data:
            _in_workspace(workspace, data[field], field, errors)
    if person is not None and data.get("introduced_by") is not None and data["introduced_by"].id == person.id:
        errors["introduced_by"] = "a person cannot introduce themselves"
    if errors:
        raise ValidationError(errors)
    return clean


def person_clean(*, workspace, data: dict) -> dict:
    """Validate person fields exactly as person_create does, without saving (for bulk importers)."""
    return _clean_person(workspace, data)


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


@transaction.atomic
def person_create(*, workspace, name: str, author=None, **fields) -> Person:
    """Add a person; emails and phones are normalised, tags created as needed."""
    clean = _clean_person(workspace, {"name": name, **fields})
    emails, phones, tags = clean.pop("emails", []), clean.pop("phones", []), clean.pop("tags", [])
    person = Person(workspace=workspace, **clean)
    if person.notes:
        person.notes_author = author
    person.touch_due_at = _touch_due(person)
    person.save()
    _set_emails(person, emails)
    _set_phones(person, phones)
    _set_tags(person, tags)
    return person


@transaction.atomic
def person_update(*, person: Person, author=None, **changes) -> Person:
    """Change some fields of a person; lists (emails, phones, tags) are replaced whole."""
    clean = _clean_person(person.workspace, changes, person=person)
    if "emails" in clean:
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
    return person


def team_member_person_create(*, membership) -> Person:
    """The Person a newly seated team member is in the workspace's graph (called when a user is seated)."""
    user = membership.user
    person = person_create(workspace=membership.workspace, name=user.get_full_name() or user.username,
                           emails=[user.email] if user.email else [])
    membership.person = person
    membership.save(update_fields=["person"])
    return person


@transaction.atomic
def person_delete(*, person: Person) -> None:
    person.delete()


@transaction.atomic
def organization_create(*, workspace, name: str, website: str = "", notes: str = "") -> Organization:
    errors: dict[str, str] = {}
    organization = Organization(
        workspace=workspace,
        name=_text(name, "name", errors, required=True),
        website=_text(website, "website", errors),
        notes=_text(notes, "notes", errors, max_length=20000),
    )
    if errors:
        raise ValidationError(errors)
    organization.save()
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, **changes) -> Organization:
    allowed = {"name", "website", "notes"}
    errors: dict[str, str] = {name: "is not a field of an organization" for name in set(changes) - allowed}
    for field, value in changes.items():
        if field in allowed:
            setattr(organization, field, _text(value, field, errors, required=field == "name",
                                               max_length=20000 if field == "notes" else 200))
    if errors:
        raise ValidationError(errors)
    organization.save()
    return organization


@transaction.atomic
def organization_delete(*, organization: Organization) -> None:
    organization.delete()


def _clean_fact(*, kind, text, date, recurs_yearly, errors: dict) -> dict:
    if kind not in Fact.Kind.values:
        errors["kind"] = f"must be one of {', '.join(Fact.Kind.values)}"
    text = _text(text, "text", errors, required=True, max_length=2000)
    if date is not None and not isinstance(date, dt.date):
        errors["date"] = "is not a date"
    if recurs_yearly and date is None:
        errors["recurs_yearly"] = "needs a date to recur"
    return {"kind": kind, "text": text, "date": date, "recurs_yearly": bool(recurs_yearly)}


@transaction.atomic
def fact_add(*, person: Person, text: str, kind: str = Fact.Kind.OTHER, date: dt.date | None = None,
             recurs_yearly: bool = False) -> Fact:
    """Remember a little thing about a person."""
    errors: dict[str, str] = {}
    clean = _clean_fact(kind=kind, text=text, date=date, recurs_yearly=recurs_yearly, errors=errors)
    if errors:
        raise ValidationError(errors)
    return Fact.objects.create(workspace_id=person.workspace_id, person=person, **clean)


@transaction.atomic
def fact_update(*, fact: Fact, **changes) -> Fact:
    unknown = set(changes) - {"kind", "text", "date", "recurs_yearly"}
    if unknown:
        raise ValidationError({name: "is not a field of a fact" for name in unknown})
    merged = {field: changes.get(field, getattr(fact, field)) for field in ("kind", "text", "date", "recurs_yearly")}
    errors: dict[str, str] = {}
    clean = _clean_fact(**merged, errors=errors)
    if errors:
        raise ValidationError(errors)
    for field, value in clean.items():
        setattr(fact, field, value)
    fact.save()
    return fact


@transaction.atomic
def fact_delete(*, fact: Fact) -> None:
    fact.delete()


@transaction.atomic
def relationship_add(*, workspace, from_person: Person, to_person: Person, kind: str,
                     since: dt.date | None = None, note: str = "") -> Relationship:
    """Record a tie between two people of the same workspace."""
    errors: dict[str, str] = {}
    if kind not in Relationship.Kind.values:
        errors["kind"] = f"must be one of {', '.join(Relationship.Kind.values)}"
    _in_workspace(workspace, from_person, "from_person", errors)
    _in_workspace(workspace, to_person, "to_person", errors)
    if from_person.id == to_person.id:
        errors["to_person"] = "a relationship needs two different people"
    note = _text(note, "note", errors, max_length=2000)
    if since is not None and since > timezone.localdate():
        errors["since"] = "is in the future"
    if not errors and Relationship.objects.filter(
        workspace=workspace, from_person=from_person, to_person=to_person, kind=kind
    ).exists():
        errors["to_person"] = f"already has this relationship with {from_person.name}"
    if errors:
        raise ValidationError(errors)
    return Relationship.objects.create(
        workspace=workspace, from_person=from_person, to_person=to_person, kind=kind, since=since, note=note
    )


@transaction.atomic
def relationship_delete(*, relationship: Relationship) -> None:
    relationship.delete()


@transaction.atomic
def relationship_update(*, relationship: Relationship, **changes) -> Relationship:
    """Correct a tie's kind, start date or note; its two people stay the same."""
    unknown = set(changes) - {"kind", "since", "note"}
    if unknown:
        raise ValidationError({name: "is not a field of a relationship" for name in sorted(unknown)})
    errors: dict[str, str] = {}
    kind = changes.get("kind", relationship.kind)
    since = changes.get("since", relationship.since)
    note = _text(changes.get("note", relationship.note), "note", errors, max_length=2000)
    if kind not in Relationship.Kind.values:
        errors["kind"] = f"must be one of {', '.join(Relationship.Kind.values)}"
    if since is not None and since > timezone.localdate():
        errors["since"] = "is in the future"
    if not errors and Relationship.objects.filter(
        workspace_id=relationship.workspace_id, from_person_id=relationship.from_person_id,
        to_person_id=relationship.to_person_id, kind=kind,
    ).exclude(id=relationship.id).exists():
        errors["kind"] = "these two people already have this relationship"
    if errors:
        raise ValidationError(errors)
    relationship.kind, relationship.since, relationship.note = kind, since, note
    relationship.save(update_fields=["kind", "since", "note"])
    return relationship
