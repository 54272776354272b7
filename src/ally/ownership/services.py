"""Every write about what customers own: purchases, check-ins and their playbooks, feedback, referrals.
Each records its audit entry; what happens with a person goes on their timeline through the event catalogue."""

import datetime as dt

from django.utils import timezone

from ally.core.validation import (
    NAME_LENGTH,
    SENTENCE_LENGTH,
    TEXT_LENGTH,
    clean_choice,
    clean_date,
    clean_moment,
    clean_text,
    in_workspace,
    raise_errors,
)
from ally.interactions import events
from ally.ownership.models import CheckIn, CheckInPlaybook, CheckInStep, Feedback, Purchase, Referral
from ally.ownership.selectors import playbook_steps
from ally.ownership.validation import clean_score, purchase_clean
from ally.people.services import person_update
from ally.workspaces.audit import audit_record, audited, created, diff, snapshot

# A step that fell due more than this long before the purchase was recorded is not scheduled: a check-in
# months late is not a check-in (old purchases imported from a spreadsheet would flood Today otherwise).
STALE_AFTER = dt.timedelta(days=14)
# A satisfaction score at or below this is a detractor's (NPS): completing such a check-in offers to open a case.
LOW_SCORE = 6
MAX_STEP_DAY = 3650


def _author_id(author) -> int | None:
    return getattr(author, "id", None)


# Purchases ---------------------------------------------------------------------------------------

@audited
def purchase_record(*, workspace, person, amount, currency: str, purchased_on: dt.date, offering=None,
                    organization=None, description: str = "", author=None) -> Purchase:
    """Record a purchase: the start of ownership. It goes on the customer's timeline and schedules the
    check-ins of the offering's playbook (or the workspace's default)."""
    clean = purchase_clean(workspace=workspace, person=person, amount=amount, currency=currency,
                           purchased_on=purchased_on, offering=offering, organization=organization,
                           description=description)
    purchase = Purchase.objects.create(workspace=workspace, **clean)
    label = purchase.description or (offering.name if offering else "a purchase")
    events.record(events.purchase_recorded(purchase, label=label, author_id=_author_id(author)))
    scheduled = _schedule_check_ins(purchase, label)
    audit_record(workspace=workspace, action="purchase.recorded", target=purchase, label=label, person_id=person.id,
                 changes=created({"amount": purchase.amount, "currency": purchase.currency,
                                  "purchased_on": purchase.purchased_on, "offering": getattr(offering, "id", None),
                                  "check_ins": [c.day for c in scheduled]}))
    return purchase


@audited(delegates=True)
def purchase_for_owning(*, opportunity, amount, currency: str, purchased_on: dt.date, offering=None, author=None):
    """The purchase a move of `opportunity` to owning records (the opportunities app's `opportunity_owned` hook)."""
    return purchase_record(workspace=opportunity.workspace, person=opportunity.person, amount=amount,
                           currency=currency, purchased_on=purchased_on, offering=offering,
                           organization=opportunity.organization, description=opportunity.title[:NAME_LENGTH],
                           author=author)


def _schedule_check_ins(purchase: Purchase, label: str) -> list[CheckIn]:
    steps = playbook_steps(workspace=purchase.workspace, offering=purchase.offering)
    earliest = timezone.localdate() - STALE_AFTER
    check_ins = [
        CheckIn(workspace_id=purchase.workspace_id, purchase=purchase, person_id=purchase.person_id, day=day,
                due_on=purchase.purchased_on + dt.timedelta(days=day), question=question.replace("{what}", label))
        for day, question in steps
        if purchase.purchased_on + dt.timedelta(days=day) >= earliest
    ]
    return CheckIn.objects.bulk_create(check_ins)


@audited
def purchase_delete(*, purchase: Purchase, author=None) -> None:
    """Remove a purchase recorded by mistake, with its check-ins; the timeline keeps a note of it."""
    events.record(events.purchase_removed(purchase, author_id=_author_id(author)))
    audit_record(workspace=purchase.workspace_id, action="purchase.deleted", target=purchase, label=purchase.label,
                 person_id=purchase.person_id, changes={"amount": [str(purchase.amount), None]})
    purchase.delete()


# Playbooks ---------------------------------------------------------------------------------------

def _clean_steps(steps, errors: dict) -> list[tuple[int, str]]:
    clean: dict[int, str] = {}
    for position, step in enumerate(steps, start=1):
        try:
            day, question = step
            day = int(day)
        except (TypeError, ValueError):
            errors["steps"] = f"step {position}: give a whole number of days and a question"
            continue
        problems: dict[str, str] = {}
        question = clean_text(question, "question", problems, max_length=SENTENCE_LENGTH)
        if day < 1 or day > MAX_STEP_DAY:
            errors["steps"] = f"step {position}: the day must be between 1 and {MAX_STEP_DAY}"
        elif problems:
            errors["steps"] = f"step {position}: the question {problems['question']}"
        elif not question:
            errors["steps"] = f"step {position}: the question is required"
        elif day in clean:
            errors["steps"] = f"step {position}: day {day} appears twice"
        else:
            clean[day] = question
    return sorted(clean.items())


@audited
def playbook_save(*, workspace, steps, offering=None) -> CheckInPlaybook:
    """Replace the steps of the default playbook (no offering) or of one offering's playbook.

    Check-ins already scheduled keep their dates; the new steps apply to purchases recorded from now on.
    An empty list means "no check-ins" for that offering.
    """
    errors: dict[str, str] = {}
    in_workspace(workspace.id, offering, "offering", errors)
    clean = _clean_steps(steps, errors)
    raise_errors(errors)
    before = playbook_steps(workspace=workspace, offering=offering)
    playbook, _ = CheckInPlaybook.objects.get_or_create(workspace=workspace, offering=offering)
    playbook.steps.all().delete()
    CheckInStep.objects.bulk_create([CheckInStep(workspace=workspace, playbook=playbook, day=day, question=question)
                                     for day, question in clean])
    playbook.save(update_fields=["updated_at"])
    audit_record(workspace=workspace, action="playbook.saved", target=playbook,
                 label=offering.name if offering else "default playbook",
                 changes={"steps": [[day for day, _ in before], [day for day, _ in clean]]})
    return playbook


@audited
def playbook_reset(*, workspace, offering=None) -> None:
    """Drop an offering's own playbook (its purchases follow the default again), or restore Ally's default."""
    CheckInPlaybook.objects.filter(workspace=workspace, offering=offering).delete()
    audit_record(workspace=workspace, action="playbook.reset", object_type="checkinplaybook",
                 label=offering.name if offering else "default playbook")


# Check-ins ---------------------------------------------------------------------------------------

def _check_open(check_in: CheckIn, errors: dict) -> None:
    if check_in.status != CheckIn.Status.SCHEDULED:
        errors["status"] = f"this check-in is already {check_in.get_status_display().lower()}"


def _check_when(when, purchase: Purchase, field: str, errors: dict) -> dt.datetime:
    when = clean_moment(when, field, errors)
    if field not in errors and timezone.localtime(when).date() < purchase.purchased_on:
        errors[field] = f"is before the purchase ({purchase.purchased_on:%Y-%m-%d})"
    return when


@audited
def check_in_complete(*, check_in: CheckIn, outcome: str, satisfaction=None, note: str = "",
                      completed_at: dt.datetime | None = None, author=None) -> CheckIn:
    """Record how a check-in went: the outcome, an optional satisfaction score (0-10) and a note."""
    errors: dict[str, str] = {}
    _check_open(check_in, errors)
    clean_choice(outcome, CheckIn.Outcome.values, "outcome", errors)
    score = clean_score(satisfaction, "satisfaction", errors)
    note = clean_text(note, "note", errors, max_length=TEXT_LENGTH, multiline=True)
    completed_at = _check_when(completed_at, check_in.purchase, "completed_at", errors)
    raise_errors(errors)
    check_in.status, check_in.outcome, check_in.satisfaction = CheckIn.Status.DONE, outcome, score
    check_in.note, check_in.completed_at, check_in.completed_by = note, completed_at, author
    check_in.save(update_fields=["status", "outcome", "satisfaction", "note", "completed_at", "completed_by"])
    events.record(events.check_in_done(check_in, label=check_in.purchase.label,
                                       outcome_label=check_in.get_outcome_display(), author_id=_author_id(author)))
    audit_record(workspace=check_in.workspace_id, action="check_in.completed", target=check_in,
                 person_id=check_in.person_id,
                 changes={"status": ["scheduled", "done"], "outcome": [None, outcome], "satisfaction": [None, score]})
    return check_in


@audited
def check_in_skip(*, check_in: CheckIn, note: str = "", author=None) -> CheckIn:
    """Decide a check-in is not needed (they were just talked to, or asked not to be called)."""
    errors: dict[str, str] = {}
    _check_open(check_in, errors)
    note = clean_text(note, "note", errors, max_length=TEXT_LENGTH, multiline=True)
    raise_errors(errors)
    check_in.status, check_in.note = CheckIn.Status.SKIPPED, note
    check_in.completed_at, check_in.completed_by = timezone.now(), author
    check_in.save(update_fields=["status", "note", "completed_at", "completed_by"])
    audit_record(workspace=check_in.workspace_id, action="check_in.skipped", target=check_in,
                 person_id=check_in.person_id, changes={"status": ["scheduled", "skipped"]})
    return check_in


@audited
def check_in_reschedule(*, check_in: CheckIn, due_on: dt.date) -> CheckIn:
    """Move a scheduled check-in to another day (never before the purchase)."""
    errors: dict[str, str] = {}
    _check_open(check_in, errors)
    due_on = clean_date(due_on, "due_on", errors, required=True)
    if "due_on" not in errors and due_on < check_in.purchase.purchased_on:
        errors["due_on"] = f"is before the purchase ({check_in.purchase.purchased_on:%Y-%m-%d})"
    raise_errors(errors)
    before = snapshot(check_in, ("due_on",))
    check_in.due_on = due_on
    check_in.save(update_fields=["due_on"])
    audit_record(workspace=check_in.workspace_id, action="check_in.rescheduled", target=check_in,
                 person_id=check_in.person_id, changes=diff(before, snapshot(check_in, ("due_on",))))
    return check_in


# Feedback ----------------------------------------------------------------------------------------

@audited
def feedback_record(*, workspace, person, score=None, comment: str = "", received_on: dt.date | None = None,
                    purchase: Purchase | None = None, author=None) -> Feedback:
    """Record what a customer told us unprompted: a score (0-10), a comment, or both."""
    errors: dict[str, str] = {}
    in_workspace(workspace.id, person, "person", errors)
    in_workspace(workspace.id, purchase, "purchase", errors)
    value = clean_score(score, "score", errors)
    comment = clean_text(comment, "comment", errors, max_length=TEXT_LENGTH, multiline=True)
    if value is None and not comment and "score" not in errors:
        errors["comment"] = "give a score or a comment"
    received_on = clean_date(received_on or timezone.localdate(), "received_on", errors, allow_future=False)
    if purchase is not None and "purchase" not in errors:
        if purchase.person_id != person.id:
            errors["purchase"] = f"is not one of {person.name}'s purchases"
        elif "received_on" not in errors and received_on < purchase.purchased_on:
            errors["received_on"] = f"is before the purchase ({purchase.purchased_on:%Y-%m-%d})"
    raise_errors(errors)
    feedback = Feedback.objects.create(workspace=workspace, person=person, purchase=purchase, score=value,
                                       comment=comment, received_on=received_on, author=author)
    events.record(events.feedback_received(feedback, name=person.name, author_id=_author_id(author)))
    audit_record(workspace=workspace, action="feedback.recorded", target=feedback, person_id=person.id,
                 changes=created({"score": value, "comment": comment, "received_on": received_on}))
    return feedback


@audited
def feedback_delete(*, feedback: Feedback) -> None:
    audit_record(workspace=feedback.workspace_id, action="feedback.deleted", target=feedback,
                 person_id=feedback.person_id, changes={"score": [feedback.score, None]})
    feedback.delete()


# Referrals ---------------------------------------------------------------------------------------

def _check_referral(direction, person, referrer, introduced_to, introduced_to_name, errors: dict) -> None:
    if person is None:
        errors["person"] = "is required"
    if direction == Referral.Direction.RECEIVED:
        if referrer is None:
            errors["referrer"] = "say who introduced them to us"
        elif person is not None and referrer.id == person.id:
            errors["referrer"] = "a person cannot refer themselves"
        if introduced_to is not None or introduced_to_name:
            errors["introduced_to"] = "only a given referral names whom they were introduced to"
    elif direction == Referral.Direction.GIVEN:
        if referrer is not None:
            errors["referrer"] = "a given referral is made by us; leave the referrer empty"
        if introduced_to is None and not introduced_to_name:
            errors["introduced_to"] = "say whom they were introduced to"
        elif introduced_to is not None and person is not None and introduced_to.id == person.id:
            errors["introduced_to"] = "a person cannot be introduced to themselves"
    else:
        errors["direction"] = "must be 'received' or 'given'"


@audited
def referral_record(*, workspace, direction: str, person, referrer=None, introduced_to=None,
                    introduced_to_name: str = "", referred_on: dt.date | None = None, note: str = "",
                    author=None) -> Referral:
    """Record an introduction.

    received: `referrer` introduced `person` to us (the person's "introduced by" is filled in if empty).
    given: we introduced `person` to `introduced_to` (a person in Ally) or `introduced_to_name`.
    """
    errors: dict[str, str] = {}
    for field, obj in (("person", person), ("referrer", referrer), ("introduced_to", introduced_to)):
        in_workspace(workspace.id, obj, field, errors)
    introduced_to_name = clean_text(introduced_to_name, "introduced_to_name", errors, max_length=NAME_LENGTH)
    note = clean_text(note, "note", errors, max_length=TEXT_LENGTH, multiline=True)
    referred_on = clean_date(referred_on or timezone.localdate(), "referred_on", errors, allow_future=False)
    _check_referral(direction, person, referrer, introduced_to, introduced_to_name, errors)
    if not errors and direction == Referral.Direction.RECEIVED and Referral.objects.filter(
            workspace=workspace, direction=direction, referrer=referrer, person=person).exists():
        errors["person"] = f"{referrer.name} is already recorded as introducing {person.name}"
    raise_errors(errors)
    referral = Referral.objects.create(
        workspace=workspace, direction=direction, person=person, referrer=referrer, introduced_to=introduced_to,
        introduced_to_name=introduced_to_name if introduced_to is None else "", referred_on=referred_on, note=note,
        author=author,
    )
    for timeline_event in events.referral_events(
            referral, person_name=person.name, referrer_name=referrer.name if referrer else "",
            to_name=introduced_to.name if introduced_to else introduced_to_name, author_id=_author_id(author)):
        events.record(timeline_event)
    if referral.direction == Referral.Direction.RECEIVED and person.introduced_by_id is None:
        person_update(person=person, introduced_by=referrer)
    audit_record(workspace=workspace, action="referral.recorded", target=referral, person_id=person.id,
                 changes=created({"direction": direction, "referrer": getattr(referrer, "id", None),
                                  "introduced_to": getattr(introduced_to, "id", None) or introduced_to_name,
                                  "referred_on": referred_on}))
    return referral


@audited
def referral_delete(*, referral: Referral) -> None:
    audit_record(workspace=referral.workspace_id, action="referral.deleted", target=referral,
                 person_id=referral.person_id, changes={"direction": [referral.direction, None]})
    referral.delete()
