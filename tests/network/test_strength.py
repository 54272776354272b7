"""Relationship strength: the documented formula, its floors and facts, and the properties it
promises (tested with hypothesis on random contact histories).

The cast: Olivia (1) is on the team; Alice (2) is a customer she meets; Bob (3) gets her emails;
Carol (4) is Alice's sister; Dan (5) works at Alice's company.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ally.network.errors import StrengthInputError
from ally.network.paths import build_graph
from ally.network.strength import DEPTH, KINDS, pair_strengths

DAY = 86400.0
NOW = 1_800_000_000.0


def _one(**contacts):
    result = pair_strengths(now=NOW, **contacts)
    assert len(result) == 1
    return result


def test_the_worked_example_of_the_docs():
    # given Olivia and Alice: a meeting 10 days ago, a call 40 days ago, an email each way around
    # day 20, Olivia's first email 400 days ago; and they are friends
    result = _one(contact_a=[1, 1, 1, 2, 1], contact_b=[2, 2, 2, 1, 2],
                  contact_at=[NOW - d * DAY for d in (10, 40, 20, 19, 400)],
                  contact_kind=["meeting", "call", "email", "email", "email"], contact_initiator=[1, 1, 1, 1, 1],
                  tie_a=[2], tie_b=[1], tie_kind=["friend"])
    # then every number is the one docs/network.md shows
    assert result.evidence[0] == pytest.approx(1.7018, abs=1e-4)
    assert result.frequency[0] == pytest.approx(0.5730, abs=1e-4)
    assert result.tenure[0] == pytest.approx(0.9141, abs=1e-4)
    assert result.contact[0] == pytest.approx(0.5238, abs=1e-4)
    assert result.floor[0] == 0.5
    assert result.strength[0] == pytest.approx(0.7619, abs=1e-4)
    # and the facts explain it in words
    assert result.explain(0) == ["friends", "1 meeting, 1 call and 2 emails in the last 90 days",
                                 "last contact: a meeting 10 days ago", "in touch for 1 year"]
    assert (result.by_a[0], result.by_b[0]) == (2, 1)
    assert result.recent[0, KINDS.index("email")] == 2 and KINDS[result.last_kind[0]] == "meeting"


def test_a_note_counts_for_nothing_and_future_contacts_have_not_happened():
    result = pair_strengths(now=NOW, contact_a=[1, 1], contact_b=[2, 3], contact_at=[NOW - DAY, NOW + DAY],
                            contact_kind=["note", "meeting"])
    assert len(result) == 1 and result.strength[0] == 0.0 and result.contacts[0] == 0
    assert result.explain(0) == ["no contact yet"]


def test_meetings_are_deeper_than_calls_deeper_than_messages_and_emails():
    kinds = ["meeting", "call", "message", "email", "social"]
    result = pair_strengths(now=NOW, contact_a=[1] * 5, contact_b=[2, 3, 4, 5, 6], contact_at=[NOW - DAY] * 5,
                            contact_kind=kinds)
    assert (np.diff(result.strength) < 0).all()


def test_a_one_way_blast_stays_weak_and_an_answered_one_is_stronger():
    # given ten emails from Olivia to Bob over ten weeks, none answered
    times = [NOW - 7 * DAY * i for i in range(10)]
    blast = _one(contact_a=[1] * 10, contact_b=[3] * 10, contact_at=times, contact_kind=["email"] * 10,
                 contact_initiator=[1] * 10)
    # and the same emails when Bob answers every other one
    answered = _one(contact_a=[1] * 10, contact_b=[3] * 10, contact_at=times, contact_kind=["email"] * 10,
                    contact_initiator=[1, -1] * 5)
    one_meeting = _one(contact_a=[1], contact_b=[3], contact_at=[NOW - DAY], contact_kind=["meeting"])
    # then the blast is weaker than one meeting, and answering doubles it
    assert blast.strength[0] < one_meeting.strength[0] and answered.strength[0] > 2 * blast.strength[0]
    assert blast.reciprocity[0] == 0.0 and "one-way" in blast.explain(0)[-1]
    assert "both sides reach out" in answered.explain(0)


def test_relationships_and_the_same_organization_set_floors():
    # given Carol is Alice's sister, Dan is Alice's colleague (same organization), Olivia introduced Erin
    result = pair_strengths(now=NOW, tie_a=[2, 6], tie_b=[4, 1], tie_kind=["family", "introduced"],
                            person=[2, 5, 4], organization=[70, 70, -1])
    floors = {(int(a), int(b)): float(s) for a, b, s in zip(result.a, result.b, result.strength, strict=True)}
    assert floors == {(2, 4): 0.6, (1, 6): 0.15, (2, 5): 0.05}
    assert result.explain(result.index(2, 5)) == ["same organization"]
    assert result.explain(result.index(4, 2)) == ["family"]


def test_a_large_organization_only_lifts_pairs_that_have_another_basis():
    people = np.arange(100, 200)
    result = pair_strengths(now=NOW, contact_a=[100], contact_b=[101], contact_at=[NOW - 400 * DAY],
                            contact_kind=["email"], person=people, organization=np.full(100, 9))
    assert len(result) == 1 and result.same_organization[0] and result.floor[0] == 0.05


def test_the_edges_feed_the_introduction_graph():
    result = pair_strengths(now=NOW, contact_a=[1, 1], contact_b=[2, 3], contact_at=[NOW - DAY, NOW - DAY],
                            contact_kind=["meeting", "note"])
    graph = build_graph(*result.edges())
    assert graph.ids.tolist() == [1, 2] and graph.n_edges == 1


def test_datetime64_times_are_accepted():
    at = np.array(["2026-11-20T10:00"], dtype="datetime64[m]")
    result = pair_strengths(now=np.datetime64("2026-12-01T00:00"), contact_a=[1], contact_b=[2],
                            contact_at=at, contact_kind=["call"])
    assert result.explain(0)[-1] == "last contact: a call 10 days ago"


@pytest.mark.parametrize(("kwargs", "problem"), [
    ({"contact_kind": ["call", "lunch"]}, "contact_kind row 1: 'lunch' is not one of call, meeting"),
    ({"contact_b": [2, 1]}, "contact row 1: a and b are the same person \\(1\\)"),
    ({"contact_initiator": [1, 2]}, "contact_initiator row 1: 2 is not"),
    ({"contact_at": [NOW, float("nan")]}, "contact_at row 1: the time is missing"),
    ({"contact_b": [2]}, "arrays of different lengths"),
])
def test_bad_contacts_are_refused_naming_the_field_and_row(kwargs, problem):
    contacts = {"contact_a": [1, 1], "contact_b": [2, 3], "contact_at": [NOW, NOW], "contact_kind": ["call", "call"]}
    with pytest.raises(StrengthInputError, match=problem):
        pair_strengths(now=NOW, **{**contacts, **kwargs})


def test_bad_relationships_and_organizations_are_refused():
    with pytest.raises(StrengthInputError, match="tie_kind row 0: 'enemy'"):
        pair_strengths(now=NOW, tie_a=[1], tie_b=[2], tie_kind=["enemy"])
    with pytest.raises(StrengthInputError, match="person 4 is given more than one organization"):
        pair_strengths(now=NOW, person=[4, 4], organization=[1, 2])


def test_each_pair_is_scored_on_its_own_history():
    # given many pairs computed together
    rng = np.random.default_rng(2)
    n = 400
    a, b = rng.integers(0, 30, n), rng.integers(30, 60, n)
    at = NOW - rng.random(n) * 900 * DAY
    kind = rng.choice(KINDS, n)
    by = rng.integers(-1, 2, n)
    together = pair_strengths(now=NOW, contact_a=a, contact_b=b, contact_at=at, contact_kind=kind, contact_initiator=by)
    # then each equals the pair computed alone
    for i in range(0, len(together), 17):
        rows = ((a == together.a[i]) & (b == together.b[i]))
        alone = pair_strengths(now=NOW, contact_a=a[rows], contact_b=b[rows], contact_at=at[rows],
                               contact_kind=kind[rows], contact_initiator=by[rows])
        assert alone.strength[0] == pytest.approx(together.strength[i], rel=1e-12)


# --- properties -----------------------------------------------------------------------------------

contact = st.tuples(
    st.floats(0, 2000),  # days ago
    st.sampled_from(KINDS),
    st.sampled_from([1, -1, 0]),
)
histories = st.lists(contact, min_size=1, max_size=12)
floors = st.sampled_from([[], ["family"], ["colleague"], ["introduced", "friend"]])


def _score(history, ties=(), *, swap=False, now=NOW) -> float:
    days, kinds, by = zip(*history, strict=True)
    a, b = (2, 1) if swap else (1, 2)
    result = pair_strengths(now=now, contact_a=[a] * len(days), contact_b=[b] * len(days),
                            contact_at=[NOW - d * DAY for d in days], contact_kind=list(kinds),
                            contact_initiator=[-x for x in by] if swap else list(by),
                            tie_a=[1] * len(ties), tie_b=[2] * len(ties), tie_kind=list(ties))
    return float(result.strength[0]) if len(result) else 0.0


@settings(max_examples=120, deadline=None)
@given(histories, floors)
def test_strength_is_always_between_its_floor_and_one(history, ties):
    s = _score(history, ties)
    floor = max([{"family": 0.6, "colleague": 0.25, "introduced": 0.15, "friend": 0.5}[t] for t in ties], default=0.0)
    assert floor - 1e-12 <= s <= 1.0


@settings(max_examples=120, deadline=None)
@given(histories, floors, st.floats(0, 1))
def test_a_more_recent_history_is_never_weaker(history, ties, fraction):
    # the whole history moves later by the same number of days (at most up to now)
    shift = fraction * min(d for d, _, _ in history)
    later = [(d - shift, k, by) for d, k, by in history]
    assert _score(later, ties) >= _score(history, ties) - 1e-12


@settings(max_examples=120, deadline=None)
@given(histories, floors, st.floats(0, 1))
def test_a_more_recent_last_contact_is_never_weaker(history, ties, fraction):
    last = min(range(len(history)), key=lambda i: history[i][0])
    moved = list(history)
    d, k, by = moved[last]
    moved[last] = (d * fraction, k, by)
    assert _score(moved, ties) >= _score(history, ties) - 1e-12


@settings(max_examples=120, deadline=None)
@given(histories, floors, contact)
def test_one_more_contact_is_never_weaker(history, ties, extra):
    assert _score([*history, extra], ties) >= _score(history, ties) - 1e-12


@settings(max_examples=120, deadline=None)
@given(histories, floors, st.data())
def test_a_deeper_contact_is_never_weaker(history, ties, data):
    i = data.draw(st.integers(0, len(history) - 1))
    d, kind, by = history[i]
    deeper = data.draw(st.sampled_from([k for k in KINDS if DEPTH[k] >= DEPTH[kind]]))
    changed = [*history[:i], (d, deeper, by), *history[i + 1:]]
    assert _score(changed, ties) >= _score(history, ties) - 1e-12


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 2000), st.sampled_from(["email", "message", "social"])), min_size=1, max_size=12),
       floors)
def test_contact_from_both_sides_is_never_weaker_than_the_same_contact_one_way(history, ties):
    one_way = [(d, k, 1) for d, k in history]
    both_ways = [(d, k, 1 if i % 2 else -1) for i, (d, k) in enumerate(sorted(history))]
    assert _score(both_ways, ties) >= _score(one_way, ties) - 1e-12


@settings(max_examples=120, deadline=None)
@given(histories, floors)
def test_strength_is_symmetric(history, ties):
    assert _score(history, ties, swap=True) == pytest.approx(_score(history, ties), abs=1e-15)


@settings(max_examples=120, deadline=None)
@given(histories, floors)
def test_years_of_silence_decay_towards_the_floor(history, ties):
    floor = _score([(0.0, "note", 0)], ties)
    assert _score(history, ties, now=NOW + 40 * 365 * DAY) == pytest.approx(floor, abs=1e-9)
    assert _score(history, ties, now=NOW + 3 * 365 * DAY) <= _score(history, ties) + 1e-12
