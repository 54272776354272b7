"""From a row's texts to person fields (pure)."""

import pytest

from ally.imports.csv_reader import SourceRow
from ally.imports.fields import RowError, parse_birthday, person_fields


@pytest.mark.parametrize("text, month_first, expected", [
    ("1980-03-14", True, (3, 14, 1980)),
    ("1980/3/4", False, (3, 4, 1980)),
    ("03-14", True, (3, 14, None)),
    ("--03-14", False, (3, 14, None)),
    ("03/04/1980", True, (3, 4, 1980)),
    ("03/04/1980", False, (4, 3, 1980)),
    ("14.03.1980", True, (3, 14, 1980)),
    ("14.03", True, (3, 14, None)),
    ("03/04", False, (4, 3, None)),
    ("14 March 1980", True, (3, 14, 1980)),
    ("March 14, 1980", True, (3, 14, 1980)),
    ("Sept 3rd", True, (9, 3, None)),
])
def test_birthdays_are_read_the_ways_people_write_them(text, month_first, expected):
    assert parse_birthday(text, month_first=month_first) == expected


@pytest.mark.parametrize("text", ["soon", "1980", "14 Smarch 1980", "3/4/80"])
def test_an_unreadable_birthday_names_the_field(text):
    with pytest.raises(RowError, match=f"birthday: '{text}' is not a date"):
        parse_birthday(text, month_first=True)


def test_a_row_becomes_person_fields_and_an_organization_name():
    row = SourceRow(line=2, values={
        "first_name": ["Ada"], "last_name": ["Lovelace"], "email": ["ada@a.example; ada@b.example", ""],
        "phone": ["+1 212 555 0101 ::: +1 212 555 0102"], "organization": ["  Analytical   Engines "],
        "tags": ["vip, math|history"], "notes": ["first", "second"], "birthday": ["12-10"], "cadence_days": ["30"],
    })
    data, organization = person_fields(row, month_first=True)
    assert organization == "Analytical Engines"
    assert data == {
        "name": "Ada Lovelace", "emails": ["ada@a.example", "ada@b.example"],
        "phones": ["+1 212 555 0101", "+1 212 555 0102"], "title": "", "tags": ["vip", "math", "history"],
        "notes": "first\nsecond", "how_we_met": "", "cadence_days": "30",
        "birthday_month": 12, "birthday_day": 10, "birthday_year": None,
    }


def test_a_full_name_column_wins_over_name_parts():
    row = SourceRow(line=2, values={"name": ["Ada King"], "first_name": ["Ada"], "last_name": ["Lovelace"]})
    assert person_fields(row, month_first=True)[0]["name"] == "Ada King"


def test_a_linkedin_connection_says_how_we_met():
    row = SourceRow(line=6, values={"first_name": ["Anna"], "last_name": ["Lee"], "connected_on": ["01 Jan 2020"],
                                    "profile_url": ["https://www.linkedin.com/in/anna"]})
    data, _ = person_fields(row, month_first=True, linkedin=True)
    assert data["how_we_met"] == "LinkedIn connection since 01 Jan 2020 (https://www.linkedin.com/in/anna)"
