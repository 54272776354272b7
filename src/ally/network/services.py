"""Writes of the network app: refreshing a workspace's snapshot, and asking for an introduction.

`network_refresh` runs in the job queue (`ally.network.tasks`), never in a request.
"""

import datetime as dt

import numpy as np
from django.utils import timezone

from ally.core.validation import clean_choice, clean_text, in_workspace, raise_errors
from ally.interactions.services import follow_up_add, follow_up_update
from ally.network import inputs as network_inputs
from ally.network import snapshot as snapshots
from ally.network.models import IntroductionRequest, NetworkSnapshot, TeamStrength
from ally.network.strength import KINDS
from ally.network.words import STRONG, drafted_note
from ally.ownership.models import Referral
from ally.ownership.services import referral_record
from ally.workspaces.audit import audit_record, audited, created, diff, snapshot
from ally.workspaces.models import Membership

NOTE_LENGTH = 2000
DECIDED = {IntroductionRequest.Outcome.MADE, IntroductionRequest.Outcome.DECLINED, IntroductionRequest.Outcome.NO_ANSWER}


@audited
def network_refresh(*, workspace, now: dt.datetime | None = None) -> NetworkSnapshot:
    """Compute every strength in the workspace from its interactions, relationships and organizations,
    store the snapshot the pages read, and the team's strength with each person."""
    now = now or timezone.now()
    fingerprint = network_inputs.fingerprint(workspace=workspace)
    read = network_inputs.read_inputs(workspace=workspace)
    pairs = snapshots.compute(read, now=now)
    connected = np.unique(np.concatenate([pairs.a, pairs.b])).size
    built = NetworkSnapshot.objects.create(
        workspace=workspace, built_at=now, fingerprint=fingerprint, people=connected, relationships=len(pairs),
        team=sorted(read.team), arrays=snapshots.serialise(pairs))
    NetworkSnapshot.objects.filter(workspace=workspace).exclude(id=built.id).delete()
    _store_team_strengths(workspace, read.team, pairs, today=timezone.localdate(now))
    audit_record(workspace=workspace, action="network.refreshed", target=built,
                 changes={"people": [None, connected], "relationships": [None, len(pairs)]})
    return built


def _store_team_strengths(workspace, team: dict[int, int], pairs, *, today: dt.date) -> None:
    """Replace the team's strength rows, remembering the strength before and when a strong one began to fade."""
    before = {(m, p): (s, f) for m, p, s, f in TeamStrength.objects.filter(workspace=workspace).values_list(
        "member_id", "person_id", "strength", "fading_since")}
    team_ids = np.array(sorted(team), dtype=np.int64)
    a_team, b_team = np.isin(pairs.a, team_ids), np.isin(pairs.b, team_ids)
    rows = []
    for i in np.flatnonzero(a_team ^ b_team).tolist():
        member_person, person = (int(pairs.a[i]), int(pairs.b[i])) if a_team[i] else (int(pairs.b[i]), int(pairs.a[i]))
        member = team[member_person]
        strength = float(pairs.strength[i])
        previous, fading_since = before.get((member, person), (None, None))
        rows.append(TeamStrength(
            workspace=workspace, member_id=member, person_id=person, strength=strength, previous=previous,
            contacts=int(pairs.contacts[i]),
            recent={KINDS[k]: int(n) for k, n in enumerate(pairs.recent[i].tolist()) if n},
            last_kind=KINDS[pairs.last_kind[i]] if pairs.last_kind[i] >= 0 else "",
            last_at=dt.datetime.fromtimestamp(pairs.last_at[i], tz=dt.UTC) if np.isfinite(pairs.last_at[i]) else None,
            reasons=pairs.explain(i), fading_since=_fading_since(strength, previous, fading_since, today)))
    TeamStrength.objects.filter(workspace=workspace).delete()
    TeamStrength.objects.bulk_create(rows, batch_size=2000)


def _fading_since(strength: float, previous: float | None, since: dt.date | None, today: dt.date) -> dt.date | None:
    if strength >= STRONG:
        return None
    if since is None and previous is not None and previous >= STRONG:
        return today
    return since


@audited
def introduction_request_create(*, workspace, member: Membership, introducer, target, path: list[int] | None = None,
                                score: float = 0.0, note: str | None = None) -> IntroductionRequest:
    """Ask `introducer` to introduce `member` to `target`: a follow-up for the member, due today, with a
    drafted note they can send as it is or in their own words."""
    errors: dict[str, str] = {}
    for field, obj in (("member", member), ("introducer", introducer), ("target", target)):
        in_workspace(workspace.id, obj, field, errors)
    if not errors and introducer.id == target.id:
        errors["introducer"] = "cannot introduce someone to themselves"
    if not errors and member.person_id in (introducer.id, target.id):
        errors["introducer" if member.person_id == introducer.id else "target"] = "is the team member asking"
    if note is None and not errors:
        note = drafted_note(member=member, introducer=introducer, target=target)
    note = clean_text(note or "", "note", errors, required=True, max_length=NOTE_LENGTH, multiline=True)
    raise_errors(errors)
    follow_up = follow_up_add(person=introducer, text=f"Ask {introducer.name} to introduce you to {target.name}"[:500],
                              due_on=timezone.localdate(), owner=member)
    request = IntroductionRequest.objects.create(
        workspace=workspace, member=member, introducer=introducer, target=target, path=list(path or []),
        score=score, note=note, follow_up=follow_up)
    audit_record(workspace=workspace, action="introduction.requested", target=request, person_id=target.id,
                 changes=created({"introducer": introducer.id, "member": member.id}))
    return request


@audited
def introduction_request_decide(*, request: IntroductionRequest, outcome: str) -> IntroductionRequest:
    """Record how the request went. An introduction made is a referral received from the introducer (which
    sets the target's "introduced by" when it is empty), so Customers made counts it."""
    errors: dict[str, str] = {}
    outcome = clean_choice(outcome, sorted(DECIDED), "outcome", errors)
    if not errors and request.outcome != IntroductionRequest.Outcome.ASKED:
        errors["outcome"] = f"already recorded: {request.get_outcome_display().lower()}"
    raise_errors(errors)
    before = snapshot(request, ("outcome",))
    if outcome == IntroductionRequest.Outcome.MADE:
        already = Referral.objects.filter(workspace_id=request.workspace_id, direction=Referral.Direction.RECEIVED,
                                          referrer=request.introducer, person=request.target).first()
        request.referral = already or referral_record(
            workspace=request.workspace, direction=Referral.Direction.RECEIVED, person=request.target,
            referrer=request.introducer, note=f"Introduced to {request.member.display_name} after we asked")
    request.outcome, request.decided_at = outcome, timezone.now()
    request.save(update_fields=["outcome", "decided_at", "referral"])
    if request.follow_up is not None and request.follow_up.done_at is None:
        follow_up_update(follow_up=request.follow_up, done=True)
    audit_record(workspace=request.workspace_id, action="introduction.decided", target=request,
                 person_id=request.target_id, changes=diff(before, snapshot(request, ("outcome",))))
    return request
