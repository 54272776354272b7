"""Importing purchases from a spreadsheet (`ally import purchases FILE`).

Each row names who bought (an email, an Ally id, or an exact name), when, how much, in which currency,
and optionally what (an offering of the catalogue, or a description). Rows go through the same rules
as a purchase recorded by hand; a bad row is reported with its line and skipped. A purchase already in
Ally (same person, day, amount, currency and offering) is not recorded twice, so an import that was
interrupted, or the same file imported again, simply resumes. A dry run reports and writes nothing.

The file's encoding and headers are read with the people importer's pieces (`ally.imports.csv_reader`).
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from ally.core.errors import ValidationError
from ally.imports.csv_reader import DELIMITERS, decode, header_key
from ally.imports.fields import MONTH_FIRST_REGIONS

# Header names (compared lower-cased without spaces or punctuation) for each column a purchase reads.
COLUMNS = {
    "email": {"email", "emailaddress", "customeremail", "mail"},
    "person_id": {"personid", "customerid", "allyid", "id"},
    "name": {"name", "person", "customer", "customername", "fullname", "buyer"},
    "purchased_on": {"date", "purchasedon", "purchasedate", "orderdate", "boughton", "day"},
    "amount": {"amount", "total", "price", "value", "revenue", "sum"},
    "currency": {"currency", "currencycode", "cur"},
    "offering": {"offering", "product", "item", "plan", "service"},
    "description": {"description", "what", "details", "notes", "note"},
}
BATCH_SIZE = 500
SYMBOLS = "$€£¥₹"


class ImportFileError(ValueError):
    """The file as a whole cannot be read (no header with the needed columns)."""


@dataclass
class PurchaseRow:
    line: int
    values: dict[str, str]


@dataclass
class PurchaseImportReport:
    """What the import did (or, in a dry run, would do) with every row, by its line in the file."""

    dry_run: bool
    rows: int = 0
    new: list[int] = field(default_factory=list)
    already_recorded: list[int] = field(default_factory=list)
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (line, line of the first occurrence)
    invalid: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run, "rows": self.rows,
            "counts": {"new": len(self.new), "already_recorded": len(self.already_recorded),
                       "duplicate_in_file": len(self.duplicates), "invalid": len(self.invalid)},
            "new": self.new, "already_recorded": self.already_recorded,
            "duplicate_in_file": [{"line": line, "first_seen_on_line": first} for line, first in self.duplicates],
            "invalid": [{"line": line, "reason": reason} for line, reason in self.invalid],
            "warnings": self.warnings,
        }


def _column(header: str) -> str | None:
    key = header_key(header)
    return next((name for name, aliases in COLUMNS.items() if key in aliases), None)


def read_purchases_csv(data: bytes) -> tuple[list[PurchaseRow], list[str]]:
    """The rows of a purchases CSV keyed by column name, and warnings about the file."""
    text, _encoding, warnings = decode(data)
    lines = io.StringIO(text, newline=None).readlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ImportFileError("the file is empty")
    delimiter = max(DELIMITERS, key=lambda d: sum(1 for cell in next(csv.reader([lines[first]], delimiter=d))
                                                   if _column(cell)))
    header = next(csv.reader([lines[first]], delimiter=delimiter))
    columns = [_column(cell) for cell in header]
    found = set(filter(None, columns))
    missing = [name for name in ("purchased_on", "amount") if name not in found]
    if not {"email", "person_id", "name"} & found:
        missing.insert(0, "email, person_id or name")
    if missing:
        raise ImportFileError(f"no column for {', '.join(missing)} (header: {', '.join(h.strip() for h in header)})")
    ignored = [h.strip() for h, c in zip(header, columns) if not c and h.strip()]
    if ignored:
        warnings.append(f"columns ignored: {', '.join(ignored)}")
    rows = []
    reader = csv.reader(io.StringIO("".join(lines[first + 1:])), delimiter=delimiter)
    previous_end = first + 1
    for cells in reader:
        line = previous_end + 1
        previous_end = first + 1 + reader.line_num
        if any(cell.strip() for cell in cells):
            rows.append(PurchaseRow(line=line, values={c: v.strip() for c, v in zip(columns, cells) if c}))
    return rows, warnings


def parse_day(text: str, *, month_first: bool) -> dt.date:
    """ISO (2025-03-14), compact (20250314), or numeric with slashes or dots in the workspace's order."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    if not match:
        raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD)")
    first, second, year = (int(part) for part in match.groups())
    month, day = (first, second) if month_first and first <= 12 or second > 12 else (second, first)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD)") from None


def parse_amount(text: str) -> str:
    """'$1,200.50' → '1200.50', '1.200,50' → '1200.50', '12,50' → '12.50'; anything else is left for the
    purchase's own check."""
    value = text.strip().lstrip(SYMBOLS).strip().replace(" ", "")
    if "," in value and "." in value:
        # Both separators: whichever comes last separates the cents, the other groups thousands.
        thousands = "." if value.rindex(",") > value.rindex(".") else ","
        value = value.replace(thousands, "").replace(",", ".")
    elif re.fullmatch(r"-?\d+,\d{1,2}", value):
        value = value.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+", value):
        value = value.replace(",", "")
    return value


class _People:
    """Finds who a row is about by email, id or exact name, from lookups made once for the whole file."""

    def __init__(self, workspace, rows: list[PurchaseRow]):
        from django.db.models.functions import Lower

        from ally.people.models import Person, PersonEmail

        emails = {r.values.get("email", "").lower() for r in rows} - {""}
        ids = {int(r.values["person_id"].lstrip("#")) for r in rows
               if r.values.get("person_id", "").lstrip("#").isdigit()}
        names = {r.values.get("name", "").lower() for r in rows} - {""}
        self.by_email = dict(PersonEmail.objects.filter(workspace=workspace, address__in=emails)
                             .values_list("address", "person_id"))
        people = Person.objects.filter(workspace=workspace).select_related("organization")
        self.by_id = {p.id: p for p in people.filter(id__in=ids | set(self.by_email.values()))}
        self.by_name: dict[str, list] = {}
        for person in people.annotate(lower_name=Lower("name")).filter(lower_name__in=names) if names else []:
            self.by_name.setdefault(person.lower_name, []).append(person)

    def find(self, values: dict[str, str]):
        email, person_id, name = (values.get(k, "") for k in ("email", "person_id", "name"))
        if email:
            found = self.by_id.get(self.by_email.get(email.lower()))
            if found is None:
                raise ValidationError({"person": f"no one in Ally has the email '{email}'"})
            return found
        if person_id:
            found = self.by_id.get(int(person_id.lstrip("#"))) if person_id.lstrip("#").isdigit() else None
            if found is None:
                raise ValidationError({"person": f"no person #{person_id.lstrip('#')} in this workspace"})
            return found
        matches = self.by_name.get(name.lower(), [])
        if not name:
            raise ValidationError({"person": "the row names no one (email, person id or name)"})
        if not matches:
            raise ValidationError({"person": f"no one in Ally is called '{name}'"})
        if len(matches) > 1:
            raise ValidationError({"person": f"'{name}' matches several people; give an email or an id"})
        return matches[0]


def purchases_import(*, workspace, data: bytes, dry_run: bool = False, default_currency: str = "",
                     batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None,
                     on_start: Callable[[int], None] | None = None, author=None) -> PurchaseImportReport:
    """Import purchases from a CSV file's bytes; see the module's docstring for the rules. Each purchase is
    recorded by purchase_record, so each has its audit entry, attributed to this import."""
    from ally.workspaces.audit import acting, current_actor

    actor = current_actor()
    with acting(user=actor.user, token=actor.token, via="import"):
        return _import_purchases(workspace=workspace, data=data, dry_run=dry_run, default_currency=default_currency,
                                 batch_size=batch_size, progress=progress, on_start=on_start, author=author)


def _import_purchases(*, workspace, data, dry_run, default_currency, batch_size, progress, on_start, author):
    from ally.opportunities.models import Offering
    from ally.ownership.models import Purchase
    from ally.ownership.services import purchase_record
    from ally.ownership.validation import purchase_clean

    try:
        rows, warnings = read_purchases_csv(data)
    except ImportFileError as exc:
        raise ValidationError({"file": str(exc)}) from None
    report = PurchaseImportReport(dry_run=dry_run, rows=len(rows), warnings=warnings)
    if on_start:
        on_start(len(rows))
    people = _People(workspace, rows)
    offerings = {o.name.lower(): o for o in Offering.objects.filter(workspace=workspace)}
    month_first = workspace.phone_region.upper() in MONTH_FIRST_REGIONS
    currency = default_currency or workspace.default_currency
    planned: list[tuple[int, dict]] = []
    for row in rows:
        try:
            planned.append((row.line, _plan(workspace, row, people, offerings, currency, month_first, purchase_clean)))
        except ValidationError as exc:
            report.invalid.append((row.line, str(exc)))
    existing = _existing_keys(Purchase, workspace, [clean for _, clean in planned])
    seen: dict[tuple, int] = {}
    to_write: list[tuple[int, dict]] = []
    for line, clean in planned:
        key = _key(clean)
        if key in seen:
            report.duplicates.append((line, seen[key]))
            continue
        seen[key] = line
        if key in existing:
            report.already_recorded.append(line)
        else:
            report.new.append(line)
            to_write.append((line, clean))
    for start in range(0, len(to_write), batch_size):
        batch = to_write[start:start + batch_size]
        if not dry_run:
            with transaction.atomic():
                for _line, clean in batch:
                    purchase_record(workspace=workspace, author=author, **{
                        k: clean[k] for k in ("person", "amount", "currency", "purchased_on", "offering",
                                              "organization", "description")})
        if progress:
            progress(len(batch))
    return report


def _plan(workspace, row: PurchaseRow, people: _People, offerings: dict, currency: str, month_first: bool,
          purchase_clean) -> dict:
    values = row.values
    errors: dict[str, str] = {}
    person = None
    try:
        person = people.find(values)
    except ValidationError as exc:
        errors.update(exc.errors)
    day = None
    try:
        day = parse_day(values.get("purchased_on", ""), month_first=month_first)
    except ValueError as exc:
        errors["purchased_on"] = str(exc)
    offering = None
    if values.get("offering"):
        offering = offerings.get(values["offering"].lower())
        if offering is None:
            errors["offering"] = f"'{values['offering']}' is not in the catalogue"
    if errors:
        raise ValidationError(errors)
    return purchase_clean(workspace=workspace, person=person, amount=parse_amount(values.get("amount", "")),
                          currency=values.get("currency") or currency, purchased_on=day, offering=offering,
                          description=values.get("description", ""))


def _key(clean: dict) -> tuple:
    """Same person, day, amount, currency and offering: the same purchase."""
    return (clean["person"].id, clean["purchased_on"], clean["amount"], clean["currency"],
            clean["offering"].id if clean["offering"] else None)


def _existing_keys(Purchase, workspace, cleans: list[dict]) -> set[tuple]:
    if not cleans:
        return set()
    days = [c["purchased_on"] for c in cleans]
    rows = Purchase.objects.filter(workspace=workspace, person_id__in={c["person"].id for c in cleans},
                                   purchased_on__gte=min(days), purchased_on__lte=max(days)).values_list(
        "person_id", "purchased_on", "amount", "currency", "offering_id")
    return {(pid, day, Decimal(amount).quantize(Decimal("0.01")), cur, oid) for pid, day, amount, cur, oid in rows}

