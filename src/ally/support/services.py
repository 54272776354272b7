"""Every write to cases: opening, moving, replying, escalating, apologising, confirming the fix; and SLA targets.

Each case event is also put on the customer's timeline.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.interactions.services import timeline_event_record
from ally.support.models import Case, CaseEvent, Severity, SupportSettings

# Statuses that mean we told the customer something, so entering one is a first response.
CUSTOMER_FACING_STATUSES = (Case.Status.WAITING_ON_CUSTOMER, Case.Status.RESOLVED)
# Allow a little clock skew between a client and the server when an event's time is given.
CLOCK_SLACK = dt.timedelta(minutes=5)
MAX_TARGET_HOURS = 24 * 365


def _text(value, field: str, errors: dict, *, required=False, max_length=20000) -> str:
    text = (value or "").strip()
    if required and not text:
        errors[field] = "is required"
    elif len(text) > max_length:
        errors[field] = f"is longer than {max_length} characters"
    return text


def _member(workspace_id: int, member, field: str, errors: dict, *, required: bool) -> None:
    if member is None:
        if required:
            errors[field] = "is required: which team member?"
    elif member.workspace_id != workspace_id:
        errors[field] = "is not a team member of this workspace"


def _moment(value, field: str, errors: dict) -> dt.datetime | None:
    if value is None:
        return timezone.now()
    if not isinstance(value, dt.datetime) or timezone.is_naive(value):
        errors[field] = "is not a date and time with a time zone"
        return None
    if value > timezone.now() + CLOCK_SLACK:
        errors[field] = "is in the future"
    return value


def _latest_event_at(case: Case) -> dt.datetime | None:
    return CaseEvent.objects.filter(case=case).order_by("-occurred_at").values_list("occurred_at", flat=True).first()


def _check_event_time(case: Case, at, errors: dict) -> dt.datetime | None:
    """An event's time: now by default; never in the future, never before the case's latest event
    (the SLA clock replays events in order)."""
    when = _moment(at, "at", errors)
    if when is not None and "at" not in errors:
        latest = _latest_event_at(case)
        if latest is not None and when < latest:
            errors["at"] = f"is before the case's latest event ({timezone.localtime(latest):%Y-%m-%d %H:%M})"
    return when


def _record(case: Case, kind: str, *, at: dt.datetime, summary: str, author=None, text: str = "",
            from_value: str = "", to_value: str = "", member=None) -> CaseEvent:
    event = CaseEvent.objects.create(workspace_id=case.workspace_id, case=case, kind=kind, occurred_at=at, text=text,
                                     from_value=from_value, to_value=to_value, member=member, author=author)
    timeline_event_record(workspace=case.workspace, person=case.person, kind=f"case_{kind}", occurred_at=at,
                          author=author, summary=f"Case “{case.title}”: {summary}",
                          params={"case_id": case.id, "case_event_id": event.id})
    return event


def _responded(case: Case, at: dt.datetime) -> None:
    if case.first_responded_at is None:
        case.first_responded_at = at


# Cases -------------------------------------------------------------------------------------------


@transaction.atomic
def case_open(*, workspace, person, title: str, champion, description: str = "", severity: str = Severity.NORMAL,
              opened_at: dt.datetime | None = None, purchase=None, check_in=None, author=None) -> Case:
    """Open a case for a customer's problem, with the team member who will champion it inside the company."""
    errors: dict[str, str] = {}
    title = _text(title, "title", errors, required=True, max_length=200)
    description = _text(description, "description", errors)
    if severity not in Severity.values:
        errors["severity"] = f"must be one of {', '.join(Severity.values)}"
    _member(workspace.id, champion, "champion", errors, required=True)
    if person is None:
        errors["person"] = "is required"
    for field, obj in (("person", person), ("purchase", purchase), ("check_in", check_in)):
        if obj is not None and obj.workspace_id != workspace.id:
            errors[field] = "not found in this workspace"
    if check_in is not None and purchase is None and "check_in" not in errors:
        purchase = check_in.purchase
    for field, obj in (("purchase", purchase), ("check_in", check_in)):
        if obj is not None and field not in errors and person is not None and obj.person_id != person.id:
            errors[field] = f"is not {person.name}'s"
    opened_at = _moment(opened_at, "opened_at", errors)
    if opened_at is not None and "opened_at" not in errors and purchase is not None and "purchase" not in errors \
            and timezone.localtime(opened_at).date() < purchase.purchased_on:
        errors["opened_at"] = f"is before the purchase ({purchase.purchased_on:%Y-%m-%d})"
    if errors:
        raise ValidationError(errors)
    case = Case.objects.create(
        workspace=workspace, person=person, organization=person.organization, title=title, description=description,
        severity=severity, champion=champion, opened_at=opened_at, purchase=purchase, check_in=check_in,
        opened_by=author,
    )
    _record(case, CaseEvent.Kind.OPENED, at=opened_at, author=author, text=description, to_value=Case.Status.OPEN,
            member=champion, summary=f"opened ({severity}), championed by {champion.display_name}")
    return case


@transaction.atomic
def case_update(*, case: Case, author=None, at=None, **changes) -> Case:
    """Correct a case's title or description, or change its severity (recorded as an event)."""
    unknown = set(changes) - {"title", "description", "severity"}
    errors: dict[str, str] = {name: "is not a field of a case that can be changed here" for name in sorted(unknown)}
    title = _text(changes.get("title", case.title), "title", errors, required=True, max_length=200)
    description = _text(changes.get("description", case.description), "description", errors)
    severity = changes.get("severity", case.severity)
    if severity not in Severity.values:
        errors["severity"] = f"must be one of {', '.join(Severity.values)}"
    when = _check_event_time(case, at, errors) if severity != case.severity else None
    if errors:
        raise ValidationError(errors)
    before = case.severity
    case.title, case.description, case.severity = title, description, severity
    case.save(update_fields=["title", "description", "severity", "updated_at"])
    if severity != before:
        _record(case, CaseEvent.Kind.SEVERITY, at=when, author=author, from_value=before, to_value=severity,
                summary=f"severity changed from {before} to {severity}")
    return case


@transaction.atomic
def case_status_change(*, case: Case, status: str, note: str = "", at: dt.datetime | None = None,
                       author=None) -> Case:
    """Move a case to another status. "Confirmed fixed" needs the customer's confirmation recorded first;
    reopening a finished or resolved case asks for a fresh confirmation next time."""
    errors: dict[str, str] = {}
    if status not in Case.Status.values:
        errors["status"] = f"must be one of {', '.join(Case.Status.values)}"
    elif status == case.status:
        errors["status"] = f"the case is already {case.get_status_display().lower()}"
    elif status == Case.Status.CONFIRMED_FIXED and case.customer_confirmed_at is None:
        errors["status"] = ("needs the customer's confirmation recorded first: "
                            "a case is confirmed fixed only when the customer says so")
    note = _text(note, "note", errors)
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    before = case.status
    case.status = status
    if status == Case.Status.RESOLVED:
        case.resolved_at = when
    if status in Case.FINISHED:
        case.closed_at = when
    elif status != Case.Status.RESOLVED:
        # Back in our or the customer's hands: the old resolution and confirmation no longer hold.
        case.resolved_at = case.closed_at = case.customer_confirmed_at = None
    if status in CUSTOMER_FACING_STATUSES:
        _responded(case, when)
    case.save(update_fields=["status", "resolved_at", "closed_at", "customer_confirmed_at", "first_responded_at",
                             "updated_at"])
    label = Case.Status(status).label.lower()
    _record(case, CaseEvent.Kind.STATUS, at=when, author=author, text=note, from_value=before, to_value=status,
            summary=f"now {label}" + (f": {note}" if note else ""))
    return case


@transaction.atomic
def case_reply(*, case: Case, text: str, at: dt.datetime | None = None, author=None) -> CaseEvent:
    """Record what we told the customer; the first reply stops the first-response clock."""
    errors: dict[str, str] = {}
    text = _text(text, "text", errors, required=True)
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    _responded(case, when)
    case.save(update_fields=["first_responded_at", "updated_at"])
    return _record(case, CaseEvent.Kind.REPLY, at=when, author=author, text=text, summary=f"we replied: {text}")


@transaction.atomic
def case_note(*, case: Case, text: str, at: dt.datetime | None = None, author=None) -> CaseEvent:
    """An internal note on the case (not a reply: the clocks do not stop)."""
    errors: dict[str, str] = {}
    text = _text(text, "text", errors, required=True)
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    return _record(case, CaseEvent.Kind.NOTE, at=when, author=author, text=text, summary=f"note: {text}")


@transaction.atomic
def case_escalate(*, case: Case, to, reason: str, at: dt.datetime | None = None, author=None) -> CaseEvent:
    """Escalate inside the company: to whom, when, and why."""
    errors: dict[str, str] = {}
    _member(case.workspace_id, to, "to", errors, required=True)
    reason = _text(reason, "reason", errors, required=True)
    if case.is_finished:
        errors["status"] = "the case is finished; reopen it before escalating"
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    return _record(case, CaseEvent.Kind.ESCALATED, at=when, author=author, text=reason, member=to,
                   summary=f"escalated to {to.display_name}: {reason}")


@transaction.atomic
def case_apologise(*, case: Case, text: str = "", at: dt.datetime | None = None, author=None) -> CaseEvent:
    """Record that we said sorry to the customer, whoever's fault it was. It is said to them, so it
    counts as a response."""
    errors: dict[str, str] = {}
    text = _text(text, "text", errors)
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    _responded(case, when)
    case.save(update_fields=["first_responded_at", "updated_at"])
    return _record(case, CaseEvent.Kind.APOLOGY, at=when, author=author, text=text,
                   summary="we apologised" + (f": {text}" if text else ""))


@transaction.atomic
def case_confirmation_record(*, case: Case, text: str, at: dt.datetime | None = None, mark_fixed: bool = True,
                             author=None) -> Case:
    """Record the customer confirming the fix in their words (how and what they said), and by default mark
    the case confirmed fixed."""
    errors: dict[str, str] = {}
    text = _text(text, "text", errors, required=True)
    if case.is_finished:
        errors["status"] = f"the case is already {case.get_status_display().lower()}"
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    case.customer_confirmed_at = when
    case.save(update_fields=["customer_confirmed_at", "updated_at"])
    _record(case, CaseEvent.Kind.CONFIRMATION, at=when, author=author, text=text,
            summary=f"the customer confirmed the fix: {text}")
    if mark_fixed:
        case_status_change(case=case, status=Case.Status.CONFIRMED_FIXED, at=when, author=author)
    return case


@transaction.atomic
def case_champion_change(*, case: Case, champion, at: dt.datetime | None = None, author=None) -> Case:
    """Hand the case to another champion."""
    errors: dict[str, str] = {}
    _member(case.workspace_id, champion, "champion", errors, required=True)
    if champion is not None and champion.id == case.champion_id:
        errors["champion"] = f"{champion.display_name} already champions this case"
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    case.champion = champion
    case.save(update_fields=["champion", "updated_at"])
    _record(case, CaseEvent.Kind.CHAMPION, at=when, author=author, member=champion,
            summary=f"now championed by {champion.display_name}")
    return case


# SLA targets -------------------------------------------------------------------------------------


@transaction.atomic
def support_settings_update(*, workspace, **targets) -> SupportSettings:
    """Change some SLA targets (hours per severity, e.g. `urgent_first_response_hours=2`)."""
    errors: dict[str, str] = {}
    clean: dict[str, int] = {}
    for field, value in targets.items():
        if field not in SupportSettings.TARGET_FIELDS:
            errors[field] = "is not an SLA target"
            continue
        try:
            if isinstance(value, bool):
                raise ValueError
            hours = int(str(value).strip())
        except (TypeError, ValueError):
            errors[field] = f"'{value}' is not a whole number of hours"
            continue
        if not 1 <= hours <= MAX_TARGET_HOURS:
            errors[field] = f"must be between 1 and {MAX_TARGET_HOURS} hours"
        clean[field] = hours
    if errors:
        raise ValidationError(errors)
    settings, _ = SupportSettings.objects.get_or_create(workspace=workspace)
    for field, hours in clean.items():
        setattr(settings, field, hours)
    settings.save()
    return settings
