"""Warm introductions: the graph builder, the EDGES.csv loader, the search and its JSON.

The cast: the team is Olivia and Sam. Olivia knows Alice well and Bob a little; Sam knows Dan.
Alice knows Carol, Bob knows Carol, Dan knows Erin who knows Carol; Olivia also knows Frank, who
knows Carol directly but only faintly.
"""

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ally.network.errors import GraphInputError, NetworkError, UnknownNodeError
from ally.network.graph import build_graph, load_edges_csv
from ally.network.paths import (
    _two_product,
    find_introductions,
    intro_json,
    introductions_json,
    prepare_team,
)
from tests.network.reference import reference_introductions

EDGES = [
    ("olivia", "alice", 0.9), ("olivia", "bob", 0.3), ("sam", "dan", 0.7), ("alice", "carol", 0.7),
    ("bob", "carol", 0.9), ("dan", "erin", 0.9), ("erin", "carol", 0.9), ("olivia", "frank", 0.5),
    ("frank", "carol", 0.1), ("olivia", "sam", 1.0),
]


@pytest.fixture
def cast():
    """The cast's graph and the team (Olivia and Sam)."""
    a, b, w = zip(*EDGES, strict=True)
    graph = build_graph(list(a), list(b), list(w))
    return graph, prepare_team(graph, [graph.node("olivia"), graph.node("sam")])


def _names(graph, intro):
    return [graph.original(v) for v in intro.nodes]


# --- the search -------------------------------------------------------------------------------


def test_the_best_introductions_come_first_with_distinct_first_contacts(cast):
    # given the cast
    graph, team = cast
    # when Olivia's team looks for a way to Carol
    found = find_introductions(team, graph.node("carol"))
    # then Alice is the warmest way in, then Sam's chain through Dan and Erin, then Bob
    assert [_names(graph, i) for i in found] == [
        ["olivia", "alice", "carol"], ["sam", "dan", "erin", "carol"], ["olivia", "bob", "carol"],
    ]
    assert found[0].score == pytest.approx(0.9 * 0.7)
    assert found[0].strengths == pytest.approx((0.9, 0.7))
    assert len({i.first_contact for i in found}) == 3


def test_team_members_are_never_intermediate_hops(cast):
    # given Olivia and Sam know each other perfectly (strength 1)
    graph, team = cast
    # when the team looks for Erin
    found = find_introductions(team, graph.node("erin"), k=10)
    # then no path goes from one team member through the other
    team_ids = {graph.node("olivia"), graph.node("sam")}
    assert found and all(not set(i.nodes[1:]) & team_ids for i in found)


def test_a_team_member_who_knows_the_target_gives_a_one_hop_path_whose_first_contact_is_the_target(cast):
    # given Olivia knows Frank directly
    graph, team = cast
    # when the team looks for Frank
    found = find_introductions(team, graph.node("frank"))
    # then the direct path comes first, its first contact is Frank himself
    assert _names(graph, found[0]) == ["olivia", "frank"]
    assert found[0].first_contact == graph.node("frank") and found[0].hops == 1


def test_max_hops_limits_the_length_of_paths(cast):
    graph, team = cast
    # when paths may have at most 2 hops
    found = find_introductions(team, graph.node("carol"), max_hops=2, k=5)
    # then the 3-hop chain through Dan and Erin is gone
    assert [_names(graph, i) for i in found] == [["olivia", "alice", "carol"], ["olivia", "bob", "carol"],
                                                 ["olivia", "frank", "carol"]]
    assert find_introductions(team, graph.node("erin"), max_hops=1) == []


def test_k_limits_the_number_of_answers_and_unreachable_targets_have_none():
    graph = build_graph([1, 2, 3], [2, 3, 4], [0.5, 0.5, 0.5])
    team = prepare_team(graph, [graph.node(1)])
    assert len(find_introductions(team, graph.node(3), k=1)) == 1
    far = build_graph([1, 2, 3, 4, 5, 6], [2, 3, 4, 5, 6, 7], [1.0] * 6)
    assert find_introductions(prepare_team(far, [far.node(1)]), far.node(7)) == []  # 6 hops away


def test_bad_queries_are_refused_with_a_clear_message(cast):
    graph, team = cast
    with pytest.raises(NetworkError, match="is a team member"):
        find_introductions(team, graph.node("sam"))
    with pytest.raises(NetworkError, match="k must be"):
        find_introductions(team, graph.node("carol"), k=0)
    with pytest.raises(NetworkError, match="max_hops must be between 1 and 4"):
        find_introductions(team, graph.node("carol"), max_hops=5)
    with pytest.raises(UnknownNodeError, match="'zoe' is not in the graph"):
        graph.node("zoe", what="target")
    with pytest.raises(NetworkError, match="no member"):
        prepare_team(graph, [])


def test_ties_break_by_fewer_hops_then_by_node_ids():
    # given two ways of equal score to 9: 0-1-9 (0.5 * 0.5) and 0-2-3-9 (0.5 * 1 * 0.5); and 0-4-9 equal too
    graph = build_graph([0, 1, 0, 2, 3, 0, 4], [1, 9, 2, 3, 9, 4, 9], [0.5, 0.5, 0.5, 1.0, 0.5, 0.5, 0.5])
    team = prepare_team(graph, [graph.node(0)])
    found = find_introductions(team, graph.node(9), k=3)
    # then equal scores are ordered by hops, then by ids
    assert [_names(graph, i) for i in found] == [[0, 1, 9], [0, 4, 9], [0, 2, 3, 9]]


def test_the_exact_product_decides_even_when_rounded_scores_tie():
    # given strengths whose products differ by less than float64 can show
    a = np.float32(1 - 2**-24)
    b = np.float32(1 - 2**-23)
    p, e = _two_product(np.array([float(a) * float(a)]), np.array([float(b)]))
    assert Fraction(float(p[0])) + Fraction(float(e[0])) == Fraction(float(a)) ** 2 * Fraction(float(b))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(2.0**-40, 1.0, width=32), min_size=4, max_size=4))
def test_two_product_is_exact(values):
    left, right = float(values[0]) * float(values[1]), float(values[2]) * float(values[3])
    p, e = _two_product(np.array([left]), np.array([right]))
    assert Fraction(float(p[0])) + Fraction(float(e[0])) == Fraction(left) * Fraction(right)


# --- equal to the exhaustive search --------------------------------------------------------------

strengths = st.one_of(
    st.sampled_from([0.25, 0.5, 1.0]),  # many exact ties
    st.sampled_from([0.3, 0.7, 0.9, 1.0]),  # ties after rounding differently
    st.floats(float(np.float32(0.001)), 1.0, width=32),
)


@st.composite
def graphs(draw):
    n = draw(st.integers(2, 11))
    weight = draw(strengths)
    mixed = draw(st.booleans())
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                                    strengths if mixed else st.just(weight)), min_size=1, max_size=3 * n))
    a, b, w = zip(*edges, strict=True)
    if all(x == y for x, y in zip(a, b, strict=True)):
        a, b, w = a + (0,), b + (1,), w + (0.5,)
    graph = build_graph(list(a), list(b), list(w))
    sources = draw(st.lists(st.integers(0, graph.n_nodes - 1), min_size=1, max_size=min(3, graph.n_nodes - 1), unique=True))
    others = [v for v in range(graph.n_nodes) if v not in sources]
    target = draw(st.sampled_from(others))
    return graph, sources, target


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs(), st.integers(1, 5), st.integers(1, 4))
def test_the_search_equals_exhaustive_search_on_random_graphs(case, k, max_hops):
    graph, sources, target = case
    team = prepare_team(graph, sources)
    found = [(i.nodes, i.strengths, i.score) for i in find_introductions(team, target, k=k, max_hops=max_hops)]
    assert found == reference_introductions(graph, sources, target, k=k, max_hops=max_hops)


def test_the_search_equals_exhaustive_search_on_a_denser_graph():
    # given a denser graph with hubs, a team of three, and every other node as a target
    rng = np.random.default_rng(5)
    a, b = rng.integers(0, 40, 160), (rng.integers(0, 40, 160) * rng.integers(1, 3, 160)) % 40
    graph = build_graph(a, b, np.round(rng.random(160), 1) * 0.9 + 0.1)
    sources = [0, 1, 2]
    team = prepare_team(graph, sources)
    for target in range(3, graph.n_nodes):
        found = [(i.nodes, i.strengths, i.score) for i in find_introductions(team, target, k=4)]
        assert found == reference_introductions(graph, sources, target, k=4, max_hops=4)


# --- building the graph ----------------------------------------------------------------------------


def test_building_a_graph_deduplicates_edges_keeping_the_strongest_and_drops_self_loops():
    # given the same pair three times (either way round) and a self-loop
    graph = build_graph([10, 20, 10, 30], [20, 10, 10, 20], [0.2, 0.6, 1.0, 0.4])
    # then each pair is one undirected edge with its largest strength; the loop is gone
    assert graph.ids.tolist() == [10, 20, 30] and graph.n_edges == 2
    assert graph.strength(graph.node(10), graph.node(20)) == pytest.approx(0.6)
    assert graph.strength(graph.node(20), graph.node(10)) == pytest.approx(0.6)
    assert graph.self_loops_dropped == 1 and graph.duplicates_merged == 1
    assert graph.indices.dtype == np.int32 and graph.indptr.dtype == np.int32 and graph.weights.dtype == np.float32
    # and every row lists its neighbours in ascending order
    for v in range(graph.n_nodes):
        row = graph.indices[graph.indptr[v]:graph.indptr[v + 1]]
        assert (np.diff(row) > 0).all()


def test_sparse_and_string_ids_are_compacted_in_id_order():
    graph = build_graph([10**12, 5], [7, 10**12], [0.5, 0.5])
    assert graph.ids.tolist() == [5, 7, 10**12]
    words = build_graph(["zoe", "al"], ["bo", "zoe"], [0.5, 0.5])
    assert words.ids.tolist() == ["al", "bo", "zoe"]
    assert words.node("bo") == 1 and graph.node("7") == 1  # typed ids find integer ids


@pytest.mark.parametrize(("strength", "problem"), [
    (0.0, "edge 1 \\('b' - 'c'\\): strength 0.0 is not in \\(0, 1\\]"),
    (1.5, "edge 1 .*strength 1.5 is not in"),
    (float("nan"), "edge 1 .*strength nan is not in"),
    (1e-50, "edge 1 .*too small to store"),
])
def test_a_strength_outside_zero_one_names_the_row(strength, problem):
    with pytest.raises(GraphInputError, match=problem):
        build_graph(["a", "b"], ["b", "c"], [0.5, strength])


def test_mixed_or_odd_ids_are_refused():
    with pytest.raises(GraphInputError, match="all integers or all strings; row 1"):
        build_graph([1, "x"], [2, 3], [0.5, 0.5])
    with pytest.raises(GraphInputError, match="both be integer ids or both be string ids"):
        build_graph(np.array([1]), np.array(["x"]), [0.5])
    with pytest.raises(GraphInputError, match="2 ids but b has 1"):
        build_graph([1, 2], [3], [0.5, 0.5])
    with pytest.raises(GraphInputError, match="strength 'high' is not a number"):
        build_graph([1, 2], [3, 4], [0.5, "high"])


# --- EDGES.csv and the analyst's JSON ---------------------------------------------------------


def test_loading_edges_csv(tmp_path):
    path = tmp_path / "EDGES.csv"
    path.write_text("\ufeffstrength,a,b,note\n0.9,1,2,x\n\n0.5, 2 ,3,\n")
    graph = load_edges_csv(path)
    assert graph.ids.tolist() == [1, 2, 3]  # ids that all spell integers are integers
    assert graph.strength(graph.node(2), graph.node(3)) == pytest.approx(0.5)
    path.write_text("a,b,strength\nann,bo,0.5\n")
    assert load_edges_csv(path).ids.tolist() == ["ann", "bo"]


@pytest.mark.parametrize(("text", "problem"), [
    ("", "EDGES.csv is empty"),
    ("a,b,weight\n1,2,0.5\n", "line 1: the header must name the columns a, b and strength; missing strength"),
    ("a,b,strength\n1,2,0.5\n1,2\n", "line 3: expected 3 fields, found 2"),
    ("a,b,strength\n1,2,0.5\n2,3,lots\n", "line 3: strength 'lots' is not a number"),
    ("a,b,strength\n1,2,1.2\n", "line 2: strength 1.2 is not in \\(0, 1\\]"),
    ("a,b,strength\n,2,0.5\n", "line 2: column a is empty"),
    ("a,a,strength\n1,2,0.5\n", "column a appears more than once"),
])
def test_a_bad_edges_csv_names_the_line(tmp_path, text, problem):
    path = tmp_path / "EDGES.csv"
    path.write_text(text)
    with pytest.raises(GraphInputError, match=problem):
        load_edges_csv(path)


def test_the_analyst_json_speaks_in_original_ids(tmp_path):
    # given the cast as an EDGES.csv
    path = tmp_path / "EDGES.csv"
    path.write_text("a,b,strength\n" + "".join(f"{a},{b},{w}\n" for a, b, w in EDGES))
    graph = load_edges_csv(path)
    # when an analyst asks for ways to Carol
    report = intro_json(graph, sources=["olivia", "sam"], target="carol", k=2)
    # then the JSON names people by their ids, with each hop's strength and the score
    assert json.loads(json.dumps(report)) == report
    assert report["target"] == "carol" and report["sources"] == ["olivia", "sam"]
    assert report["introductions"][0] == {
        "rank": 1, "path": ["olivia", "alice", "carol"], "team_member": "olivia", "first_contact": "alice",
        "hops": 2, "strengths": [0.9, 0.7], "score": 0.63,
    }
    assert len(report["introductions"]) == 2
    with pytest.raises(UnknownNodeError, match="team member 'zed' is not in the graph"):
        intro_json(graph, sources=["zed"], target="carol")
    team = prepare_team(graph, [graph.node("olivia")])
    assert introductions_json(team, "carol")["introductions"][0]["path"] == ["olivia", "alice", "carol"]


@pytest.mark.parametrize("weights", ["continuous", "few values"])
def test_the_search_equals_exhaustive_search_for_a_well_connected_target(weights):
    # given a target who knows most people (so the search thins out its many neighbours first)
    rng = np.random.default_rng(11 if weights == "continuous" else 12)
    n = 120
    neighbours = rng.choice(np.arange(3, n), 90, replace=False)
    a = np.concatenate([np.zeros(90, int), rng.integers(1, n, 250), [1] * 30, [2] * 30])
    b = np.concatenate([neighbours, rng.integers(1, n, 250), rng.choice(np.arange(3, n), 30, replace=False),
                        rng.choice(np.arange(3, n), 30, replace=False)])
    w = rng.random(len(a)) * 0.999 + 0.001 if weights == "continuous" else rng.choice([0.3, 0.7, 0.9, 1.0], len(a))
    graph = build_graph(a, b, w)
    team = prepare_team(graph, [1, 2])
    for k in (1, 2, 3):
        found = [(i.nodes, i.strengths, i.score) for i in find_introductions(team, 0, k=k)]
        assert found == reference_introductions(graph, [1, 2], 0, k=k, max_hops=4)
