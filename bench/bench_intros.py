"""Speed and exactness of Ally's warm-introduction search (ally.network.paths) against networkx.

Not a test: prints a markdown table. For each size (people / edges) it generates a graph, builds
Ally's compact graph and the team index, runs the same random targets through Ally and through
an exhaustive search written on networkx, and checks every Ally answer against an exact
reference.

Graphs: a team of 5 with degrees in the hundreds to thousands (half their contacts chosen among
well-connected people, half at random); everyone else from a Chung-Lu power law (degree exponent
about 2.3, capped), half of the edges between random people by weight and half local (between
people close on a ring, so friends of friends know each other); strengths mostly weak
(Beta(1.4, 4.5), mean 0.24), the team's a little stronger (Beta(2, 3)). Exactly the requested
number of distinct edges. Targets: 200 people drawn at random outside the team.

Timing: CPU seconds of this process (time.process_time), one thread (BLAS/OpenMP capped before
numpy is imported), so other jobs on a shared machine distort little; wall-clock percentiles are
printed too. Ally's per-query time excludes the team index (built once per graph snapshot, timed
on its own).

networkx (3.x) does not have this query, so the baseline is the obvious exact search written on a
networkx Graph: every team-member -> first-contact -> x walk (the left side) and every x -> y ->
target walk (the right side), joined at x, the best path per first contact kept, the top k taken.
Two variants are timed: per query from scratch ("networkx"), and with the left side computed once
per team like Ally's index ("networkx + team side"). The second is the exact reference (exact
products compared with integers where float scores come within 1e-12 of each other). At the
largest size no networkx graph is built (10 million edges take minutes and many GB): the same
search runs over Ally's CSR arrays as the reference, untimed. At the smallest size the targets are
also checked, for as long as --simple-paths-seconds allows, against the definition itself: every
simple path of at most 4 edges, enumerated by igraph (the dev extra; networkx's all_simple_paths
does the same in the tests, but takes about a minute per target at these degrees).

Run:  .venv/bin/python bench/bench_intros.py [--sizes 10000:50000 100000:1000000 1000000:10000000]
      [--targets 200] [--skip-networkx-above 2000000] [--seed 7]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse
import sys
import time
from collections import defaultdict
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ally.network.paths import build_graph, find_introductions, prepare_team

DEFAULT_SIZES = ["10000:50000", "100000:1000000", "1000000:10000000"]
SMALL_TEAM = (150, 300, 500, 800, 1200)
TEAM = (300, 700, 1200, 2500, 4000)


# --- the generated graphs ------------------------------------------------------------------------


def generate(n: int, m: int, seed: int):
    """(a, b, strength) with exactly m distinct edges among n people, and the team's ids."""
    rng = np.random.default_rng(seed)
    degrees = SMALL_TEAM if n < 50_000 else TEAM
    theta = np.minimum((1 - rng.random(n)) ** (-1 / 1.3), 3 * np.sqrt(n))
    cumulative = np.cumsum(theta / theta.sum())

    def by_weight(size):
        return np.minimum(np.searchsorted(cumulative, rng.random(size)), n - 1)

    team = np.arange(5)
    team_a = np.repeat(team, degrees)
    team_b = np.where(rng.random(len(team_a)) < 0.5, by_weight(len(team_a)), rng.integers(5, n, len(team_a)))
    within = np.array([(i, j) for i in range(5) for j in range(i + 1, 5)])
    rest = int((m - len(team_a)) * 1.08) + 1000
    half = rest // 2
    ring = by_weight(rest - half)
    step = rng.integers(1, 400, rest - half) * rng.choice([-1, 1], rest - half)
    a = np.concatenate([within[:, 0], team_a, by_weight(half), ring])
    b = np.concatenate([within[:, 1], team_b, by_weight(half), (ring + step) % n])
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    key = lo.astype(np.int64) * n + hi
    _, first = np.unique(key, return_index=True)
    first = np.sort(first[lo[first] != hi[first]])  # keeps team edges (listed first) when they repeat
    is_team = np.isin(lo[first], team)
    others = first[~is_team]
    chosen = np.concatenate([first[is_team], rng.choice(others, m - is_team.sum(), replace=False)])
    strength = np.clip(rng.beta(1.4, 4.5, len(chosen)), 0.005, 1.0)
    team_rows = np.isin(lo[chosen], team)
    strength[team_rows] = np.clip(rng.beta(2.0, 3.0, team_rows.sum()), 0.01, 1.0)
    labels = rng.permutation(n).astype(np.int64)  # ids in random order of degree, like database keys
    order = rng.permutation(len(chosen))
    return labels[a[chosen][order]], labels[b[chosen][order]], strength[order], labels[team]


# --- the exhaustive search (networkx baseline and exact reference) -----------------------------


def nx_neighbours(g):
    return lambda u: ((v, d["strength"]) for v, d in g[u].items())


def csr_neighbours(graph):
    indptr, indices, weights = graph.indptr, graph.indices, graph.weights.astype(np.float64)

    def neighbours(u):
        lo, hi = indptr[u], indptr[u + 1]
        return zip(indices[lo:hi].tolist(), weights[lo:hi].tolist(), strict=True)

    return neighbours


def left_side(neighbours, team):
    """Every walk s-f and s-f-x from the team (f, x not in the team), best member per f: for each
    x, a list of (score, hops, s, f). Scores are exact (a product of two float32 in float64)."""
    reach = {}
    for s in sorted(team):
        for f, w in neighbours(s):
            if f not in team and (f not in reach or w > reach[f][0] or (w == reach[f][0] and s < reach[f][1])):
                reach[f] = (w, s)
    left = defaultdict(list)
    for f, (w, s) in reach.items():
        left[f].append((w, 1, s, f))
        for x, wx in neighbours(f):
            if x not in team:
                left[x].append((w * wx, 2, s, f))
    return left


def exhaustive(neighbours, team, target, *, k=3, max_hops=4, left=None):
    """Best path per first contact over every walk of at most 4 hops, split at its third node;
    walks never beat the simple path inside them (strengths <= 1), so this is exact."""
    team = set(team)
    if left is None:
        left = left_side(neighbours, team)
    right = {target: (1.0, 0, ())}  # middle -> (score, hops, nodes after the middle)
    near = [(y, w) for y, w in neighbours(target) if y not in team]
    if max_hops >= 3:
        for y, w in near:
            _better_right(right, y, (w, 1, (target,)))
    if max_hops >= 4:
        for y, w in near:
            for x, wx in neighbours(y):
                if x not in team and x != target:
                    _better_right(right, x, (wx * w, 2, (y, target)))
    best = {}
    for x, (r, r_hops, tail) in right.items():
        for score, l_hops, s, f in left.get(x, ()):
            if l_hops + r_hops > max_hops:
                continue
            nodes = (s, x) + tail if l_hops == 1 else (s, f, x) + tail
            candidate = (score * r, score, r, l_hops + r_hops, nodes)
            if f not in best or _before(candidate, best[f]):
                best[f] = candidate
    ranked = sorted(best.values(), key=lambda c: (-c[0], c[3], c[4]))
    ranked = _exact_order(ranked)
    return [(c[4], c[0]) for c in ranked[:k]]


def _better_right(right, x, part):
    old = right.get(x)
    if old is None or (-part[0], part[1], part[2]) < (-old[0], old[1], old[2]):
        right[x] = part


def _exact(c):
    return Fraction(c[1]) * Fraction(c[2])


def _before(new, old):
    """New candidate before old: exact product (integers only when float scores nearly tie),
    then hops, then node ids."""
    if abs(new[0] - old[0]) > 1e-12 * max(new[0], old[0]):
        return new[0] > old[0]
    en, eo = _exact(new), _exact(old)
    return (-en, new[3], new[4]) < (-eo, old[3], old[4])


def _exact_order(ranked):
    # Re-sort runs of near-equal float scores by the exact product.
    out, i = [], 0
    while i < len(ranked):
        j = i + 1
        while j < len(ranked) and abs(ranked[j][0] - ranked[i][0]) <= 1e-12 * ranked[i][0]:
            j += 1
        out.extend(sorted(ranked[i:j], key=lambda c: (-_exact(c), c[3], c[4])))
        i = j
    return out


def simple_paths_reference(graph, team, targets, *, k=3, max_hops=4, budget=120.0):
    """The definition itself, on igraph (C, far faster than networkx's all_simple_paths at these
    degrees): every simple path of at most max_hops edges from each team member to the target in
    the graph without the other members' edges, exact products (Fractions), sorted by (score,
    hops, node ids), first path per first contact. Stops starting new targets after ``budget``
    seconds; returns the answers it had time for."""
    import igraph

    lo = np.repeat(np.arange(graph.n_nodes), np.diff(graph.indptr))
    keep = lo < graph.indices
    edges = np.column_stack([lo[keep], graph.indices[keep]])
    strength = {(int(u), int(v)): Fraction(float(w)) for (u, v), w in zip(edges, graph.weights[keep], strict=True)}
    views = {}
    for s in sorted(team):
        others = [m for m in team if m != s]
        mask = ~(np.isin(edges[:, 0], others) | np.isin(edges[:, 1], others))
        views[s] = igraph.Graph(n=graph.n_nodes, edges=edges[mask].tolist())
    answers, start = [], time.perf_counter()
    for target in targets:
        if time.perf_counter() - start > budget:
            break
        found = []
        for s, view in views.items():
            for path in view.get_all_simple_paths(s, to=int(target), maxlen=max_hops):
                exact = Fraction(1)
                for u, v in pairwise(path):
                    exact *= strength[(min(u, v), max(u, v))]
                found.append((-exact, len(path) - 1, tuple(path)))
        found.sort()
        best, seen = [], set()
        for negative, _, path in found:
            if path[1] not in seen:
                seen.add(path[1])
                best.append((path, float(-negative)))
        answers.append(best[:k])
    return answers


# --- measuring -----------------------------------------------------------------------------------


def percentiles(seconds):
    ms = np.asarray(seconds) * 1e3
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def run_size(n, m, args):
    a, b, strength, team_ids = generate(n, m, args.seed)
    cpu, wall = time.process_time(), time.perf_counter()
    graph = build_graph(a, b, strength)
    build_cpu, build_wall = time.process_time() - cpu, time.perf_counter() - wall
    cpu = time.process_time()
    sources = [graph.node(int(s)) for s in team_ids]
    team = prepare_team(graph, sources)
    team_cpu = time.process_time() - cpu
    rng = np.random.default_rng(args.seed + 1)
    outside = np.setdiff1d(np.arange(graph.n_nodes), sources)
    targets = rng.choice(outside, args.targets, replace=False)

    ally_cpu, ally_wall, answers = [], [], []
    for t in targets:
        cpu, wall = time.process_time(), time.perf_counter()
        found = find_introductions(team, int(t))
        ally_cpu.append(time.process_time() - cpu)
        ally_wall.append(time.perf_counter() - wall)
        answers.append([(i.nodes, i.score) for i in found])

    # The hardest targets: the best-connected people outside the team (their neighbourhoods are
    # the largest a query reads).
    degree = np.diff(graph.indptr)
    hubs = outside[np.argsort(-degree[outside], kind="stable")[:20]]
    hub_cpu = []
    for t in hubs:
        cpu = time.process_time()
        find_introductions(team, int(t))
        hub_cpu.append(time.process_time() - cpu)

    row = {
        "n": graph.n_nodes, "max": max(ally_cpu) * 1e3, "hubs": (max(hub_cpu) * 1e3, int(degree[hubs].max())), "m": graph.n_edges, "build": build_cpu, "build_wall": build_wall, "team": team_cpu,
        "graph_bytes": graph.nbytes / graph.n_edges, "team_bytes": team.nbytes / graph.n_edges,
        "ally": percentiles(ally_cpu), "ally_wall": percentiles(ally_wall),
        "found": sum(len(a) for a in answers), "degrees": np.diff(graph.indptr)[sources].tolist(),
    }
    print(f"  built {n:,} people / {graph.n_edges:,} edges: build {build_cpu:.2f} s CPU, team index "
          f"{team_cpu:.2f} s; Ally p50/p95 {row['ally'][0]:.3f}/{row['ally'][1]:.3f} ms", flush=True)

    if graph.n_edges <= args.skip_networkx_above:
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(range(graph.n_nodes))
        lo = np.repeat(np.arange(graph.n_nodes), np.diff(graph.indptr))
        keep = lo < graph.indices
        g.add_weighted_edges_from(zip(lo[keep].tolist(), graph.indices[keep].tolist(),
                                      graph.weights[keep].astype(np.float64).tolist(), strict=True), weight="strength")
        neighbours = nx_neighbours(g)
        sample = targets[: args.networkx_targets]
        scratch = []
        for t in sample:
            cpu = time.process_time()
            exhaustive(neighbours, set(sources), int(t))
            scratch.append(time.process_time() - cpu)
        cpu = time.process_time()
        left = left_side(neighbours, set(sources))
        row["nx_team"] = time.process_time() - cpu
        with_left, reference = [], []
        for t in targets:
            cpu = time.process_time()
            reference.append(exhaustive(neighbours, set(sources), int(t), left=left))
            with_left.append(time.process_time() - cpu)
        row["nx"] = percentiles(scratch)
        row["nx_n"] = len(sample)
        row["nx_left"] = percentiles(with_left)
        row["reference"] = "networkx exhaustive"
    else:
        left = left_side(csr_neighbours(graph), set(sources))
        reference = [exhaustive(csr_neighbours(graph), set(sources), int(t), left=left) for t in targets]
        row["reference"] = "exhaustive over the CSR (no networkx)"
    if n <= 20_000 and args.simple_paths:
        definition = simple_paths_reference(graph, sources, targets, budget=args.simple_paths_seconds)
        row["simple"] = (len(definition), sum(ours == ref for ours, ref in zip(answers, definition, strict=False)))
    row["equal"] = sum(ours == [(tuple(p), s) for p, s in ref] for ours, ref in zip(answers, reference, strict=True))
    row["queries"] = len(targets)
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=DEFAULT_SIZES, help="PEOPLE:EDGES, e.g. 100000:1000000")
    parser.add_argument("--targets", type=int, default=200)
    parser.add_argument("--networkx-targets", type=int, default=200,
                        help="targets timed with networkx from scratch (it recomputes the team's side per query)")
    parser.add_argument("--skip-networkx-above", type=int, default=2_000_000, help="edges; above, no networkx")
    parser.add_argument("--no-simple-paths", dest="simple_paths", action="store_false")
    parser.add_argument("--simple-paths-seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        n, m = (int(x) for x in size.split(":"))
        print(f"{n:,} people / {m:,} edges ...", flush=True)
        rows.append(run_size(n, m, args))
    print()
    print_table(rows)


def print_table(rows):
    print("| people | edges | build (CPU s) | bytes/edge: graph + team index | team index (CPU s) | "
          "Ally p50 / p95 (ms) | networkx p50 / p95 (ms) | networkx + team side p50 / p95 (ms) | "
          "p95 ratio | exact |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        ally = f"{r['ally'][0]:.3f} / {r['ally'][1]:.3f}"
        if "nx" in r:
            nx_cell = f"{r['nx'][0]:,.1f} / {r['nx'][1]:,.1f}" + (f" ({r['nx_n']} targets)" if r["nx_n"] != r["queries"] else "")
            left = f"{r['nx_left'][0]:,.1f} / {r['nx_left'][1]:,.1f}"
            ratio = f"{r['nx'][1] / r['ally'][1]:,.0f}x / {r['nx_left'][1] / r['ally'][1]:,.0f}x"
        else:
            nx_cell = left = "skipped (no networkx graph at this size)"
            ratio = "n/a"
        exact = f"{r['equal']}/{r['queries']} equal to the {r['reference']}"
        if "simple" in r:
            exact += f"; {r['simple'][1]}/{r['simple'][0]} equal to every simple path (igraph)"
        print(f"| {r['n']:,} | {r['m']:,} | {r['build']:.2f} | {r['graph_bytes']:.1f} + {r['team_bytes']:.1f} | "
              f"{r['team']:.2f} | {ally} | {nx_cell} | {left} | {ratio} | {exact} |")
    print()
    for r in rows:
        print(f"- {r['n']:,}: wall-clock Ally p50/p95 {r['ally_wall'][0]:.3f}/{r['ally_wall'][1]:.3f} ms, slowest "
              f"{r['max']:.3f} ms CPU; the 20 best-connected targets (degree up to {r['hubs'][1]:,}) at most "
              f"{r['hubs'][0]:.3f} ms; build "
              f"{r['build_wall']:.2f} s wall; team degrees {r['degrees']}; {r['found']} introductions found"
              + (f"; networkx team side once: {r['nx_team']:.2f} s" if "nx_team" in r else ""))


if __name__ == "__main__":
    main()
