"""Is this row someone Ally already knows, and what does it add to them? Pure Python (+ rapidfuzz).

A row matches an existing person (or an earlier row of the same file), checking in this order:

1. the same email address (lower-cased);
2. the same phone number (E.164, normalised with the workspace's phone region);
3. the same organization (case-insensitive) and a close name: rapidfuzz ``token_sort_ratio >= 90`` on
   names lower-cased, with accents and punctuation removed, so word order does not matter
   ("Smith, John" = "John Smith"; "Jon Smith" ~ "John Smith" scores 95; "Anna Lee" vs "Anne Lee"
   scores 88 and stays two people). Without an organization on either side the names must be
   equal after that normalisation: a name alone is weak evidence. A name never matches when both
   sides have email addresses and none in common ("Conc Person 00150" with its own address is
   someone new, however close its name).

A match never overwrites what Ally has. Empty fields are filled; new emails, phones and tags are
added (unless that address or number already belongs to someone else); a differing non-empty
value is kept and reported as a conflict for the row. The name is never changed.
"""

import functools
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ally.people.importable import IMPORTABLE_FIELDS, PersonRecord, name_key, org_key

__all__ = ["ImportReport", "PeopleIndex", "PersonRecord", "name_key", "org_key", "sorted_words"]

NAME_THRESHOLD = 90
# What a match fills when the person lacks it, and how a conflict names it: the people app's importable fields.
FILLABLE = {f.name: f.report_label for f in IMPORTABLE_FIELDS}


def _may_share_a_person(record: "PersonRecord", emails) -> bool:
    """A name is never enough against email addresses: a row and a person who both have addresses, and
    none in common (a shared one would have matched first), are two people however alike their names."""
    return not (emails and record.emails)


@functools.lru_cache(maxsize=65536)  # find() and add() both need it for every new person
def sorted_words(key: str) -> str:
    """A name key with its words in order, so rapidfuzz's plain ratio on two of them is token_sort_ratio."""
    return " ".join(sorted(key.split()))


def forget_cached_keys() -> None:
    """Empty the caches of name and organization keys (benchmarks time cold imports)."""
    for cached in (name_key, sorted_words, org_key):
        cached.cache_clear()


@dataclass
class _Bucket:
    """People of one organization: exact name keys, and the list fuzzy matching scans."""

    exact: dict[str, PersonRecord] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  # sorted_words(name key), in the order of records
    records: list[PersonRecord] = field(default_factory=list)


@dataclass
class Merge:
    changes: list[str]
    conflicts: list[str]


def _short(value) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


class PeopleIndex:
    """Lookups built once per import: email → person, phone → person, organization → names."""

    def __init__(self, records=()):
        self.by_email: dict[str, PersonRecord] = {}
        self.by_phone: dict[str, PersonRecord] = {}
        self.by_org: dict[str, _Bucket] = {}
        for record in records:
            self.add(record)

    def add(self, record: PersonRecord) -> None:
        for email in record.emails:
            self.by_email.setdefault(email, record)
        for phone in record.phones:
            self.by_phone.setdefault(phone, record)
        self._add_name(record)

    def _add_name(self, record: PersonRecord) -> None:
        bucket = self.by_org.setdefault(org_key(record.organization), _Bucket())
        bucket.exact.setdefault(record.key, record)
        bucket.keys.append(sorted_words(record.key))
        bucket.records.append(record)

    def find(self, *, name: str, organization: str, emails, phones) -> tuple[PersonRecord | None, str]:
        """The person this row is about, and why we think so; (None, "") for someone new."""
        for email in emails:
            if email in self.by_email:
                return self.by_email[email], f"email {email}"
        for phone in phones:
            if phone in self.by_phone:
                return self.by_phone[phone], f"phone {phone}"
        bucket = self.by_org.get(org_key(organization))
        if bucket is None:
            return None, ""
        key = name_key(name)
        exact = bucket.exact.get(key)
        if exact is not None and _may_share_a_person(exact, emails):
            return exact, "name" + (f" at {organization}" if organization else "")
        if organization:
            # token_sort_ratio is ratio on words sorted: the bucket keeps its names sorted once, not per row.
            for _, _, index in process.extract(sorted_words(key), bucket.keys, scorer=fuzz.ratio, processor=None,
                                               score_cutoff=NAME_THRESHOLD, limit=None):
                if _may_share_a_person(bucket.records[index], emails):
                    return bucket.records[index], f"similar name at {organization}"
        return None, ""

    def merge(self, record: PersonRecord, *, clean: dict, organization: str) -> Merge:
        """Add what the row knows and the person lacks; report what differs instead of overwriting it."""
        changes, conflicts = [], []
        if name_key(clean["name"]) != record.key:
            conflicts.append(f"kept name '{record.name}' (file: '{_short(clean['name'])}')")
        if organization:
            if not record.organization:
                record.organization = organization
                record.changed.add("organization")
                changes.append("organization")
                self._add_name(record)
            elif org_key(organization) != org_key(record.organization):
                conflicts.append(f"kept organization '{record.organization}' (file: '{_short(organization)}')")
        for name, label in FILLABLE.items():
            new, old = clean.get(name), getattr(record, name)
            if new in (None, ""):
                continue
            if old in (None, ""):
                setattr(record, name, new)
                record.changed.add(name)
                changes.append(label)
            elif old != new:
                conflicts.append(f"kept {label} '{_short(old)}' (file: '{_short(new)}')")
        self._merge_birthday(record, clean, changes, conflicts)
        self._merge_contacts(record, clean.get("emails", []), record.emails, record.added_emails, self.by_email,
                             "email", changes, conflicts)
        self._merge_contacts(record, clean.get("phones", []), record.phones, record.added_phones, self.by_phone,
                             "phone", changes, conflicts)
        for tag in clean.get("tags", []):
            if tag not in record.tags:
                record.tags.append(tag)
                record.added_tags.append(tag)
                changes.append(f"tag {tag}")
        return Merge(changes, conflicts)

    @staticmethod
    def _merge_birthday(record: PersonRecord, clean: dict, changes: list, conflicts: list) -> None:
        if clean.get("birthday_month") is None:
            return
        new = (clean["birthday_month"], clean["birthday_day"], clean.get("birthday_year"))
        if record.birthday_month is None:
            record.birthday_month, record.birthday_day, record.birthday_year = new
        elif (record.birthday_month, record.birthday_day) == new[:2] and new[2] and not record.birthday_year:
            record.birthday_year = new[2]
        elif (record.birthday_month, record.birthday_day) != new[:2] or (new[2] and new[2] != record.birthday_year):
            old = f"{record.birthday_month:02d}-{record.birthday_day:02d}"
            conflicts.append(f"kept birthday {old} (file: {new[0]:02d}-{new[1]:02d})")
            return
        else:
            return
        record.changed.add("birthday")
        changes.append("birthday")

    @staticmethod
    def _merge_contacts(record, values, have: list, added: list, owners: dict, label: str, changes, conflicts):
        for value in values:
            if value in have:
                continue
            owner = owners.get(value)
            if owner is not None and owner is not record:
                conflicts.append(f"{label} {value} belongs to {owner.name}, not added")
                continue
            have.append(value)
            added.append(value)
            owners[value] = record
            changes.append(f"{label} {value}")


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do) with every row, by the row's line in the file."""

    dry_run: bool
    rows: int = 0
    new: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (line, line of the first occurrence)
    invalid: list[tuple[int, str]] = field(default_factory=list)
    conflicts: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run, "rows": self.rows,
            "counts": {"new": len(self.new), "updated": len(self.updated), "unchanged": len(self.unchanged),
                       "duplicate_in_file": len(self.duplicates), "invalid": len(self.invalid),
                       "conflicts": len(self.conflicts)},
            "new": self.new, "updated": self.updated, "unchanged": self.unchanged,
            "duplicate_in_file": [{"line": line, "first_seen_on_line": first} for line, first in self.duplicates],
            "invalid": [{"line": line, "reason": reason} for line, reason in self.invalid],
            "conflicts": [{"line": line, "detail": detail} for line, detail in self.conflicts],
            "warnings": self.warnings,
        }
