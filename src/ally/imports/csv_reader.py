"""Reading a people spreadsheet: encoding, delimiter, preamble, and which column means what.

Pure Python, no Django: `read_people_csv(data)` turns the file's bytes into `SourceRow`s whose
values are keyed by Ally field (name, email, phone, ...), ready for `ally.imports.fields`.
"""

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from ally.people.importable import IMPORTABLE_FIELDS

# Fields a column can feed: the people app's importable fields, and those with rules of their own here.
# Multi-valued fields collect every column mapped to them.
FIELDS = (
    "name", "first_name", "middle_name", "last_name", "email", "phone", "organization", "birthday", "tags",
    *(f.name for f in IMPORTABLE_FIELDS), "profile_url", "connected_on", "nickname", "department", "address",
    "website", "ignore",
)
# Besides these, an address is read from several columns (Google's "Address 1 - City", Outlook's "Business City"):
# they feed "address.<which>.<part>" fields, and a website with its label "website.<which>.<value|label>".
ADDRESS_PARTS = {"formatted": "text", "street": "street", "street2": "street", "street3": "street",
                 "city": "locality", "pobox": "po_box", "addresspobox": "po_box", "region": "region",
                 "state": "region", "postalcode": "postal_code", "country": "country", "countryregion": "country",
                 "extendedaddress": "extended", "label": "label", "type": "label"}


def header_key(header: str) -> str:
    """'E-mail Address' → 'emailaddress', 'Société' → 'societe': how headers and --map names are compared."""
    folded = unicodedata.normalize("NFKD", header.strip().lower())
    return re.sub(r"[^a-z0-9]", "", "".join(ch for ch in folded if not unicodedata.combining(ch)))


# Header names as found in address-book and CRM exports, compared lower-cased without spaces or punctuation.
ALIASES = {
    "name": {"name", "fullname", "displayname", "contact", "contactname", "person", "personname"},
    "first_name": {"firstname", "first", "givenname", "forename"},
    "middle_name": {"middlename", "additionalname"},
    "last_name": {"lastname", "last", "surname", "familyname"},
    "organization": {"company", "companyname", "organization", "organisation", "org", "employer", "account",
                     "accountname", "organizationname", "organisationname", "organization1name"},
    "nickname": {"nickname", "nick", "shortname"},
    "department": {"department", "organizationdepartment", "organization1department", "dept"},
    "address": {"address", "postaladdress", "fulladdress", "mailingaddress"},
    "website": {"website", "webpage", "web", "homepage", "site"},
    "birthday": {"birthday", "birthdate", "dateofbirth", "dob", "bday"},
    "tags": {"tags", "tag", "labels", "label", "groups", "groupmembership", "categories"},
    # An importable field is recognised by its export label ("Cadence days") and the headers it declares.
    **{f.name: {header_key(f.label), header_key(f.name), *f.headers} for f in IMPORTABLE_FIELDS},
    "profile_url": {"url", "profileurl", "linkedin", "linkedinurl", "profile"},
    "connected_on": {"connectedon"},
    # Ally's own people export carries this for reading; the import leaves it to interactions. The others are
    # columns of the Google and Outlook exports that describe another column or hold nothing Ally keeps.
    "ignore": {"lastcontact", "nameprefix", "namesuffix", "suffix", "fileas", "phoneticfirstname",
               "phoneticmiddlename", "phoneticlastname", "givenyomi", "surnameyomi", "companyyomi", "yominame",
               "givennameyomi", "additionalnameyomi", "familynameyomi", "initials", "emailtype", "emaildisplayname",
               "email2type", "email2displayname", "email3type", "email3displayname", "photo", "gender", "sensitivity",
               "priority", "private", "anniversary", "organization1type", "organization1yominame",
               "organization1symbol", "organization1location", "organization1jobdescription"},
}
# Google's "E-mail 1 - Label"/"Phone 2 - Type": the kind of the value next to it, which Ally does not keep.
POINT_LABEL_RE = re.compile(r"^(email|phone|relation|customfield|event|im|externalid)\d*(label|type)$")
GOOGLE_ADDRESS_RE = re.compile(r"^address(\d+)(formatted|street|city|pobox|region|postalcode|country|"
                               r"extendedaddress|label|type)$")
OUTLOOK_ADDRESS_RE = re.compile(r"^(business|home|other)(street|street2|street3|city|state|postalcode|countryregion|"
                                r"addresspobox)$")
GOOGLE_WEBSITE_RE = re.compile(r"^website(\d+)(value|label|type)$")
OUTLOOK_WEBSITES = {"personalwebpage": "personal", "businesswebpage": "work"}
# Numbered and labelled variants: "Email 2", "E-mail 1 - Value", "Work Email", "Mobile Phone", "Phone 1 - Value".
EMAIL_RE = re.compile(r"^(work|home|personal|primary|other|business)?(email|mail)(address)?\d*(value|address)?$")
PHONE_RE = re.compile(r"^(work|home|personal|primary|other|business|mobile|cell|car)?"
                      r"(phone|phonenumber|telephone|tel|mobile|cell|mobilephone|cellphone)\d*(value|number)?$")
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_LINES = 30


class CsvError(ValueError):
    """The file as a whole cannot be read (no recognisable header, an unknown field in a mapping)."""


@dataclass
class SourceRow:
    """One data row: its line in the file and the raw texts per Ally field."""

    line: int
    values: dict[str, list[str]]

    def first(self, name: str) -> str:
        for value in self.values.get(name, ()):
            if value:
                return value
        return ""

    def all(self, name: str) -> list[str]:
        return [v for v in self.values.get(name, []) if v]


@dataclass
class CsvFile:
    """What was understood about a file, and its rows."""

    rows: list[SourceRow]
    columns: dict[str, str]  # header → field, as used
    ignored: list[str]
    encoding: str
    delimiter: str
    header_line: int
    linkedin: bool
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """The file's text, the encoding used, and a warning when it had to be guessed."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding), encoding, []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    # Spreadsheets saved on Windows are usually cp1252; latin-1 reads any byte, so it is the last resort.
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, encoding, [f"the file is not UTF-8; read it as {encoding}, check accented names"]
    raise AssertionError("unreachable: latin-1 decodes every byte")


def field_for(header: str) -> str | None:
    key = header_key(header)
    for name, aliases in ALIASES.items():
        if key in aliases:
            return name
    if EMAIL_RE.match(key):
        return "email"
    if PHONE_RE.match(key):
        return "phone"
    if POINT_LABEL_RE.match(key):
        return "ignore"
    if match := GOOGLE_ADDRESS_RE.match(key):
        return f"address.{match.group(1)}.{ADDRESS_PARTS[match.group(2)]}"
    if match := OUTLOOK_ADDRESS_RE.match(key):
        return f"address.{match.group(1)}.{ADDRESS_PARTS[match.group(2)]}"
    if match := GOOGLE_WEBSITE_RE.match(key):
        return f"website.{match.group(1)}.{'value' if match.group(2) == 'value' else 'label'}"
    if key in OUTLOOK_WEBSITES:
        return f"website.{OUTLOOK_WEBSITES[key]}.value"
    return None


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """`COLUMN=FIELD` options as {column header key: field}; an unknown field is an error naming it."""
    mapping = {}
    for pair in pairs or []:
        column, sep, target = pair.partition("=")
        target = target.strip().lower().replace("-", "_")
        if not sep or not column.strip():
            raise CsvError(f"--map '{pair}' is not COLUMN=FIELD")
        if target not in FIELDS:
            raise CsvError(f"--map '{pair}': '{target}' is not a field; fields: {', '.join(FIELDS)}")
        mapping[header_key(column)] = target
    return mapping


def _columns(cells: list[str], mapping: dict[str, str]) -> list[str | None]:
    columns = [mapping.get(header_key(cell)) or field_for(cell) for cell in cells]
    keys = [header_key(cell) for cell in cells]
    if "jobtitle" in keys:
        # Outlook writes the name's prefix (Mr., Dr.) as "Title" and the job as "Job Title".
        columns = ["ignore" if key == "title" and header_key(cell) not in mapping else column
                   for key, cell, column in zip(keys, cells, columns)]
    return columns


def _find_header(lines: list[str], mapping: dict[str, str]) -> tuple[int, str, list[str]]:
    """The first line (and its delimiter) where at least two cells are recognised columns."""
    for number, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if not line.strip():
            continue
        best = None
        for delimiter in DELIMITERS:
            cells = next(csv.reader([line], delimiter=delimiter))
            known = sum(1 for c in _columns(cells, mapping) if c and c != "ignore")
            if known >= 2 and (best is None or known > best[0]):
                best = (known, delimiter, cells)
        if best is not None:
            return number, best[1], best[2]
    first = next((line for line in lines if line.strip()), "")
    raise CsvError(f"no header row recognised (first line: '{first[:80]}'); "
                   "name the columns with --map COLUMN=FIELD")


def _records(reader, starting_line):
    """The reader's records; a record it cannot read (a cell over the csv module's field limit, 131,072
    characters) stops the file with one line naming where that record starts, not a traceback."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problem = (f"a cell is longer than {csv.field_size_limit():,} characters"
                       if "field larger than field limit" in str(exc) else str(exc))
            raise CsvError(f"row starting on line {starting_line()}: {problem}") from None


def read_people_csv(data: bytes, mapping: dict[str, str] | None = None) -> CsvFile:
    """Parse a people CSV (or a LinkedIn Connections.csv) into rows keyed by Ally field."""
    mapping = mapping or {}
    text, encoding, warnings = decode(data)
    # Universal newlines: "\r\n", "\n" and old Mac "\r" files all count lines the same way.
    lines = io.StringIO(text, newline=None).readlines()
    header_index, delimiter, header = _find_header(lines, mapping)
    columns = _columns(header, mapping)
    used = {h.strip(): c for h, c in zip(header, columns) if c and c != "ignore"}
    ignored = [h.strip() for h, c in zip(header, columns) if not c and h.strip()]
    if "name" not in used.values() and not {"first_name", "last_name"} & set(used.values()):
        warnings.append("no name column; map one with --map COLUMN=name")
    reader = csv.reader(io.StringIO("".join(lines[header_index + 1:])), delimiter=delimiter)
    wanted = [(i, column) for i, column in enumerate(columns) if column and column != "ignore"]
    rows, previous_end = [], header_index + 1
    for cells in _records(reader, lambda: previous_end + 1):
        line = previous_end + 1  # the file line where this record starts (a quoted cell may span lines)
        previous_end = header_index + 1 + reader.line_num
        if not "".join(cells).strip():
            continue
        values: dict[str, list[str]] = {}
        for i, column in wanted:
            if i < len(cells):
                if column in values:
                    values[column].append(cells[i].strip())
                else:
                    values[column] = [cells[i].strip()]
        rows.append(SourceRow(line=line, values=values))
    return CsvFile(rows=rows, columns=used, ignored=ignored, encoding=encoding, delimiter=delimiter,
                   header_line=header_index + 1, linkedin=[h.strip() for h in header] == LINKEDIN_HEADER,
                   warnings=warnings)


def read_columns(data: bytes, mapping: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The header's columns in file order, each with the field it feeds ("ignore" when none), as
    `read_people_csv` would read them with `mapping`: what a page shows so the user can change it."""
    mapping = mapping or {}
    text, _encoding, _warnings = decode(data)
    lines = io.StringIO(text, newline=None).readlines()
    try:
        _index, _delimiter, header = _find_header(lines, mapping)
    except CsvError:
        # No recognised header: offer the first line's cells, for the user to say what each one is.
        first = next((line for line in lines[:HEADER_SEARCH_LINES] if line.strip()), "")
        delimiter = max(DELIMITERS, key=first.count)
        header = next(csv.reader([first], delimiter=delimiter), [])
    return [(cell.strip(), column or "ignore") for cell, column in zip(header, _columns(header, mapping))
            if cell.strip()]
