"""Normalising the ways to reach a person: email addresses, phone numbers, birthdays."""

import calendar
import datetime as dt

import phonenumbers
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email


def normalise_emails(values, errors: dict, field: str = "emails") -> list[str]:
    """Lower-cased, de-duplicated, validated addresses; a bad one is reported by its text."""
    result = []
    for raw in values or []:
        address = (raw or "").strip().lower()
        if not address:
            continue
        try:
            validate_email(address)
        except DjangoValidationError:
            errors[field] = f"'{raw}' is not a valid email address"
            continue
        if address not in result:
            result.append(address)
    return result


def normalise_phone(raw: str, region: str) -> str:
    """E.164 form of a number, or ValueError naming why it is not a number."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"'{raw}' is not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"'{raw}' is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_phones(values, region: str, errors: dict, field: str = "phones") -> list[str]:
    result = []
    for raw in values or []:
        if not (raw or "").strip():
            continue
        try:
            number = normalise_phone(raw.strip(), region)
        except ValueError as exc:
            errors[field] = str(exc)
            continue
        if number not in result:
            result.append(number)
    return result


def display_phone(e164: str) -> str:
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


def check_birthday(month, day, year, errors: dict) -> None:
    """A birthday needs a month and a day that exist (29 February only in a leap year, when a year is given)."""
    if month is None and day is None and year is None:
        return
    if month is None or day is None:
        errors["birthday"] = "needs both a month and a day"
        return
    if not 1 <= month <= 12:
        errors["birthday"] = f"month {month} does not exist"
        return
    check_year = year if year is not None else 2000  # a leap year: 29 February is fine without a year
    if year is not None and not 1900 <= year <= dt.date.today().year:
        errors["birthday"] = f"year {year} is not plausible"
        return
    if not 1 <= day <= calendar.monthrange(check_year, month)[1]:
        errors["birthday"] = f"{calendar.month_name[month]} {day}" + (f", {year}" if year else "") + " does not exist"


def next_occurrence(month: int, day: int, today: dt.date) -> dt.date:
    """The next date (today included) a yearly month/day falls on; 29 February falls on 28 February in common years."""
    for year in (today.year, today.year + 1):
        last = calendar.monthrange(year, month)[1]
        candidate = dt.date(year, month, min(day, last))
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable: a yearly date recurs within two years")
