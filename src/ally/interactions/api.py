"""The interactions API: contacts logged with people, and the follow-up promises made in them.

Private interactions exist only for their author: for anyone else they are missing (404), never
forbidden, and they never appear in a list.
"""

import datetime as dt
from typing import Annotated, Literal

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from ally.core.api import (
    ERRORS,
    Id,
    IdList,
    InputSchema,
    Limit,
    Moment,
    Offset,
    Text,
    api_field_names,
    page,
    reject_nulls,
    resolve,
)
from ally.core.errors import ValidationError
from ally.core.validation import LIST_LENGTH
from ally.interactions import selectors, services
from ally.interactions.models import FollowUp, Interaction
from ally.people.models import Person
from ally.people.selectors import access_person, people_by_ids

router = Router()

InteractionKind = Literal[tuple(Interaction.Kind.values)]
InitiatedBy = Literal[tuple(Interaction.InitiatedBy.values)]


# ---- interactions -------------------------------------------------------------------------------

class PromiseIn(InputSchema):
    """A promise made during the interaction; it becomes a follow-up with the first participant."""

    text: Text
    due_on: dt.date


class InteractionIn(InputSchema):
    kind: InteractionKind
    summary: Text
    participant_ids: IdList
    occurred_at: Moment | None = None
    initiated_by: InitiatedBy = "we"
    private: bool = False
    transcript: Text = ""
    follow_ups: Annotated[list[PromiseIn], Field(max_length=LIST_LENGTH)] = []


class InteractionPatch(InputSchema):
    kind: InteractionKind | None = None
    summary: Text | None = None
    participant_ids: IdList | None = None
    occurred_at: Moment | None = None
    initiated_by: InitiatedBy | None = None
    private: bool | None = None
    transcript: Text | None = None


class PersonRef(Schema):
    id: int
    name: str


class InteractionOut(Schema):
    id: int
    kind: str
    occurred_at: dt.datetime
    initiated_by: str
    summary: str
    private: bool
    author: str | None
    participants: list[PersonRef]
    created_at: dt.datetime


class InteractionDetailOut(InteractionOut):
    transcript: str


class InteractionPage(Schema):
    count: int
    items: list[InteractionOut]


def _interactions(request: HttpRequest):
    """The interactions this token's user may see, with what the API shows of them loaded up front."""
    return (
        selectors.visible_interactions(workspace=request.workspace, user=request.user)
        .select_related("author")
        .prefetch_related(Prefetch("participants", queryset=Person.objects.only("id", "name").order_by("id")))
    )


def _interaction_out(interaction: Interaction, *, transcript: bool = False) -> dict:
    out = {
        "id": interaction.id, "kind": interaction.kind, "occurred_at": interaction.occurred_at,
        "initiated_by": interaction.initiated_by, "summary": interaction.summary, "private": interaction.private,
        "author": interaction.author.username if interaction.author_id else None,
        "participants": [{"id": p.id, "name": p.name} for p in interaction.participants.all()],
        "created_at": interaction.created_at,
    }
    if transcript:
        out["transcript"] = interaction.transcript
    return out


def _interaction_detail(request: HttpRequest, interaction_id: int) -> dict:
    interaction = selectors.access_interaction(workspace=request.workspace, interaction_id=interaction_id,
                                               user=request.user)
    return _interaction_out(_interactions(request).get(id=interaction.id), transcript=True)


def _participants(request: HttpRequest, ids: list[int]) -> list[Person]:
    found = people_by_ids(workspace=request.workspace, ids=ids)
    missing = [str(i) for i in dict.fromkeys(ids) if i not in found]
    if missing:
        raise ValidationError({"participant_ids": f"no person {', '.join(missing)} in this workspace"})
    return [found[i] for i in dict.fromkeys(ids)]


@router.get("/interactions", response={200: InteractionPage, **ERRORS}, summary="List interactions")
def list_interactions(request: HttpRequest, person_id: Id | None = None, kind: InteractionKind | None = None,
                      q: Text = "", occurred_after: Moment | None = None, occurred_before: Moment | None = None,
                      limit: Limit = 50, offset: Offset = 0):
    """Newest first; `q` searches the summaries, `person_id` keeps one person's interactions."""
    interactions = _interactions(request).order_by("-occurred_at", "-id")
    if person_id is not None:
        interactions = interactions.filter(participations__person_id=person_id)
    if kind is not None:
        interactions = interactions.filter(kind=kind)
    if q.strip():
        interactions = interactions.filter(summary__icontains=q.strip())
    if occurred_after is not None:
        interactions = interactions.filter(occurred_at__gte=occurred_after)
    if occurred_before is not None:
        interactions = interactions.filter(occurred_at__lt=occurred_before)
    result = page(interactions, limit=limit, offset=offset)
    result["items"] = [_interaction_out(interaction) for interaction in result["items"]]
    return result


@router.post("/interactions", response={201: InteractionDetailOut, **ERRORS}, summary="Log an interaction")
def create_interaction(request: HttpRequest, payload: InteractionIn):
    """Logging resets each participant's keep-in-touch clock; promises become follow-ups."""
    with api_field_names({"participants": "participant_ids", "follow_up": "follow_ups", "due_on": "follow_ups"}):
        interaction = services.interaction_log(
            workspace=request.workspace, kind=payload.kind, summary=payload.summary,
            participants=_participants(request, payload.participant_ids), occurred_at=payload.occurred_at,
            initiated_by=payload.initiated_by, private=payload.private, author=request.user,
            transcript=payload.transcript, follow_ups=[(p.text, p.due_on) for p in payload.follow_ups],
        )
    return Status(201, _interaction_detail(request, interaction.id))


@router.get("/interactions/{interaction_id}", response={200: InteractionDetailOut, **ERRORS},
            summary="Get an interaction, with its transcript")
def get_interaction(request: HttpRequest, interaction_id: Id):
    return _interaction_detail(request, interaction_id)


@router.patch("/interactions/{interaction_id}", response={200: InteractionDetailOut, **ERRORS},
              summary="Correct an interaction")
def update_interaction(request: HttpRequest, interaction_id: Id, payload: InteractionPatch):
    interaction = selectors.access_interaction(workspace=request.workspace, interaction_id=interaction_id,
                                               user=request.user)
    changes = reject_nulls(payload.model_dump(exclude_unset=True),
                           "kind", "summary", "participant_ids", "occurred_at", "initiated_by", "private")
    if changes.get("transcript", "") is None:
        changes["transcript"] = ""
    participant_ids = changes.pop("participant_ids", None)
    participants = None if participant_ids is None else _participants(request, participant_ids)
    with api_field_names({"participants": "participant_ids"}):
        services.interaction_update(interaction=interaction, participants=participants, **changes)
    return _interaction_detail(request, interaction.id)


@router.delete("/interactions/{interaction_id}", response={204: None, **ERRORS}, summary="Delete an interaction")
def delete_interaction(request: HttpRequest, interaction_id: Id):
    interaction = selectors.access_interaction(workspace=request.workspace, interaction_id=interaction_id,
                                               user=request.user)
    services.interaction_delete(interaction=interaction)
    return Status(204, None)


# ---- follow-ups ---------------------------------------------------------------------------------

class FollowUpIn(InputSchema):
    person_id: Id
    text: Text
    due_on: dt.date
    interaction_id: Id | None = None


class FollowUpPatch(InputSchema):
    text: Text | None = None
    due_on: dt.date | None = None
    done: bool | None = None


class FollowUpOut(Schema):
    id: int
    person_id: int
    person_name: str
    interaction_id: int | None
    text: str
    due_on: dt.date
    done: bool
    done_at: dt.datetime | None
    owner_id: int | None
    created_at: dt.datetime


class FollowUpPage(Schema):
    count: int
    items: list[FollowUpOut]


def _follow_up_out(follow_up: FollowUp) -> dict:
    return {
        "id": follow_up.id, "person_id": follow_up.person_id, "person_name": follow_up.person.name,
        "interaction_id": follow_up.interaction_id, "text": follow_up.text, "due_on": follow_up.due_on,
        "done": follow_up.is_done, "done_at": follow_up.done_at, "owner_id": follow_up.owner_id,
        "created_at": follow_up.created_at,
    }


@router.get("/follow-ups", response={200: FollowUpPage, **ERRORS}, summary="List follow-ups (promises)")
def list_follow_ups(request: HttpRequest, person_id: Id | None = None,
                    status: Literal["open", "done", "all"] = "open", due_before: dt.date | None = None, q: Text = "",
                    limit: Limit = 50, offset: Offset = 0):
    """Open promises by default, earliest due first; `due_before` keeps those due before a date, `q` searches
    the promise and the person's name."""
    follow_ups = FollowUp.objects.filter(workspace=request.workspace).select_related("person").order_by("due_on", "id")
    if status != "all":
        follow_ups = follow_ups.filter(done_at__isnull=status == "open")
    if person_id is not None:
        follow_ups = follow_ups.filter(person_id=person_id)
    if due_before is not None:
        follow_ups = follow_ups.filter(due_on__lt=due_before)
    if q.strip():
        follow_ups = follow_ups.filter(Q(text__icontains=q.strip()) | Q(person__name__icontains=q.strip()))
    result = page(follow_ups, limit=limit, offset=offset)
    result["items"] = [_follow_up_out(follow_up) for follow_up in result["items"]]
    return result


@router.post("/follow-ups", response={201: FollowUpOut, **ERRORS}, summary="Record a promise to a person")
def create_follow_up(request: HttpRequest, payload: FollowUpIn):
    workspace = request.workspace
    person = resolve(access_person, "person_id", workspace=workspace, person_id=payload.person_id)
    interaction = payload.interaction_id and resolve(
        selectors.access_interaction, "interaction_id", workspace=workspace, interaction_id=payload.interaction_id,
        user=request.user)
    follow_up = services.follow_up_add(person=person, text=payload.text, due_on=payload.due_on,
                                       interaction=interaction, owner=request.membership)
    return Status(201, _follow_up_out(follow_up))


@router.get("/follow-ups/{follow_up_id}", response={200: FollowUpOut, **ERRORS}, summary="Get a follow-up")
def get_follow_up(request: HttpRequest, follow_up_id: Id):
    return _follow_up_out(selectors.access_follow_up(workspace=request.workspace, follow_up_id=follow_up_id))


@router.patch("/follow-ups/{follow_up_id}", response={200: FollowUpOut, **ERRORS},
              summary="Change a follow-up, or mark it done (`done: true`) or open again")
def update_follow_up(request: HttpRequest, follow_up_id: Id, payload: FollowUpPatch):
    follow_up = selectors.access_follow_up(workspace=request.workspace, follow_up_id=follow_up_id)
    changes = reject_nulls(payload.model_dump(exclude_unset=True), "text", "due_on", "done")
    return _follow_up_out(services.follow_up_update(follow_up=follow_up, **changes))


@router.delete("/follow-ups/{follow_up_id}", response={204: None, **ERRORS}, summary="Delete a follow-up")
def delete_follow_up(request: HttpRequest, follow_up_id: Id):
    services.follow_up_delete(follow_up=selectors.access_follow_up(workspace=request.workspace,
                                                                   follow_up_id=follow_up_id))
    return Status(204, None)
