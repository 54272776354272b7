"""Relationship strength: a score in 0..1 for every pair of people with a basis.

A pair has a basis when the two have been in contact (an interaction with both of them), when an
explicit relationship ties them (family, friend, manager/report, colleague, introduced), or when they
work at the same organization. Everything is computed over a whole workspace at once with numpy,
from plain arrays (what ``values_list`` gives), in a few passes over the rows.

The formula
-----------

Every contact ``e`` (up to ``now``; later ones have not happened yet) weighs

    w_e = depth(kind_e) * 2 ** (-age_e / HALF_LIFE_DAYS)            (recency)

    depth: meeting 1.0, call 0.7, event 0.5, message 0.4, email 0.3, social 0.15, note 0

A note is something we wrote down, not contact, so it counts for nothing. Contact halves in weight
every 90 days: a quarter-old meeting counts like half a meeting today.

Who reached out matters only for contact one side can send without the other taking part: messages,
emails and social touches (*asynchronous*). Meetings, calls and events are conversations both
sides took part in, whoever arranged them. So each pair has two sides, ``A`` (evidence from a's side)
and ``B`` (from b's side):

- a conversation adds ``w_e`` to both sides;
- an asynchronous contact adds ``w_e`` to the side that reached out, or ``w_e / 2`` to each when
  that is unknown.

Reciprocated evidence counts fully, the excess of the busier side only by ONE_WAY_SHARE = 0.2:

    E = min(A, B) + ONE_WAY_SHARE * (max(A, B) - min(A, B))           (reciprocity)

so ten unanswered emails are worth two answered ones, and a one-way blast stays weak. Evidence has
diminishing returns, and a relationship that has lasted is trusted more than a new one:

    frequency = 1 - exp(-E / SATURATION)               SATURATION = 2.0
    tenure    = 1 - TENURE_WEIGHT * exp(-S / TENURE_DAYS)   TENURE_WEIGHT = 0.25, TENURE_DAYS = 365
    contact   = frequency * tenure

where ``S`` is the span in days from the first contact (or the relationship's ``since`` date, if
earlier) to the last contact. A new relationship keeps 75 % of its contact strength, one that has
lasted a year 91 %, three years 99.9 %.

Explicit relationships and the same organization set a floor (the largest that applies):

    family 0.6, friend 0.5, manager/report 0.4, colleague 0.25, introduced 0.15;
    same organization 0.05

and contact adds to the floor as independent evidence does:

    strength = 1 - (1 - floor) * (1 - contact)

Years of silence take ``contact`` to 0 and the strength down to its floor; contact can take any pair
close to 1 but never past it.

Worked example (also in docs/network.md). Olivia (a) and Alice (b), now = day 0: a meeting 10 days
ago, a call 40 days ago, an email from Olivia 20 days ago and Alice's reply 19 days ago; the first
contact was 400 days ago (an email from Olivia, long decayed); they are friends.

    meeting: 1.0 * 2**(-10/90) = 0.9259      to both sides
    call:    0.7 * 2**(-40/90) = 0.5144      to both sides
    email a: 0.3 * 2**(-20/90) = 0.2572      to A;  reply b: 0.3 * 2**(-19/90) = 0.2592 to B
    first email a, 400 days:   0.3 * 2**(-400/90) = 0.0138 to A
    A = 1.7112, B = 1.6994;  E = 1.6994 + 0.2 * (1.7112 - 1.6994) = 1.7018
    frequency = 1 - exp(-1.7018 / 2) = 0.5730
    tenure    = 1 - 0.25 * exp(-390 / 365) = 0.9141         (S = 400 - 10 days)
    contact   = 0.5730 * 0.9141 = 0.5238
    strength  = 1 - (1 - 0.5) * (1 - 0.5238) = 0.7619

With every contact time, kind and direction fixed, the strength never falls when contact is more
recent (the whole history later, or the last contact later), more frequent (one more contact),
deeper (a kind with a larger depth) or more reciprocal (the same contacts, more evenly from both
sides); and it is symmetric: swapping a and b (and who reached out) changes nothing. The tests check
each of these. Moving only the *first* contact later can lower it: the relationship is younger.

Inputs and outputs
------------------

`pair_strengths` takes times as epoch seconds (or numpy datetime64), person ids as integers, kinds as
strings (or codes into KINDS / TIE_KINDS), and who reached out as +1 (a), -1 (b) or 0 (unknown). It
returns a `PairStrengths` of arrays, one row per pair (a < b, sorted), with the score, its parts and
the facts an explanation needs (contacts per kind in the last 90 days, last contact time and kind,
who reaches out); `PairStrengths.explain(i)` puts them in words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ally.core.words import plural
from ally.network.errors import StrengthInputError

KINDS = ("call", "meeting", "email", "message", "social", "event", "note")
DEPTH = {"meeting": 1.0, "call": 0.7, "event": 0.5, "message": 0.4, "email": 0.3, "social": 0.15, "note": 0.0}
# Conversations both sides took part in: who arranged them says nothing about reciprocity.
CONVERSATIONS = frozenset({"meeting", "call", "event"})
TIE_KINDS = ("family", "friend", "manager", "report", "colleague", "introduced")
TIE_FLOORS = {"family": 0.6, "friend": 0.5, "manager": 0.4, "report": 0.4, "colleague": 0.25, "introduced": 0.15}
SAME_ORGANIZATION_FLOOR = 0.05

HALF_LIFE_DAYS = 90.0
ONE_WAY_SHARE = 0.2
SATURATION = 2.0
TENURE_WEIGHT = 0.25
TENURE_DAYS = 365.0
RECENT_DAYS = 90.0
# Organizations up to this size make a pair of every two members; a larger one (a big company)
# would make millions, so there the floor only lifts pairs that have another basis.
ORGANIZATION_PAIRS_LIMIT = 50

BY_A, BY_B, UNKNOWN = 1, -1, 0
DAY = 86400.0

_DEPTH = np.array([DEPTH[kind] for kind in KINDS])
_CONVERSATION = np.array([kind in CONVERSATIONS for kind in KINDS])
_NOTE = KINDS.index("note")
# Order of kinds by depth, to pick the deepest when two contacts share the last instant.
_DEPTH_RANK = np.argsort(np.argsort(_DEPTH, kind="stable"), kind="stable")
_FLOOR_OF_TIE = np.array([TIE_FLOORS[kind] for kind in TIE_KINDS])


@dataclass(frozen=True, eq=False)
class PairStrengths:
    """Strength of every pair with a basis: arrays aligned on pairs ``(a[i], b[i])``, a < b,
    sorted. Times are epoch seconds (NaN where there is none); kinds are indexes into KINDS
    (-1 where there is none)."""

    a: np.ndarray
    b: np.ndarray
    strength: np.ndarray  # 0..1
    floor: np.ndarray  # from relationships and the same organization
    contact: np.ndarray  # frequency * tenure, from contact alone
    recency: np.ndarray  # 2 ** (-days since the last contact / HALF_LIFE_DAYS); 0 without contact
    frequency: np.ndarray  # 1 - exp(-E / SATURATION)
    reciprocity: np.ndarray  # min(A, B) / max(A, B): 1 balanced, 0 one-way (0 without contact)
    tenure: np.ndarray  # the tenure factor, 0.75..1
    evidence: np.ndarray  # E, reciprocated evidence in "meetings today"
    contacts: np.ndarray  # contacts up to now (notes excluded)
    recent: np.ndarray  # (pairs, len(KINDS)) contacts of each kind in the last RECENT_DAYS
    first_at: np.ndarray
    last_at: np.ndarray
    last_kind: np.ndarray
    by_a: np.ndarray  # asynchronous contacts (message, email, social) a started
    by_b: np.ndarray  # ... b started
    ties: np.ndarray  # bit i set: a relationship of kind TIE_KINDS[i]
    same_organization: np.ndarray
    now: float

    def __len__(self) -> int:
        return len(self.a)

    def edges(self, *, minimum: float = 0.0):
        """(a, b, strength) of the pairs stronger than ``minimum`` (and than 0): the input of
        `ally.network.paths.build_graph`."""
        keep = self.strength > max(minimum, 0.0)
        return self.a[keep], self.b[keep], self.strength[keep]

    def index(self, a: int, b: int) -> int:
        """Row of the pair a-b (either order); KeyError when the pair has no basis."""
        lo, hi = min(a, b), max(a, b)
        at = int(np.searchsorted(self.a, lo, side="left"))
        end = int(np.searchsorted(self.a, lo, side="right"))
        found = at + int(np.searchsorted(self.b[at:end], hi))
        if found < end and self.b[found] == hi:
            return found
        raise KeyError(f"no basis for a relationship between {a} and {b}")

    def explain(self, i: int) -> list[str]:
        """The facts behind pair i's strength in words, strongest reasons first."""
        return _explain(self, i)


def pair_strengths(
    *,
    now,
    contact_a=(),
    contact_b=(),
    contact_at=(),
    contact_kind=(),
    contact_initiator=None,
    tie_a=(),
    tie_b=(),
    tie_kind=(),
    tie_since=None,
    person=(),
    organization=(),
) -> PairStrengths:
    """Strength of every pair with a basis, vectorised over the workspace.

    - Contacts, one row per pair of people in an interaction: ``contact_a``, ``contact_b`` (person
      ids), ``contact_at`` (epoch seconds or datetime64), ``contact_kind`` (names from KINDS, or
      their codes), ``contact_initiator`` (+1 a reached out, -1 b did, 0 unknown; default unknown).
    - Explicit relationships: ``tie_a``, ``tie_b``, ``tie_kind`` (names from TIE_KINDS or codes),
      ``tie_since`` (epoch seconds, NaN when unknown; optional).
    - Organizations: ``person`` ids and their ``organization`` ids (negative for none).

    ``now`` is epoch seconds (or a datetime64/aware datetime). Contacts after ``now`` are ignored.
    Raises StrengthInputError naming the field and row of bad input."""
    now_s = _instant(now)
    contacts = _contacts(contact_a, contact_b, contact_at, contact_kind, contact_initiator, now_s)
    ties = _ties(tie_a, tie_b, tie_kind, tie_since)
    org_person, org_id = _organizations(person, organization)
    org_a, org_b = _organization_pairs(org_person, org_id)
    ids, key = _pair_keys(contacts, ties, org_a, org_b)
    pairs, inverse = np.unique(key, return_inverse=True)
    n_pairs, n_ids = len(pairs), max(len(ids), 1)
    counts = [len(contacts["lo"]), len(ties["lo"]), len(org_a)]
    contact_pair, tie_pair = inverse[: counts[0]], inverse[counts[0]: counts[0] + counts[1]]
    lo_ids, hi_ids = ids[pairs // n_ids], ids[pairs % n_ids]

    parts = _contact_parts(contacts, contact_pair, n_pairs, now_s)
    since = np.full(n_pairs, np.inf)
    np.minimum.at(since, tie_pair, ties["since"])
    floor, tie_bits = _tie_floors(ties, tie_pair, n_pairs)
    same = _same_organization(lo_ids, hi_ids, org_person, org_id)
    floor = np.where(same, np.maximum(floor, SAME_ORGANIZATION_FLOOR), floor)

    start = np.fmin(parts["first_at"], since)
    span_days = np.where(np.isfinite(parts["last_at"]), np.maximum(parts["last_at"] - start, 0.0) / DAY, 0.0)
    tenure = 1.0 - TENURE_WEIGHT * np.exp(-span_days / TENURE_DAYS)
    frequency = -np.expm1(-parts["evidence"] / SATURATION)
    contact = frequency * tenure
    strength = floor + (1.0 - floor) * contact  # = 1 - (1 - floor)(1 - contact), exact at contact 0
    return PairStrengths(
        a=lo_ids, b=hi_ids, strength=np.clip(strength, 0.0, 1.0), floor=floor, contact=contact,
        recency=parts["recency"], frequency=frequency, reciprocity=parts["reciprocity"], tenure=tenure,
        evidence=parts["evidence"], contacts=parts["contacts"], recent=parts["recent"],
        first_at=parts["first_at"], last_at=parts["last_at"], last_kind=parts["last_kind"],
        by_a=parts["by_a"], by_b=parts["by_b"], ties=tie_bits, same_organization=same, now=now_s,
    )


# ---------------------------------------------------------------------------------------------
# Reading the inputs


def _instant(value) -> float:
    if hasattr(value, "timestamp"):
        if getattr(value, "tzinfo", None) is None:
            raise StrengthInputError("now: a datetime must be timezone-aware (times are UTC)")
        return float(value.timestamp())
    seconds = _seconds(np.atleast_1d(value), "now")
    return float(seconds[0])


def _seconds(values, field: str) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype.kind == "M":
        out = array.astype("datetime64[ms]").astype(np.int64).astype(np.float64) / 1000.0
        out[np.isnat(array)] = np.nan
        return out
    try:
        return array.astype(np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise StrengthInputError(f"{field}: times must be epoch seconds or numpy datetime64") from None


def _ids(values, field: str) -> np.ndarray:
    array = np.asarray(values)
    if array.size == 0:
        return np.zeros(0, dtype=np.int64)
    if array.dtype.kind not in "iu":
        raise StrengthInputError(f"{field}: person ids must be integers")
    return array.astype(np.int64).reshape(-1)


def _codes(values, names: tuple[str, ...], field: str) -> np.ndarray:
    """Kind names (or codes) -> codes, through the distinct values only."""
    array = np.asarray(values)
    if array.size == 0:
        return np.zeros(0, dtype=np.int64)
    if array.dtype.kind in "iu":
        bad = (array < 0) | (array >= len(names))
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise StrengthInputError(f"{field} row {row}: code {array[row]} is not one of 0..{len(names) - 1}")
        return array.astype(np.int64)
    distinct, inverse = np.unique(array.astype(str), return_inverse=True)
    lookup = {name: code for code, name in enumerate(names)}
    unknown = [name for name in distinct if name not in lookup]
    if unknown:
        row = int(np.flatnonzero(array.astype(str) == unknown[0])[0])
        raise StrengthInputError(f"{field} row {row}: {str(unknown[0])!r} is not one of {', '.join(names)}")
    return np.array([lookup[name] for name in distinct], dtype=np.int64)[inverse.reshape(-1)]


def _same_length(field_arrays: dict[str, np.ndarray]) -> None:
    lengths = {name: len(array) for name, array in field_arrays.items()}
    if len(set(lengths.values())) > 1:
        raise StrengthInputError("arrays of different lengths: " + ", ".join(f"{k} {v}" for k, v in lengths.items()))


def _distinct_people(a: np.ndarray, b: np.ndarray, field: str) -> None:
    same = a == b
    if same.any():
        row = int(np.flatnonzero(same)[0])
        raise StrengthInputError(f"{field} row {row}: a and b are the same person ({a[row]})")


def _contacts(a, b, at, kind, initiator, now_s: float) -> dict[str, np.ndarray]:
    a, b = _ids(a, "contact_a"), _ids(b, "contact_b")
    seconds = _seconds(at, "contact_at") if np.size(at) else np.zeros(0)
    codes = _codes(kind, KINDS, "contact_kind")
    direction = np.zeros(len(a), dtype=np.int64) if initiator is None else np.asarray(initiator).astype(np.int64).reshape(-1)
    _same_length({"contact_a": a, "contact_b": b, "contact_at": seconds, "contact_kind": codes,
                  "contact_initiator": direction})
    _distinct_people(a, b, "contact")
    if not np.isfinite(seconds).all():
        row = int(np.flatnonzero(~np.isfinite(seconds))[0])
        raise StrengthInputError(f"contact_at row {row}: the time is missing or not finite")
    bad = ~np.isin(direction, (BY_A, BY_B, UNKNOWN))
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise StrengthInputError(f"contact_initiator row {row}: {direction[row]} is not +1 (a), -1 (b) or 0 (unknown)")
    happened = seconds <= now_s
    a, b, seconds, codes, direction = a[happened], b[happened], seconds[happened], codes[happened], direction[happened]
    swap = a > b
    return {"lo": np.where(swap, b, a), "hi": np.where(swap, a, b), "at": seconds, "kind": codes,
            "by": np.where(swap, -direction, direction)}


def _ties(a, b, kind, since) -> dict[str, np.ndarray]:
    a, b = _ids(a, "tie_a"), _ids(b, "tie_b")
    codes = _codes(kind, TIE_KINDS, "tie_kind")
    since_s = np.full(len(a), np.nan) if since is None else _seconds(since, "tie_since")
    _same_length({"tie_a": a, "tie_b": b, "tie_kind": codes, "tie_since": since_s})
    _distinct_people(a, b, "tie")
    return {"lo": np.minimum(a, b), "hi": np.maximum(a, b), "kind": codes,
            "since": np.where(np.isnan(since_s), np.inf, since_s)}


def _organizations(person, organization):
    person, org = _ids(person, "person"), _ids(organization, "organization")
    _same_length({"person": person, "organization": org})
    order = np.argsort(person, kind="stable")
    person, org = person[order], org[order]
    repeated = np.flatnonzero(person[1:] == person[:-1])
    if len(repeated):
        raise StrengthInputError(f"person {person[repeated[0]]} is given more than one organization")
    return person, org


def _organization_pairs(person: np.ndarray, org: np.ndarray):
    """Every two members of each organization of at most ORGANIZATION_PAIRS_LIMIT people."""
    member = org >= 0
    person, org = person[member], org[member]
    order = np.lexsort((person, org))
    person, org = person[order], org[order]
    starts = np.flatnonzero(np.concatenate([[True], org[1:] != org[:-1]])) if len(org) else np.zeros(0, np.int64)
    sizes = np.diff(np.append(starts, len(org)))
    pair_a, pair_b = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= ORGANIZATION_PAIRS_LIMIT)]):
        groups = person[starts[sizes == size][:, None] + np.arange(size)]
        i, j = np.triu_indices(size, 1)
        pair_a.append(groups[:, i].reshape(-1))
        pair_b.append(groups[:, j].reshape(-1))
    return np.concatenate(pair_a), np.concatenate(pair_b)


def _pair_keys(contacts, ties, org_a, org_b):
    lo = np.concatenate([contacts["lo"], ties["lo"], org_a])
    hi = np.concatenate([contacts["hi"], ties["hi"], org_b])
    ids, inverse = np.unique(np.concatenate([lo, hi]), return_inverse=True)
    inverse = inverse.reshape(-1)
    n = max(len(ids), 1)
    return ids, inverse[: len(lo)] * n + inverse[len(lo):]


# ---------------------------------------------------------------------------------------------
# The parts of the score


def _contact_parts(contacts, pair: np.ndarray, n_pairs: int, now_s: float) -> dict[str, np.ndarray]:
    kind, by, at = contacts["kind"], contacts["by"], contacts["at"]
    age_days = (now_s - at) / DAY
    weight = _DEPTH[kind] * np.exp2(-age_days / HALF_LIFE_DAYS)
    conversation = _CONVERSATION[kind]
    to_a = np.where(conversation | (by == BY_A), weight, np.where(by == UNKNOWN, weight / 2, 0.0))
    to_b = np.where(conversation | (by == BY_B), weight, np.where(by == UNKNOWN, weight / 2, 0.0))
    side_a = np.bincount(pair, weights=to_a, minlength=n_pairs)
    side_b = np.bincount(pair, weights=to_b, minlength=n_pairs)
    low, high = np.minimum(side_a, side_b), np.maximum(side_a, side_b)
    evidence = low + ONE_WAY_SHARE * (high - low)
    reciprocity = np.divide(low, high, out=np.zeros(n_pairs), where=high > 0)

    real = kind != _NOTE
    asynchronous = real & ~conversation
    recent = np.bincount(pair[real & (age_days <= RECENT_DAYS)] * len(KINDS) + kind[real & (age_days <= RECENT_DAYS)],
                         minlength=n_pairs * len(KINDS)).reshape(n_pairs, len(KINDS))
    first_at, last_at, last_kind = _first_and_last(pair[real], at[real], kind[real], n_pairs)
    recency = np.where(np.isfinite(last_at), np.exp2(-(now_s - last_at) / DAY / HALF_LIFE_DAYS), 0.0)
    return {
        "evidence": evidence, "reciprocity": reciprocity, "recency": recency,
        "contacts": np.bincount(pair[real], minlength=n_pairs), "recent": recent,
        "first_at": first_at, "last_at": last_at, "last_kind": last_kind,
        "by_a": np.bincount(pair[asynchronous & (by == BY_A)], minlength=n_pairs),
        "by_b": np.bincount(pair[asynchronous & (by == BY_B)], minlength=n_pairs),
    }


def _first_and_last(pair: np.ndarray, at: np.ndarray, kind: np.ndarray, n_pairs: int):
    """First and last contact time per pair and the kind of the last one (the deepest when two
    share the instant), from one sort by (pair, time, depth)."""
    first_at = np.full(n_pairs, np.nan)
    last_at = np.full(n_pairs, np.nan)
    last_kind = np.full(n_pairs, -1, dtype=np.int8)
    if len(pair) == 0:
        return first_at, last_at, last_kind
    order = np.lexsort((_DEPTH_RANK[kind], at, pair))
    pair, at, kind = pair[order], at[order], kind[order]
    start = np.concatenate([[True], pair[1:] != pair[:-1]])
    end = np.concatenate([pair[1:] != pair[:-1], [True]])
    first_at[pair[start]] = at[start]
    last_at[pair[end]] = at[end]
    last_kind[pair[end]] = kind[end]
    return first_at, last_at, last_kind


def _tie_floors(ties, pair: np.ndarray, n_pairs: int):
    floor = np.zeros(n_pairs)
    np.maximum.at(floor, pair, _FLOOR_OF_TIE[ties["kind"]])
    bits = np.zeros(n_pairs, dtype=np.int64)
    np.bitwise_or.at(bits, pair, np.left_shift(1, ties["kind"]))
    return floor, bits


def _same_organization(lo: np.ndarray, hi: np.ndarray, person: np.ndarray, org: np.ndarray) -> np.ndarray:
    if len(person) == 0:
        return np.zeros(len(lo), dtype=bool)
    return (_organization_of(lo, person, org) == _organization_of(hi, person, org)) & (_organization_of(lo, person, org) >= 0)


def _organization_of(ids: np.ndarray, person: np.ndarray, org: np.ndarray) -> np.ndarray:
    at = np.minimum(np.searchsorted(person, ids), len(person) - 1)
    return np.where(person[at] == ids, org[at], -1)


# ---------------------------------------------------------------------------------------------
# In words


_TIE_WORDS = {"family": "family", "friend": "friends", "manager": "manager and report", "report": "manager and report",
              "colleague": "colleagues", "introduced": "introduced"}
_PLURAL = {"call": ("call", "calls"), "meeting": ("meeting", "meetings"), "email": ("email", "emails"),
           "message": ("message", "messages"), "social": ("social touch", "social touches"),
           "event": ("event together", "events together")}
_ARTICLE = {"call": "a call", "meeting": "a meeting", "email": "an email", "message": "a message",
            "social": "a social touch", "event": "an event together"}


def _explain(p: PairStrengths, i: int) -> list[str]:
    ties = [TIE_KINDS[bit] for bit in range(len(TIE_KINDS)) if p.ties[i] >> bit & 1]
    words = list(dict.fromkeys(_TIE_WORDS[kind] for kind in ties))
    recent = [(int(p.recent[i, code]), KINDS[code]) for code in range(len(KINDS)) if p.recent[i, code] > 0]
    if recent:
        recent.sort(key=lambda item: -DEPTH[item[1]])
        listed = [f"{count} {_PLURAL[kind][count != 1]}" for count, kind in recent]
        joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
        words.append(f"{joined} in the last {RECENT_DAYS:.0f} days")
    if p.last_kind[i] >= 0:
        words.append(f"last contact: {_ARTICLE[KINDS[p.last_kind[i]]]} {_ago((p.now - p.last_at[i]) / DAY)}")
    one_way = p.by_a[i] + p.by_b[i]
    if one_way >= 3 and min(p.by_a[i], p.by_b[i]) == 0:
        words.append(f"one-way: all {one_way} messages, emails and social touches came from one side")
    elif min(p.by_a[i], p.by_b[i]) >= 2:
        words.append("both sides reach out")
    if np.isfinite(p.first_at[i]) and (p.last_at[i] - p.first_at[i]) / DAY >= 365:
        words.append(f"in touch for {_duration((p.last_at[i] - p.first_at[i]) / DAY)}")
    if p.same_organization[i]:
        words.append("same organization")
    if not words:
        words.append("no contact yet")
    return words


def _ago(days: float) -> str:
    if days < 1:
        return "today"
    if days < 2:
        return "yesterday"
    if days < 14:
        return f"{int(days)} days ago"
    if days < 60:
        return f"{int(days // 7)} weeks ago"
    if days < 730:
        return f"{int(days // 30.44)} months ago"
    return f"{plural(int(days // 365.25), 'year')} ago"


def _duration(days: float) -> str:
    years = days / 365.25
    whole = math.floor(years)
    return f"{whole} year{'s' if whole != 1 else ''}" if whole >= 1 else f"{int(days // 30.44)} months"
