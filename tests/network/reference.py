"""An exhaustive reference for warm introductions, built the slow and obvious way on networkx.

Every simple path of at most max_hops edges from each team member to the target in the graph
without the other team members (so no team member is an intermediate), scored by the exact product
of the stored float32 strengths (Fractions), sorted by (score desc, hops, node ids), then the first
path of each first contact until k are taken: the order `ally.network.paths` documents.
"""

from fractions import Fraction
from itertools import pairwise

import networkx as nx


def to_networkx(graph) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(range(graph.n_nodes))
    for u in range(graph.n_nodes):
        for j in range(graph.indptr[u], graph.indptr[u + 1]):
            v = int(graph.indices[j])
            if u < v:
                g.add_edge(u, v, strength=float(graph.weights[j]))
    return g


def reference_introductions(graph, sources, target, *, k=3, max_hops=4):
    g = to_networkx(graph)
    team = {int(s) for s in sources}
    found = []
    for source in sorted(team):
        view = nx.restricted_view(g, team - {source}, [])
        for path in nx.all_simple_paths(view, source, target, cutoff=max_hops):
            strengths = [g[u][v]["strength"] for u, v in pairwise(path)]
            exact = Fraction(1)
            for s in strengths:
                exact *= Fraction(s)
            found.append((-exact, len(path) - 1, tuple(path), tuple(strengths)))
    found.sort()
    best, seen = [], set()
    for negative, _, path, strengths in found:
        if path[1] in seen:
            continue
        seen.add(path[1])
        best.append((path, strengths, float(-negative)))
        if len(best) == k:
            break
    return best
