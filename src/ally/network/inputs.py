"""A workspace's relationship inputs read as numpy arrays, ready for `ally.network.strength.pair_strengths`.

Every read is one `values_list` over the workspace's rows, and everything after it is vectorised: no
query and no Python loop per person or per pair.
"""

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Max, Sum

from ally.interactions.models import Interaction, InteractionParticipant
from ally.people.models import Person, Relationship
from ally.workspaces.models import Membership

# An interaction with more people than this (a webinar, a conference) ties its people to the team member
# who took part, not to each other: 200 attendees would otherwise make 20,000 pairs from one event.
GROUP_PAIRS_LIMIT = 12
_EPOCH = np.datetime64("1970-01-01T00:00:00", "s")


@dataclass(frozen=True)
class NetworkInputs:
    team: dict[int, int]  # team member's person id -> membership id
    contact: dict[str, np.ndarray]
    ties: dict[str, np.ndarray]
    people: np.ndarray
    organizations: np.ndarray


def fingerprint(*, workspace) -> str:
    """What the strengths were computed from, summarised in a few aggregate queries: it changes when an
    interaction, participant, relationship, organization membership or team member is added, removed or moved."""
    parts = [
        Interaction.objects.filter(workspace=workspace).aggregate(n=Count("id"), top=Max("id"), at=Max("occurred_at")),
        InteractionParticipant.objects.filter(workspace=workspace).aggregate(n=Count("id"), people=Sum("person_id")),
        Relationship.objects.filter(workspace=workspace).aggregate(n=Count("id"), top=Max("id")),
        Person.objects.filter(workspace=workspace).aggregate(n=Count("id"), orgs=Sum("organization_id")),
        Membership.objects.filter(workspace=workspace, person__isnull=False).aggregate(n=Count("id"),
                                                                                      people=Sum("person_id")),
    ]
    return "|".join(":".join(str(part[key]) for key in sorted(part)) for part in parts)[:200]


def read_inputs(*, workspace) -> NetworkInputs:
    team_rows = Membership.objects.filter(workspace=workspace, person__isnull=False).values_list(
        "user_id", "person_id", "id")
    team = {person_id: membership_id for _, person_id, membership_id in team_rows}
    person_of_user = {user_id: person_id for user_id, person_id, _ in team_rows}
    people = np.array(Person.objects.filter(workspace=workspace).values_list("id", "organization_id"),
                      dtype=float).reshape(-1, 2)
    return NetworkInputs(
        team=team, contact=_contacts(workspace, team, person_of_user), ties=_ties(workspace),
        people=people[:, 0].astype(np.int64), organizations=np.nan_to_num(people[:, 1], nan=-1).astype(np.int64),
    )


def _contacts(workspace, team: dict[int, int], person_of_user: dict[int, int]) -> dict[str, np.ndarray]:
    """One row per pair of people in an interaction, the member who logged it counted as taking part."""
    interactions = list(Interaction.objects.filter(workspace=workspace).order_by("id").values_list(
        "id", "kind", "occurred_at", "initiated_by", "author_id"))
    if not interactions:
        return _no_contacts()
    ids, kinds, moments, initiated, authors = zip(*interactions, strict=True)
    ids = np.array(ids, dtype=np.int64)
    rows = np.array(InteractionParticipant.objects.filter(workspace=workspace).values_list(
        "interaction_id", "person_id"), dtype=np.int64).reshape(-1, 2)
    logged = np.array([(i, person_of_user[a]) for i, a in zip(ids.tolist(), authors, strict=True)
                       if a in person_of_user], dtype=np.int64).reshape(-1, 2)
    rows = np.unique(np.concatenate([rows, logged]), axis=0)  # sorted by interaction, each person once
    a, b, where = _pairs(rows, np.array(list(team), dtype=np.int64))
    at = np.array([m.timestamp() for m in moments])
    position = np.searchsorted(ids, where)
    team_a, team_b = np.isin(a, list(team)), np.isin(b, list(team))
    we = np.array([value == Interaction.InitiatedBy.WE for value in initiated])[position]
    # "We reached out" is the team member's side; between two customers nobody knows who wrote first.
    initiator = np.where(team_a & ~team_b, np.where(we, 1, -1), np.where(team_b & ~team_a, np.where(we, -1, 1), 0))
    return {"contact_a": a, "contact_b": b, "contact_at": at[position],
            "contact_kind": np.array(kinds, dtype=object)[position], "contact_initiator": initiator}


def _pairs(rows: np.ndarray, team: np.ndarray):
    """Every pair of people within each interaction (rows sorted by interaction), all pairs in a small
    group and only pairs with a team member in a large one."""
    interaction, person = rows[:, 0], rows[:, 1]
    starts = np.flatnonzero(np.r_[True, interaction[1:] != interaction[:-1]])
    size = np.diff(np.r_[starts, len(rows)])
    group_size = np.repeat(size, size)
    on_team = np.isin(person, team)
    a_parts, b_parts, where_parts = [], [], []
    for offset in range(1, int(size.max(initial=1))):
        left = np.arange(len(rows) - offset)
        right = left + offset
        same = interaction[left] == interaction[right]
        small = group_size[left] <= GROUP_PAIRS_LIMIT
        keep = same & (small | on_team[left] | on_team[right])
        a_parts.append(person[left[keep]])
        b_parts.append(person[right[keep]])
        where_parts.append(interaction[left[keep]])
    if not a_parts:
        return (np.zeros(0, dtype=np.int64),) * 3
    return np.concatenate(a_parts), np.concatenate(b_parts), np.concatenate(where_parts)


def _no_contacts() -> dict[str, np.ndarray]:
    empty = np.zeros(0, dtype=np.int64)
    return {"contact_a": empty, "contact_b": empty, "contact_at": np.zeros(0), "contact_kind": np.zeros(0, dtype=object),
            "contact_initiator": empty}


def _ties(workspace) -> dict[str, np.ndarray]:
    rows = list(Relationship.objects.filter(workspace=workspace).values_list("from_person_id", "to_person_id", "kind",
                                                                             "since"))
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return {"tie_a": empty, "tie_b": empty, "tie_kind": np.zeros(0, dtype=object), "tie_since": np.zeros(0)}
    a, b, kinds, since = zip(*rows, strict=True)
    return {"tie_a": np.array(a, dtype=np.int64), "tie_b": np.array(b, dtype=np.int64),
            "tie_kind": np.array(kinds, dtype=object),
            "tie_since": np.array([_epoch(day) for day in since])}


def _epoch(day: dt.date | None) -> float:
    return np.nan if day is None else float((np.datetime64(day, "s") - _EPOCH) / np.timedelta64(1, "s"))
