"""Reading purchase spreadsheets: dates, amounts, columns."""

import datetime as dt

import pytest

from ally.ownership.importing import ImportFileError, parse_amount, parse_day, read_purchases_csv


@pytest.mark.parametrize("text, month_first, day", [
    ("2025-03-14", False, dt.date(2025, 3, 14)), ("20250314", False, dt.date(2025, 3, 14)),
    ("2025-03-14T10:30:00", False, dt.date(2025, 3, 14)), ("14/03/2025", False, dt.date(2025, 3, 14)),
    ("03/04/2025", True, dt.date(2025, 3, 4)), ("03/04/2025", False, dt.date(2025, 4, 3)),
    ("14.03.2025", True, dt.date(2025, 3, 14)),
])
def test_dates_in_the_usual_spreadsheet_forms(text, month_first, day):
    assert parse_day(text, month_first=month_first) == day


@pytest.mark.parametrize("text", ["yesterday", "31/02/2025", "2025-13-01"])
def test_a_bad_date_names_itself(text):
    with pytest.raises(ValueError, match=f"'{text}' is not a date"):
        parse_day(text, month_first=False)


@pytest.mark.parametrize("text, amount", [
    ("1200", "1200"), ("$1,200.50", "1200.50"), ("12,50", "12.50"), ("€ 1 200,00", "1200.00"),
    ("1,200", "1200"), ("1.200,50", "1200.50"), ("€1.234.567,89", "1234567.89"), ("-4", "-4"), ("abc", "abc"),
])
def test_amounts_lose_their_symbols_and_separators(text, amount):
    assert parse_amount(text) == amount


def test_a_semicolon_file_with_a_bom_is_read():
    rows, warnings = read_purchases_csv("\ufeffE-mail;Date;Total;Channel\nA@x.com;2025-01-02;5;web\n".encode())
    assert rows[0].values == {"email": "A@x.com", "purchased_on": "2025-01-02", "amount": "5"}
    assert warnings == ["columns ignored: Channel"]


def test_a_file_without_who_bought_is_refused():
    with pytest.raises(ImportFileError, match="no column for email, person_id or name"):
        read_purchases_csv(b"Date,Amount\n2025-01-01,3\n")
