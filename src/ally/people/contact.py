"""Normalising the ways to reach a person: email addresses, phone numbers, birthdays."""

import calendar
import datetime as dt
import functools
import re

import phonenumbers
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils import timezone

# Django's own patterns, compiled once: its validator reaches them through lazy objects, which cost
# more than the matching itself when a bulk import checks 100,000 addresses. An address these accept
# is one validate_email accepts; anything else (IP literals, bad addresses) is asked of validate_email.
_EMAIL_USER = re.compile(validate_email.user_regex.pattern, re.IGNORECASE)
_EMAIL_DOMAIN = re.compile(validate_email.domain_regex.pattern, re.IGNORECASE)
_EMAIL_MAX_LENGTH = 320  # RFC 3696, as validate_email checks

PHONE_CACHE_SIZE = 65536  # distinct numbers remembered: a file repeats switchboards and shared lines


def is_valid_email(address: str) -> bool:
    """What validate_email says about an address, without its cost for ordinary addresses."""
    if len(address) <= _EMAIL_MAX_LENGTH and "@" in address:
        user, domain = address.rsplit("@", 1)
        if _EMAIL_USER.match(user) and (domain in validate_email.domain_allowlist or _EMAIL_DOMAIN.match(domain)):
            return True
    try:
        validate_email(address)
    except DjangoValidationError:
        return False
    return True


def normalise_emails(values, errors: dict, field: str = "emails") -> list[str]:
    """Lower-cased, de-duplicated, validated addresses; a bad one is reported by its text."""
    result = []
    for raw in values or []:
        address = (raw or "").strip().lower()
        if not address:
            continue
        if not is_valid_email(address):
            errors[field] = f"'{raw}' is not a valid email address"
            continue
        if address not in result:
            result.append(address)
    return result


def forget_normalised() -> None:
    """Empty the cache of normalised numbers (benchmarks time cold imports)."""
    _phone_e164.cache_clear()


@functools.lru_cache(maxsize=PHONE_CACHE_SIZE)
def _phone_e164(raw: str, region: str) -> tuple[str, str]:
    """(E.164 number, "") or ("", why not): cached, as the same number often comes back in one file."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return "", f"'{raw}' is not a phone number"
    if not phonenumbers.is_valid_number(number):
        return "", f"'{raw}' is not a valid phone number"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), ""


def normalise_phones(values, region: str, errors: dict, field: str = "phones") -> list[str]:
    result = []
    for raw in values or []:
        if not (raw or "").strip():
            continue
        number, problem = _phone_e164(raw.strip(), region)
        if problem:
            errors[field] = problem
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
    if year is not None and not 1900 <= year <= timezone.localdate().year:
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
