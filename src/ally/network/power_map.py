"""An organization's power map: its people, who reports to whom, and how well the team knows each of them.

The layout is computed with networkx (layers by reporting depth, so managers sit above their reports) and
drawn by Ally's template as an SVG; the same content is a table for phones and screen readers.
"""

from dataclasses import dataclass

import networkx as nx
from django.db.models import Q

from ally.network import words
from ally.network.models import TeamStrength
from ally.people.models import Person, Relationship

MAP_PEOPLE = 60
WIDTH, ROW_HEIGHT, MARGIN = 960, 110, 60


@dataclass(frozen=True)
class MapPerson:
    person: Person
    x: float
    y: float
    strength: float
    level: str
    known_by: str  # the team member who knows them best
    manager: Person | None


@dataclass(frozen=True)
class PowerMap:
    people: list[MapPerson]
    lines: list[tuple[MapPerson, MapPerson]]  # (manager, report)
    width: int
    height: int
    more: int  # people left off the map


def power_map(*, workspace, organization) -> PowerMap:
    everyone = Person.objects.filter(workspace=workspace, organization=organization).order_by("name", "id")
    people = list(everyone[:MAP_PEOPLE])
    more = everyone.count() - len(people) if len(people) == MAP_PEOPLE else 0
    ids = [p.id for p in people]
    reports = list(Relationship.objects.filter(workspace=workspace, kind=Relationship.Kind.MANAGER,
                                               from_person_id__in=ids, to_person_id__in=ids)
                   .values_list("from_person_id", "to_person_id"))
    best = _best_known(workspace, ids)
    positions = _layout(ids, reports)
    by_id = {p.id: p for p in people}
    manager_of = {report: by_id[manager] for manager, report in reports}
    placed = {}
    for person in people:
        strength, member = best.get(person.id, (0.0, ""))
        x, y = positions[person.id]
        placed[person.id] = MapPerson(person=person, x=x, y=y, strength=strength,
                                      level=words.level(strength) if member else "unknown", known_by=member,
                                      manager=manager_of.get(person.id))
    layers = max((y for _, y in positions.values()), default=MARGIN)
    return PowerMap(people=list(placed.values()), lines=[(placed[m], placed[r]) for m, r in reports],
                    width=WIDTH, height=int(layers + MARGIN), more=more)


def _best_known(workspace, ids: list[int]) -> dict[int, tuple[float, str]]:
    rows = TeamStrength.objects.filter(Q(workspace=workspace) & Q(person_id__in=ids)).select_related(
        "member__person", "member__user").order_by("person_id", "-strength", "id")
    best: dict[int, tuple[float, str]] = {}
    for row in rows:
        best.setdefault(row.person_id, (row.strength, row.member.display_name))
    return best


def _layout(ids: list[int], reports: list[tuple[int, int]]) -> dict[int, tuple[float, float]]:
    """Layers by reporting depth (a person without a manager here is on top), spread across the width."""
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    graph.add_edges_from(reports)
    depth = {}
    for node in nx.topological_sort(graph) if nx.is_directed_acyclic_graph(graph) else ids:
        managers = list(graph.predecessors(node))
        depth[node] = 1 + max((depth.get(m, 0) for m in managers), default=-1)
    for node in ids:
        graph.nodes[node]["layer"] = depth.get(node, 0)
    if not ids:
        return {}
    raw = nx.multipartite_layout(graph, subset_key="layer", align="horizontal", scale=1.0)
    xs = [float(x) for x, _ in raw.values()]
    low, high = min(xs), max(xs)
    span = (high - low) or 1.0
    return {node: (MARGIN + (float(x) - low) / span * (WIDTH - 2 * MARGIN) if high > low else WIDTH / 2,
                   MARGIN + depth.get(node, 0) * ROW_HEIGHT) for node, (x, _) in raw.items()}
