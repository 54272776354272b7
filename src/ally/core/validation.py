"""One validation kit for every service: text, URLs, money, dates and moments, choices, numbers.

Each `clean_*` takes the raw value, the field's name and an `errors` dict; it returns the clean
value and, when the value is bad, puts one message under the field's name. A service collects every
field's problem, then `raise_errors(errors)` raises one ValidationError naming them all, so the page,
the API and the CLI can show each next to its field. Pages, API, CLI and importers all go through
the services, so each rule here holds on every edge.
"""

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.utils import timezone

from ally.core.currencies import ISO_4217, NO_MINOR_UNIT
from ally.core.errors import ValidationError

# The length policy: a name or a title fits on a line; a sentence is a promise or a subject; a text is notes.
NAME_LENGTH = 200
SENTENCE_LENGTH = 500
TEXT_LENGTH = 20_000
URL_LENGTH = 2_000
# How many items a list field (emails, phones, tags, participants) may hold.
LIST_LENGTH = 50

# A moment a little ahead (a meeting later today, a clock in another zone) is normal; further ahead is a typo.
FUTURE_SLACK = dt.timedelta(hours=24)
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
MAX_AMOUNT = Decimal("999999999999.99")

# Control characters a user never means to store: C0 and C1 controls except tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"[\r\n\t]")


def raise_errors(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def text_problem(text: str, *, multiline: bool) -> str | None:
    """Why a text cannot be stored, or None: NUL and other controls, lone surrogates, line breaks on one line."""
    if "\x00" in text:
        return "must not contain NUL characters"
    if any(unicodedata.category(character) == "Cs" for character in text):
        return "is not valid text (it holds a lone surrogate)"
    if _CONTROL.search(text):
        return "must not contain control characters"
    if not multiline and _LINE_BREAK.search(text):
        return "must be one line"
    return None


def clean_text(value, field: str, errors: dict, *, required: bool = False, max_length: int = NAME_LENGTH,
               multiline: bool = False) -> str:
    """Stripped text within `max_length`; multi-line only where the field is (notes, summaries)."""
    if value is not None and not isinstance(value, str):
        errors[field] = "is not text"
        return ""
    text = (value or "").strip()
    if multiline:
        text = text.replace("\r\n", "\n")
    problem = text_problem(text, multiline=multiline)
    if problem:
        errors[field] = problem
    elif required and not text:
        errors[field] = "is required"
    elif len(text) > max_length:
        errors[field] = f"is longer than {max_length:,} characters"
    return text


def clean_url(value, field: str, errors: dict) -> str:
    """An http(s) address (a bare domain gets https://), or "" when none is given; anything else is refused,
    so no stored link can run script (javascript:, vbscript:, data:) when clicked."""
    text = clean_text(value, field, errors, max_length=URL_LENGTH)
    if not text or field in errors:
        return text
    if re.search(r"\s", text) or any(ord(c) < 32 for c in text):
        errors[field] = "is not a web address (it contains spaces)"
        return text
    if "://" not in text and ":" not in text.split("/")[0]:
        text = f"https://{text}"
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        errors[field] = "must be a web address starting with http:// or https://"
    elif not parts.hostname or "." not in parts.hostname and parts.hostname != "localhost":
        errors[field] = f"'{value}' is not a web address"
    return text


def clean_choice(value, choices, field: str, errors: dict) -> str:
    if value not in choices:
        errors[field] = f"must be one of {', '.join(choices)}"
    return value


def clean_int(value, field: str, errors: dict, *, low: int, high: int, unit: str = "", too_low: str = "",
              too_high: str = "") -> int | None:
    """A whole number within low..high ("3", 3 and 3.0 are three; "3.5", "", "three" and True are not)."""
    if value in (None, ""):
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        number = int(value)
        if isinstance(value, float) and value != number or isinstance(value, str) and value.strip() != str(number):
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        errors[field] = f"'{value}' is not a whole number " + (f"of {unit}" if unit else f"from {low} to {high}")
        return None
    if number < low:
        errors[field] = too_low or f"must be between {low} and {high}"
    elif number > high:
        errors[field] = too_high or f"must be between {low} and {high}"
    return number


def clean_currency(value, field: str, errors: dict, *, default: str = "", required: bool = True) -> str:
    """An ISO 4217 code, upper-cased (the workspace's `default` when none is given)."""
    code = (value or default or "").strip().upper()
    if not code:
        if required:
            errors[field] = "is required"
    elif code not in ISO_4217:
        errors[field] = f"'{code}' is not an ISO 4217 currency code"
    return code


def clean_amount(value, field: str, errors: dict, *, currency: str = "", required: bool = True) -> Decimal | None:
    """A non-negative amount with at most two decimals (none in a currency without cents), as stored."""
    if value in (None, ""):
        if required:
            errors[field] = "is required"
        return None
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, TypeError, ValueError):
        errors[field] = f"'{value}' is not an amount"
        return None
    if not amount.is_finite():
        errors[field] = "is not a finite amount"
    elif amount < 0:
        errors[field] = "cannot be negative"
    elif amount > MAX_AMOUNT:
        errors[field] = "is too large"
    elif amount != amount.quantize(Decimal("0.01")):
        errors[field] = "has more than two decimals"
    elif currency in NO_MINOR_UNIT and amount != amount.to_integral_value():
        errors[field] = f"{currency} has no cents; give a whole amount"
    else:
        return amount.quantize(Decimal("0.01"))
    return None


def clean_moment(value, field: str, errors: dict, *, default_now: bool = True,
                 allow_future: bool = False) -> dt.datetime | None:
    """An aware date and time between the years 1900 and 2200 and, unless `allow_future`, not more than
    FUTURE_SLACK ahead; None becomes now when `default_now`."""
    if value is None:
        return timezone.now() if default_now else None
    if not isinstance(value, dt.datetime):
        errors[field] = "is not a date and time"
    elif timezone.is_naive(value):
        errors[field] = "needs a time zone"
    elif not allow_future and value > timezone.now() + FUTURE_SLACK:
        errors[field] = "is in the future"
    elif not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        errors[field] = f"must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}"
    return value


def clean_date(value, field: str, errors: dict, *, allow_future: bool = True, required: bool = False) -> dt.date | None:
    """A date between the years 1900 and 2200; with `allow_future=False`, not after tomorrow in the member's
    day (the same slack as moments)."""
    if value in (None, ""):
        if required:
            errors[field] = "is required"
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            errors[field] = f"'{value}' is not a date (YYYY-MM-DD)"
            return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        errors[field] = "is not a date"
        return None
    if not allow_future and value > timezone.localdate() + dt.timedelta(days=FUTURE_SLACK.days):
        errors[field] = "is in the future"
    elif not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        errors[field] = f"must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}"
    return value


def clean_list(values, field: str, errors: dict, *, max_items: int = LIST_LENGTH) -> list:
    """A list field (emails, phones, tags) holds at most `max_items`."""
    items = list(values or [])
    if len(items) > max_items:
        errors[field] = f"has {len(items):,} items; at most {max_items} are allowed"
        return items[:max_items]
    return items


def in_workspace(workspace_id: int, obj, field: str, errors: dict) -> None:
    """A referenced object from another workspace is reported as not found, never used."""
    if obj is not None and obj.workspace_id != workspace_id:
        errors[field] = "not found in this workspace"


def unknown_fields(changes: dict, allowed, what: str) -> None:
    """Refuse a change to a field the object does not have, naming it."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError({name: f"is not a field of {what}" for name in sorted(unknown)})
