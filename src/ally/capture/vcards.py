"""Reading and writing address books: vCard 2.1, 3.0 and 4.0 files with one card or thousands.

Pure Python, no Django. `iter_vcards(source)` streams a file (bytes, text, a path or an open file)
one card at a time and yields a `ContactCard` per card; `read_vcards` collects them with the
warnings. `write_vcards(cards)` writes vCard 4.0 that this module (and vobject) read back.

How the file is read, and why not all of it by vobject:

- The file is split into cards here, line by line, so a 50 MB export with photos never sits in
  memory whole, a broken card cannot take its neighbours down, and every warning can name the
  line it is about. A card cut short by the end of the file (or by the next BEGIN:VCARD) is still
  read, with a warning.
- Each logical line (folding and vCard 2.1 quoted-printable soft breaks undone) is tokenised by
  vobject's `parseLine` (group, name, parameters, value). The values are decoded here, because
  vobject's vCard behaviour is 3.0-only and keeps only the text before the first unescaped comma
  of single-valued properties: `FN:Doe, Jane` would become "Doe", `NOTE:Met at the fair, likes
  golf` "Met at the fair", and a 4.0 `PHOTO:data:image/jpeg;base64,...` "data:image/jpeg;base64".
  Exporters that do not escape commas (Outlook's 2.1, many phones) are common, so text values
  are unescaped, and structured values (N, ADR, ORG) split on unescaped semicolons, here.

What comes out is raw but tidy: emails and phones as written (trimmed, `mailto:`/`tel:` removed),
types lower-cased. Validating and normalising them (lower-cased emails, E.164 phones) is
`ally.people.contact`'s job, done by the service that stores the card.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import codecs
import io
import itertools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from vobject.base import ParseError, parseLine

from ally.imports.fields import RowError, parse_birthday

MAX_PHOTO_BYTES = 5 * 1024 * 1024  # a contact photo bigger than this is someone's holiday picture
# Type words that carry no meaning for Ally: every email is "internet", "pref" becomes `preferred`.
NOISE_TYPES = {"pref", "internet", "x400", "quoted-printable", "base64", "b", "8bit", "7bit"}
# Google adds this group to every contact of "My Contacts": as a tag it says nothing.
NOISE_TAGS = {"mycontacts"}
NEWLINE = re.compile(r"\r\n|\r|\n")
BASE64_LINE = re.compile(r"[A-Za-z0-9+/]+=*")
APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
BDAY = re.compile(r"^(?:(\d{4})|--)-?(\d{2})-?(\d{2})(?:T[\d:+\-.Z]*)?$")
DATA_URI = re.compile(r"^data:([\w.+\-/]*)((?:;[\w\-]+(?:=[^;,]*)?)*?)(;base64)?,(.*)$", re.IGNORECASE | re.DOTALL)
MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"GIF8", "image/gif"),
         (b"BM", "image/bmp"), (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"))


@dataclass(frozen=True)
class CardWarning:
    """Something in one card (or, with `card_index` None, in the file) that was skipped or guessed."""

    card_index: int | None  # 0-based position of the card in the file
    line: int  # 1-based line in the file
    field: str  # "birthday", "photo", "email", "card", ...
    message: str

    def as_dict(self) -> dict:
        return {"card_index": self.card_index, "line": self.line, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class ContactPoint:
    """An email address, phone number or URL, with how the card describes it."""

    value: str
    types: tuple[str, ...] = ()  # lower-cased: ("work",), ("cell", "voice"), ("home", "fax")
    preferred: bool = False
    label: str = ""  # Apple's/Google's custom label (X-ABLabel): "other", "Assistant"


@dataclass(frozen=True)
class PostalAddress:
    """A structured ADR, and the same address on one readable line."""

    text: str
    street: str = ""
    locality: str = ""  # city
    region: str = ""
    postal_code: str = ""
    country: str = ""
    po_box: str = ""
    extended: str = ""
    types: tuple[str, ...] = ()
    preferred: bool = False
    label: str = ""


@dataclass(frozen=True)
class Birthday:
    """A birthday as Ally keeps it: month and day, the year only when the card really gives one."""

    month: int
    day: int
    year: int | None = None


@dataclass(frozen=True)
class Photo:
    """An embedded picture: its bytes and MIME type (image/jpeg, image/png, ...)."""

    data: bytes
    mime_type: str

    def __repr__(self) -> str:  # the bytes are not worth printing in a failing test
        return f"Photo({self.mime_type}, {len(self.data)} bytes)"


@dataclass
class ContactCard:
    """One person (or company) from an address book, in Ally's words."""

    name: str
    given_name: str = ""
    family_name: str = ""
    additional_names: str = ""
    prefix: str = ""
    suffix: str = ""
    nickname: str = ""
    emails: list[ContactPoint] = field(default_factory=list)
    phones: list[ContactPoint] = field(default_factory=list)
    organization: str = ""
    department: str = ""
    title: str = ""
    birthday: Birthday | None = None
    addresses: list[PostalAddress] = field(default_factory=list)
    urls: list[ContactPoint] = field(default_factory=list)
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    photo: Photo | None = None
    photo_url: str = ""  # a photo given by reference (Google exports a URL), not fetched here
    uid: str = ""
    # Where the card came from: not part of what the card says, so not compared.
    version: str = field(default="", compare=False)
    index: int = field(default=0, compare=False)
    line: int = field(default=0, compare=False)
    warnings: list[CardWarning] = field(default_factory=list, compare=False)

    @property
    def email(self) -> str:
        """The preferred email address, else the first; "" when there is none."""
        return _preferred(self.emails)

    @property
    def phone(self) -> str:
        return _preferred(self.phones)

    @property
    def key(self) -> str:
        """A stable key for this card across imports: its UID, else its email, else name and phone."""
        if self.uid:
            return f"uid:{self.uid}"
        if self.email:
            return f"email:{self.email.strip().lower()}"
        return f"name:{' '.join(self.name.lower().split())}|{self.phone}"


@dataclass
class VCardFile:
    """Every card read from a file, and what was skipped or guessed along the way."""

    cards: list[ContactCard]
    warnings: list[CardWarning]
    rejected: list[int]  # indexes of cards with nothing to identify a person by


def _preferred(points: list[ContactPoint]) -> str:
    for point in points:
        if point.preferred:
            return point.value
    return points[0].value if points else ""


# --- reading the file line by line -------------------------------------------------------------

Source = bytes | str | os.PathLike | IO


def _text_lines(source: Source, warnings: list[CardWarning]) -> Iterator[str]:
    """The source's lines without their line endings, decoded: UTF-8, UTF-16 (BOM) or, failing that, cp1252."""
    if isinstance(source, str):
        yield from NEWLINE.split(source)
        return
    if isinstance(source, bytes):
        stream: IO = io.BytesIO(source)
    elif isinstance(source, os.PathLike):
        with open(source, "rb") as opened:
            yield from _text_lines(opened, warnings)
        return
    else:
        stream = source
    first = stream.read(0)
    if isinstance(first, str):  # an open text file
        for line in stream:
            yield line.rstrip("\r\n")
        return
    head = stream.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows' own exports; address books in UTF-16 are small, so reading it whole is fine.
        yield from NEWLINE.split((head + stream.read()).decode("utf-16"))
        return
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    guessed = False
    for raw in itertools.chain((head + stream.readline()).splitlines(keepends=True), stream):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("cp1252", errors="replace")
            if not guessed:
                guessed = True
                warnings.append(CardWarning(None, 0, "file", "the file is not all UTF-8; read those lines as "
                                                             "cp1252, check accented names"))
        yield line.rstrip("\r\n")


@dataclass
class _RawCard:
    index: int
    line: int
    lines: list[tuple[int, str]]  # (file line, text)
    truncated: str = ""  # why the card has no END:VCARD, if it has none


def _raw_cards(lines: Iterable[str]) -> Iterator[_RawCard]:
    current: _RawCard | None = None
    index = 0
    number = 0
    for number, text in enumerate(lines, start=1):
        marker = text.strip().upper()
        if marker == "BEGIN:VCARD":
            if current is not None:
                current.truncated = f"the card has no END:VCARD before the next card (line {number})"
                yield current
                index += 1
            current = _RawCard(index, number, [])
        elif current is None:
            continue  # text between cards: exporters' banners and blank lines
        elif marker == "END:VCARD":
            yield current
            index += 1
            current = None
        else:
            current.lines.append((number, text))
    if current is not None:
        current.truncated = f"the file ends inside this card (line {number}): it may be cut short"
        yield current


def _logical_lines(lines: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Unfold continuation lines (a leading space or tab), quoted-printable soft line breaks, and the
    unindented base64 lines some vCard 2.1 writers put after `PHOTO;ENCODING=BASE64:`."""
    number, pieces, head = 0, [], ""
    for line_number, text in lines:
        if pieces:
            qp = "QUOTED-PRINTABLE" in head and pieces[-1].endswith("=")
            if qp:
                pieces.append("\n" + text)  # the soft break "=\n" is removed by the QP decoder
                continue
            if text[:1] in (" ", "\t"):
                pieces.append(text[1:])
                continue
            if ("BASE64" in head or "ENCODING=B" in head) and BASE64_LINE.fullmatch(text):
                pieces.append(text)
                continue
            yield number, "".join(pieces)
            pieces = []
        if text.strip():
            number, pieces, head = line_number, [text], text.split(":", 1)[0].upper()
    if pieces:
        yield number, "".join(pieces)


# --- decoding values -------------------------------------------------------------------------

UNESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}
ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unescape(text: str) -> str:
    return ESCAPE.sub(lambda m: UNESCAPES.get(m.group(1), "\\" + m.group(1)), text) if "\\" in text else text


def _split(text: str, separator: str) -> list[str]:
    """Split on separators not escaped by a backslash, then unescape each part."""
    parts, current, escaped = [], [], False
    for ch in text:
        if escaped:
            current.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == separator:
            parts.append(_unescape("".join(current)))
            current = []
        else:
            current.append(ch)
    if escaped:
        current.append("\\")
    parts.append(_unescape("".join(current)))
    return parts


@dataclass
class _Line:
    number: int
    group: str
    name: str
    params: dict[str, list[str]]
    singletons: list[str]
    value: str

    def param(self, name: str) -> str:
        values = self.params.get(name)
        return values[0] if values else ""

    def types(self) -> list[str]:
        """TYPE values (3.0/4.0, comma lists and quoted lists) and vCard 2.1's bare parameters."""
        words = [part.strip().lower() for value in self.params.get("TYPE", []) for part in value.split(",")]
        words += [word.lower() for word in self.singletons]
        return [word for word in words if word]


def _parse(number: int, text: str, card_index: int, warnings: list[CardWarning]) -> _Line | None:
    try:
        name, params, value, group = parseLine(text, number)
    except ParseError:
        field_name = re.split(r"[;:]", text, maxsplit=1)[0].split(".")[-1].lower()[:40]
        warnings.append(CardWarning(card_index, number, field_name or "line",
                                    f"line {number} is not a vCard property ('{text[:60]}'); skipped"))
        return None
    named: dict[str, list[str]] = {}
    singletons: list[str] = []
    for param in params:
        if len(param) == 1:
            singletons.append(param[0].upper())
        else:
            named.setdefault(param[0].upper(), []).extend(param[1:])
    line = _Line(number, (group or "").lower(), name.upper(), named, singletons, value)
    encodings = [e.upper() for e in named.get("ENCODING", [])] + singletons
    if "QUOTED-PRINTABLE" in encodings:
        try:
            line.value = _quoted_printable(value, line.param("CHARSET"))
        except (ValueError, LookupError) as error:
            warnings.append(CardWarning(card_index, number, name.lower(), f"cannot decode quoted-printable: {error}"))
            return None
    return line


def _quoted_printable(value: str, charset: str) -> str:
    data = codecs.decode(value.encode("utf-8"), "quopri")
    try:
        return data.decode(charset or "utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _label(group: str, labels: dict[str, str]) -> str:
    label = labels.get(group, "") if group else ""
    if match := APPLE_LABEL.match(label):
        return match.group(1).lower()
    return label


def _point(line: _Line, value: str, labels: dict[str, str]) -> ContactPoint:
    types = line.types()
    preferred = "pref" in types or line.param("PREF") == "1"
    kept = tuple(dict.fromkeys(t for t in types if t not in NOISE_TYPES))
    return ContactPoint(value=value, types=kept, preferred=preferred, label=_label(line.group, labels))


def _phone_value(value: str) -> str:
    value = value.strip()
    if value.lower().startswith("tel:"):
        value = value[4:]
        number, _, extension = value.partition(";ext=")
        value = f"{number} ext. {extension}" if extension else number
    return value


def _birthday(line: _Line) -> Birthday:
    """BDAY as exporters write it: 1985-04-15, 19850415, --0415, --04-15, Apple's 1604-04-15 for "no year"."""
    value = _unescape(line.value).strip()
    if match := BDAY.match(value):
        year = int(match.group(1)) if match.group(1) else None
        month, day = int(match.group(2)), int(match.group(3))
        omitted = line.param("X-APPLE-OMIT-YEAR")
        if year is not None and (str(year) == omitted or year < 1800):
            year = None  # Apple's 1604, and 0000/0001 placeholders, mean "the card has no year"
    else:
        try:
            month, day, year = parse_birthday(value, month_first=False)
        except RowError:
            raise ValueError(f"'{value}' is not a date") from None
    check_year = year if year is not None else 2000  # 29 February exists when no year is given
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(check_year, month)[1]:
        raise ValueError(f"'{value}' is not a day that exists")
    return Birthday(month, day, year)


def _sniff(data: bytes) -> str:
    for magic, mime in MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp":
        return "image/heic"
    return ""


def _photo(line: _Line) -> tuple[Photo | None, str]:
    """(photo, "") for embedded pictures, (None, url) for pictures by reference; ValueError when broken."""
    value = "".join(line.value.split())
    encodings = {e.upper() for e in line.params.get("ENCODING", [])} | set(line.singletons)
    if value.lower().startswith("data:"):
        match = DATA_URI.match(_unescape(value))  # Nextcloud escapes the comma: data:image/jpeg;base64\,...
        if not match or not match.group(3):
            raise ValueError("the photo is a data: URI without base64 data")
        value = match.group(4)
    elif encodings & {"B", "BASE64"}:
        pass
    elif not value:
        raise ValueError("the photo is empty")
    elif "://" in value or value.lower().startswith(("cid:", "file:")):
        return None, _unescape(line.value.strip())
    try:
        data = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the photo is not valid base64") from None
    if len(data) > MAX_PHOTO_BYTES:
        raise ValueError(f"the photo is {len(data) // 1024} KiB, more than {MAX_PHOTO_BYTES // 1024} KiB")
    sniffed = _sniff(data)
    if not sniffed:
        raise ValueError("the photo is not a JPEG, PNG, GIF, WebP, HEIC, BMP or TIFF image")
    # The bytes say what they are more reliably than exporters do ("image/jpg", TYPE=JPEG on a PNG).
    return Photo(data=data, mime_type=sniffed), ""


def _address(line: _Line, labels: dict[str, str]) -> PostalAddress:
    parts = [" ".join(p.split()) if "\n" not in p else ", ".join(s.strip() for s in p.splitlines() if s.strip())
             for p in _split(line.value, ";")]
    parts += [""] * (7 - len(parts))
    po_box, extended, street, locality, region, postal_code, country = (p.strip() for p in parts[:7])
    where = " ".join(p for p in (region, postal_code) if p)
    text = ", ".join(p for p in (street, extended, f"PO Box {po_box}" if po_box else "", locality, where, country) if p)
    point = _point(line, text, labels)
    return PostalAddress(text=text, street=street, locality=locality, region=region, postal_code=postal_code,
                         country=country, po_box=po_box, extended=extended, types=point.types,
                         preferred=point.preferred, label=point.label)


def _text(line: _Line) -> str:
    """A text value unescaped, its line breaks (QP's "=0D=0A" included) as "\\n"."""
    return _unescape(line.value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _card(raw: _RawCard, warnings: list[CardWarning]) -> ContactCard | None:
    mine: list[CardWarning] = []

    def warn(line: int, field_name: str, message: str) -> None:
        mine.append(CardWarning(raw.index, line, field_name, message))

    if raw.truncated:
        warn(raw.line, "card", raw.truncated)
    lines = [parsed for number, text in _logical_lines(raw.lines)
             if (parsed := _parse(number, text, raw.index, mine)) is not None]
    labels = {line.group: _text(line) for line in lines if line.name == "X-ABLABEL" and line.group}
    card = ContactCard(name="", index=raw.index, line=raw.line)
    n_parts: list[str] = []
    notes, nicknames = [], []
    for line in lines:
        name = line.name
        if name == "VERSION":
            card.version = line.value.strip()
        elif name == "FN" and not card.name:
            card.name = " ".join(_text(line).split())
        elif name == "N" and not n_parts:
            n_parts = [" ".join(p.split()) for p in _split(line.value, ";")] + [""] * 5
        elif name == "NICKNAME":
            nicknames += [p.strip() for p in _split(line.value, ",") if p.strip()]
        elif name == "EMAIL":
            value = _text(line)
            value = value[7:] if value.lower().startswith("mailto:") else value
            if value and value not in [e.value for e in card.emails]:
                card.emails.append(_point(line, value, labels))
        elif name == "TEL":
            value = _phone_value(_unescape(line.value))
            if value and value not in [p.value for p in card.phones]:
                card.phones.append(_point(line, value, labels))
        elif name == "ORG" and not card.organization:
            org = [p.strip() for p in _split(line.value, ";")]
            card.organization = org[0] if org else ""
            card.department = ", ".join(p for p in org[1:] if p)
        elif name == "TITLE" and not card.title:
            card.title = _text(line)
        elif name == "BDAY" and card.birthday is None:
            try:
                card.birthday = _birthday(line)
            except ValueError as error:
                warn(line.number, "birthday", f"{error}; the birthday is left out")
        elif name == "ADR":
            address = _address(line, labels)
            if address.text:
                card.addresses.append(address)
        elif name == "URL":
            value = _text(line)
            if value:
                card.urls.append(_point(line, value, labels))
        elif name == "NOTE":
            if note := _text(line):
                notes.append(note)
        elif name == "CATEGORIES":
            for tag in _split(line.value, ","):
                tag = " ".join(tag.split())
                if tag and tag.lower() not in NOISE_TAGS and tag not in card.tags:
                    card.tags.append(tag)
        elif name == "PHOTO" and card.photo is None:
            try:
                photo, url = _photo(line)
            except ValueError as error:
                warn(line.number, "photo", f"{error}; the photo is left out")
            else:
                card.photo = photo or card.photo
                card.photo_url = card.photo_url or url
        elif name == "UID" and not card.uid:
            card.uid = _text(line)
    family, given, additional, prefix, suffix = (n_parts + [""] * 5)[:5] if n_parts else ("",) * 5
    card.given_name, card.family_name, card.additional_names = given, family, additional
    card.prefix, card.suffix = prefix, suffix
    card.nickname = ", ".join(dict.fromkeys(nicknames))
    card.notes = "\n\n".join(notes)
    if not card.name:
        card.name = " ".join(p for p in (given, additional, family) if p) or card.organization
    if not (card.name or card.emails or card.phones):
        warn(raw.line, "card", "the card has no name, email or phone; skipped")
        warnings.extend(mine)
        return None
    card.warnings = mine
    warnings.extend(mine)
    return card


def iter_vcards(source: Source, *, warnings: list[CardWarning] | None = None) -> Iterator[ContactCard]:
    """Yield each card of a vCard file as soon as it is read; problems go to `warnings` as they are found.

    `source` is the file's bytes, its text, a path (`pathlib.Path`), or an open file (binary or text).
    A card is skipped (with a warning) only when nothing identifying is left: no name, email or phone.
    """
    warnings = warnings if warnings is not None else []
    for raw in _raw_cards(_text_lines(source, warnings)):
        card = _card(raw, warnings)
        if card is not None:
            yield card


def read_vcards(source: Source) -> VCardFile:
    warnings: list[CardWarning] = []
    cards = list(iter_vcards(source, warnings=warnings))
    kept = {card.index for card in cards}
    rejected = sorted({w.card_index for w in warnings if w.card_index is not None and w.card_index not in kept})
    return VCardFile(cards=cards, warnings=warnings, rejected=rejected)


# --- writing vCard 4.0 -------------------------------------------------------------------------

def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character (RFC 6350 section 3.2)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line + "\r\n"
    pieces, start, limit = [], 0, 75
    while start < len(encoded):
        end = min(start + limit, len(encoded))
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:
            end -= 1
        pieces.append(encoded[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines start with a space
    return "\r\n ".join(pieces) + "\r\n"


def _params(point: ContactPoint | PostalAddress) -> str:
    text = f";TYPE={','.join(point.types)}" if point.types else ""
    return text + (";PREF=1" if point.preferred else "")


def _birthday_text(birthday: Birthday) -> str:
    if birthday.year is None:
        return f"--{birthday.month:02d}{birthday.day:02d}"
    return f"{birthday.year:04d}{birthday.month:02d}{birthday.day:02d}"


def _card_lines(card: ContactCard) -> list[str]:
    lines = ["BEGIN:VCARD", "VERSION:4.0"]
    if card.uid:
        lines.append(f"UID:{_escape(card.uid)}")
    lines.append(f"FN:{_escape(card.name)}")
    names = (card.family_name, card.given_name, card.additional_names, card.prefix, card.suffix)
    if any(names):
        lines.append("N:" + ";".join(_escape(part) for part in names))
    if card.nickname:
        lines.append("NICKNAME:" + ",".join(_escape(n.strip()) for n in card.nickname.split(",")))
    if card.organization or card.department:
        parts = [card.organization] + ([card.department] if card.department else [])
        lines.append("ORG:" + ";".join(_escape(p) for p in parts))
    if card.title:
        lines.append(f"TITLE:{_escape(card.title)}")
    if card.birthday:
        lines.append(f"BDAY:{_birthday_text(card.birthday)}")
    groups = 0

    def labelled(text: str, label: str) -> None:
        nonlocal groups
        if label:
            groups += 1
            lines.append(f"item{groups}.{text}")
            lines.append(f"item{groups}.X-ABLabel:{_escape(label)}")
        else:
            lines.append(text)

    for email in card.emails:
        labelled(f"EMAIL{_params(email)}:{_escape(email.value)}", email.label)
    for phone in card.phones:
        labelled(f"TEL;VALUE=text{_params(phone)}:{_escape(phone.value)}", phone.label)
    for address in card.addresses:
        parts = (address.po_box, address.extended, address.street, address.locality, address.region,
                 address.postal_code, address.country)
        labelled(f"ADR{_params(address)}:" + ";".join(_escape(p) for p in parts), address.label)
    for url in card.urls:
        labelled(f"URL{_params(url)}:{url.value}", url.label)
    if card.notes:
        lines.append(f"NOTE:{_escape(card.notes)}")
    if card.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(tag) for tag in card.tags))
    if card.photo:
        encoded = base64.b64encode(card.photo.data).decode("ascii")
        lines.append(f"PHOTO:data:{card.photo.mime_type};base64,{encoded}")
    elif card.photo_url:
        lines.append(f"PHOTO:{card.photo_url}")
    lines.append("END:VCARD")
    return lines


def write_vcards(cards: Iterable[ContactCard]) -> str:
    """The cards as one vCard 4.0 file (CRLF line ends, folded at 75 octets, photos as data: URIs)."""
    return "".join(_fold(line) for card in cards for line in _card_lines(card))
