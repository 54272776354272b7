"""The compact snapshot of a workspace's network: building its arrays, storing them, and reading them back.

The arrays (one row per pair with a strength, a < b, sorted) are kept in an .npz inside
`NetworkSnapshot.arrays`. A process keeps the few latest snapshots it read, parsed into a graph and
the team's introduction index, so a page pays for parsing once per snapshot, not once per request.
"""

import io
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from ally.network.paths import Graph, Team, build_graph, prepare_team
from ally.network.strength import KINDS, TIE_KINDS, PairStrengths, pair_strengths

STORED = ("a", "b", "strength", "contacts", "ties", "same_organization", "last_kind", "last_at")
CACHED_SNAPSHOTS = 4


def compute(inputs, *, now) -> PairStrengths:
    return pair_strengths(now=now, **inputs.contact, **inputs.ties, person=inputs.people,
                          organization=inputs.organizations)


def serialise(pairs: PairStrengths) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, a=pairs.a, b=pairs.b, strength=pairs.strength.astype(np.float32),
                        contacts=pairs.contacts.astype(np.int32), ties=pairs.ties.astype(np.uint8),
                        same_organization=pairs.same_organization, last_kind=pairs.last_kind.astype(np.int8),
                        last_at=pairs.last_at)
    return buffer.getvalue()


@dataclass(frozen=True, eq=False)
class Network:
    """A snapshot read back: the pairs' arrays, the graph of strengths and the team's introduction index."""

    snapshot_id: int
    pairs: dict[str, np.ndarray]
    graph: Graph
    team: Team | None

    def pair(self, u: int, v: int) -> int | None:
        """Row of the pair of person ids u, v in `pairs`, or None when they have no basis."""
        lo, hi = min(u, v), max(u, v)
        a, b = self.pairs["a"], self.pairs["b"]
        start, end = np.searchsorted(a, lo, side="left"), np.searchsorted(a, lo, side="right")
        at = start + int(np.searchsorted(b[start:end], hi))
        return at if at < end and b[at] == hi else None

    def basis(self, row: int) -> dict:
        """What one pair's strength rests on: ties, contacts, the same organization, the last contact."""
        pairs = self.pairs
        bits = int(pairs["ties"][row])
        kind = int(pairs["last_kind"][row])
        return {"ties": [TIE_KINDS[bit] for bit in range(len(TIE_KINDS)) if bits >> bit & 1],
                "contacts": int(pairs["contacts"][row]), "same_organization": bool(pairs["same_organization"][row]),
                "last_kind": KINDS[kind] if kind >= 0 else ""}


_cache: OrderedDict[int, Network] = OrderedDict()
_lock = threading.Lock()


def network_of(snapshot_id: int, load_arrays, team_person_ids: list[int]) -> Network:
    """The parsed network of a snapshot, from this process's cache or by reading its arrays once."""
    with _lock:
        if snapshot_id in _cache:
            _cache.move_to_end(snapshot_id)
            return _cache[snapshot_id]
    network = _parse(snapshot_id, bytes(load_arrays()), team_person_ids)
    with _lock:
        _cache[snapshot_id] = network
        while len(_cache) > CACHED_SNAPSHOTS:
            _cache.popitem(last=False)
    return network


def _parse(snapshot_id: int, blob: bytes, team_person_ids: list[int]) -> Network:
    with np.load(io.BytesIO(blob)) as stored:
        pairs = {name: stored[name] for name in STORED}
    keep = pairs["strength"] > 0
    graph = build_graph(pairs["a"][keep], pairs["b"][keep], pairs["strength"][keep])
    sources = [graph.node(pk) for pk in team_person_ids if in_graph(graph, pk)]
    return Network(snapshot_id=snapshot_id, pairs=pairs, graph=graph, team=prepare_team(graph, sources) if sources
                   else None)


def in_graph(graph: Graph, person_id: int) -> bool:
    at = int(np.searchsorted(graph.ids, person_id))
    return at < graph.n_nodes and graph.ids[at] == person_id
