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
  reach from the team through ``y``, packed into one sorted uint64 array so one ``searchsorted``
  finds, for many ``y`` at once, how many neighbours can still beat a threshold.
- Per query: the middles are the target (right part empty), its neighbours (1 hop) and, for 4-hop
  paths, nodes two hops away whose bound ``left_top[x] * strength(x, y) * strength(y, t)`` reaches
  ``tau``, the k-th best distinct first contact found among paths of at most 3 hops. Anything below
  ``tau`` cannot enter the top k. For each middle only its best right part and its first ``k``
  left parts matter: if a first contact is not among the best ``k`` at its best path's middle, ``k``
  other first contacts beat it there, so it cannot be in the answer.

Memory: the graph is int32 ``indptr``/``indices`` and float32 ``weights`` over both directions of
every edge (about 16 bytes per edge); the team index adds 8 bytes per directed entry and 12 bytes
per left part.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ally.network.errors import GraphInputError, NetworkError, UnknownNodeError

MAX_HOPS = 4
DEFAULT_K = 3
# Float32's smallest positive (subnormal) value: a strength below it would be stored as 0.
FLOAT32_TINY = float(np.nextafter(np.float32(0), np.float32(1)))
# Pruning compares rounded bounds with rounded scores; this margin is far above their rounding
# errors (a few 1e-16) and far below any difference that matters.
_MARGIN = 1e-9
_INT_TEXT = re.compile(r"-?(0|[1-9][0-9]*)")


@dataclass(frozen=True, eq=False)
class Graph:
    """An undirected graph of relationship strengths in compressed sparse row form.

    Node ``v``'s neighbours are ``indices[indptr[v]:indptr[v+1]]`` (ascending) with strengths
    ``weights[...]``; every edge is stored in both rows. ``ids[v]`` is the original id of compact
    node ``v``; ids are sorted, so compact order is id order."""

    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray
    ids: np.ndarray
    self_loops_dropped: int = 0
    duplicates_merged: int = 0

    @property
    def n_nodes(self) -> int:
        return len(self.ids)

    @property
    def n_edges(self) -> int:
        return len(self.indices) // 2

    @property
    def nbytes(self) -> int:
        """Bytes of the compact arrays (indptr, indices, weights, ids)."""
        return self.indptr.nbytes + self.indices.nbytes + self.weights.nbytes + self.ids.nbytes

    def node(self, node_id, *, what: str = "node") -> int:
        """The compact id of an original id. Text that spells an integer finds an integer id and
        an integer finds its text, so ids typed on a command line work either way."""
        key = _coerce_id(node_id, self.ids.dtype)
        if key is not None and self.n_nodes:
            at = int(np.searchsorted(self.ids, key))
            if at < self.n_nodes and self.ids[at] == key:
                return at
        raise UnknownNodeError(f"{what} {node_id!r} is not in the graph")

    def original(self, node: int):
        """The original id of compact node ``node`` as a plain Python int or str."""
        return self.ids[node].item()

    def strength(self, u: int, v: int) -> float:
        """Strength of the edge u-v (0.0 when there is none)."""
        lo, hi = self.indptr[u], self.indptr[u + 1]
        at = lo + int(np.searchsorted(self.indices[lo:hi], v))
        return float(self.weights[at]) if at < hi and self.indices[at] == v else 0.0


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
    value_bits: int
    position_bits: int

    @property
    def nbytes(self) -> int:
        """Bytes of the team index on top of the graph."""
        arrays = (self.is_source, self.reach, self.via, self.left_ptr, self.left_first, self.left_score,
                  self.left_top, self.order_keys, self.sources)
        return sum(a.nbytes for a in arrays)


# ---------------------------------------------------------------------------------------------
# Building a graph


def build_graph(a, b, strength) -> Graph:
    """A `Graph` from an edge list: ``a[i]`` - ``b[i]`` with ``strength[i]`` in (0, 1].

    Ids may be integers or strings (one kind for all). Self-loops are dropped; an edge given more
    than once (either way round) keeps its largest strength. A strength outside (0, 1], not a
    number, or too small for float32 raises GraphInputError naming the row (0-based)."""
    a_ids, b_ids = _as_ids(a, "a"), _as_ids(b, "b")
    if len(a_ids) != len(b_ids):
        raise GraphInputError(f"a has {len(a_ids)} ids but b has {len(b_ids)}")
    if (a_ids.dtype.kind == "U") != (b_ids.dtype.kind == "U"):
        raise GraphInputError("a and b must both be integer ids or both be string ids")
    weights = _as_strengths(strength, a_ids, b_ids)
    ids, ca, cb = _compact_ids(a_ids, b_ids)
    loops = ca == cb
    lo, hi, w, merged = _dedupe(np.minimum(ca, cb)[~loops], np.maximum(ca, cb)[~loops], weights[~loops], len(ids))
    indptr, indices, csr_weights = _csr(lo, hi, w, len(ids))
    return Graph(indptr, indices, csr_weights, ids, self_loops_dropped=int(loops.sum()), duplicates_merged=merged)


def load_edges_csv(path: str | Path) -> Graph:
    """Read an analyst's EDGES.csv: a header naming columns ``a``, ``b`` and ``strength`` (any
    order, other columns ignored), then one edge per line. Ids that all spell integers become
    integers; otherwise ids are kept as text. A bad line raises GraphInputError naming it."""
    path = Path(path)
    a_ids, b_ids, strengths = [], [], []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        columns = _header_columns(header, path.name)
        width = len(header)
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            line = reader.line_num
            if len(row) != width:
                raise GraphInputError(f"{path.name} line {line}: expected {width} fields, found {len(row)}")
            a_id, b_id, raw = (row[columns[name]].strip() for name in ("a", "b", "strength"))
            for name, value in (("a", a_id), ("b", b_id)):
                if not value:
                    raise GraphInputError(f"{path.name} line {line}: column {name} is empty")
            strengths.append(_parse_strength(raw, f"{path.name} line {line}"))
            a_ids.append(a_id)
            b_ids.append(b_id)
    if all(_INT_TEXT.fullmatch(value) for value in (*a_ids, *b_ids)) and (a_ids or b_ids):
        ints = np.array([int(v) for v in a_ids] + [int(v) for v in b_ids], dtype=np.int64)
        return build_graph(ints[: len(a_ids)], ints[len(a_ids):], strengths)
    return build_graph(np.array(a_ids, dtype=str), np.array(b_ids, dtype=str), strengths)


def _header_columns(header: list[str] | None, name: str) -> dict[str, int]:
    if header is None:
        raise GraphInputError(f"{name} is empty: expected a header line a,b,strength")
    names = [cell.strip().lower() for cell in header]
    for column in ("a", "b", "strength"):
        if names.count(column) > 1:
            raise GraphInputError(f"{name} line 1: column {column} appears more than once")
    missing = [column for column in ("a", "b", "strength") if column not in names]
    if missing:
        raise GraphInputError(
            f"{name} line 1: the header must name the columns a, b and strength; missing {', '.join(missing)} "
            f"(found {', '.join(repr(cell) for cell in header)})"
        )
    return {column: names.index(column) for column in ("a", "b", "strength")}


def _parse_strength(raw: str, where: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise GraphInputError(f"{where}: strength {raw!r} is not a number") from None
    problem = _strength_problem(value)
    if problem:
        raise GraphInputError(f"{where}: strength {raw} {problem}")
    return value


def _strength_problem(value: float) -> str | None:
    if not (value > 0 and value <= 1):  # also catches NaN
        return "is not in (0, 1]"
    if value < FLOAT32_TINY:
        return f"is too small to store (the smallest is {FLOAT32_TINY:.3g})"
    return None


def _as_ids(values, name: str) -> np.ndarray:
    if not isinstance(values, np.ndarray):
        values = list(values)
        # numpy would quietly turn [1, "a"] into strings; mixed ids are a mistake worth naming.
        if len({str if isinstance(v, str) else int for v in values}) > 1:
            row = next(i for i, v in enumerate(values) if isinstance(v, str) != isinstance(values[0], str))
            raise GraphInputError(f"{name}: ids must be all integers or all strings; row {row} is {values[row]!r}")
        values = np.array(values, dtype=object) if values and isinstance(values[0], (int, np.integer)) else values
    array = np.asarray(values)
    if array.ndim != 1:
        array = array.reshape(-1)
    if array.dtype.kind in "iu":
        if array.dtype.kind == "u" and array.size and array.max() > np.iinfo(np.int64).max:
            raise GraphInputError(f"{name}: integer ids must fit in 64 bits")
        return array.astype(np.int64, copy=False)
    if array.dtype.kind == "U":
        return array
    if array.size == 0:
        return np.zeros(0, dtype=np.int64)
    if array.dtype.kind == "O":
        kinds = {type(v) for v in array.tolist()}
        if kinds <= {str}:
            return array.astype(str)
        if all(issubclass(kind, (int, np.integer)) and not issubclass(kind, (bool, np.bool_)) for kind in kinds):
            return array.astype(np.int64)
    bad = next((i for i, v in enumerate(array.tolist()) if isinstance(v, bool) or not isinstance(v, (int, str))), 0)
    raise GraphInputError(f"{name}: ids must be all integers or all strings; row {bad} is {array.tolist()[bad]!r}")


def _as_strengths(strength, a_ids: np.ndarray, b_ids: np.ndarray) -> np.ndarray:
    try:
        values = np.asarray(strength, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raw = list(strength)
        for row, value in enumerate(raw):
            try:
                float(value)
            except (TypeError, ValueError):
                raise GraphInputError(
                    f"edge {row} ({a_ids[row].item()!r} - {b_ids[row].item()!r}): strength {value!r} is not a number"
                ) from None
        raise
    if len(values) != len(a_ids):
        raise GraphInputError(f"{len(a_ids)} edges but {len(values)} strengths")
    bad = ~((values > 0) & (values <= 1) & (values >= FLOAT32_TINY))
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        value = values[row].item()
        raise GraphInputError(
            f"edge {row} ({a_ids[row].item()!r} - {b_ids[row].item()!r}): strength {value!r} {_strength_problem(value)}"
        )
    return values.astype(np.float32)


def _compact_ids(a_ids: np.ndarray, b_ids: np.ndarray):
    """Original ids -> compact ids 0..n-1 in id order. Dense non-negative integer ids (database
    keys) take a linear path through a presence mask instead of sorting 2m values."""
    both = np.concatenate([a_ids, b_ids])
    m = len(a_ids)
    if both.dtype.kind == "i" and both.size and both.min() >= 0 and both.max() < 4 * both.size + 1024:
        present = np.zeros(int(both.max()) + 1, dtype=bool)
        present[both] = True
        compact = np.cumsum(present, dtype=np.int64) - 1
        return np.flatnonzero(present).astype(np.int64), compact[a_ids], compact[b_ids]
    ids, inverse = np.unique(both, return_inverse=True)
    inverse = inverse.reshape(-1).astype(np.int64)
    return ids, inverse[:m], inverse[m:]


def _dedupe(lo: np.ndarray, hi: np.ndarray, w: np.ndarray, n: int):
    """Sort edges by (lo, hi) and keep each pair once with its largest strength. When pair and row
    number fit in 64 bits together they are packed and sorted as one uint64 array (numpy sorts
    plain numbers several times faster than it argsorts)."""
    m = len(lo)
    if m == 0:
        return lo, hi, w, 0
    node_bits, row_bits = _bits(n), _bits(m)
    pair = lo.astype(np.uint64) << np.uint64(node_bits) | hi.astype(np.uint64)
    if 2 * node_bits + row_bits <= 64:
        packed = pair << np.uint64(row_bits) | np.arange(m, dtype=np.uint64)
        packed.sort()
        order = (packed & np.uint64((1 << row_bits) - 1)).astype(np.intp)
        pair = packed >> np.uint64(row_bits)
    else:
        order = np.argsort(pair, kind="stable")
        pair = pair[order]
    w = w[order]
    starts = np.flatnonzero(np.concatenate([[True], pair[1:] != pair[:-1]]))
    w = np.maximum.reduceat(w, starts)
    pair = pair[starts]
    mask = np.uint64((1 << node_bits) - 1)
    lo = (pair >> np.uint64(node_bits)).astype(np.int64)
    hi = (pair & mask).astype(np.int64)
    return lo, hi, w, m - len(starts)


def _csr(lo: np.ndarray, hi: np.ndarray, w: np.ndarray, n: int):
    """Both directions of every (lo < hi) edge grouped by row. Edges arrive sorted by (lo, hi), so
    listing the hi->lo direction first and grouping stably leaves every row sorted by neighbour."""
    rows = np.concatenate([hi, lo])
    cols = np.concatenate([lo, hi])
    if len(rows) >= 2**31:
        raise GraphInputError(f"{len(lo)} edges is more than this graph format holds (2**30)")
    counts = np.bincount(rows, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(counts, out=indptr[1:])
    position_bits = _bits(len(rows))
    if _bits(n) + position_bits <= 64:
        packed = rows.astype(np.uint64) << np.uint64(position_bits) | np.arange(len(rows), dtype=np.uint64)
        packed.sort()
        order = (packed & np.uint64((1 << position_bits) - 1)).astype(np.intp)
    else:
        order = np.argsort(rows, kind="stable")
    return indptr, cols[order].astype(np.int32), np.concatenate([w, w])[order]


def _bits(count: int) -> int:
    """Bits needed for the numbers 0..count-1."""
    return max(1, int(count - 1).bit_length())


def _coerce_id(node_id, dtype: np.dtype):
    if isinstance(node_id, np.generic):
        node_id = node_id.item()
    if dtype.kind in "iu":
        if isinstance(node_id, str):
            text = node_id.strip()
            return int(text) if _INT_TEXT.fullmatch(text) else None
        return node_id if isinstance(node_id, int) and not isinstance(node_id, bool) else None
    if isinstance(node_id, bool):
        return None
    return str(node_id) if isinstance(node_id, (int, str)) else None


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
    order_keys, value_bits, position_bits = _order_by_reach(graph, left_top, is_source)
    return Team(graph, members, is_source, reach, via, left_ptr, left_first, left_score, left_top,
                order_keys, value_bits, position_bits)


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
    row_bits, position_bits = _bits(n), _bits(max(entries, 1))
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
    return keys, value_bits, position_bits


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
    order = np.argsort(-score, kind="stable")
    _, first_seen = np.unique(first[order], return_index=True)
    if len(first_seen) < k:
        return 0.0
    return float(score[order][np.partition(first_seen, k - 1)[k - 1]])


def _two_hop_middles(team: Team, t: int, near: np.ndarray, near_strength: np.ndarray, tau: float) -> _Middles:
    """Middles x two hops from t (through y) whose best possible path still reaches tau, each
    with its best right part x-y-t. How many neighbours of each y to read comes from one
    searchsorted on the team's ordered keys."""
    graph = team.graph
    floor = tau * (1.0 - _MARGIN)
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
