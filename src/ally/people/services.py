"""Every write to people, organizations, facts and relationships."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from ally.errors import ValidationError
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


@dataclass
class MergePlan:
    """What merging two records of one person changes, so a dry run can show it before anything is written.

    `field_changes` maps each field of the kept person that changes to (before, after); `moved` counts
    the rows, by "app.model.field", that now point at the kept person; `dropped` counts the rows that
    were deleted instead because the kept person already had them (an email, a tag, a seat in the same
    meeting) or because they would tie the person to themselves.
    """

    keep_id: int
    merge_id: int
    dry_run: bool = False
    field_changes: dict[str, tuple] = field(default_factory=dict)
    moved: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)


class _DryRunDone(Exception):
    """Carries a dry run's plan out of the savepoint it rolls back."""

    def __init__(self, plan: MergePlan):
        self.plan = plan


# Filled from the merged record only where the kept one is empty; birthday and notes move as groups.
MERGE_FILLED_FIELDS = ("organization", "title", "how_we_met", "introduced_by", "owner", "cadence_days")
# Rows that are duplicates when they carry the same value, though no database constraint says so.
MERGE_SAME_VALUE = {PersonEmail: ("address",), PersonPhone: ("number",)}


@transaction.atomic
def person_merge(*, keep: Person, merge: Person, dry_run: bool = False, author=None) -> MergePlan:
    """Fold `merge` (a duplicate record of the same person) into `keep`, then delete `merge`.

    Everything that points at `merge`, in any app, moves to `keep`: emails and phones (without
    duplicates), tags, facts, relationships (ties to themselves and duplicates dropped), interaction
    participations, follow-ups, timeline events, the people they introduced, purchases, cases... Empty
    fields of `keep` are filled from `merge`; the keep-in-touch clock is recomputed. A dry run does the
    same work inside a savepoint and rolls it back, so its plan is exactly what a real merge would do.
    """
    errors = {}
    if merge.workspace_id != keep.workspace_id:
        errors["merge"] = "not found in this workspace"
    elif merge.id == keep.id:
        errors["merge"] = "cannot merge a person into themselves"
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            plan = _merge(keep_id=keep.id, merge_id=merge.id, author=author)
            if dry_run:
                raise _DryRunDone(plan)
    except _DryRunDone as done:
        done.plan.dry_run = True
        return done.plan
    keep.refresh_from_db()
    return plan


def _merge(*, keep_id: int, merge_id: int, author) -> MergePlan:
    from ally.interactions.services import timeline_event_record  # interactions depends on people, not back

    keep, merge = Person.objects.get(id=keep_id), Person.objects.get(id=merge_id)
    plan = MergePlan(keep_id=keep.id, merge_id=merge.id)
    _merge_fields(keep, merge, plan)
    keep.save()
    for model, value_fields in MERGE_SAME_VALUE.items():
        _merge_contact_rows(model, value_fields, keep, merge, plan)
    for foreign_key in _foreign_keys_to_person():
        if foreign_key.model not in MERGE_SAME_VALUE:
            _move_rows(foreign_key, keep, merge, plan)
    _merge_contact_clock(keep, plan)
    timeline_event_record(
        workspace=keep.workspace, person=keep, kind="person_merged", author=author,
        summary=f"Merged the duplicate record {merge.name} (#{merge.id}) into this one",
        params={"merged_id": merge.id, "merged_name": merge.name, "moved": plan.moved},
    )
    merge.delete()
    return plan


def _merge_fields(keep: Person, merge: Person, plan: MergePlan) -> None:
    """Fill keep's empty fields from merge, recording each change."""

    def change(attname, value):
        before = plan.field_changes.get(attname, (getattr(keep, attname),))[0]
        plan.field_changes[attname] = (before, value)
        setattr(keep, attname, value)

    if keep.introduced_by_id == merge.id:  # would become "introduced by themselves"
        change("introduced_by_id", merge.introduced_by_id if merge.introduced_by_id != keep.id else None)
    for name in MERGE_FILLED_FIELDS:
        attname = Person._meta.get_field(name).attname
        theirs = getattr(merge, attname)
        if name == "introduced_by" and theirs == keep.id:
            continue
        if getattr(keep, attname) in (None, "") and theirs not in (None, ""):
            change(attname, theirs)
    if keep.birthday_month is None and merge.birthday_month is not None:
        for attname in ("birthday_month", "birthday_day", "birthday_year"):
            change(attname, getattr(merge, attname))
    elif ((keep.birthday_month, keep.birthday_day) == (merge.birthday_month, merge.birthday_day)
          and keep.birthday_year is None and merge.birthday_year is not None):
        change("birthday_year", merge.birthday_year)
    if merge.notes and not keep.notes:
        for attname in ("notes", "notes_private", "notes_author_id"):
            change(attname, getattr(merge, attname))
    elif merge.notes and (keep.notes_private, keep.notes_author_id) == (merge.notes_private, merge.notes_author_id):
        change("notes", f"{keep.notes}\n\n{merge.notes}")
    if merge.created_at < keep.created_at:  # we have known them since the earlier record
        change("created_at", merge.created_at)


def _foreign_keys_to_person() -> list:
    """Every foreign key, in any app, that points at Person.

    Found from the model's meta rather than listed, so rows of apps written later (purchases, cases,
    needs) move too. Hidden relations (related_name="+") count as well, which `related_objects` omits;
    many-to-many relations are covered by their through tables' foreign keys.
    """
    return [
        relation.field for relation in Person._meta.get_fields(include_hidden=True)
        if relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)
    ]


def _key(foreign_key) -> str:
    return f"{foreign_key.model._meta.label_lower}.{foreign_key.name}"


def _drop(model, ids, key: str, plan: MergePlan) -> None:
    if ids:
        model._base_manager.filter(id__in=ids).delete()
        plan.dropped[key] = plan.dropped.get(key, 0) + len(ids)


def _merge_contact_rows(model, value_fields, keep: Person, merge: Person, plan: MergePlan) -> None:
    """Emails and phones: keep's come first, merge's follow unless keep already has the same one."""
    foreign_key = model._meta.get_field("person")
    rows = model._base_manager.filter(person_id=merge.id)
    _drop(model, _duplicates_of_keep(rows, foreign_key, value_fields, keep), _key(foreign_key), plan)
    after = model._base_manager.filter(person_id=keep.id).count()
    moved = rows.update(person_id=keep.id, position=F("position") + after)
    if moved:
        plan.moved[_key(foreign_key)] = moved


def _duplicates_of_keep(rows, foreign_key, other_fields, keep: Person) -> list[int]:
    """Ids of merge's rows that equal one of keep's rows on `other_fields`."""
    model = foreign_key.model
    taken = set(model._base_manager.filter(**{foreign_key.attname: keep.id}).values_list(*other_fields))
    return [row_id for row_id, *values in rows.values_list("id", *other_fields) if tuple(values) in taken]


def _unique_field_sets(model, foreign_key) -> list[tuple[str, ...]]:
    """The unconditional uniqueness rules of `model` that include `foreign_key`, as field names."""
    sets = [tuple(fields) for fields in model._meta.unique_together]
    sets += [tuple(c.fields) for c in model._meta.constraints
             if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None]
    if foreign_key.unique:
        sets.append((foreign_key.name,))
    return [fields for fields in sets if foreign_key.name in fields]


def _self_ties(rows, foreign_key, keep: Person, merge: Person) -> list[int]:
    """Ids of rows that would point at keep twice (a tie to themselves) and that the model's checks forbid."""
    model = foreign_key.model
    checks = [c for c in model._meta.constraints if isinstance(c, models.CheckConstraint)]
    others = [f for f in model._meta.concrete_fields
              if f.is_relation and f.related_model is Person and f.name != foreign_key.name]
    if not checks or not others:
        return []
    tied = models.Q()
    for other in others:
        tied |= models.Q(**{f"{other.attname}__in": [keep.id, merge.id]})
    forbidden = []
    for row in rows.filter(tied):
        for attname in [foreign_key.attname] + [o.attname for o in others if getattr(row, o.attname) == merge.id]:
            setattr(row, attname, keep.id)
        try:
            for check in checks:
                check.validate(model, row)
        except DjangoValidationError:
            forbidden.append(row.id)
    return forbidden


def _move_rows(foreign_key, keep: Person, merge: Person, plan: MergePlan) -> None:
    """Point merge's rows of one foreign key at keep, dropping those keep already has or that tie keep to itself."""
    model, key = foreign_key.model, _key(foreign_key)
    rows = model._base_manager.filter(**{foreign_key.attname: merge.id})
    if model is Person:  # people merge introduced; keep's own introducer was settled with its fields
        rows = rows.exclude(id__in=[keep.id, merge.id])
    duplicates = set(_self_ties(rows, foreign_key, keep, merge))
    for fields in _unique_field_sets(model, foreign_key):
        others = [name for name in fields if name != foreign_key.name]
        if not others:  # one per person (a team member's seat): two cannot become one silently
            if rows.exists() and model._base_manager.filter(**{foreign_key.attname: keep.id}).exists():
                raise ValidationError({"merge": f"both people have a {model._meta.verbose_name}, "
                                                f"and a person can have only one"})
            continue
        duplicates.update(_duplicates_of_keep(rows, foreign_key, others, keep))
    _drop(model, list(duplicates), key, plan)
    moved = rows.update(**{foreign_key.attname: keep.id})
    if moved:
        plan.moved[key] = moved


def _merge_contact_clock(keep: Person, plan: MergePlan) -> None:
    """Last contact, interaction count and next touch now come from both records' interactions."""
    before = {name: getattr(keep, name) for name in ("last_contact_at", "interaction_count", "touch_due_at")}
    from ally.interactions.services import contact_clocks_refresh

    contact_clocks_refresh(workspace=keep.workspace_id, person_ids=[keep.id])
    keep.refresh_from_db(fields=["last_contact_at", "interaction_count", "touch_due_at"])
    for name, value in before.items():
        if getattr(keep, name) != value:
            plan.field_changes[name] = (value, getattr(keep, name))
