"""Normalising the ways to reach a person: email addresses, phone numbers, birthdays."""

import calendar
import datetime as dt
import functools
import re

import phonenumbers
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email

# Django's own patterns, compiled once: its validator reaches them through lazy objects, which cost
# more than the matching itself when a bulk import checks 100,000 addresses. An address these accept
# is one validate_email accepts; anything else (IP literals, bad addresses) is asked of validate_email.
_EMAIL_USER = re.compile(validate_email.user_regex.pattern, re.IGNORECASE)
_EMAIL_DOMAIN = re.compile(validate_email.domain_regex.pattern, re.IGNORECASE)
_EMAIL_MAX_LENGTH = 320  # RFC 3696, as validate_email checks

# A number written locally with digits and the usual separators only: "(212) 555-0123", "030 1234 5678".
_PLAIN_LOCAL_PHONE = re.compile(r"[0-9 ().-]+")  # ASCII digits: phonenumbers reads other scripts' digits too
_NOT_DIGIT = re.compile(r"[^0-9]")
_MAX_PHONE_INPUT = 250  # phonenumbers refuses longer input
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


def normalise_phone(raw: str, region: str) -> str:
    """E.164 form of a number, or ValueError naming why it is not a number."""
    e164, problem = _phone_e164(raw, region)
    if problem:
        raise ValueError(problem)
    return e164


@functools.lru_cache(maxsize=PHONE_CACHE_SIZE)
def _phone_e164(raw: str, region: str) -> tuple[str, str]:
    """(E.164 number, "") or ("", why not): cached, as the same number often comes back in one file."""
    number = _parse_plain_local(raw, region)
    if number is None:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            return "", f"'{raw}' is not a phone number"
    if not is_valid_number(number):
        return "", f"'{raw}' is not a valid phone number"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), ""


@functools.lru_cache(maxsize=None)
def _local_dialling(region: str):
    """A region's country code and the prefixes that make phonenumbers reinterpret a local number."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region.upper(), None)
    if metadata is None:
        return None
    international = re.compile(metadata.international_prefix) if metadata.international_prefix else None
    national = re.compile(metadata.national_prefix_for_parsing) if metadata.national_prefix_for_parsing else None
    return metadata.country_code, international, national


def _parse_plain_local(raw: str, region: str) -> phonenumbers.PhoneNumber | None:
    """What phonenumbers.parse(raw, region) returns, for the common case where that is simple to know.

    That case: only digits and separators, no "+", and the digits start with neither the region's
    international prefix, its country code nor its national prefix. phonenumbers then keeps every digit
    as the national number under the region's country code. Anything else returns None and is parsed
    by phonenumbers itself, which is several times slower (tests check both agree).
    """
    dialling = _local_dialling(region)
    if dialling is None or len(raw) > _MAX_PHONE_INPUT or not _PLAIN_LOCAL_PHONE.fullmatch(raw):
        return None
    country_code, international, national = dialling
    digits = _NOT_DIGIT.sub("", raw)
    if not 3 <= len(digits) <= 17 or digits.startswith(str(country_code)):
        return None
    if (international and international.match(digits)) or (national and national.match(digits)):
        return None
    number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(digits))
    if digits[0] == "0":  # phonenumbers keeps leading zeros (Italy) as a flag and a count
        zeros = len(digits) - len(digits.lstrip("0"))
        number.italian_leading_zero = True
        zeros = min(zeros, len(digits) - 1)
        if zeros != 1:
            number.number_of_leading_zeros = zeros
    return number


# The kinds of number phonenumbers knows (_number_type_helper's order); a number of none of them is invalid.
_NUMBER_KINDS = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail",
                 "fixed_line", "mobile")


def is_valid_number(number: phonenumbers.PhoneNumber) -> bool:
    """phonenumbers.is_valid_number, with each region's patterns compiled once instead of looked up per test.

    Same decision: the number's region is the first region of its country code that claims it (by
    leading digits, or by the number fitting one of its kinds), and the number must fit one of that
    region's kinds. Country codes phonenumbers keeps outside regions ("001") are left to phonenumbers.
    """
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(number.country_code)
    if not regions:
        return False
    plans = [_RegionKinds.of(region) for region in regions]
    if None in plans:
        return phonenumbers.is_valid_number(number)
    national = phonenumbers.national_significant_number(number)
    if len(plans) == 1:
        return plans[0].fits(national)
    for plan in plans:
        if plan.leading_digits is None:
            if plan.fits(national):
                return True
        elif plan.leading_digits.match(national):
            return plan.fits(national)
    return False


class _RegionKinds:
    """A region's number kinds as one pattern per number length: a number fits if its length's pattern matches."""

    @staticmethod
    @functools.lru_cache(maxsize=None)
    def of(region: str) -> "_RegionKinds | None":
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region, None)
        return None if metadata is None else _RegionKinds(metadata)

    def __init__(self, metadata):
        self.leading_digits = re.compile(metadata.leading_digits) if metadata.leading_digits is not None else None
        self.general = metadata.general_desc
        self.kinds = [desc for desc in (getattr(metadata, kind) for kind in _NUMBER_KINDS
                                        if not (kind == "mobile" and metadata.same_mobile_and_fixed_line_pattern))
                      if desc is not None and desc.national_number_pattern]
        self.by_length: dict[int, re.Pattern | None] = {}

    def fits(self, national: str) -> bool:
        length = len(national)
        if length not in self.by_length:
            self.by_length[length] = self._pattern(length)
        pattern = self.by_length[length]
        return pattern is not None and pattern.fullmatch(national) is not None

    def _pattern(self, length: int) -> re.Pattern | None:
        """Numbers of this length that fit the general description and one of the kinds (each with its lengths)."""
        if not _allows(self.general, length):
            return None
        kinds = [f"(?:{desc.national_number_pattern})" for desc in self.kinds if _allows(desc, length)]
        if not kinds:
            return None
        return re.compile(rf"(?=(?:{self.general.national_number_pattern})\Z)(?:{'|'.join(kinds)})")


def _allows(desc, length: int) -> bool:
    """Whether a description admits numbers of this length (no listed lengths: any length)."""
    if desc is None or not desc.national_number_pattern:
        return False
    return not desc.possible_length or length in desc.possible_length


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
