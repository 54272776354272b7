"""Every write to cases: opening, moving, replying, escalating, apologising, confirming the fix; and SLA targets.

Each case event is also put on the customer's timeline.
"""

import datetime as dt

from django.utils import timezone

from ally.core.errors import ValidationError
from ally.core.validation import TEXT_LENGTH, clean_choice, clean_int, clean_moment, clean_text, raise_errors
from ally.interactions import events
from ally.support.models import Case, CaseEvent, Severity, SupportSettings
from ally.workspaces.audit import audit_record, audited, diff, snapshot

# Statuses that mean we told the customer something, so entering one is a first response.
CUSTOMER_FACING_STATUSES = (Case.Status.WAITING_ON_CUSTOMER, Case.Status.RESOLVED)
MAX_TARGET_HOURS = 24 * 365


def _member(workspace_id: int, member, field: str, errors: dict, *, required: bool) -> None:
    if member is None:
        if required:
            errors[field] = "is required: which team member?"
    elif member.workspace_id != workspace_id:
        errors[field] = "is not a team member of this workspace"


def _latest_event_at(case: Case) -> dt.datetime | None:
    return CaseEvent.objects.filter(case=case).order_by("-occurred_at").values_list("occurred_at", flat=True).first()


def _check_event_time(case: Case, at, errors: dict) -> dt.datetime | None:
    """An event's time: now by default; never in the future, never before the case's latest event
    (the SLA clock replays events in order)."""
    when = clean_moment(at, "at", errors)
    if when is not None and "at" not in errors:
        latest = _latest_event_at(case)
        if latest is not None and when < latest:
            errors["at"] = f"is before the case's latest event ({timezone.localtime(latest):%Y-%m-%d %H:%M})"
    return when


def _record(case: Case, kind: str, *, at: dt.datetime, author=None, text: str = "", from_value: str = "",
            to_value: str = "", member=None) -> CaseEvent:
    """A step of the case: its event, the customer's timeline, and the audit trail, in one go."""
    event = CaseEvent.objects.create(workspace_id=case.workspace_id, case=case, kind=kind, occurred_at=at, text=text,
                                     from_value=from_value, to_value=to_value, member=member, author=author)
    to_label = Case.Status(to_value).label if kind == CaseEvent.Kind.STATUS else ""
    events.record(events.case_event(case, event, member_name=member.display_name if member else "",
                                    to_label=to_label, author_id=getattr(author, "id", None)))
    changes = {"status": [from_value or None, to_value]} if kind in (CaseEvent.Kind.STATUS, CaseEvent.Kind.OPENED) \
        else {kind: [from_value or None, to_value or text[:200] or None]}
    audit_record(workspace=case.workspace_id, action=f"case.{kind}", target=case, person_id=case.person_id,
                 changes=changes)
    return event


def _responded(case: Case, at: dt.datetime) -> None:
    if case.first_responded_at is None:
        case.first_responded_at = at


# Cases -------------------------------------------------------------------------------------------


@audited
def case_open(*, workspace, person, title: str, champion, description: str = "", severity: str = Severity.NORMAL,
              opened_at: dt.datetime | None = None, purchase=None, check_in=None, author=None) -> Case:
    """Open a case for a customer's problem, with the team member who will champion it inside the company."""
    errors: dict[str, str] = {}
    title = clean_text(title, "title", errors, required=True, max_length=200)
    description = clean_text(description, "description", errors, max_length=TEXT_LENGTH, multiline=True)
    clean_choice(severity, Severity.values, "severity", errors)
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
    opened_at = clean_moment(opened_at, "opened_at", errors)
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
            member=champion)
    return case


@audited
def case_update(*, case: Case, author=None, at=None, **changes) -> Case:
    """Correct a case's title or description, or change its severity (recorded as an event)."""
    unknown = set(changes) - {"title", "description", "severity"}
    errors: dict[str, str] = {name: "is not a field of a case that can be changed here" for name in sorted(unknown)}
    title = clean_text(changes.get("title", case.title), "title", errors, required=True, max_length=200)
    description = clean_text(changes.get("description", case.description), "description", errors,
                             max_length=TEXT_LENGTH, multiline=True)
    severity = changes.get("severity", case.severity)
    clean_choice(severity, Severity.values, "severity", errors)
    when = _check_event_time(case, at, errors) if severity != case.severity else None
    if errors:
        raise ValidationError(errors)
    before = snapshot(case, ("title", "description", "severity"))
    case.title, case.description, case.severity = title, description, severity
    case.save(update_fields=["title", "description", "severity", "updated_at"])
    if severity != before["severity"]:
        _record(case, CaseEvent.Kind.SEVERITY, at=when, author=author, from_value=before["severity"],
                to_value=severity)
    else:
        audit_record(workspace=case.workspace_id, action="case.updated", target=case, person_id=case.person_id,
                     changes=diff(before, snapshot(case, ("title", "description", "severity"))))
    return case


@audited
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
    note = clean_text(note, "note", errors, max_length=TEXT_LENGTH, multiline=True)
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
    _record(case, CaseEvent.Kind.STATUS, at=when, author=author, text=note, from_value=before, to_value=status)
    return case


@audited
def case_reply(*, case: Case, text: str, at: dt.datetime | None = None, author=None) -> CaseEvent:
    """Record what we told the customer; the first reply stops the first-response clock."""
    errors: dict[str, str] = {}
    text = clean_text(text, "text", errors, required=True, max_length=TEXT_LENGTH, multiline=True)
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    _responded(case, when)
    case.save(update_fields=["first_responded_at", "updated_at"])
    return _record(case, CaseEvent.Kind.REPLY, at=when, author=author, text=text)


@audited
def case_note(*, case: Case, text: str, at: dt.datetime | None = None, author=None) -> CaseEvent:
    """An internal note on the case (not a reply: the clocks do not stop)."""
    errors: dict[str, str] = {}
    text = clean_text(text, "text", errors, required=True, max_length=TEXT_LENGTH, multiline=True)
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    return _record(case, CaseEvent.Kind.NOTE, at=when, author=author, text=text)


@audited
def case_escalate(*, case: Case, to, reason: str, at: dt.datetime | None = None, author=None) -> CaseEvent:
    """Escalate inside the company: to whom, when, and why."""
    errors: dict[str, str] = {}
    _member(case.workspace_id, to, "to", errors, required=True)
    reason = clean_text(reason, "reason", errors, required=True, max_length=TEXT_LENGTH, multiline=True)
    if case.is_finished:
        errors["status"] = "the case is finished; reopen it before escalating"
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    return _record(case, CaseEvent.Kind.ESCALATED, at=when, author=author, text=reason, member=to)


@audited
def case_apologise(*, case: Case, text: str = "", at: dt.datetime | None = None, author=None) -> CaseEvent:
    """Record that we said sorry to the customer, whoever's fault it was. It is said to them, so it
    counts as a response."""
    errors: dict[str, str] = {}
    text = clean_text(text, "text", errors, max_length=TEXT_LENGTH, multiline=True)
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    _responded(case, when)
    case.save(update_fields=["first_responded_at", "updated_at"])
    return _record(case, CaseEvent.Kind.APOLOGY, at=when, author=author, text=text)


@audited
def case_confirmation_record(*, case: Case, text: str, at: dt.datetime | None = None, mark_fixed: bool = True,
                             author=None) -> Case:
    """Record the customer confirming the fix in their words (how and what they said), and by default mark
    the case confirmed fixed."""
    errors: dict[str, str] = {}
    text = clean_text(text, "text", errors, required=True, max_length=TEXT_LENGTH, multiline=True)
    if case.is_finished:
        errors["status"] = f"the case is already {case.get_status_display().lower()}"
    when = _check_event_time(case, at, errors)
    if errors:
        raise ValidationError(errors)
    case.customer_confirmed_at = when
    case.save(update_fields=["customer_confirmed_at", "updated_at"])
    _record(case, CaseEvent.Kind.CONFIRMATION, at=when, author=author, text=text)
    if mark_fixed:
        case_status_change(case=case, status=Case.Status.CONFIRMED_FIXED, at=when, author=author)
    return case


@audited
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
    _record(case, CaseEvent.Kind.CHAMPION, at=when, author=author, member=champion)
    return case


# SLA targets -------------------------------------------------------------------------------------


@audited
def support_settings_update(*, workspace, **targets) -> SupportSettings:
    """Change some SLA targets (hours per severity, e.g. `urgent_first_response_hours=2`)."""
    errors: dict[str, str] = {}
    clean: dict[str, int] = {}
    for field, value in targets.items():
        if field not in SupportSettings.TARGET_FIELDS:
            errors[field] = "is not an SLA target"
            continue
        hours = clean_int(value, field, errors, low=1, high=MAX_TARGET_HOURS, unit="hours",
                          too_low=f"must be between 1 and {MAX_TARGET_HOURS} hours",
                          too_high=f"must be between 1 and {MAX_TARGET_HOURS} hours")
        if hours is not None:
            clean[field] = hours
    raise_errors(errors)
    settings, _ = SupportSettings.objects.get_or_create(workspace=workspace)
    before = snapshot(settings, list(clean))
    for field, hours in clean.items():
        setattr(settings, field, hours)
    settings.save()
    audit_record(workspace=workspace, action="sla.updated", target=settings, label="SLA targets",
                 changes=diff(before, snapshot(settings, list(clean))))
    return settings
