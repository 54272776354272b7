"""Needs, in the customer's own words: recorded, corrected, confirmed, addressed or dropped."""

from django.utils import timezone

from ally.core.validation import (
    clean_amount,
    clean_choice,
    clean_currency,
    clean_int,
    clean_moment,
    clean_text,
    in_workspace,
    raise_errors,
    unknown_fields,
)
from ally.interactions import events
from ally.opportunities.models import Driver, Need
from ally.workspaces.audit import audit_record, audited, created, diff, snapshot

NEED_FIELDS = ("text", "driver", "urgency", "said_by", "said_at", "interaction", "organization",
               "cost_of_doing_nothing", "cost_amount", "cost_currency", "cost_period")
NEED_TEXT_LENGTH = 5000


def _urgency(value, errors: dict) -> int | None:
    urgency = clean_int(value, "urgency", errors, low=1, high=5)
    if value is None:
        errors["urgency"] = "'None' is not a whole number from 1 to 5"
    elif urgency is not None and not 1 <= urgency <= 5:
        errors["urgency"] = f"must be from 1 to 5 (as the customer sees it), not {urgency}"
    return urgency


def _clean_need(workspace, data: dict, errors: dict) -> dict:
    clean = dict(data)
    if "text" in data:
        clean["text"] = clean_text(data["text"], "text", errors, required=True, max_length=NEED_TEXT_LENGTH,
                                   multiline=True)
    if "driver" in data:
        clean_choice(data["driver"], Driver.values, "driver", errors)
    if "urgency" in data:
        clean["urgency"] = _urgency(data["urgency"], errors)
    if "said_at" in data:
        clean["said_at"] = clean_moment(data["said_at"], "said_at", errors)
    if "cost_of_doing_nothing" in data:
        clean["cost_of_doing_nothing"] = clean_text(data["cost_of_doing_nothing"], "cost_of_doing_nothing", errors,
                                                    max_length=NEED_TEXT_LENGTH, multiline=True)
    if "cost_amount" in data:
        clean["cost_amount"] = clean_amount(data["cost_amount"], "cost_amount", errors, required=False)
    if "cost_currency" in data:
        clean["cost_currency"] = clean_currency(data["cost_currency"], "cost_currency", errors, required=False)
    if "cost_period" in data:
        clean["cost_period"] = data["cost_period"] or ""
        if clean["cost_period"]:
            clean_choice(clean["cost_period"], Need.Period.values, "cost_period", errors)
    for field in ("said_by", "interaction", "organization"):
        if field in data:
            in_workspace(workspace.id, data[field], field, errors)
    return clean


def _check_cost(need: Need, errors: dict) -> None:
    if need.cost_amount is None:
        need.cost_currency, need.cost_period = "", ""
        return
    if not need.cost_currency:
        need.cost_currency = need.workspace.default_currency
    if not need.cost_period:
        errors["cost_period"] = "an amount needs its period (week, month, quarter or year)"


AUDITED = ("text", "driver", "urgency", "status", "said_by", "said_at", "interaction", "organization",
           "cost_of_doing_nothing", "cost_amount", "cost_currency", "cost_period")


@audited
def need_record(*, workspace, person, text: str, driver: str = Driver.OTHER, urgency=3,
                status: str = Need.Status.SUSPECTED, said_by=None, said_at=None, interaction=None, organization=None,
                cost_of_doing_nothing: str = "", cost_amount=None, cost_currency: str = "", cost_period: str = "",
                author=None) -> Need:
    """Record a need in the customer's own words: who said it, when, in which interaction, why it matters."""
    errors: dict[str, str] = {}
    in_workspace(workspace.id, person, "person", errors)
    if status not in Need.OPEN_STATUSES:
        errors["status"] = "a new need is suspected (our guess) or confirmed (they said so)"
    clean = _clean_need(workspace, {
        "text": text, "driver": driver, "urgency": urgency, "said_by": said_by, "said_at": said_at,
        "interaction": interaction, "organization": organization, "cost_of_doing_nothing": cost_of_doing_nothing,
        "cost_amount": cost_amount, "cost_currency": cost_currency, "cost_period": cost_period,
    }, errors)
    need = Need(workspace=workspace, person=person, status=status, author=author, **clean)
    need.said_by = clean["said_by"] or person
    need.touched_at = timezone.now()
    need.confirmed_at = need.touched_at if status == Need.Status.CONFIRMED else None
    _check_cost(need, errors)
    raise_errors(errors)
    need.save()
    events.record(events.need_saved(need, author_id=getattr(author, "id", None)))
    audit_record(workspace=workspace, action="need.recorded", target=need, person_id=person.id,
                 changes=created(snapshot(need, AUDITED)))
    return need


@audited
def need_update(*, need: Need, author=None, status: str | None = None, **changes) -> Need:
    """Correct or complete a need (their words, driver, urgency, cost of doing nothing, who said it); with
    `status`, also mark it suspected, confirmed, addressed or dropped, in the same write."""
    unknown_fields(changes, NEED_FIELDS, "a need")
    errors: dict[str, str] = {}
    clean = _clean_need(need.workspace, changes, errors)
    if status is not None:
        clean_choice(status, Need.Status.values, "status", errors)
    before = snapshot(need, AUDITED)
    for field, value in clean.items():
        setattr(need, field, value)
    _check_cost(need, errors)
    raise_errors(errors)
    need.touched_at = timezone.now()
    if status is not None and status != need.status:
        need.status = status
        if status == Need.Status.CONFIRMED:
            need.confirmed_at = need.touched_at
    need.save()
    if status is not None and before["status"] != need.status:
        events.record(events.need_status_changed(need, author_id=getattr(author, "id", None)))
    audit_record(workspace=need.workspace_id, action="need.updated", target=need, person_id=need.person_id,
                 changes=diff(before, snapshot(need, AUDITED)))
    return need


@audited
def need_set_status(*, need: Need, status: str, author=None) -> Need:
    """Mark a need suspected, confirmed by the customer, addressed, or dropped."""
    errors: dict[str, str] = {}
    clean_choice(status, Need.Status.values, "status", errors)
    raise_errors(errors)
    before = need.status
    need.touched_at = timezone.now()
    if status != need.status:
        need.status = status
        if status == Need.Status.CONFIRMED:
            need.confirmed_at = need.touched_at
        events.record(events.need_status_changed(need, author_id=getattr(author, "id", None)))
    need.save(update_fields=["status", "touched_at", "confirmed_at"])
    audit_record(workspace=need.workspace_id, action="need.status_changed", target=need, person_id=need.person_id,
                 changes={"status": [before, status]} if before != status else {})
    return need


