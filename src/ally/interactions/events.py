"""The catalogue of timeline events: everything besides an interaction that happens with a person.

One kind per thing that happens (`TimelineKind`), one small function per kind that builds the event
from structured parameters, and one renderer per kind that words its summary from those parameters.
Services call `record(event)`; the demo builds the same events and bulk inserts them with `as_row`,
so the wording on a person's timeline cannot drift between what people do and what the demo shows.
The apps above (opportunities, ownership, support, imports) describe their objects through plain
values, so this module imports none of them.
"""

import datetime as dt
from collections.abc import Callable

from django.db import models
from django.utils import timezone

from ally.interactions.models import TimelineEvent

SUMMARY_LENGTH = 500


class TimelineKind(models.TextChoices):
    NEED = "need", "Need"
    OPPORTUNITY = "opportunity", "Opportunity"
    PURCHASE = "purchase", "Purchase"
    PURCHASE_REMOVED = "purchase_removed", "Purchase removed"
    CHECK_IN = "check_in", "Check-in"
    FEEDBACK = "feedback", "Feedback"
    REFERRAL_RECEIVED = "referral_received", "Referral"
    REFERRAL_MADE = "referral_made", "Referral"
    REFERRAL_GIVEN = "referral_given", "Introduction"
    CASE_OPENED = "case_opened", "Case"
    CASE_SEVERITY = "case_severity", "Case"
    CASE_STATUS = "case_status", "Case"
    CASE_REPLY = "case_reply", "Case"
    CASE_NOTE = "case_note", "Case"
    CASE_ESCALATED = "case_escalated", "Case"
    CASE_APOLOGY = "case_apology", "Case"
    CASE_CONFIRMATION = "case_confirmation", "Case"
    CASE_CHAMPION = "case_champion", "Case"
    PERSON_MERGED = "person_merged", "Merged"


def _need(p: dict) -> str:
    if p["change"] == "status":
        words = {"suspected": "back to suspected", "confirmed": "confirmed by the customer",
                 "addressed": "addressed", "dropped": "dropped"}[p["status"]]
        return f"Need {words}: “{p['text']}”"
    return f"Need ({p['status']}): “{p['text']}”"


def _opportunity(p: dict) -> str:
    change, title = p["change"], p["title"]
    if change == "opened":
        return f"Started exploring “{title}”"
    if change == "shared":
        return f"Shared for “{title}”: {p['what']}"
    if change == "answered":
        return f"Answered their question “{p['question'][:120]}”"
    to = p["to_stage"]
    if to == "not_a_fit":
        head = f"“{title}” is not a fit; recommended {p['alternative_name']}"
    elif to == "staying_as_is":
        revisit = dt.date.fromisoformat(p["revisit_on"]) if p.get("revisit_on") else None
        head = f"Staying as is on “{title}”" + (f", revisit {revisit:%d %b %Y}" if revisit else "")
    elif to == "owning":
        head = f"Now owns “{title}”"
    elif p.get("reopened"):
        head = f"Reopened “{title}”: exploring again"
    else:
        head = f"“{title}”: {p['to_label'].lower()}"
    return f"{head}. Their words: “{p['reason']}”"


def _check_in(p: dict) -> str:
    score = f", satisfaction {p['satisfaction']}/10" if p.get("satisfaction") is not None else ""
    note = f". {p['note']}" if p.get("note") else ""
    return f"Day-{p['day']} check-in on {p['label']}: {p['outcome_label'].lower()}{score}{note}"


def _feedback(p: dict) -> str:
    score = f"scored {p['score']}/10" if p.get("score") is not None else "gave feedback"
    return f"{p['name']} {score}" + (f": {p['comment']}" if p.get("comment") else "")


def _case_step(p: dict) -> str:
    kind, text, member = p["event"], p.get("text") or "", p.get("member") or ""
    return {
        "opened": lambda: f"opened ({p.get('severity')}), championed by {member}",
        "severity": lambda: f"severity changed from {p.get('from')} to {p.get('to')}",
        "status": lambda: f"now {(p.get('to_label') or p.get('to') or '').lower()}" + (f": {text}" if text else ""),
        "reply": lambda: f"we replied: {text}",
        "note": lambda: f"note: {text}",
        "escalated": lambda: f"escalated to {member}: {text}",
        "apology": lambda: "we apologised" + (f": {text}" if text else ""),
        "confirmation": lambda: f"the customer confirmed the fix: {text}",
        "champion": lambda: f"now championed by {member}",
    }[kind]()


def _case(p: dict) -> str:
    return f"Case “{p['title']}”: {_case_step(p)}"


RENDERERS: dict[str, Callable[[dict], str]] = {
    TimelineKind.NEED: _need,
    TimelineKind.OPPORTUNITY: _opportunity,
    TimelineKind.PURCHASE: lambda p: f"Bought {p['label']} for {p['amount']} {p['currency']}",
    TimelineKind.PURCHASE_REMOVED: lambda p: f"Removed the purchase of {p['label']} on {p['purchased_on']}",
    TimelineKind.CHECK_IN: _check_in,
    TimelineKind.FEEDBACK: _feedback,
    TimelineKind.REFERRAL_RECEIVED: lambda p: f"Introduced to us by {p['referrer_name']}",
    TimelineKind.REFERRAL_MADE: lambda p: f"Introduced {p['person_name']} to us",
    TimelineKind.REFERRAL_GIVEN: lambda p: f"We introduced them to {p['to_name']}" + (
        f": {p['note']}" if p.get("note") else ""),
    **{kind: _case for kind in TimelineKind.values if kind.startswith("case_")},
    TimelineKind.PERSON_MERGED: lambda p: (f"Merged the duplicate record {p['merged_name']} (#{p['merged_id']}) "
                                           "into this one"),
}


def summary_of(kind: str, params: dict) -> str:
    """The event's summary, worded from its parameters."""
    return RENDERERS[kind](params)[:SUMMARY_LENGTH]


def event(*, workspace_id: int, person_id: int, kind: str, params: dict, occurred_at: dt.datetime | None = None,
          author_id: int | None = None) -> TimelineEvent:
    """An unsaved event of a catalogued kind, its summary rendered from `params`."""
    if kind not in RENDERERS:
        raise ValueError(f"'{kind}' is not a timeline event kind")
    return TimelineEvent(workspace_id=workspace_id, person_id=person_id, kind=kind, params=params,
                         summary=summary_of(kind, params), occurred_at=occurred_at or timezone.now(),
                         author_id=author_id)


def record(timeline_event: TimelineEvent) -> TimelineEvent:
    timeline_event.save()
    return timeline_event


def as_row(timeline_event: TimelineEvent) -> dict:
    """The event as a plain row, for the demo's bulk inserts."""
    return {"workspace_id": timeline_event.workspace_id, "person_id": timeline_event.person_id,
            "kind": timeline_event.kind, "occurred_at": timeline_event.occurred_at,
            "summary": timeline_event.summary, "params": timeline_event.params, "author_id": timeline_event.author_id}


def on_day(day: dt.date) -> dt.datetime:
    """Noon of a day in the current (the member's) zone: when a dated thing shows on the timeline."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


# --- one function per kind: the parameters each event keeps ---------------------------------------------

def need_saved(need, *, author_id=None) -> TimelineEvent:
    return event(workspace_id=need.workspace_id, person_id=need.person_id, kind=TimelineKind.NEED,
                 author_id=author_id, params={"need_id": need.id, "text": need.text, "status": need.status,
                                              "change": "saved"})


def need_status_changed(need, *, author_id=None) -> TimelineEvent:
    return event(workspace_id=need.workspace_id, person_id=need.person_id, kind=TimelineKind.NEED,
                 author_id=author_id, params={"need_id": need.id, "text": need.text, "status": need.status,
                                              "change": "status"})


def opportunity_opened(opportunity, *, author_id=None) -> TimelineEvent:
    return event(workspace_id=opportunity.workspace_id, person_id=opportunity.person_id,
                 kind=TimelineKind.OPPORTUNITY, occurred_at=opportunity.stage_changed_at, author_id=author_id,
                 params={"opportunity_id": opportunity.id, "title": opportunity.title, "change": "opened"})


def opportunity_moved(opportunity, move, *, to_label: str, reopened: bool, author_id=None) -> TimelineEvent:
    return event(workspace_id=opportunity.workspace_id, person_id=opportunity.person_id,
                 kind=TimelineKind.OPPORTUNITY, occurred_at=move.occurred_at, author_id=author_id,
                 params={"opportunity_id": opportunity.id, "move_id": move.id, "title": opportunity.title,
                         "change": "moved", "from_stage": move.from_stage, "to_stage": move.to_stage,
                         "to_label": to_label, "reopened": reopened, "reason": move.reason,
                         "alternative_name": move.alternative_name,
                         "revisit_on": move.revisit_on.isoformat() if move.revisit_on else None})


def decision_info_shared(opportunity, info, *, author_id=None) -> TimelineEvent:
    return event(workspace_id=opportunity.workspace_id, person_id=opportunity.person_id,
                 kind=TimelineKind.OPPORTUNITY, occurred_at=info.shared_at, author_id=author_id,
                 params={"opportunity_id": opportunity.id, "decision_info_id": info.id, "title": opportunity.title,
                         "change": "shared", "what": info.what})


def customer_question_answered(opportunity, question, *, author_id=None) -> TimelineEvent:
    return event(workspace_id=opportunity.workspace_id, person_id=opportunity.person_id,
                 kind=TimelineKind.OPPORTUNITY, occurred_at=question.answered_at, author_id=author_id,
                 params={"opportunity_id": opportunity.id, "question_id": question.id, "title": opportunity.title,
                         "change": "answered", "question": question.text})


def purchase_recorded(purchase, *, label: str, author_id=None) -> TimelineEvent:
    return event(workspace_id=purchase.workspace_id, person_id=purchase.person_id, kind=TimelineKind.PURCHASE,
                 occurred_at=on_day(purchase.purchased_on), author_id=author_id,
                 params={"purchase_id": purchase.id, "label": label, "amount": str(purchase.amount),
                         "currency": purchase.currency})


def purchase_removed(purchase, *, author_id=None) -> TimelineEvent:
    return event(workspace_id=purchase.workspace_id, person_id=purchase.person_id,
                 kind=TimelineKind.PURCHASE_REMOVED, author_id=author_id,
                 params={"purchase_id": purchase.id, "label": purchase.label,
                         "purchased_on": purchase.purchased_on.isoformat()})


def check_in_done(check_in, *, label: str, outcome_label: str, author_id=None) -> TimelineEvent:
    return event(workspace_id=check_in.workspace_id, person_id=check_in.person_id, kind=TimelineKind.CHECK_IN,
                 occurred_at=check_in.completed_at, author_id=author_id,
                 params={"check_in_id": check_in.id, "day": check_in.day, "label": label,
                         "outcome": check_in.outcome, "outcome_label": outcome_label,
                         "satisfaction": check_in.satisfaction, "note": check_in.note})


def feedback_received(feedback, *, name: str, author_id=None) -> TimelineEvent:
    return event(workspace_id=feedback.workspace_id, person_id=feedback.person_id, kind=TimelineKind.FEEDBACK,
                 occurred_at=on_day(feedback.received_on), author_id=author_id,
                 params={"feedback_id": feedback.id, "name": name, "score": feedback.score,
                         "comment": feedback.comment})


def referral_events(referral, *, person_name: str, referrer_name: str = "", to_name: str = "",
                    author_id=None) -> list[TimelineEvent]:
    """A referral received shows on both people's timelines; one we gave, on the person's."""
    common = {"workspace_id": referral.workspace_id, "occurred_at": on_day(referral.referred_on),
              "author_id": author_id}
    if referral.direction == "received":
        return [
            event(person_id=referral.person_id, kind=TimelineKind.REFERRAL_RECEIVED,
                  params={"referral_id": referral.id, "referrer_name": referrer_name}, **common),
            event(person_id=referral.referrer_id, kind=TimelineKind.REFERRAL_MADE,
                  params={"referral_id": referral.id, "person_name": person_name}, **common),
        ]
    return [event(person_id=referral.person_id, kind=TimelineKind.REFERRAL_GIVEN,
                  params={"referral_id": referral.id, "to_name": to_name, "note": referral.note}, **common)]


def case_event(case, step, *, member_name: str = "", to_label: str = "", author_id=None) -> TimelineEvent:
    """One step of a case (opened, replied, escalated...) from its CaseEvent row `step`."""
    return event(workspace_id=case.workspace_id, person_id=case.person_id, kind=f"case_{step.kind}",
                 occurred_at=step.occurred_at, author_id=author_id,
                 params={"case_id": case.id, "case_event_id": step.id, "title": case.title, "event": step.kind,
                         "text": step.text, "from": step.from_value, "to": step.to_value, "to_label": to_label,
                         "member": member_name, "severity": case.severity})


def person_merged(keep, merged, *, moved: dict, author_id=None) -> TimelineEvent:
    return event(workspace_id=keep.workspace_id, person_id=keep.id, kind=TimelineKind.PERSON_MERGED,
                 author_id=author_id, params={"merged_id": merged.id, "merged_name": merged.name, "moved": moved})
