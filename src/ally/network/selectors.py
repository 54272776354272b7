"""Reads of the network, each scoped to one workspace. Nothing here builds a snapshot: a workspace without
one (new, or not refreshed yet) has no strengths and no introductions until the job queue has run.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ally.core.errors import NotFound
from ally.network import snapshot as snapshots
from ally.network import words
from ally.network.errors import NetworkError
from ally.network.models import IntroductionRequest, NetworkSnapshot, TeamStrength
from ally.network.paths import DEFAULT_K, MAX_HOPS, find_introductions
from ally.people.models import Person
from ally.workspaces.models import Membership

ORGANIZATION_TARGETS = 50


@dataclass(frozen=True)
class Hop:
    from_id: int
    from_name: str
    to_id: int
    to_name: str
    strength: float
    level: str
    basis: str

    @property
    def words(self) -> str:
        return f"{self.from_name} -> {self.to_name}: {self.level}, {self.basis}"


@dataclass(frozen=True)
class WarmIntroduction:
    """One path from a team member to the target: who to ask (the first contact) and every hop's basis."""

    rank: int
    member: Membership
    target: Person
    first_contact: Person
    people: list[Person]
    hops: list[Hop]
    score: float

    @property
    def direct(self) -> bool:
        return len(self.hops) == 1


@dataclass(frozen=True)
class KnownBy:
    """How one team member knows a person: "strong with Sam: met 3 times in the last 90 days"."""

    member: Membership
    strength: float
    state: str
    fact: str
    reasons: list[str]

    @property
    def words(self) -> str:
        return f"{self.state} with {self.member.display_name}: {self.fact}"


def latest_snapshot(*, workspace) -> NetworkSnapshot | None:
    return NetworkSnapshot.objects.filter(workspace=workspace).defer("arrays").first()


def workspace_network(*, workspace) -> snapshots.Network | None:
    """The latest snapshot, parsed (once per process and snapshot), or None before the first refresh."""
    latest = latest_snapshot(workspace=workspace)
    if latest is None:
        return None
    return snapshots.network_of(
        latest.id, lambda: NetworkSnapshot.objects.filter(id=latest.id).values_list("arrays", flat=True)[0],
        latest.team)


def person_introductions(*, workspace, person: Person, k: int = DEFAULT_K, max_hops: int = MAX_HOPS) \
        -> list[WarmIntroduction]:
    """The best introduction paths from the team to `person` (empty when nobody has a path, or the person
    is on the team: a team member needs no introduction)."""
    network = workspace_network(workspace=workspace)
    found = _paths(network, person.id, k=k, max_hops=max_hops)
    return _described(workspace, network, {person.id: found}).get(person.id, [])


def organization_introductions(*, workspace, organization, limit: int = 5) -> list[WarmIntroduction]:
    """The warmest way in to an organization: the best path to each of its people, best first."""
    network = workspace_network(workspace=workspace)
    targets = list(Person.objects.filter(workspace=workspace, organization=organization).order_by("id")
                   .values_list("id", flat=True)[:ORGANIZATION_TARGETS])
    found = {target: _paths(network, target, k=1, max_hops=MAX_HOPS)[:1] for target in targets}
    described = _described(workspace, network, {t: paths for t, paths in found.items() if paths})
    # a path can be left with no described introduction (its people gone): such a target has no way in
    best = sorted((paths[0] for paths in described.values() if paths), key=lambda intro: (-intro.score, intro.target.id))
    return best[:limit]


def _paths(network, person_id: int, *, k: int, max_hops: int):
    if network is None or network.team is None or not snapshots.in_graph(network.graph, person_id):
        return []
    try:
        return find_introductions(network.team, network.graph.node(person_id), k=k, max_hops=max_hops)
    except NetworkError:  # the target is on the team
        return []


def _described(workspace, network, found: dict[int, list]) -> dict[int, list[WarmIntroduction]]:
    """Paths in compact ids -> people, team members and every hop's basis, in two queries however many."""
    graph = network.graph if network is not None else None
    node_paths = {target: [[graph.original(v) for v in intro.nodes] for intro in intros]
                  for target, intros in found.items()}
    ids = {pk for paths in node_paths.values() for path in paths for pk in path}
    if not ids:
        return {}
    people = Person.objects.filter(workspace=workspace, id__in=ids).select_related("organization").in_bulk()
    members = {m.person_id: m for m in Membership.objects.filter(workspace=workspace, person_id__in=ids)
               .select_related("person", "user")}
    described = {}
    for target, intros in found.items():
        described[target] = [
            WarmIntroduction(rank=rank, member=members[path[0]], target=people[target], first_contact=people[path[1]],
                             people=[people[pk] for pk in path], hops=_hops(network, people, path),
                             score=float(f"{intro.score:.6g}"))
            for rank, (intro, path) in enumerate(zip(intros, node_paths[target], strict=True), start=1)
            if all(pk in people for pk in path) and path[0] in members
        ]
    return described


def _hops(network, people: dict, path: list[int]) -> list[Hop]:
    hops = []
    for u, v in zip(path, path[1:], strict=False):
        row = network.pair(u, v)
        strength = float(network.pairs["strength"][row])
        a, b = people[u], people[v]
        shared = a.organization.name if a.organization_id and a.organization_id == b.organization_id else ""
        hops.append(Hop(from_id=u, from_name=a.name, to_id=v, to_name=b.name, strength=round(strength, 3),
                        level=words.level(strength), basis=words.hop_basis(network.basis(row), organization=shared)))
    return hops


def person_known_by(*, workspace, person: Person) -> list[KnownBy]:
    """Who on the team knows this person and how well, strongest first (one query)."""
    rows = TeamStrength.objects.filter(workspace=workspace, person=person).select_related(
        "member__person", "member__user").order_by("-strength", "id")
    return [_known_by(row) for row in rows]


def _known_by(row: TeamStrength) -> KnownBy:
    fading = row.fading_since is not None
    last_at = timezone.localtime(row.last_at) if row.last_at else None
    return KnownBy(member=row.member, strength=row.strength, state=words.state(row.strength, fading),
                   fact=words.team_strength_words(strength=row.strength, fading=fading, recent=row.recent,
                                                  last_kind=row.last_kind, last_at=last_at, reasons=row.reasons),
                   reasons=row.reasons)


def annotate_team_strength(people):
    """`team_strength` on each person: the strongest relationship anyone on the team has with them (the
    people list's `person_strength` hook: sort=strength and min_strength)."""
    best = TeamStrength.objects.filter(workspace=OuterRef("workspace"), person=OuterRef("pk")).order_by("-strength")
    return people.annotate(team_strength=Subquery(best.values("strength")[:1]))


def introduction_requests(*, workspace, target: Person | None = None):
    requests = IntroductionRequest.objects.filter(workspace=workspace).select_related(
        "member__person", "member__user", "introducer", "target")
    return requests.filter(target=target) if target is not None else requests


def access_introduction_request(*, workspace, request_id) -> IntroductionRequest:
    try:
        return introduction_requests(workspace=workspace).get(id=int(request_id))
    except (IntroductionRequest.DoesNotExist, TypeError, ValueError):
        raise NotFound("introduction request") from None
