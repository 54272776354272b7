"""Every write to interactions, follow-ups and the timeline."""

import datetime as dt

from django.db import transaction
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.interactions.models import FollowUp, Interaction, InteractionParticipant, TimelineEvent

# Logging a meeting that starts later today is normal; anything further ahead is a typo.
FUTURE_SLACK = dt.timedelta(hours=24)


def _clean_interaction(workspace, *, kind, occurred_at, initiated_by, summary, participants, errors: dict) -> str:
    if kind not in Interaction.Kind.values:
        errors["kind"] = f"must be one of {', '.join(Interaction.Kind.values)}"
    if initiated_by not in Interaction.InitiatedBy.values:
        errors["initiated_by"] = "must be 'we' or 'they'"
    if occurred_at is None or not isinstance(occurred_at, dt.datetime):
        errors["occurred_at"] = "is not a date and time"
    elif timezone.is_naive(occurred_at):
        errors["occurred_at"] = "needs a time zone"
    elif occurred_at > timezone.now() + FUTURE_SLACK:
        errors["occurred_at"] = "is in the future"
    summary = (summary or "").strip()
    if not summary:
        errors["summary"] = "is required"
    if participants is not None:
        if not participants:
            errors["participants"] = "needs at least one person"
        elif any(p.workspace_id != workspace.id for p in participants):
            errors["participants"] = "not found in this workspace"
    return summary


def contact_clocks_refresh(*, workspace, person_ids=None) -> None:
    """Recompute last contact, interaction count and next touch from the interactions themselves.

    Set-based (a few UPDATEs, one per distinct cadence), so it serves one person after a log as
    well as a whole workspace after an import or a restore.
    """
    from ally.people.models import Person

    people = Person.objects.filter(workspace=workspace)
    if person_ids is not None:
        people = people.filter(id__in=list(person_ids))
    participations = InteractionParticipant.objects.filter(person=OuterRef("pk")).order_by().values("person")
    people.update(
        last_contact_at=Subquery(participations.annotate(last=Max("interaction__occurred_at")).values("last")),
        interaction_count=Coalesce(Subquery(participations.annotate(n=Count("id")).values("n")), 0),
        touch_due_at=None,
    )
    for cadence in people.exclude(cadence_days=None).order_by().values_list("cadence_days", flat=True).distinct():
        people.filter(cadence_days=cadence).update(
            touch_due_at=Coalesce("last_contact_at", "created_at") + dt.timedelta(days=cadence)
        )


@transaction.atomic
def interaction_log(*, workspace, kind: str, summary: str, participants, occurred_at: dt.datetime | None = None,
                    initiated_by: str = "we", private: bool = False, author=None, transcript: str = "",
                    follow_ups=()) -> Interaction:
    """Log a contact with one or more people; resets each participant's keep-in-touch clock.

    `follow_ups` is a list of (text, due_on) promises made in this interaction.
    """
    occurred_at = occurred_at or timezone.now()
    participants = list({p.id: p for p in participants}.values())
    errors: dict[str, str] = {}
    summary = _clean_interaction(workspace, kind=kind, occurred_at=occurred_at, initiated_by=initiated_by,
                                 summary=summary, participants=participants, errors=errors)
    for text, due_on in follow_ups:
        _check_follow_up(text, due_on, errors)
    if errors:
        raise ValidationError(errors)
    interaction = Interaction.objects.create(
        workspace=workspace, kind=kind, occurred_at=occurred_at, initiated_by=initiated_by, summary=summary,
        private=bool(private), author=author, transcript=transcript or "",
    )
    InteractionParticipant.objects.bulk_create(
        [InteractionParticipant(workspace=workspace, interaction=interaction, person=p) for p in participants]
    )
    for text, due_on in follow_ups:
        for person in participants[:1]:
            FollowUp.objects.create(workspace=workspace, person=person, interaction=interaction,
                                    text=text.strip(), due_on=due_on)
    contact_clocks_refresh(workspace=workspace, person_ids=[p.id for p in participants])
    return interaction


@transaction.atomic
def interaction_update(*, interaction: Interaction, participants=None, **changes) -> Interaction:
    """Correct an interaction; the participants' clocks are recomputed."""
    unknown = set(changes) - {"kind", "occurred_at", "initiated_by", "summary", "private", "transcript"}
    if unknown:
        raise ValidationError({name: "is not a field of an interaction" for name in unknown})
    merged = {f: changes.get(f, getattr(interaction, f)) for f in ("kind", "occurred_at", "initiated_by", "summary")}
    errors: dict[str, str] = {}
    participants = None if participants is None else list({p.id: p for p in participants}.values())
    merged["summary"] = _clean_interaction(interaction.workspace, participants=participants, errors=errors, **merged)
    if errors:
        raise ValidationError(errors)
    before = set(interaction.participations.values_list("person_id", flat=True))
    for field, value in {**changes, **merged}.items():
        setattr(interaction, field, value)
    interaction.save()
    if participants is not None:
        interaction.participations.all().delete()
        InteractionParticipant.objects.bulk_create(
            [InteractionParticipant(workspace_id=interaction.workspace_id, interaction=interaction, person=p)
             for p in participants]
        )
    contact_clocks_refresh(workspace=interaction.workspace_id, person_ids=before | {p.id for p in participants or []})
    return interaction


@transaction.atomic
def interaction_delete(*, interaction: Interaction) -> None:
    person_ids = set(interaction.participations.values_list("person_id", flat=True))
    interaction.delete()
    contact_clocks_refresh(workspace=interaction.workspace_id, person_ids=person_ids)


def _check_follow_up(text, due_on, errors: dict) -> None:
    if not (text or "").strip():
        errors["follow_up"] = "needs the promise's text"
    elif len(text.strip()) > 500:
        errors["follow_up"] = "is longer than 500 characters"
    if not isinstance(due_on, dt.date):
        errors["due_on"] = "is not a date"


@transaction.atomic
def follow_up_add(*, person, text: str, due_on: dt.date, interaction: Interaction | None = None,
                  owner=None) -> FollowUp:
    """Record a promise to a person, due on a date."""
    errors: dict[str, str] = {}
    _check_follow_up(text, due_on, errors)
    if "follow_up" in errors:
        errors["text"] = errors.pop("follow_up")
    if interaction is not None and interaction.workspace_id != person.workspace_id:
        errors["interaction"] = "not found in this workspace"
    if owner is not None and owner.workspace_id != person.workspace_id:
        errors["owner"] = "not found in this workspace"
    if errors:
        raise ValidationError(errors)
    return FollowUp.objects.create(workspace_id=person.workspace_id, person=person, text=text.strip(),
                                   due_on=due_on, interaction=interaction, owner=owner)


@transaction.atomic
def follow_up_update(*, follow_up: FollowUp, **changes) -> FollowUp:
    unknown = set(changes) - {"text", "due_on", "done"}
    if unknown:
        raise ValidationError({name: "is not a field of a follow-up" for name in unknown})
    errors: dict[str, str] = {}
    text, due_on = changes.get("text", follow_up.text), changes.get("due_on", follow_up.due_on)
    _check_follow_up(text, due_on, errors)
    if "follow_up" in errors:
        errors["text"] = errors.pop("follow_up")
    if errors:
        raise ValidationError(errors)
    follow_up.text, follow_up.due_on = text.strip(), due_on
    if "done" in changes:
        follow_up.done_at = (follow_up.done_at or timezone.now()) if changes["done"] else None
    follow_up.save()
    return follow_up


def follow_up_complete(*, follow_up: FollowUp) -> FollowUp:
    return follow_up_update(follow_up=follow_up, done=True)


@transaction.atomic
def follow_up_delete(*, follow_up: FollowUp) -> None:
    follow_up.delete()


def timeline_event_record(*, workspace, person, kind: str, summary: str, occurred_at: dt.datetime | None = None,
                          params: dict | None = None, author=None) -> TimelineEvent:
    """Put something that happened (a purchase, a case event, a stage move) on the person's timeline."""
    return TimelineEvent.objects.create(
        workspace=workspace, person=person, kind=kind, summary=summary[:500],
        occurred_at=occurred_at or timezone.now(), params=params or {}, author=author,
    )
