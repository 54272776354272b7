"""The import's fast email check says exactly what Django's full check says.

`ally.people.contact.is_valid_email` answers ordinary addresses with Django's own patterns compiled
once, and asks validate_email about everything else; these tests hold it to validate_email.
Phone numbers go through phonenumbers itself (cached per raw text), so they need no such test.
"""

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from ally.people.contact import is_valid_email


def django_accepts(address: str) -> bool:
    try:
        validate_email(address)
    except DjangoValidationError:
        return False
    return True


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
