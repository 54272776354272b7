"""The pure file reader: encodings, delimiters, preambles and header names."""

import pytest

from ally.imports.csv_reader import CsvError, parse_mapping, read_people_csv

LINKEDIN = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will '
    'only see email addresses for connections who have allowed their connections to see or download their email '
    'address using this setting https://www.linkedin.com/psettings/privacy/email."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "José,Núñez,https://www.linkedin.com/in/jose,jose@example.com,Acme,CEO,05 Mar 2021\n"
    "Anna,Lee,https://www.linkedin.com/in/anna,,Globex,CTO,01 Jan 2020\n"
)


def test_a_linkedin_export_skips_its_preamble_and_is_recognised():
    parsed = read_people_csv(LINKEDIN.encode())
    assert parsed.linkedin and parsed.header_line == 4
    assert [row.line for row in parsed.rows] == [5, 6]
    jose = parsed.rows[0]
    assert (jose.first("first_name"), jose.first("last_name"), jose.first("email"), jose.first("organization"),
            jose.first("title"), jose.first("connected_on")) == ("José", "Núñez", "jose@example.com", "Acme", "CEO",
                                                                 "05 Mar 2021")


def test_utf8_with_a_byte_order_mark_reads_the_first_header():
    parsed = read_people_csv("\ufeffName,Email\nZoë,zoe@example.com\n".encode("utf-8"))
    assert parsed.encoding == "utf-8-sig" and parsed.warnings == []
    assert parsed.rows[0].values == {"name": ["Zoë"], "email": ["zoe@example.com"]}


def test_a_latin1_file_is_read_with_a_warning():
    parsed = read_people_csv("Nom;Prénom;E-mail;Société\nDupré;Amélie;amelie@example.fr;Crème SA\n".encode("cp1252"),
                             parse_mapping(["Nom=last_name", "Prenom=first_name", "Société=organization"]))
    assert parsed.encoding == "cp1252"
    assert parsed.warnings == ["the file is not UTF-8; read it as cp1252, check accented names"]
    assert parsed.rows[0].values == {"last_name": ["Dupré"], "first_name": ["Amélie"],
                                     "email": ["amelie@example.fr"], "organization": ["Crème SA"]}


def test_semicolons_and_tabs_are_recognised_as_delimiters():
    semicolons = read_people_csv(b"Full Name;Email;Company\n\"Smith, John\";john@example.com;Acme\n")
    tabs = read_people_csv(b"Name\tPhone\tTitle\nAda\t+44 20 7946 0958\tCTO\n")
    assert semicolons.delimiter == ";" and semicolons.rows[0].first("name") == "Smith, John"
    assert tabs.delimiter == "\t" and tabs.rows[0].first("phone") == "+44 20 7946 0958"


def test_utf16_from_a_spreadsheet_unicode_export_is_read():
    parsed = read_people_csv("Name\tEmail\nÅsa\tasa@example.se\n".encode("utf-16"))
    assert parsed.rows[0].values == {"name": ["Åsa"], "email": ["asa@example.se"]}


def test_numbered_and_labelled_columns_collect_every_value():
    parsed = read_people_csv(b"Given Name,Family Name,E-mail 1 - Value,E-mail 2 - Value,Mobile Phone,Work Phone,"
                             b"Group Membership\nAda,Lovelace,ada@a.example,ada@b.example,+1 212 555 0101,,vip\n")
    row = parsed.rows[0]
    assert row.all("email") == ["ada@a.example", "ada@b.example"]
    assert row.all("phone") == ["+1 212 555 0101"]
    assert row.first("tags") == "vip"


def test_unknown_columns_are_reported_and_can_be_mapped_or_ignored():
    data = b"Name,Email,Shoe size,Hobby\nAda,ada@example.com,38,chess\n"
    plain = read_people_csv(data)
    mapped = read_people_csv(data, parse_mapping(["Hobby=notes", "shoe size=ignore"]))
    assert plain.ignored == ["Shoe size", "Hobby"]
    assert mapped.ignored == [] and mapped.rows[0].first("notes") == "chess"


def test_a_quoted_cell_spanning_lines_keeps_the_line_numbers_true():
    parsed = read_people_csv(b'Name,Notes\nAda,"line one\nline two"\nBob,short\n')
    assert [(row.line, row.first("notes")) for row in parsed.rows] == [(2, "line one\nline two"), (4, "short")]


def test_blank_rows_are_skipped_and_short_rows_have_empty_cells():
    parsed = read_people_csv(b"Name,Email,Company\r\n\r\n,,\r\nAda\r\n")
    assert [(row.line, row.values) for row in parsed.rows] == [(4, {"name": ["Ada"]})]


def test_a_file_without_a_recognisable_header_is_refused():
    with pytest.raises(CsvError, match="no header row recognised"):
        read_people_csv(b"foo,bar\n1,2\n")


def test_a_file_without_a_name_column_warns():
    assert read_people_csv(b"Email,Company\na@example.com,Acme\n").warnings == [
        "no name column; map one with --map COLUMN=name"]


@pytest.mark.parametrize("pair, message", [
    ("Hobby", "--map 'Hobby' is not COLUMN=FIELD"),
    ("Hobby=shoe", "'shoe' is not a field"),
])
def test_a_bad_mapping_names_the_problem(pair, message):
    with pytest.raises(CsvError, match=message):
        parse_mapping([pair])
