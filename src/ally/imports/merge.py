"""Merging two records of one person: every row that points at the duplicate moves to the person kept.

The tables and foreign keys are discovered from the models, so a new model that points at a person
needs no edit here. The merge writes a timeline event on the person kept and one audit entry.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import F

from ally.core.errors import ValidationError
from ally.interactions import events
from ally.interactions.clocks import contact_clocks_refresh
from ally.people.models import Person, PersonEmail, PersonPhone
from ally.people.search import search_refresh
from ally.workspaces.audit import audit_record, audited


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


@audited(dry_run="dry_run")
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
    events.record(events.person_merged(keep, merge, moved=plan.moved, author_id=getattr(author, "id", None)))
    audit_record(workspace=keep.workspace_id, action="person.merged", target=keep, person_id=keep.id,
                 changes={"merged": [merge.id, None], **{name: list(change) for name, change in plan.field_changes.items()}})
    merge.delete()
    keep.search_text = search_refresh(person_ids=[keep.id])[keep.id]
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
    contact_clocks_refresh(workspace=keep.workspace_id, person_ids=[keep.id])
    keep.refresh_from_db(fields=["last_contact_at", "interaction_count", "touch_due_at"])
    for name, value in before.items():
        if getattr(keep, name) != value:
            plan.field_changes[name] = (value, getattr(keep, name))
