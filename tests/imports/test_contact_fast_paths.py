"""The import's fast email and phone checks say exactly what Django's and libphonenumber's full checks say.

`ally.people.contact` answers ordinary addresses and locally written numbers without the full
machinery (which was most of a big import's checking time); these tests hold the shortcuts to the
full answer on tricky and generated input.
"""

import phonenumbers
import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from ally.people.contact import _parse_plain_local, is_valid_email, is_valid_number, normalise_phone

# Regions with unusual dialling: national prefixes that are patterns (AR, BR, JP), a shared country
# code (US/CA, RU/KZ), an IDD that looks like a national number (AU, RU), leading zeros kept (IT).
REGIONS = ["US", "CA", "GB", "DE", "FR", "IT", "AR", "BR", "MX", "JP", "AU", "RU", "KZ", "IN", "CH", "NL", "SM",
           "VA", "CI", "GA", "BS"]


def full_check(raw: str, region: str) -> str:
    """The E.164 number or the error text, the slow way: phonenumbers.parse on every input."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return f"error: '{raw}' is not a phone number"
    if not phonenumbers.is_valid_number(number):
        return f"error: '{raw}' is not a valid phone number"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def fast_check(raw: str, region: str) -> str:
    try:
        return normalise_phone(raw, region)
    except ValueError as exc:
        return f"error: {exc}"


def django_accepts(address: str) -> bool:
    try:
        validate_email(address)
    except DjangoValidationError:
        return False
    return True


local_numbers = st.lists(
    st.tuples(st.sampled_from(["", " ", "-", ".", "(", ")", ") ", " - "]),
              st.text(alphabet="0123456789", min_size=1, max_size=5)),
    min_size=1, max_size=5,
).map(lambda parts: "".join(sep + digits for sep, digits in parts).strip())


@pytest.mark.parametrize("raw, region", [
    ("(212) 555-0199", "US"), ("212.555.0199", "US"), ("1 212 555 0199", "US"), ("011 44 20 7946 0958", "US"),
    ("(112) 555-0199", "US"), ("020 7946 0958", "GB"), ("20 7946 0958", "GB"), ("06 12 34 56 78", "FR"),
    ("030 1234567", "DE"), ("02 1234 5678", "IT"), ("0039 02 1234 5678", "IT"), ("312 345 6789", "IT"),
    ("011 15 2345-6789", "AR"), ("8 912 345 67 89", "RU"), ("912 345 67 89", "RU"), ("0011 61 2 1234 5678", "AU"),
    ("12", "US"), ("1-2", "US"), ("000", "US"), ("(416) 555-0123", "US"), ("416 555 0123", "CA"),
    ("90 11 98765 4321", "BR"), ("03-1234-5678", "JP"), ("1" * 18, "US"), ("2" + " " * 260 + "125550199", "US"),
])
def test_tricky_numbers_normalise_as_phonenumbers_parses_them(raw, region):
    assert fast_check(raw, region) == full_check(raw, region)


@settings(max_examples=600, deadline=None)
@given(raw=local_numbers, region=st.sampled_from(REGIONS))
def test_locally_written_numbers_normalise_as_phonenumbers_parses_them(raw, region):
    assert fast_check(raw, region) == full_check(raw, region)


@settings(max_examples=300, deadline=None)
@given(raw=st.text(alphabet="0123456789 +()-.x#*/٣", max_size=20), region=st.sampled_from(REGIONS))
def test_any_short_text_normalises_as_phonenumbers_parses_it(raw, region):
    raw = raw.strip()
    if raw:
        assert fast_check(raw, region) == full_check(raw, region)


@settings(max_examples=400, deadline=None)
@given(raw=local_numbers, region=st.sampled_from(REGIONS))
def test_the_shortcut_builds_the_same_number_as_phonenumbers_parse(raw, region):
    number = _parse_plain_local(raw, region)
    if number is not None:
        assert number == phonenumbers.parse(raw, region)


def test_the_shortcut_is_taken_for_ordinary_local_numbers():
    # given numbers written as people write them at home
    # then no full parse is needed (the speed of big imports depends on it)
    assert _parse_plain_local("(212) 555-0199", "US") is not None
    assert _parse_plain_local("7946 0958", "GB") is not None
    assert _parse_plain_local("+44 20 7946 0958", "GB") is None


@pytest.mark.parametrize("address", [
    "carla@example.com", "o'brien+tag@example.co.uk", "a.b@sub.example.org", "a..b@example.com", ".a@example.com",
    "a@localhost", "a@[127.0.0.1]", "a@[::1]", "a@[999.1.1.1]", "a@example", "a@-example.com", "a@example-.com",
    '"john doe"@example.com', "a@b@example.com", "a@exa_mple.com", "ü@example.com", "a@exämple.com",
    "a@example.com.", "a" * 64 + "@" + "b" * 250 + ".com", "x@" + "a" * 63 + ".com", "x@" + "a" * 64 + ".com",
    "a@example.c0m", "a@example.123", "a@xn--bcher-kva.ch", "a @example.com", "", "@", "a@",
])
def test_tricky_addresses_are_judged_as_django_judges_them(address):
    assert is_valid_email(address) == django_accepts(address)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.emails(), st.text(alphabet="ab.-_+@[]:1ü\"' ", max_size=30)))
def test_generated_addresses_are_judged_as_django_judges_them(address):
    assert is_valid_email(address) == django_accepts(address)


# Country codes shared by many regions (1, 7, 44, 47, 61, 212, 262, 290, 358, 590, 599), single-region
# ones, one kept outside regions (800), and ones that do not exist (0, 999).
COUNTRY_CODES = [1, 7, 33, 39, 44, 47, 49, 54, 55, 61, 81, 212, 262, 290, 358, 590, 599, 800, 0, 999]


@settings(max_examples=1500, deadline=None)
@given(country_code=st.sampled_from(COUNTRY_CODES), national=st.text(alphabet="0123456789", min_size=2, max_size=17))
def test_validity_is_decided_as_phonenumbers_decides_it(country_code, national):
    number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(national))
    if national[0] == "0":
        number.italian_leading_zero = True
        number.number_of_leading_zeros = min(len(national) - len(national.lstrip("0")), len(national) - 1)
    assert is_valid_number(number) == phonenumbers.is_valid_number(number)


@pytest.mark.parametrize("region", sorted(phonenumbers.SUPPORTED_REGIONS))
def test_every_regions_example_numbers_are_judged_as_phonenumbers_judges_them(region):
    # given each kind of example number of the region, and the same number one digit longer and shorter
    for kind in range(12):
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            continue
        national = phonenumbers.national_significant_number(example)
        for digits in (national, national + "1", national[:-1] or "1"):
            number = phonenumbers.parse(f"+{example.country_code}{digits}")
            # then the fast check agrees with libphonenumber
            assert is_valid_number(number) == phonenumbers.is_valid_number(number), (region, kind, digits)
