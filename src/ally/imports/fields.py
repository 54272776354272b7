"""Turning one spreadsheet row's texts into person fields: names joined, lists split, birthdays read.

Pure Python. Whether the result is a valid person (email syntax, phone numbers, a day that exists)
is decided afterwards by the same rules as `person_create` (`ally.people.validation.clean_person`).
"""

import re

from ally.imports.csv_reader import SourceRow
from ally.people.importable import IMPORTABLE_FIELDS

# A cell may hold several values: "a@x.com; b@y.com", Google's "a ::: b", tags "vip, golf".
LIST_SPLIT = re.compile(r"\s*(?::::|[;,|\n])\s*")
# Regions whose people write 03/04 for the 4th of March; elsewhere it is the 3rd of April.
MONTH_FIRST_REGIONS = {"US", "CA", "PH"}
MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
NO_YEAR = re.compile(r"(?:--)?(\d{1,2})[-/.](\d{1,2})")
NUMERIC_DATE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
WORDS_DATE = re.compile(r"(?:(\d{1,2})\s+([a-z]+)|([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?)\.?,?(?:\s+(\d{4}))?")


class RowError(ValueError):
    """A row's cell that cannot be read as its field; the row is reported, the import goes on."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


# Google Contacts' own groups, which every contact is in ("* myContacts") or which are a star, not a label;
# its other "* " groups (* Friends, * Family, * Coworkers) are kept as tags without the star.
GOOGLE_SYSTEM_GROUPS = {"mycontacts", "starred", "othercontacts", "allcontacts"}
# Outlook writes an empty birthday as 0/0/00 (and 00/00/0000 in some versions).
EMPTY_DATE = re.compile(r"0{1,2}[/.-]0{1,2}[/.-]0{2,4}")
ADDRESS_KEYS = ("street", "locality", "region", "postal_code", "country", "po_box", "extended")


def split_list(values: list[str]) -> list[str]:
    return [part for value in values if value for part in LIST_SPLIT.split(value) if part]


def tag_list(values: list[str]) -> list[str]:
    """Tags from their cells, without Google's system groups ("* myContacts", "* starred")."""
    tags = []
    for tag in split_list(values):
        if tag.startswith("*"):
            tag = tag.lstrip("* ").strip()
            if tag.replace(" ", "").lower() in GOOGLE_SYSTEM_GROUPS:
                continue
        if tag:
            tags.append(tag)
    return tags


def parse_birthday(text: str, *, month_first: bool) -> tuple[int, int, int | None]:
    """(month, day, year or None) from the ways people write birthdays; the day's existence is checked later."""
    value = text.strip().lower()
    if match := ISO_DATE.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
        return month, day, year
    if match := NUMERIC_DATE.fullmatch(value):
        first, separator, second, year = match.groups()
        # Dotted dates (31.12.1980) are day-first everywhere.
        if separator == "." or not month_first:
            return int(second), int(first), int(year)
        return int(first), int(second), int(year)
    if match := NO_YEAR.fullmatch(value):
        first, second = (int(g) for g in match.groups())
        # MM-DD (and vCard's --MM-DD) is Ally's own spelling; 04.03 is day-first; 03/04 depends on the region.
        if "-" in value or ("." not in value and month_first):
            return first, second, None
        return second, first, None
    if (match := WORDS_DATE.fullmatch(value)) and (match.group(2) or match.group(3)) in MONTHS:
        day = match.group(1) or match.group(4)
        month = MONTHS[match.group(2) or match.group(3)]
        return month, int(day), int(match.group(5)) if match.group(5) else None
    raise RowError("birthday", f"'{text}' is not a date")


def _name(row: SourceRow) -> str:
    name = row.first("name")
    if name:
        return name
    return " ".join(part for part in (row.first("first_name"), row.first("middle_name"), row.first("last_name"))
                    if part)


def _how_we_met(row: SourceRow, linkedin: bool) -> str:
    if how_we_met := row.first("how_we_met"):
        return how_we_met
    connected, url = row.first("connected_on"), row.first("profile_url")
    if not (connected or url):
        return ""
    where = "LinkedIn connection" if linkedin else "Connected"
    since = f" since {connected}" if connected else ""
    return f"{where}{since}" + (f" ({url})" if url else "")


def person_fields(row: SourceRow, *, month_first: bool, linkedin: bool = False) -> tuple[dict, str]:
    """The row as `person_create` keyword arguments (without the organization) and the organization's name.

    The people app's importable fields are read as declared (the first cell, or every cell joined by
    lines; a blank number is "not given"); "how we met" falls back on a connections export's columns.
    """
    values, first = row.values, row.first
    data = {
        "name": _name(row),
        "emails": split_list(values.get("email", ())),  # split_list skips empty cells itself
        "phones": split_list(values.get("phone", ())),
        "tags": tag_list(values.get("tags", ())),
    }
    for f in IMPORTABLE_FIELDS:
        text = "\n".join(row.all(f.name)) if f.joined else first(f.name)
        if text or not f.integer:
            data[f.name] = text
    data["how_we_met"] = _how_we_met(row, linkedin)
    if (birthday := first("birthday")) and not EMPTY_DATE.fullmatch(birthday):
        month, day, year = parse_birthday(birthday, month_first=month_first)
        data.update(birthday_month=month, birthday_day=day, birthday_year=year)
    return data, " ".join(first("organization").split())


def _grouped(row: SourceRow, prefix: str) -> dict[str, dict[str, str]]:
    """{"1": {"street": ..., "locality": ...}} from the row's "<prefix>.<which>.<part>" fields, in column order."""
    groups: dict[str, dict[str, str]] = {}
    for name, cells in row.values.items():
        if name.startswith(prefix + "."):
            _prefix, which, part = name.split(".", 2)
            text = "\n".join(c for c in cells if c)
            if text:
                group = groups.setdefault(which, {})
                group[part] = f"{group[part]}\n{text}" if group.get(part) else text
    return groups


def _address(which: str, parts: dict[str, str]) -> dict | None:
    """One postal address as the person's address card keeps it; None when it has nothing but a label."""
    label = parts.get("label", "")
    if not label and not which.isdigit():
        label = which  # Outlook's Business, Home, Other
    text = parts.get("text") or "\n".join(
        line for line in (parts.get("street", ""), parts.get("po_box", ""), " ".join(
            p for p in (parts.get("postal_code", ""), parts.get("locality", ""), parts.get("region", "")) if p),
            parts.get("country", "")) if line)
    if not text:
        return None
    kinds = [label.lower()] if label.lower() in ("home", "work", "business", "other") else []
    return {"text": text, **{k: parts.get(k, "") for k in ADDRESS_KEYS}, "types": kinds,
            "label": label if not kinds else ""}


def contact_extras(row: SourceRow) -> dict:
    """What a row says that a person has no field for: nickname, department, postal addresses and websites
    (the address card keeps them). Empty keys are left out."""
    extras: dict = {}
    if nickname := row.first("nickname"):
        extras["nickname"] = nickname[:200]
    if department := row.first("department"):
        extras["department"] = department[:200]
    addresses = [{"text": text, **dict.fromkeys(ADDRESS_KEYS, ""), "types": [], "label": ""}
                 for text in row.all("address")]
    addresses += [a for which, parts in _grouped(row, "address").items() if (a := _address(which, parts))]
    if addresses:
        extras["addresses"] = addresses
    urls = [{"value": value, "types": [], "label": ""} for value in row.all("website")]
    for which, parts in _grouped(row, "website").items():
        label = parts.get("label", "") if which.isdigit() else which
        urls += [{"value": value, "types": [], "label": label} for value in split_list([parts.get("value", "")])]
    if urls:
        extras["urls"] = urls
    return extras
