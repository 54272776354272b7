"""Spreadsheets as people really export them."""

import pytest

MESSY = (
    "Full Name;E-mail;Phone;Company;Job Title;Birthday;Tags;Notes\n"
    "Carla Client;carla@example.com;(212) 555-0199;Globex;CTO;1980-03-14;vip, golf;Met at the fair\n"
    "Dan Dealer;not-an-email;;Initech;;;;\n"                      # bad email
    ";nobody@example.com;;;;;;\n"                                   # no name
    "Carla Client;CARLA@example.com;;;Chief Technology Officer;;board;\n"  # same email as line 2
    "Erin Early;erin@example.com;12;;;;;\n"                         # bad phone
    "Fay Friendly;;+44 20 7946 0958;Umbrella;;02-30;;\n"            # a day that does not exist
    "Gus Good;gus@example.com;;Umbrella;Buyer;;;\n"
    "Gus  Goode;;;umbrella;;;;\n"                                  # close name at the same organization
    "Bob Builder;bob@example.com;+1 212 555 0111;Builders Ltd;;;;\n"   # already in Acme (the cast's Bob)
)


@pytest.fixture
def messy_csv() -> bytes:
    """A semicolon-separated export with bad rows, duplicates, and someone Acme already knows."""
    return MESSY.encode("utf-8")
