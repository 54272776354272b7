"""Reads of interactions, follow-ups and the merged timeline."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from ally.core.errors import NotFound
from ally.interactions.models import FollowUp, Interaction, InteractionParticipant, TimelineEvent
from ally.people.models import Person


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a person's timeline: an interaction or another event."""

    occurred_at: dt.datetime
    kind: str
    summary: str
    interaction: Interaction | None = None
    event: TimelineEvent | None = None
    source: str = ""  # where a captured interaction came from: "mail", "calendar", "social"; "" when typed


def visible_interactions(*, workspace, user) -> QuerySet[Interaction]:
    """Interactions this user may read: everything but other people's private ones."""
    interactions = Interaction.objects.filter(workspace=workspace)
    if user is not None:
        interactions = interactions.filter(Q(private=False) | Q(author=user))
    else:
        interactions = interactions.filter(private=False)
    return interactions


def access_interaction(*, workspace, interaction_id, user) -> Interaction:
    try:
        return visible_interactions(workspace=workspace, user=user).get(id=int(interaction_id))
    except (Interaction.DoesNotExist, TypeError, ValueError):
        raise NotFound("interaction") from None


def access_follow_up(*, workspace, follow_up_id) -> FollowUp:
    try:
        return FollowUp.objects.select_related("person").get(workspace=workspace, id=int(follow_up_id))
    except (FollowUp.DoesNotExist, TypeError, ValueError):
        raise NotFound("follow-up") from None


def person_interactions(*, person: Person, user, limit: int | None = None) -> list[Interaction]:
    interactions = (
        visible_interactions(workspace=person.workspace_id, user=user)
        .filter(participations__person=person)
        .prefetch_related(Prefetch("participants", queryset=Person.objects.only("id", "name")))
        .order_by("-occurred_at", "-id")
    )
    return list(interactions[:limit] if limit else interactions)


def person_timeline(*, person: Person, user, limit: int = 50) -> list[TimelineEntry]:
    """Interactions and other events about a person, newest first."""
    interactions = person_interactions(person=person, user=user, limit=limit)
    events = TimelineEvent.objects.filter(workspace_id=person.workspace_id, person=person).order_by("-occurred_at", "-id")[:limit]
    sources = interaction_sources(workspace=person.workspace_id, interaction_ids=[i.id for i in interactions])
    entries = [TimelineEntry(i.occurred_at, i.kind, i.summary, interaction=i, source=sources.get(i.id, ""))
               for i in interactions]
    entries += [TimelineEntry(e.occurred_at, e.kind, e.summary, event=e) for e in events]
    entries.sort(key=lambda entry: entry.occurred_at, reverse=True)
    return entries[:limit]


def interaction_sources(*, workspace, interaction_ids) -> dict[int, str]:
    """Where each captured interaction came from, as the apps that capture them say (the `interaction_sources`
    hook: capture answers "mail", "calendar" or "social"); typed ones are not in it."""
    from ally.core.plugins import hook_functions

    sources: dict[int, str] = {}
    if interaction_ids:
        for function in hook_functions("interaction_sources"):
            sources.update(function(workspace=workspace, interaction_ids=interaction_ids))
    return sources


def person_follow_ups(*, person: Person) -> list[FollowUp]:
    return list(FollowUp.objects.filter(workspace_id=person.workspace_id, person=person).order_by("done_at", "due_on", "id"))


def last_interaction_summaries(*, workspace, person_ids, user) -> dict[int, str]:
    """The latest visible interaction summary for each person, in one query."""
    rows = (
        InteractionParticipant.objects.filter(workspace=workspace, person_id__in=list(person_ids))
        .filter(Q(interaction__private=False) | Q(interaction__author=user))
        .order_by("person_id", "-interaction__occurred_at")
        .values_list("person_id", "interaction__summary")
    )
    latest: dict[int, str] = {}
    for person_id, summary in rows:
        latest.setdefault(person_id, summary)
    return latest
