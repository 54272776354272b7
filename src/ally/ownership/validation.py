"""The rules of a purchase and of a check-in's score, shared by the services and the purchases import."""

import datetime as dt

from django.utils import timezone

from ally.core.validation import (
    NAME_LENGTH,
    clean_amount,
    clean_currency,
    clean_date,
    clean_int,
    clean_text,
    in_workspace,
    raise_errors,
)


def clean_score(value, field: str, errors: dict) -> int | None:
    """A 0-10 score (satisfaction, NPS); blank means none was given."""
    if isinstance(value, str) and not value.strip():
        return None
    return clean_int(value.strip() if isinstance(value, str) else value, field, errors, low=0, high=10)


def purchase_clean(*, workspace, person, amount, currency: str, purchased_on: dt.date, offering=None,
                   organization=None, description: str = "") -> dict:
    """Validate a purchase without writing it (the importer's dry run uses this); raises one ValidationError
    naming every bad field, or returns the cleaned values."""
    errors: dict[str, str] = {}
    currency = clean_currency(currency, "currency", errors)
    value = clean_amount(amount, "amount", errors, currency=currency)
    purchased_on = clean_date(purchased_on or timezone.localdate(), "purchased_on", errors, allow_future=False)
    description = clean_text(description, "description", errors, max_length=NAME_LENGTH)
    if person is None:
        errors["person"] = "is required"
    for field, obj in (("person", person), ("offering", offering), ("organization", organization)):
        in_workspace(workspace.id, obj, field, errors)
    raise_errors(errors)
    return {"person": person, "organization": organization or person.organization, "offering": offering,
            "description": description, "amount": value, "currency": currency, "purchased_on": purchased_on}
