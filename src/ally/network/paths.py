"""Warm introductions: the best chains of people from the team to someone.

The graph is undirected; each edge carries a relationship strength in (0, 1], stored as float32.
An introduction is a simple path from a team member (a *source*) to the *target* of at most
``max_hops`` edges (default 4, at most 4) whose intermediate people are not team members. Its
score is the product of the strengths along it: a chain is as warm as all its links together, and
every extra hop costs.

The answer is the top ``k`` paths (default 3) with **distinct first contacts**, the person right
after the team member: three ways in through the same colleague of a colleague are one way in, so
each first contact appears once, with its best path. A team member who knows the target directly
gives a 1-hop path whose first contact is the target itself; all direct paths therefore share one
first contact and only the best of them is shown (the other team members who know the target are
better found on the person's page than in a list of introductions).

Order, exactly (the reference in the tests uses the same):

1. the exact product of the stored float32 strengths, larger first (compared exactly, not after
   rounding: see `_two_product`);
2. fewer hops first;
3. the node ids along the path, compared as a sequence of compact ids. Compact ids are the ranks of
   the original ids in sorted order, so this is the order of the original ids (numeric for integer
   ids, lexicographic for strings).

The reported score is that product rounded once to float64.

How the search is exact and fast
--------------------------------

Strengths are at most 1, so a walk that visits a node twice never scores more than the simple path
left when the cycle is cut out, which has fewer hops and the same first contact (the team member
cannot reappear, so the first node after it stays first). The search may therefore look at walks
(no "visited" bookkeeping) and still return only simple paths: the best walk for any first contact
is a simple path.

Every path of 2 to 4 hops ``s f x [y] t`` splits at its third node, the *middle* ``x``: a left part
``s f x`` or ``s x`` of at most 2 hops from the team and a right part ``x [y] t`` of at most 2 hops
to the target (the middle is the target itself for 2-hop paths). Both parts are products of at most
two float32 numbers, which float64 holds exactly; the final product is one float64 multiplication,
made exact with an error-free product.

- Once per team (`prepare_team`; the team is fixed while the graph snapshot lives), for every node
  ``x``: the list of left parts ending at ``x``, one per first contact, best first
  (``left_ptr``/``left_first``/``left_score``), and the best of them (``left_top``). And for every
  node ``y``, its neighbours ``x`` ordered by ``left_top[x] * strength(x, y)``, the best 3-hop
  reach from the team through ``y`` (its maximum is ``row_top[y]``), packed into one sorted
  uint64 array so one ``searchsorted`` finds, for many ``y`` at once, how many neighbours can
  still beat a threshold.
- Per query: the middles are the target (right part empty), its neighbours (1 hop) and, for 4-hop
  paths, nodes two hops away whose bound ``left_top[x] * strength(x, y) * strength(y, t)`` reaches
  ``tau``, the k-th best distinct first contact found among paths of at most 3 hops (rows ``y``
  with ``row_top[y] * strength(y, t) < tau`` are not even searched). Anything below ``tau`` cannot
  enter the top k. For each middle only its best right part and its first ``k`` left parts matter:
  if a first contact is not among the best ``k`` at its best path's middle, ``k`` other first
  contacts beat it there, so it cannot be in the answer. A well-connected target (thousands of
  neighbours) first joins only its 4k most promising middles to get a floor, and drops every
  middle whose bound is below it.

Memory: the graph (`ally.network.graph`: int32 ``indptr``/``indices``, float32 ``weights``, both
directions of every edge) takes about 16 bytes per edge; the team index adds 8 bytes per directed
entry (16 per edge), 12 bytes per left part and about 30 bytes per node.

`Graph`, `build_graph` and `load_edges_csv` live in `ally.network.graph` and are re-exported here,
so a caller needs one import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ally.network.errors import NetworkError, UnknownNodeError
from ally.network.graph import Graph, bits_needed, build_graph, load_edges_csv

__all__ = ["Graph", "Introduction", "Team", "build_graph", "find_introductions", "intro_json", "introductions_json",
           "load_edges_csv", "prepare_team"]

MAX_HOPS = 4
DEFAULT_K = 3
# Pruning compares rounded bounds with rounded scores; this margin is far above their rounding
# errors (a few 1e-16) and far below any difference that matters.
_MARGIN = 1e-9


@dataclass(frozen=True)
class Introduction:
    """One warm introduction: compact node ids from the team member to the target, the strength of
    each hop, and their product."""

    nodes: tuple[int, ...]
    strengths: tuple[float, ...]
    score: float

    @property
    def source(self) -> int:
        return self.nodes[0]

    @property
    def first_contact(self) -> int:
        return self.nodes[1]

    @property
    def hops(self) -> int:
        return len(self.nodes) - 1


@dataclass(frozen=True, eq=False)
class Team:
    """A graph with what every query from one fixed team needs precomputed (see the module
    docstring). Build it with `prepare_team` once per graph snapshot and team."""

    graph: Graph
    sources: np.ndarray
    is_source: np.ndarray
    reach: np.ndarray  # best strength from any team member to each node (0: none, or a member)
    via: np.ndarray  # which team member gives that strength (smallest id on ties), -1 for none
    left_ptr: np.ndarray
    left_first: np.ndarray
    left_score: np.ndarray
    left_top: np.ndarray
    order_keys: np.ndarray
    row_top: np.ndarray  # per row y: the largest left_top[x] * strength(x, y), the best 3-hop reach
    value_bits: int
    position_bits: int

    @property
    def nbytes(self) -> int:
        """Bytes of the team index on top of the graph."""
        arrays = (self.is_source, self.reach, self.via, self.left_ptr, self.left_first, self.left_score,
                  self.left_top, self.order_keys, self.row_top, self.sources)
        return sum(a.nbytes for a in arrays)


# ---------------------------------------------------------------------------------------------
# The team index


def prepare_team(graph: Graph, sources: Iterable[int]) -> Team:
    """Precompute what every query from this team needs. ``sources`` are compact node ids (use
    ``graph.node(id)`` to turn original ids into them); duplicates are ignored."""
    n = graph.n_nodes
    members = np.unique(np.asarray(list(sources), dtype=np.int64))
    if members.size == 0:
        raise NetworkError("the team has no member in the graph")
    if members[0] < 0 or members[-1] >= n:
        bad = members[(members < 0) | (members >= n)][0]
        raise UnknownNodeError(f"team member {int(bad)} is not a node of the graph (0..{n - 1})")
    is_source = np.zeros(n, dtype=bool)
    is_source[members] = True
    reach, via = _first_contacts(graph, members, is_source)
    left_ptr, left_first, left_score = _left_parts(graph, reach, via, is_source)
    left_top = np.zeros(n, dtype=np.float64)
    nonempty = left_ptr[1:] > left_ptr[:-1]
    left_top[nonempty] = left_score[left_ptr[:-1][nonempty]]
    order_keys, row_top, value_bits, position_bits = _order_by_reach(graph, left_top, is_source)
    return Team(graph, members, is_source, reach, via, left_ptr, left_first, left_score, left_top,
                order_keys, row_top, value_bits, position_bits)


def _first_contacts(graph: Graph, members: np.ndarray, is_source: np.ndarray):
    """reach[f] = max strength from a team member to f (f not a member); via[f] = that member,
    the smallest id among equals (paths compare by node ids after score and hops)."""
    n = graph.n_nodes
    positions = _ranges(graph.indptr[members], graph.indptr[members + 1] - graph.indptr[members])
    owner = np.repeat(members, np.diff(graph.indptr)[members])
    f, w = graph.indices[positions], graph.weights[positions]
    keep = ~is_source[f]
    f, w, owner = f[keep], w[keep], owner[keep]
    order = np.lexsort((owner, -w, f))
    f, w, owner = f[order], w[order], owner[order]
    first = np.concatenate([[True], f[1:] != f[:-1]]) if len(f) else np.zeros(0, dtype=bool)
    reach = np.zeros(n, dtype=np.float64)
    via = np.full(n, -1, dtype=np.int32)
    reach[f[first]] = w[first]
    via[f[first]] = owner[first]
    return reach, via


def _left_parts(graph: Graph, reach: np.ndarray, via: np.ndarray, is_source: np.ndarray):
    """For every node x, one left part per first contact f: ``s x`` (f = x, score reach[x]) and
    ``s f x`` (score reach[f] * strength(f, x), exact in float64), sorted best first by score, then
    hops, then (team member, first contact) ids: the order of the whole path among paths that share
    the middle x and its right part."""
    n = graph.n_nodes
    contacts = np.flatnonzero(reach > 0)
    positions = _ranges(graph.indptr[contacts], np.diff(graph.indptr)[contacts])
    f2 = np.repeat(contacts, np.diff(graph.indptr)[contacts])
    x2 = graph.indices[positions].astype(np.int64)
    keep = ~is_source[x2]
    f2, x2 = f2[keep], x2[keep]
    score2 = reach[f2] * graph.weights[positions][keep].astype(np.float64)
    x = np.concatenate([contacts, x2])
    f = np.concatenate([contacts, f2])
    score = np.concatenate([reach[contacts], score2])
    hops = np.concatenate([np.ones(len(contacts), np.int8), np.full(len(x2), 2, np.int8)])
    order = np.lexsort((f, via[f], hops, -score, x))
    counts = np.bincount(x, minlength=n)
    left_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=left_ptr[1:])
    return left_ptr, f[order].astype(np.int32), score[order]


def _order_by_reach(graph: Graph, left_top: np.ndarray, is_source: np.ndarray):
    """Each row y's entries ordered by v = left_top[x] * strength(x, y), best first, as one sorted
    uint64 array: row | quantised (1 - v) | CSR position. Entries with no left part (v = 0, or x a
    team member) get the largest value code and are never counted. Quantising only coarsens the
    order inside a row; counts are taken conservatively (a whole code at the threshold is kept)."""
    n, entries = graph.n_nodes, len(graph.indices)
    row_bits, position_bits = bits_needed(n), bits_needed(max(entries, 1))
    # At most 52 value bits, so every code and the scale are exact in float64.
    value_bits = min(52, 64 - row_bits - position_bits)
    if value_bits < 2:
        raise NetworkError(f"graph too large for the team index ({n} nodes, {entries // 2} edges)")
    rows = np.repeat(np.arange(n, dtype=np.uint64), np.diff(graph.indptr))
    v = left_top[graph.indices] * graph.weights
    v[is_source[graph.indices]] = 0.0
    scale = float((1 << value_bits) - 2)
    codes = np.minimum(np.floor((1.0 - v) * scale), scale).astype(np.uint64)
    codes[v <= 0] = np.uint64((1 << value_bits) - 1)
    keys = rows << np.uint64(value_bits + position_bits) | codes << np.uint64(position_bits)
    keys |= np.arange(entries, dtype=np.uint64)
    keys.sort()
    row_top = np.zeros(n, dtype=np.float64)
    nonempty = np.flatnonzero(np.diff(graph.indptr) > 0)
    if len(nonempty):
        row_top[nonempty] = np.maximum.reduceat(v, graph.indptr[nonempty])
    return keys, row_top, value_bits, position_bits


# ---------------------------------------------------------------------------------------------
# Queries


def find_introductions(team: Team, target: int, *, k: int = DEFAULT_K, max_hops: int = MAX_HOPS) -> list[Introduction]:
    """The best ``k`` introductions from the team to ``target`` (a compact id), with distinct first
    contacts, in the order described in the module docstring. Fewer than ``k`` when fewer first
    contacts reach the target within ``max_hops``; empty when none do."""
    t = _check_query(team, target, k, max_hops)
    if max_hops == 1:
        return _direct(team, t)
    graph = team.graph
    row = slice(graph.indptr[t], graph.indptr[t + 1])
    near, near_strength = graph.indices[row], graph.weights[row]
    keep = ~team.is_source[near]
    near, near_strength = near[keep].astype(np.int64), near_strength[keep].astype(np.float64)
    if max_hops == 2:
        near, near_strength = near[:0], near_strength[:0]
    # Middles with their right part: the target itself (nothing left to walk), then its
    # neighbours (one hop, y-t), then for 4 hops the nodes two hops away that can still matter.
    middles = _Middles(np.concatenate([[t], near]), np.concatenate([[1.0], near_strength]),
                       np.concatenate([[0], np.ones(len(near), np.int64)]), np.full(len(near) + 1, -1),
                       np.concatenate([[1.0], near_strength]))
    middles = _promising(team, middles, k)
    joined = _join(team, middles, k)
    if max_hops == 4 and len(near):
        tau = _kth_distinct(joined.first, joined.score, k)
        far = _two_hop_middles(team, t, near, near_strength, tau)
        if len(far.node):
            joined = joined.plus(_join(team, far, k, offset=len(middles.node)))
            middles = middles.plus(far)
    return _select(team, t, middles, joined, k)


def _check_query(team: Team, target, k, max_hops) -> int:
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 1:
        raise NetworkError(f"k must be a whole number of at least 1, got {k!r}")
    if not isinstance(max_hops, (int, np.integer)) or isinstance(max_hops, bool) or not 1 <= max_hops <= MAX_HOPS:
        raise NetworkError(f"max_hops must be between 1 and {MAX_HOPS}, got {max_hops!r}")
    if not isinstance(target, (int, np.integer)) or isinstance(target, bool) or not 0 <= target < team.graph.n_nodes:
        raise UnknownNodeError(f"target {target!r} is not a node of the graph")
    if team.is_source[target]:
        raise NetworkError(f"target {team.graph.original(int(target))!r} is a team member")
    return int(target)


def _direct(team: Team, t: int) -> list[Introduction]:
    if team.reach[t] <= 0:
        return []
    return [Introduction((int(team.via[t]), t), (float(team.reach[t]),), float(team.reach[t]))]


@dataclass(frozen=True)
class _Middles:
    """Middle nodes of candidate paths with their best right part: its exact score (a product of
    at most two float32 strengths), its hops (0, 1 or 2), the node y of ``x y t`` (-1 otherwise)
    and the strength of its last hop (into the target)."""

    node: np.ndarray
    right: np.ndarray
    hops: np.ndarray
    y: np.ndarray
    last: np.ndarray

    def plus(self, other: _Middles) -> _Middles:
        return _Middles(*(np.concatenate([a, b]) for a, b in zip(self.parts(), other.parts(), strict=True)))

    def parts(self):
        return self.node, self.right, self.hops, self.y, self.last


@dataclass(frozen=True)
class _Joined:
    """Candidates: a left part (its position in the team's lists) joined with a middle (its index
    among the middles), and the product of the two rounded to float64."""

    position: np.ndarray
    middle: np.ndarray
    first: np.ndarray
    score: np.ndarray

    def plus(self, other: _Joined) -> _Joined:
        return _Joined(*(np.concatenate([a, b]) for a, b in
                         zip((self.position, self.middle, self.first, self.score),
                             (other.position, other.middle, other.first, other.score), strict=True)))


def _promising(team: Team, middles: _Middles, k: int) -> _Middles:
    """Drop middles that cannot reach the answer. A middle's best candidate scores at most
    left_top * right; joining the 4k middles with the best such bound gives real candidates, so
    their k-th best distinct first contact is a floor no dropped middle can reach. Worth it only
    for targets with many neighbours (a well-connected target has thousands)."""
    if len(middles.node) <= 16 * k:
        return middles
    bound = team.left_top[middles.node] * middles.right
    best = np.argpartition(-bound, 4 * k)[: 4 * k]
    sample = _join(team, _Middles(*(part[best] for part in middles.parts())), k)
    keep = bound >= _kth_distinct(sample.first, sample.score, k) * (1.0 - _MARGIN)
    return _Middles(*(part[keep] for part in middles.parts()))


def _join(team: Team, middles: _Middles, k: int, *, offset: int = 0) -> _Joined:
    """The first k left parts at every middle, joined with its right part."""
    start = team.left_ptr[middles.node]
    count = np.minimum(team.left_ptr[middles.node + 1] - start, k)
    position = _ranges(start, count)
    middle = np.repeat(np.arange(len(middles.node)), count)
    score = team.left_score[position] * middles.right[middle]
    return _Joined(position, middle + offset, team.left_first[position], score)


def _kth_distinct(first: np.ndarray, score: np.ndarray, k: int) -> float:
    """The k-th best score among distinct first contacts (0 when fewer than k): every answer
    scores at least this much, so it is a safe threshold for pruning."""
    if len(first) < k:
        return 0.0
    # Usually the best few candidates already hold k first contacts: select them in linear time
    # (any k distinct contacts give a valid threshold) and sort everything only if they do not.
    wanted = 4 * k
    while True:
        if wanted >= len(score):
            top = np.arange(len(score))
        else:
            top = np.argpartition(-score, wanted)[:wanted]
        order = top[np.argsort(-score[top], kind="stable")]
        _, first_seen = np.unique(first[order], return_index=True)
        if len(first_seen) >= k:
            return float(score[order][np.partition(first_seen, k - 1)[k - 1]])
        if wanted >= len(score):
            return 0.0
        wanted *= 4


def _two_hop_middles(team: Team, t: int, near: np.ndarray, near_strength: np.ndarray, tau: float) -> _Middles:
    """Middles x two hops from t (through y) whose best possible path still reaches tau, each
    with its best right part x-y-t. How many neighbours of each y to read comes from one
    searchsorted on the team's ordered keys."""
    graph = team.graph
    floor = tau * (1.0 - _MARGIN)
    if tau > 0:  # rows whose best 3-hop reach cannot make it are skipped before any search
        hopeful = team.row_top[near] * near_strength >= floor
        near, near_strength = near[hopeful], near_strength[hopeful]
    need = floor / near_strength if tau > 0 else np.zeros(len(near))
    scale = float((1 << team.value_bits) - 2)
    code = np.floor((1.0 - need) * scale)
    usable = code >= 0
    rows, code, strength = near[usable], np.minimum(code[usable], scale).astype(np.uint64), near_strength[usable]
    last = (rows.astype(np.uint64) << np.uint64(team.value_bits + team.position_bits)
            | code << np.uint64(team.position_bits) | np.uint64((1 << team.position_bits) - 1))
    start = graph.indptr[rows].astype(np.int64)
    count = np.searchsorted(team.order_keys, last, side="right") - start
    positions = _ranges(start, count)
    csr = (team.order_keys[positions] & np.uint64((1 << team.position_bits) - 1)).astype(np.intp)
    owner = np.repeat(np.arange(len(rows)), count)
    x = graph.indices[csr].astype(np.int64)
    right = graph.weights[csr].astype(np.float64) * strength[owner]
    keep = x != t
    if tau > 0:
        keep &= team.left_top[x] * right >= floor
    x, right, owner = x[keep], right[keep], owner[keep]
    # One right part per middle: the best score, then (all have 2 hops) the smaller y.
    order = np.lexsort((rows[owner], -right, x))
    by_node = x[order]
    best = order[np.concatenate([[True], by_node[1:] != by_node[:-1]])] if len(order) else order
    return _Middles(x[best], right[best], np.full(len(best), 2, np.int64), rows[owner[best]], strength[owner[best]])


def _select(team: Team, t: int, middles: _Middles, joined: _Joined, k: int) -> list[Introduction]:
    """Best candidate per first contact, then the best k of those, in the exact path order.
    Candidates below the k-th best distinct first contact cannot be in the answer and are
    dropped first, so the exact comparison only sees a handful."""
    if len(joined.first) == 0:
        return []
    keep = joined.score >= _kth_distinct(joined.first, joined.score, k) * (1.0 - _MARGIN)
    position, middle, first = joined.position[keep], joined.middle[keep], joined.first[keep].astype(np.int64)
    left, right = team.left_score[position], middles.right[middle]
    score, error = _two_product(left, right)
    x, right_hops = middles.node[middle], middles.hops[middle]
    left_hops = np.where(first == x, 1, 2)
    nodes = _sequences(team.via[first].astype(np.int64), first, x, middles.y[middle], t, left_hops, right_hops)
    hops = left_hops + right_hops
    by_path = (nodes[:, 4], nodes[:, 3], nodes[:, 2], nodes[:, 1], nodes[:, 0], hops, -error, -score)
    order = np.lexsort((*by_path, first))
    grouped = first[order]
    best = order[np.concatenate([[True], grouped[1:] != grouped[:-1]])]
    ranked = best[np.lexsort(tuple(key[best] for key in by_path))][:k]
    results = []
    for row in ranked.tolist():
        path = tuple(nodes[row, : hops[row] + 1].tolist())
        if len(set(path)) != len(path):  # cannot happen (module docstring); a bug if it does
            raise AssertionError(f"introduction search produced a walk with a cycle: {path}")
        strengths = _hop_strengths(team.reach[first[row]], left[row], right[row], middles.last[middle[row]],
                                   left_hops[row], right_hops[row])
        results.append(Introduction(path, strengths, float(score[row])))
    return results


def _hop_strengths(reach: float, left: float, right: float, last: float, left_hops: int, right_hops: int):
    """Each hop's strength, recovered from the parts: a part is an exact product of two float32
    strengths, so dividing it by one factor gives the other back exactly."""
    hops = [float(left)] if left_hops == 1 else [float(reach), float(left / reach)]
    if right_hops == 1:
        hops.append(float(right))
    elif right_hops == 2:
        hops += [float(right / last), float(last)]
    return tuple(hops)


def _sequences(source, first, x, y, t: int, left_hops, right_hops) -> np.ndarray:
    """Node ids along each candidate, left-aligned and padded with -1: s [f] x [y] [t]."""
    n = len(first)
    slots = np.stack([source, first, x, y, np.full(n, t)], axis=1)
    present = np.stack([np.ones(n, bool), left_hops == 2, np.ones(n, bool), right_hops == 2, right_hops >= 1], axis=1)
    nodes = np.full(slots.shape, -1, dtype=np.int64)
    rows, columns = np.nonzero(present)
    nodes[rows, np.cumsum(present, axis=1)[rows, columns] - 1] = slots[rows, columns]
    return nodes


def _two_product(a: np.ndarray, b: np.ndarray):
    """a*b as an unevaluated sum p + e with p = fl(a*b), exactly (Dekker's product with
    Veltkamp's split; exact without FMA as long as nothing under- or overflows, which products
    of at most four float32 strengths, all >= 1.4e-45, never do). Comparing (p, e) pairs
    lexicographically compares the exact products."""
    p = a * b
    split = 134217729.0  # 2**27 + 1
    t = split * a
    a_hi = t - (t - a)
    a_lo = a - a_hi
    t = split * b
    b_hi = t - (t - b)
    b_lo = b - b_hi
    e = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    return p, e


def _ranges(start: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Concatenated ranges [start[i], start[i] + count[i]) as one index array."""
    count = np.asarray(count, dtype=np.int64)
    total = int(count.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(count)
    return np.arange(total, dtype=np.int64) + np.repeat(np.asarray(start, dtype=np.int64) - (ends - count), count)


# ---------------------------------------------------------------------------------------------
# The analyst's JSON


def introductions_json(team: Team, target, *, k: int = DEFAULT_K, max_hops: int = MAX_HOPS) -> dict:
    """The answer for ``target`` (an original id) as JSON-ready data in original ids: what
    ``ally intro --graph EDGES.csv --sources ... --target ... --json`` prints."""
    graph = team.graph
    t = graph.node(target, what="target")
    found = find_introductions(team, t, k=k, max_hops=max_hops)
    return {
        "target": graph.original(t),
        "sources": [graph.original(int(s)) for s in team.sources],
        "k": int(k),
        "max_hops": int(max_hops),
        "introductions": [
            {
                "rank": rank,
                "path": [graph.original(v) for v in intro.nodes],
                "team_member": graph.original(intro.source),
                "first_contact": graph.original(intro.first_contact),
                "hops": intro.hops,
                "strengths": [_short(s) for s in intro.strengths],
                "score": float(f"{intro.score:.6g}"),
            }
            for rank, intro in enumerate(found, start=1)
        ],
    }


def intro_json(graph: Graph, *, sources: Sequence, target, k: int = DEFAULT_K, max_hops: int = MAX_HOPS) -> dict:
    """One query from original ids end to end (team index built for it): for a one-off CLI call.
    A service answering many queries keeps the `Team` from `prepare_team` instead."""
    team = prepare_team(graph, [graph.node(s, what="team member") for s in sources])
    return introductions_json(team, target, k=k, max_hops=max_hops)


def _short(strength: float) -> float:
    """A stored float32 strength as the shortest decimal that reads back to it (0.8, not
    0.800000011920929)."""
    return float(str(np.float32(strength)))
