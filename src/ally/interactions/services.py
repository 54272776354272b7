"""Every write to interactions and follow-up promises; each records its audit entry."""

import datetime as dt

from django.utils import timezone

from ally.core.bulk import insert_rows
from ally.core.validation import (
    SENTENCE_LENGTH,
    TEXT_LENGTH,
    clean_choice,
    clean_date,
    clean_list,
    clean_moment,
    clean_text,
    in_workspace,
    raise_errors,
    unknown_fields,
)
from ally.interactions.clocks import contact_clocks_refresh
from ally.interactions.models import FollowUp, Interaction, InteractionParticipant
from ally.people.models import Person
from ally.workspaces.audit import audit_record, audited, created, diff, snapshot

INTERACTION_FIELDS = ("kind", "occurred_at", "initiated_by", "summary", "private", "transcript")
FOLLOW_UP_FIELDS = ("text", "due_on", "done")


def _clean_interaction(workspace_id: int, *, kind, occurred_at, initiated_by, summary, participants,
                       errors: dict) -> dict:
    clean_choice(kind, Interaction.Kind.values, "kind", errors)
    if initiated_by not in Interaction.InitiatedBy.values:
        errors["initiated_by"] = "must be 'we' or 'they'"
    occurred_at = clean_moment(occurred_at, "occurred_at", errors)
    summary = clean_text(summary, "summary", errors, required=True, max_length=TEXT_LENGTH, multiline=True)
    if participants is not None:
        if not participants:
            errors["participants"] = "needs at least one person"
        elif any(p.workspace_id != workspace_id for p in participants):
            errors["participants"] = "not found in this workspace"
        clean_list(participants, "participants", errors)
    return {"kind": kind, "occurred_at": occurred_at, "initiated_by": initiated_by, "summary": summary}


def _clean_promise(text, due_on, errors: dict, *, field: str = "text") -> tuple[str, dt.date | None]:
    text = clean_text(text, field, errors, max_length=SENTENCE_LENGTH)
    if not text and field not in errors:
        errors[field] = "needs the promise's text"
    if due_on in (None, "") and "due_on" not in errors:
        errors["due_on"] = "is required"
        return text, None
    return text, clean_date(due_on, "due_on", errors)


def _participants(interaction: Interaction) -> list[int]:
    return sorted(interaction.participations.values_list("person_id", flat=True))


@audited
def interaction_log(*, workspace, kind: str, summary: str, participants, occurred_at: dt.datetime | None = None,
                    initiated_by: str = "we", private: bool = False, author=None, transcript: str = "",
                    follow_ups=()) -> Interaction:
    """Log a contact with one or more people; resets each participant's keep-in-touch clock.

    `follow_ups` is a list of (text, due_on) promises made in this interaction, kept for the first person.
    """
    participants = list({p.id: p for p in participants}.values())
    errors: dict[str, str] = {}
    clean = _clean_interaction(workspace.id, kind=kind, occurred_at=occurred_at, initiated_by=initiated_by,
                               summary=summary, participants=participants, errors=errors)
    transcript = clean_text(transcript, "transcript", errors, max_length=1_000_000, multiline=True)
    promises = [_clean_promise(text, due_on, errors, field="follow_up") for text, due_on in follow_ups]
    raise_errors(errors)
    interaction = Interaction.objects.create(workspace=workspace, private=bool(private), author=author,
                                             transcript=transcript, **clean)
    InteractionParticipant.objects.bulk_create(
        [InteractionParticipant(workspace=workspace, interaction=interaction, person=p) for p in participants]
    )
    for text, due_on in promises:
        FollowUp.objects.create(workspace=workspace, person=participants[0], interaction=interaction, text=text,
                                due_on=due_on)
    contact_clocks_refresh(workspace=workspace, person_ids=[p.id for p in participants])
    audit_record(workspace=workspace, action="interaction.logged", target=interaction,
                 person_id=participants[0].id,
                 changes=created({**snapshot(interaction, ("kind", "occurred_at", "initiated_by", "private")),
                                  "participants": [p.id for p in participants], "promises": len(promises)}))
    return interaction


@audited
def interactions_log_many(*, workspace, entries: list[dict], author=None, action: str = "interactions.logged",
                          label: str = "") -> list[int]:
    """Log many interactions at once, as an import does: each entry is {"kind", "summary", "occurred_at",
    "initiated_by", "participant_ids", "private"}, checked by `interaction_log`'s rules; the participants'
    keep-in-touch clocks are reset once for all of them, and one audit entry records how many. Returns the new
    interactions' ids in the entries' order.
    """
    errors: dict[str, str] = {}
    cleaned = []
    for number, entry in enumerate(entries, start=1):
        problems: dict[str, str] = {}
        clean = _clean_interaction(workspace.id, kind=entry["kind"], occurred_at=entry["occurred_at"],
                                   initiated_by=entry.get("initiated_by", "we"), summary=entry["summary"],
                                   participants=None, errors=problems)
        if not entry["participant_ids"]:
            problems["participants"] = "needs at least one person"
        errors.update({f"entries[{number}].{field}": why for field, why in problems.items()})
        cleaned.append((clean, bool(entry.get("private")), sorted(set(entry["participant_ids"]))))
    people = {pid for _clean, _private, ids in cleaned for pid in ids}
    if len(people) != Person.objects.filter(workspace=workspace, id__in=list(people)).count():
        errors["participants"] = "not found in this workspace"
    raise_errors(errors)
    ws, author_id = workspace.id, getattr(author, "id", None)
    ids = insert_rows(Interaction, ["workspace_id", "kind", "occurred_at", "initiated_by", "summary", "private",
                                    "author_id"],
                      [(ws, c["kind"], c["occurred_at"], c["initiated_by"], c["summary"], private, author_id)
                       for c, private, _ids in cleaned], returning=True)
    insert_rows(InteractionParticipant, ["workspace_id", "interaction_id", "person_id"],
                [(ws, iid, pid) for iid, (_c, _p, pids) in zip(ids, cleaned) for pid in pids])
    contact_clocks_refresh(workspace=workspace, person_ids=people)
    audit_record(workspace=workspace, action=action, object_type="interaction", label=label or f"{len(ids)} interactions",
                 changes={"interactions": [None, len(ids)], "people": [None, len(people)]})
    return ids


@audited
def interaction_update(*, interaction: Interaction, participants=None, **changes) -> Interaction:
    """Correct an interaction; the participants' clocks are recomputed."""
    unknown_fields(changes, INTERACTION_FIELDS, "an interaction")
    merged = {f: changes.get(f, getattr(interaction, f)) for f in ("kind", "occurred_at", "initiated_by", "summary")}
    errors: dict[str, str] = {}
    participants = None if participants is None else list({p.id: p for p in participants}.values())
    clean = _clean_interaction(interaction.workspace_id, participants=participants, errors=errors, **merged)
    if "transcript" in changes:
        clean["transcript"] = clean_text(changes["transcript"], "transcript", errors, max_length=1_000_000,
                                         multiline=True)
    if "private" in changes:
        clean["private"] = bool(changes["private"])
    raise_errors(errors)
    before = {**snapshot(interaction, INTERACTION_FIELDS[:-1]), "participants": _participants(interaction)}
    for field, value in clean.items():
        setattr(interaction, field, value)
    interaction.save()
    if participants is not None:
        interaction.participations.all().delete()
        InteractionParticipant.objects.bulk_create(
            [InteractionParticipant(workspace_id=interaction.workspace_id, interaction=interaction, person=p)
             for p in participants]
        )
    after = {**snapshot(interaction, INTERACTION_FIELDS[:-1]), "participants": _participants(interaction)}
    contact_clocks_refresh(workspace=interaction.workspace_id,
                           person_ids=set(before["participants"]) | set(after["participants"]))
    audit_record(workspace=interaction.workspace_id, action="interaction.updated", target=interaction,
                 person_id=(after["participants"] or [None])[0], changes=diff(before, after))
    return interaction


@audited
def interaction_delete(*, interaction: Interaction) -> None:
    person_ids = _participants(interaction)
    audit_record(workspace=interaction.workspace_id, action="interaction.deleted", target=interaction,
                 person_id=(person_ids or [None])[0], changes={"summary": [interaction.summary[:200], None]})
    interaction.delete()
    contact_clocks_refresh(workspace=interaction.workspace_id, person_ids=person_ids)


@audited
def follow_up_add(*, person, text: str, due_on: dt.date, interaction: Interaction | None = None,
                  owner=None) -> FollowUp:
    """Record a promise to a person, due on a date."""
    errors: dict[str, str] = {}
    text, due_on = _clean_promise(text, due_on, errors)
    in_workspace(person.workspace_id, interaction, "interaction", errors)
    in_workspace(person.workspace_id, owner, "owner", errors)
    raise_errors(errors)
    follow_up = FollowUp.objects.create(workspace_id=person.workspace_id, person=person, text=text, due_on=due_on,
                                        interaction=interaction, owner=owner)
    audit_record(workspace=person.workspace_id, action="follow_up.added", target=follow_up, person_id=person.id,
                 changes=created({"text": text, "due_on": due_on}))
    return follow_up


@audited
def follow_up_update(*, follow_up: FollowUp, **changes) -> FollowUp:
    """Change a promise's words or due day, or mark it kept (done) or open again."""
    unknown_fields(changes, FOLLOW_UP_FIELDS, "a follow-up")
    errors: dict[str, str] = {}
    text, due_on = _clean_promise(changes.get("text", follow_up.text), changes.get("due_on", follow_up.due_on), errors)
    raise_errors(errors)
    before = snapshot(follow_up, ("text", "due_on", "done_at"))
    follow_up.text, follow_up.due_on = text, due_on
    if "done" in changes:
        follow_up.done_at = (follow_up.done_at or timezone.now()) if changes["done"] else None
    follow_up.save()
    kept = "done" in changes and before["done_at"] is None and follow_up.done_at is not None
    audit_record(workspace=follow_up.workspace_id, action="follow_up.kept" if kept else "follow_up.updated",
                 target=follow_up, person_id=follow_up.person_id,
                 changes=diff(before, snapshot(follow_up, ("text", "due_on", "done_at"))))
    return follow_up


@audited
def follow_up_delete(*, follow_up: FollowUp) -> None:
    audit_record(workspace=follow_up.workspace_id, action="follow_up.deleted", target=follow_up,
                 person_id=follow_up.person_id, changes={"text": [follow_up.text, None]})
    follow_up.delete()
