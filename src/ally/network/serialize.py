"""One JSON shape per object, shared by the API and the CLI's --json."""

from ninja import Schema

from ally.network.models import IntroductionRequest


class PersonRef(Schema):
    id: int
    name: str


class HopOut(Schema):
    from_id: int
    to_id: int
    strength: float
    level: str
    basis: str
    words: str


class WarmIntroductionOut(Schema):
    rank: int
    team_member: PersonRef
    first_contact: PersonRef
    path: list[PersonRef]
    hops: int
    score: float
    steps: list[HopOut]


class KnownByOut(Schema):
    team_member: PersonRef
    strength: float
    state: str
    words: str
    reasons: list[str]


class IntroductionsOut(Schema):
    person_id: int
    refreshed_at: str | None
    known_by: list[KnownByOut]
    introductions: list[WarmIntroductionOut]


class IntroductionRequestOut(Schema):
    id: int
    team_member: PersonRef
    introducer: PersonRef
    target: PersonRef
    path: list[int]
    score: float
    note: str
    outcome: str
    follow_up_id: int | None
    referral_id: int | None
    created_at: str
    decided_at: str | None


def _ref(person) -> dict:
    return {"id": person.id, "name": person.name}


def _member_ref(member) -> dict:
    return {"id": member.person_id, "name": member.display_name}


def warm_introduction_json(intro) -> dict:
    return {
        "rank": intro.rank, "team_member": _member_ref(intro.member), "first_contact": _ref(intro.first_contact),
        "path": [_ref(p) for p in intro.people], "hops": len(intro.hops), "score": intro.score,
        "steps": [{"from_id": h.from_id, "to_id": h.to_id, "strength": h.strength, "level": h.level,
                   "basis": h.basis, "words": h.words} for h in intro.hops],
    }


def introductions_json(*, person, snapshot, known_by, introductions) -> dict:
    return {
        "person_id": person.id,
        "refreshed_at": snapshot.built_at.isoformat() if snapshot is not None else None,
        "known_by": [{"team_member": _member_ref(k.member), "strength": round(k.strength, 3), "state": k.state,
                      "words": k.words, "reasons": k.reasons} for k in known_by],
        "introductions": [warm_introduction_json(intro) for intro in introductions],
    }


def introduction_request_json(request: IntroductionRequest) -> dict:
    return {
        "id": request.id, "team_member": _member_ref(request.member), "introducer": _ref(request.introducer),
        "target": _ref(request.target), "path": request.path, "score": request.score, "note": request.note,
        "outcome": request.outcome, "follow_up_id": request.follow_up_id, "referral_id": request.referral_id,
        "created_at": request.created_at.isoformat(),
        "decided_at": request.decided_at.isoformat() if request.decided_at else None,
    }
