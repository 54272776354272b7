"""Every write about what customers own: purchases, check-ins and their playbooks, feedback, referrals."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ally.core.currencies import ISO_4217, NO_MINOR_UNIT
from ally.core.errors import ValidationError
from ally.interactions.services import timeline_event_record
from ally.ownership.models import CheckIn, CheckInPlaybook, CheckInStep, Feedback, Purchase, Referral

# The default playbook: a quick "did it arrive and work?", then the first month, the first quarter, the year.
# `{what}` becomes what was bought when the check-in is scheduled.
DEFAULT_STEPS = (
    (3, "Is {what} set up and working the way you expected? Anything confusing in the first days?"),
    (30, "A month in: how does {what} fit into your days? Is there anything you expected that isn't there?"),
    (90, "Is {what} doing what you bought it for? What would make it more useful to you?"),
    (365, "A year with {what}: what has changed for you, and what do you need next?"),
)
# A step that fell due more than this long before the purchase was recorded is not scheduled: a check-in
# months late is not a check-in (old purchases imported from a spreadsheet would flood Today otherwise).
STALE_AFTER = dt.timedelta(days=14)
# A satisfaction score at or below this is a detractor's (NPS): completing such a check-in offers to open a case.
LOW_SCORE = 6
MAX_AMOUNT = Decimal("999999999999.99")
MAX_STEP_DAY = 3650


def _clean_amount(amount, currency: str, errors: dict) -> Decimal | None:
    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, TypeError, ValueError):
        errors["amount"] = f"'{amount}' is not an amount"
        return None
    if not value.is_finite():
        errors["amount"] = "is not a finite amount"
    elif value < 0:
        errors["amount"] = "cannot be negative"
    elif value > MAX_AMOUNT:
        errors["amount"] = "is too large"
    elif value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        errors["amount"] = "has more than two decimals"
    elif currency in NO_MINOR_UNIT and value != value.to_integral_value():
        errors["amount"] = f"{currency} has no cents; give a whole amount"
    return value.quantize(Decimal("0.01")) if "amount" not in errors else None


def clean_currency(currency, errors: dict) -> str:
    """An ISO 4217 code, upper-cased; names the problem under `currency` otherwise."""
    code = (currency or "").strip().upper()
    if not code:
        errors["currency"] = "is required"
    elif code not in ISO_4217:
        errors["currency"] = f"'{code}' is not an ISO 4217 currency code"
    return code


def _in_workspace(workspace, objects: dict, errors: dict) -> None:
    for field, obj in objects.items():
        if obj is not None and obj.workspace_id != workspace.id:
            errors[field] = "not found in this workspace"


def _text(value, field: str, errors: dict, *, required=False, max_length=20000) -> str:
    text = (value or "").strip()
    if required and not text:
        errors[field] = "is required"
    elif len(text) > max_length:
        errors[field] = f"is longer than {max_length} characters"
    return text


def _not_future(value, field: str, errors: dict, *, slack_days: int = 1) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        errors[field] = "is not a date"
    elif value > timezone.localdate() + dt.timedelta(days=slack_days):
        errors[field] = "is in the future"


# Purchases ---------------------------------------------------------------------------------------


def purchase_for_owning(*, opportunity, amount, currency: str, purchased_on: dt.date, offering=None, author=None):
    """The purchase a move of `opportunity` to owning records (the opportunities app's `opportunity_owned` hook)."""
    return purchase_record(workspace=opportunity.workspace, person=opportunity.person, amount=amount,
                           currency=currency, purchased_on=purchased_on, offering=offering,
                           organization=opportunity.organization, description=opportunity.title[:200],
                           author=author)


def purchase_clean(*, workspace, person, amount, currency: str, purchased_on: dt.date, offering=None,
                   organization=None, description: str = "") -> dict:
    """Validate a purchase without writing it (the importer's dry run uses this); raises one ValidationError
    naming every bad field, or returns the cleaned values."""
    errors: dict[str, str] = {}
    currency = clean_currency(currency, errors)
    value = _clean_amount(amount, currency, errors)
    _not_future(purchased_on, "purchased_on", errors)
    description = _text(description, "description", errors, max_length=200)
    if person is None:
        errors["person"] = "is required"
    _in_workspace(workspace, {"person": person, "offering": offering, "organization": organization}, errors)
    if errors:
        raise ValidationError(errors)
    return {"person": person, "organization": organization or person.organization, "offering": offering,
            "description": description, "amount": value, "currency": currency, "purchased_on": purchased_on}


@transaction.atomic
def purchase_record(*, workspace, person, amount, currency: str, purchased_on: dt.date, offering=None,
                    organization=None, description: str = "", author=None) -> Purchase:
    """Record a purchase: the start of ownership. It goes on the customer's timeline and schedules the
    check-ins of the offering's playbook (or the workspace's default)."""
    clean = purchase_clean(workspace=workspace, person=person, amount=amount, currency=currency,
                           purchased_on=purchased_on, offering=offering, organization=organization,
                           description=description)
    purchase = Purchase.objects.create(workspace=workspace, **clean)
    label = purchase.description or (offering.name if offering else "a purchase")
    timeline_event_record(workspace=workspace, person=person, kind="purchase", author=author,
                          occurred_at=_on_day(purchased_on),
                          summary=f"Bought {label} for {purchase.amount} {purchase.currency}",
                          params={"purchase_id": purchase.id})
    _schedule_check_ins(purchase, label)
    return purchase


def _on_day(day: dt.date) -> dt.datetime:
    """Noon of a day in the current time zone: where a dated event sits on a timeline."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


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


@transaction.atomic
def purchase_delete(*, purchase: Purchase, author=None) -> None:
    """Remove a purchase recorded by mistake, with its check-ins; the timeline keeps a note of it."""
    timeline_event_record(workspace=purchase.workspace, person=purchase.person, kind="purchase_removed",
                          author=author, summary=f"Removed the purchase of {purchase.label} on {purchase.purchased_on}",
                          params={"purchase_id": purchase.id})
    purchase.delete()


# Playbooks ---------------------------------------------------------------------------------------


def playbook_for(*, workspace, offering=None) -> CheckInPlaybook | None:
    """The playbook a purchase of `offering` follows: the offering's own, else the workspace's default
    (None when the workspace still uses Ally's default)."""
    scope = Q(offering__isnull=True) | Q(offering=offering) if offering is not None else Q(offering__isnull=True)
    playbooks = list(CheckInPlaybook.objects.filter(scope, workspace=workspace))
    own = [p for p in playbooks if offering is not None and p.offering_id == offering.id]
    return (own or [p for p in playbooks if p.offering_id is None] or [None])[0]


def playbook_steps(*, workspace, offering=None) -> list[tuple[int, str]]:
    """The (day, question) steps a purchase of `offering` schedules: the offering's own playbook if it has
    one, else the workspace's default, else Ally's default (days 3, 30, 90, 365)."""
    playbook = playbook_for(workspace=workspace, offering=offering)
    if playbook is None:
        return list(DEFAULT_STEPS)
    return list(playbook.steps.order_by("day").values_list("day", "question"))


def _clean_steps(steps, errors: dict) -> list[tuple[int, str]]:
    clean: dict[int, str] = {}
    for position, step in enumerate(steps, start=1):
        try:
            day, question = step
            day = int(day)
        except (TypeError, ValueError):
            errors["steps"] = f"step {position}: give a whole number of days and a question"
            continue
        question = (question or "").strip()
        if day < 1 or day > MAX_STEP_DAY:
            errors["steps"] = f"step {position}: the day must be between 1 and {MAX_STEP_DAY}"
        elif not question:
            errors["steps"] = f"step {position}: the question is required"
        elif len(question) > 500:
            errors["steps"] = f"step {position}: the question is longer than 500 characters"
        elif day in clean:
            errors["steps"] = f"step {position}: day {day} appears twice"
        else:
            clean[day] = question
    return sorted(clean.items())


@transaction.atomic
def playbook_save(*, workspace, steps, offering=None) -> CheckInPlaybook:
    """Replace the steps of the default playbook (no offering) or of one offering's playbook.

    Check-ins already scheduled keep their dates; the new steps apply to purchases recorded from now on.
    An empty list means "no check-ins" for that offering.
    """
    errors: dict[str, str] = {}
    _in_workspace(workspace, {"offering": offering}, errors)
    clean = _clean_steps(steps, errors)
    if errors:
        raise ValidationError(errors)
    playbook, _ = CheckInPlaybook.objects.get_or_create(workspace=workspace, offering=offering)
    playbook.steps.all().delete()
    CheckInStep.objects.bulk_create([CheckInStep(workspace=workspace, playbook=playbook, day=day, question=question)
                                     for day, question in clean])
    playbook.save(update_fields=["updated_at"])
    return playbook


@transaction.atomic
def playbook_reset(*, workspace, offering=None) -> None:
    """Drop an offering's own playbook (its purchases follow the default again), or restore Ally's default."""
    CheckInPlaybook.objects.filter(workspace=workspace, offering=offering).delete()


# Check-ins ---------------------------------------------------------------------------------------


def _clean_score(value, field: str, errors: dict) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        score = int(str(value).strip())
    except (TypeError, ValueError):
        errors[field] = f"'{value}' is not a whole number from 0 to 10"
        return None
    if score < 0 or score > 10:
        errors[field] = "must be between 0 and 10"
    return score


def _check_open(check_in: CheckIn, errors: dict) -> None:
    if check_in.status != CheckIn.Status.SCHEDULED:
        errors["status"] = f"this check-in is already {check_in.get_status_display().lower()}"


def _check_when(when, purchase: Purchase, field: str, errors: dict) -> None:
    if not isinstance(when, dt.datetime) or timezone.is_naive(when):
        errors[field] = "is not a date and time with a time zone"
    elif when > timezone.now() + dt.timedelta(hours=1):
        errors[field] = "is in the future"
    elif timezone.localtime(when).date() < purchase.purchased_on:
        errors[field] = f"is before the purchase ({purchase.purchased_on:%Y-%m-%d})"


@transaction.atomic
def check_in_complete(*, check_in: CheckIn, outcome: str, satisfaction=None, note: str = "",
                      completed_at: dt.datetime | None = None, author=None) -> CheckIn:
    """Record how a check-in went: the outcome, an optional satisfaction score (0-10) and a note."""
    errors: dict[str, str] = {}
    _check_open(check_in, errors)
    if outcome not in CheckIn.Outcome.values:
        errors["outcome"] = f"must be one of {', '.join(CheckIn.Outcome.values)}"
    score = _clean_score(satisfaction, "satisfaction", errors)
    note = _text(note, "note", errors)
    completed_at = completed_at or timezone.now()
    _check_when(completed_at, check_in.purchase, "completed_at", errors)
    if errors:
        raise ValidationError(errors)
    check_in.status, check_in.outcome, check_in.satisfaction = CheckIn.Status.DONE, outcome, score
    check_in.note, check_in.completed_at, check_in.completed_by = note, completed_at, author
    check_in.save(update_fields=["status", "outcome", "satisfaction", "note", "completed_at", "completed_by"])
    score_text = f", satisfaction {score}/10" if score is not None else ""
    timeline_event_record(
        workspace=check_in.workspace, person=check_in.person, kind="check_in", occurred_at=completed_at, author=author,
        summary=f"Day-{check_in.day} check-in on {check_in.purchase.label}: "
                f"{check_in.get_outcome_display().lower()}{score_text}" + (f". {note}" if note else ""),
        params={"check_in_id": check_in.id, "satisfaction": score, "outcome": outcome},
    )
    return check_in


@transaction.atomic
def check_in_skip(*, check_in: CheckIn, note: str = "", author=None) -> CheckIn:
    """Decide a check-in is not needed (they were just talked to, or asked not to be called)."""
    errors: dict[str, str] = {}
    _check_open(check_in, errors)
    note = _text(note, "note", errors)
    if errors:
        raise ValidationError(errors)
    check_in.status, check_in.note = CheckIn.Status.SKIPPED, note
    check_in.completed_at, check_in.completed_by = timezone.now(), author
    check_in.save(update_fields=["status", "note", "completed_at", "completed_by"])
    return check_in


@transaction.atomic
def check_in_reschedule(*, check_in: CheckIn, due_on: dt.date) -> CheckIn:
    """Move a scheduled check-in to another day (never before the purchase)."""
    errors: dict[str, str] = {}
    _check_open(check_in, errors)
    if not isinstance(due_on, dt.date) or isinstance(due_on, dt.datetime):
        errors["due_on"] = "is not a date"
    elif due_on < check_in.purchase.purchased_on:
        errors["due_on"] = f"is before the purchase ({check_in.purchase.purchased_on:%Y-%m-%d})"
    if errors:
        raise ValidationError(errors)
    check_in.due_on = due_on
    check_in.save(update_fields=["due_on"])
    return check_in


# Feedback ----------------------------------------------------------------------------------------


@transaction.atomic
def feedback_record(*, workspace, person, score=None, comment: str = "", received_on: dt.date | None = None,
                    purchase: Purchase | None = None, author=None) -> Feedback:
    """Record what a customer told us unprompted: a score (0-10), a comment, or both."""
    errors: dict[str, str] = {}
    _in_workspace(workspace, {"person": person, "purchase": purchase}, errors)
    value = _clean_score(score, "score", errors)
    comment = _text(comment, "comment", errors)
    if value is None and not comment and "score" not in errors:
        errors["comment"] = "give a score or a comment"
    received_on = received_on or timezone.localdate()
    _not_future(received_on, "received_on", errors, slack_days=0)
    if purchase is not None and "purchase" not in errors:
        if purchase.person_id != person.id:
            errors["purchase"] = f"is not one of {person.name}'s purchases"
        elif isinstance(received_on, dt.date) and received_on < purchase.purchased_on:
            errors["received_on"] = f"is before the purchase ({purchase.purchased_on:%Y-%m-%d})"
    if errors:
        raise ValidationError(errors)
    feedback = Feedback.objects.create(workspace=workspace, person=person, purchase=purchase, score=value,
                                       comment=comment, received_on=received_on, author=author)
    score_text = f"scored {value}/10" if value is not None else "gave feedback"
    timeline_event_record(workspace=workspace, person=person, kind="feedback", author=author,
                          occurred_at=_on_day(received_on),
                          summary=f"{person.name} {score_text}" + (f": {comment}" if comment else ""),
                          params={"feedback_id": feedback.id, "score": value})
    return feedback


@transaction.atomic
def feedback_delete(*, feedback: Feedback) -> None:
    feedback.delete()


# Referrals ---------------------------------------------------------------------------------------


@transaction.atomic
def referral_record(*, workspace, direction: str, person, referrer=None, introduced_to=None,
                    introduced_to_name: str = "", referred_on: dt.date | None = None, note: str = "",
                    author=None) -> Referral:
    """Record an introduction.

    received: `referrer` introduced `person` to us (the person's "introduced by" is filled in if empty).
    given: we introduced `person` to `introduced_to` (a person in Ally) or `introduced_to_name`.
    """
    errors: dict[str, str] = {}
    _in_workspace(workspace, {"person": person, "referrer": referrer, "introduced_to": introduced_to}, errors)
    introduced_to_name = _text(introduced_to_name, "introduced_to_name", errors, max_length=200)
    note = _text(note, "note", errors)
    referred_on = referred_on or timezone.localdate()
    _not_future(referred_on, "referred_on", errors, slack_days=0)
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
    if not errors and direction == Referral.Direction.RECEIVED and Referral.objects.filter(
            workspace=workspace, direction=direction, referrer=referrer, person=person).exists():
        errors["person"] = f"{referrer.name} is already recorded as introducing {person.name}"
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(
        workspace=workspace, direction=direction, person=person, referrer=referrer, introduced_to=introduced_to,
        introduced_to_name=introduced_to_name if introduced_to is None else "", referred_on=referred_on, note=note,
        author=author,
    )
    _referral_timeline(referral, author)
    if referral.direction == Referral.Direction.RECEIVED and person.introduced_by_id is None:
        from ally.people.services import person_update

        person_update(person=person, introduced_by=referrer)
    return referral


def _referral_timeline(referral: Referral, author) -> None:
    when, params = _on_day(referral.referred_on), {"referral_id": referral.id}
    common = {"workspace": referral.workspace, "occurred_at": when, "params": params, "author": author}
    if referral.direction == Referral.Direction.RECEIVED:
        timeline_event_record(person=referral.person, kind="referral_received",
                              summary=f"Introduced to us by {referral.referrer.name}", **common)
        timeline_event_record(person=referral.referrer, kind="referral_made",
                              summary=f"Introduced {referral.person.name} to us", **common)
    else:
        whom = referral.introduced_to.name if referral.introduced_to else referral.introduced_to_name
        timeline_event_record(person=referral.person, kind="referral_given",
                              summary=f"We introduced them to {whom}" + (f": {referral.note}" if referral.note else ""),
                              **common)


@transaction.atomic
def referral_delete(*, referral: Referral) -> None:
    referral.delete()
