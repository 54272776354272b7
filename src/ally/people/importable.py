"""What importers may bring into a person, declared once: the fields, their headers, and a person as an import sees them.

Pure Python (no Django), so the importers' pure cores (`ally.imports.csv_reader`, `ally.imports.matching`)
read it too. Adding a plain field to Person that spreadsheets should fill takes one `ImportableField` here
(besides the model, its migration, `validation.clean_person` and the docs): the CSV header it is read
from, the export's column, what an existing person gains from it, the bulk upsert's columns and the
`PersonRecord` attribute all follow from this tuple.

Name, organization, birthday, emails, phones and tags have rules of their own (joined names, found or
created organizations, a date in three columns, lists) and are not in it.
"""

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field, make_dataclass


@dataclass(frozen=True)
class ImportableField:
    """A plain Person field an import may fill.

    `name` is the Person attribute (and the `--map` field name); `label` the export's column header
    (which imports back); `headers` the other header keys the CSV import recognises, compared
    lower-cased without accents, spaces or punctuation (`header_key`); `report` how an import's report
    names it ("kept title 'CTO' (file: ...)"); `integer` for a number (a blank cell then means "not
    given"); `joined` when several columns mapped to it are joined by lines instead of the first one
    winning.
    """

    name: str
    label: str
    headers: frozenset[str] = frozenset()
    report: str = ""
    integer: bool = False
    joined: bool = False

    @property
    def empty(self):
        return None if self.integer else ""

    @property
    def report_label(self) -> str:
        return self.report or self.label.lower()


IMPORTABLE_FIELDS: tuple[ImportableField, ...] = (
    ImportableField("title", "Title", frozenset({"title", "jobtitle", "position", "role", "organization1title", "organizationtitle"})),
    ImportableField("cadence_days", "Cadence days", frozenset({"cadence", "cadencedays", "keepintouchdays"}),
                    report="cadence", integer=True),
    ImportableField("how_we_met", "How we met", frozenset({"howwemet", "source", "leadsource"})),
    ImportableField("notes", "Notes", frozenset({"notes", "note", "comments", "comment", "description"}),
                    joined=True),
)
IMPORTABLE_NAMES = tuple(f.name for f in IMPORTABLE_FIELDS)


_ASCII_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=65536)  # each row's name is keyed by find(), then by its record or merge()
def name_key(name: str) -> str:
    """A name as matching compares it: lower-cased, accents and punctuation gone ("José Núñez" = "jose nunez")."""
    if name.isascii():  # no accents to strip: the same result in one substitution
        return _ASCII_NON_ALNUM.sub(" ", name.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(letters.split())


@functools.lru_cache(maxsize=4096)  # a file names far fewer organizations than people
def org_key(name: str) -> str:
    """An organization's name as imports compare it: case and spacing do not matter."""
    return " ".join(name.casefold().split())


class _RecordBehaviour:
    __slots__ = ()

    def __post_init__(self):
        self.key = name_key(self.name)

    @property
    def dirty(self) -> bool:
        return self.id is None or bool(self.changed or self.added_emails or self.added_phones or self.added_tags)

    def written(self) -> None:
        self.changed, self.added_emails, self.added_phones, self.added_tags = set(), [], [], []


# A person as an import sees them: Ally's values plus what this import has added but not yet written.
# Built from IMPORTABLE_FIELDS so every importable field is an attribute (slots: 100,000 of these are kept
# per import). `changed` names the fields to write for a person Ally knows ("birthday" for the three).
PersonRecord = make_dataclass(
    "PersonRecord",
    [
        ("id", int | None),
        ("name", str),
        ("organization", str, field(default="")),
        ("birthday_month", int | None, field(default=None)),
        ("birthday_day", int | None, field(default=None)),
        ("birthday_year", int | None, field(default=None)),
        *((f.name, int | None if f.integer else str, field(default=f.empty)) for f in IMPORTABLE_FIELDS),
        ("emails", list[str], field(default_factory=list)),
        ("phones", list[str], field(default_factory=list)),
        ("tags", list[str], field(default_factory=list)),
        ("clock_start", dt.datetime | None, field(default=None)),  # last contact, or when the person was added
        ("first_line", int | None, field(default=None)),  # the file line that first created or matched them
        ("changed", set[str], field(default_factory=set)),
        ("added_emails", list[str], field(default_factory=list)),
        ("added_phones", list[str], field(default_factory=list)),
        ("added_tags", list[str], field(default_factory=list)),
        ("key", str, field(default="")),  # name_key(name), computed once: a name never changes during an import
    ],
    bases=(_RecordBehaviour,),
    eq=False,
    slots=True,
)
PersonRecord.__module__ = __name__
