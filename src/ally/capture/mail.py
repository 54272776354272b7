"""Reading mailboxes for who wrote to whom and when: mbox (Gmail Takeout's too), Maildir, .eml files.

Pure Python, no Django. Ally keeps mail as metadata (from, to, cc, date, subject, ids); a body is
read only for the short snippet a workspace may opt in to. So each message's header block is all
that is parsed, and the mailbox is streamed:

- `iter_mbox` reads the file line by line and keeps one message's headers at a time (plus, with
  snippets on, at most `BODY_BYTES_FOR_SNIPPET` of its body), so memory stays flat however big the
  mailbox is. (`mailbox.mbox` first builds a table of every message's offsets and reads whole
  messages; it also splits on any line starting with "From ", which Gmail Takeout files are not
  always careful to escape.)
- `iter_maildir` reads the header lines of each file in cur/ and new/ of every folder.
- `iter_eml` reads one .eml file or every .eml file under a folder.
- `parse_headers` turns one header block into a `MailMessage`; the IMAP reader uses it too.

Decisions worth knowing (the integrator relies on them):

- `message_id` is the Message-ID without its angle brackets, with the domain (after the last "@")
  lower-cased: domains are case-insensitive, local parts are not, and mail clients copy the id
  byte for byte into In-Reply-To/References, so this is the form that matches across messages.
  In-Reply-To and References are normalised the same way. A message without a Message-ID gets a
  synthesised one (`message_id_synthesized`), a hash of its date, sender, recipients and subject,
  so importing the same file twice gives the same id.
- Addresses are lower-cased; display names are kept, RFC 2047 encoded-words decoded; group syntax
  ("Team: a@x, b@y;", "undisclosed-recipients:;") yields its members; text without an "@" is dropped.
- `date` is always aware and in UTC. When the Date header is missing or garbled, the first
  (newest) Received header's date is used, then the mbox envelope ("From " line) date, then the
  file's or server's date; `date_source` says which, and a warning says why.
- `is_bulk` marks mail Ally should not count as a conversation (newsletters, lists, robots) and
  `bulk_reason` says why; the caller decides whether to skip it.

Threads: see `thread_key`.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.policy
import functools
import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import IO

MAX_HEADER_BYTES = 256 * 1024  # more than this is not a header block but a broken file
BODY_BYTES_FOR_SNIPPET = 64 * 1024
WANTED = {
    "from", "sender", "to", "cc", "bcc", "subject", "date", "message-id", "in-reply-to", "references",
    "list-unsubscribe", "list-id", "precedence", "auto-submitted", "x-gmail-labels", "received", "content-type",
}
# One pass in C over the header block for the headers Ally reads, folded lines included.
WANTED_HEADER = re.compile(rb"^(" + b"|".join(re.escape(n.encode()) for n in sorted(WANTED)) + rb")[ \t]*:"
                           rb"([^\n]*(?:\n[ \t][^\n]*)*)", re.MULTILINE | re.IGNORECASE)
FOLD = re.compile(rb"\r?\n(?=[ \t])")
BULK_PRECEDENCE = {"bulk", "list", "junk"}
ROBOT_SENDER = re.compile(r"^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster)(?:[+._-].*)?$", re.IGNORECASE)
ADDRESS_CACHE_SIZE = 4096  # distinct address headers remembered: bounded, so memory stays flat
_ATOM = r'[^<>\s",;:()\\@\[\]]+'
SIMPLE_ADDRESS = re.compile(rf"\s*(?:([^<>@]*?)\s*<({_ATOM}@{_ATOM})>|({_ATOM}@{_ATOM}))\s*")
MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"), start=1)}
# An mbox envelope line: "From sender Thu Sep 12 10:02:03 2024", Gmail Takeout's
# "From 1780342912345678901@xxx Thu Sep 12 10:02:03 +0000 2024", Thunderbird's "From - Mon Jan 01 ...".
ENVELOPE = re.compile(rb"^From \S+ +(?:[A-Za-z]{3},? +)?([A-Za-z]{3}) +(\d{1,2}) +(\d{1,2}):(\d{2})(?::(\d{2}))?"
                      rb"(?: +([+-]\d{4}))?(?: +[A-Z]{3,4})? +(\d{4})")
# Other envelope spellings, trusted only after a blank line: an address (or "-"), a time and a year.
LOOSE_ENVELOPE = re.compile(rb"^From (?:\S+@\S+|-|MAILER-DAEMON) +.*\d:\d\d.*(?:19|20)\d\d")
EPOCH_NAME = re.compile(r"^(\d{9,10})\.")  # Maildir file names start with the delivery time


class MailError(ValueError):
    """The mailbox as a whole cannot be read (missing, not a mailbox)."""


@dataclass(frozen=True)
class Address:
    """One mailbox: the address lower-cased, the display name as the sender wrote it (decoded)."""

    email: str
    name: str = ""


@dataclass(frozen=True)
class MailWarning:
    """A message that was skipped, or a guess made while reading it, and where it is."""

    index: int  # 0-based position of the message in the mailbox (or in the IMAP batch)
    position: str  # "line 3456", "cur/1700000000.M1P2.host:2,S", "INBOX UID 42"
    message: str


@dataclass
class MailMessage:
    """One message's metadata, as Ally keeps it."""

    message_id: str
    date: dt.datetime | None
    sender: Address | None
    to: list[Address] = field(default_factory=list)
    cc: list[Address] = field(default_factory=list)
    bcc: list[Address] = field(default_factory=list)
    subject: str = ""
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)  # oldest first, as in the header
    is_bulk: bool = False
    bulk_reason: str = ""
    labels: list[str] = field(default_factory=list)  # Gmail's labels (X-Gmail-Labels in Takeout)
    folder: str = ""
    message_id_synthesized: bool = False
    date_source: str = "date"  # "date", "received", "envelope", "file", "server", or "" when none was found
    uid: int | None = None  # the IMAP UID, when read from a server
    snippet: str = ""
    position: str = field(default="", compare=False)
    warnings: list[str] = field(default_factory=list, compare=False)

    @property
    def recipients(self) -> list[Address]:
        return [*self.to, *self.cc, *self.bcc]


# --- header values -----------------------------------------------------------------------------

def decode_words(text: str) -> str:
    """RFC 2047 encoded-words decoded ("=?utf-8?q?Ren=C3=A9e?=" → "Renée"), whitespace collapsed."""
    if "=?" in text:
        try:
            text = str(make_header(decode_header(text)))
        except (LookupError, ValueError, UnicodeError):
            parts = []
            for part, charset in decode_header(text):
                if isinstance(part, bytes):
                    try:
                        part = part.decode(charset or "ascii", errors="replace")
                    except LookupError:
                        part = part.decode("utf-8", errors="replace")
                parts.append(part)
            text = "".join(parts)
    return " ".join(text.split())


def normalise_id(text: str) -> str:
    """A Message-ID as Ally compares it: no angle brackets or spaces, the domain lower-cased."""
    text = text.strip().strip("<>").strip()
    local, at, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}" if at else text


def message_ids(text: str) -> list[str]:
    """Every <id> in a References or In-Reply-To header, normalised, in order, without repeats."""
    found = MESSAGE_ID.findall(text)
    if not found and text.strip() and " " not in text.strip():
        found = [text.strip()]  # some clients leave the brackets out
    return list(dict.fromkeys(normalise_id(i) for i in found))


def addresses(values: Iterable[str]) -> list[Address]:
    """The mailboxes of address headers (From, To, Cc): lower-cased, de-duplicated, names decoded."""
    return list(_addresses(tuple(values)))


def forget_addresses() -> None:
    """Empty the cache of parsed address headers (benchmarks and memory tests start cold)."""
    _addresses.cache_clear()


@functools.lru_cache(maxsize=ADDRESS_CACHE_SIZE)
def _addresses(values: tuple[str, ...]) -> tuple[Address, ...]:
    # Cached: a mailbox repeats its correspondents' From and To headers thousands of times.
    pairs = _simple_addresses(values)
    if pairs is None:
        pairs = getaddresses(list(values))
    result: list[Address] = []
    seen = set()
    for name, address in pairs:
        address = address.strip().lower()
        if "@" not in address or address in seen:
            continue
        seen.add(address)
        result.append(Address(email=address, name=decode_words(name).strip("'\" ")))
    return tuple(result)


def _simple_addresses(values: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """`Name <a@b>, c@d` without quotes, comments or groups, read without the full RFC 5322 parser
    (which is most of the time spent on a header block); None when the header needs that parser."""
    pairs = []
    for value in values:
        if any(ch in value for ch in '"():;\\'):
            return None
        for part in value.split(","):
            if not part.strip():
                continue
            match = SIMPLE_ADDRESS.fullmatch(part)
            if match is None:
                return None
            pairs.append((match.group(1) or "", match.group(2) or match.group(3)))
    return pairs


def _date(text: str) -> dt.datetime | None:
    try:
        value = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if value is None:
        return None
    if value.tzinfo is None:  # "-0000": the sender did not say; UTC is the best guess
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def envelope_date(line: bytes) -> dt.datetime | None:
    """The date of an mbox "From " line; without an offset it is taken as UTC."""
    match = ENVELOPE.match(line)
    if not match:
        return None
    month, day, hour, minute, second, offset, year = match.groups()
    try:
        value = dt.datetime(int(year), MONTHS[month.decode().lower()], int(day), int(hour), int(minute),
                            int(second or 0), tzinfo=dt.UTC)
    except (KeyError, ValueError):
        return None
    if offset:
        sign = -1 if offset[:1] == b"-" else 1
        value -= sign * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5]))
    return value


def _labels(text: str) -> list[str]:
    """Gmail Takeout's X-Gmail-Labels: comma-separated, quoted when a label has a comma."""
    row = next(csv.reader([decode_words(text)], skipinitialspace=True), [])
    return [label.strip() for label in row if label.strip()]


def _bulk_reason(fields: Mapping[str, list[str]], sender: Address | None) -> str:
    if fields.get("list-unsubscribe"):
        return "List-Unsubscribe header (a newsletter or mailing list)"
    if fields.get("list-id"):
        return "List-Id header (a mailing list)"
    precedence = fields.get("precedence", [""])[0].strip().lower()
    if precedence in BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    auto = fields.get("auto-submitted", [""])[0].strip().lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto} (sent by a program)"
    if sender and ROBOT_SENDER.match(sender.email.split("@")[0]):
        return f"sent from {sender.email} (an address nobody reads)"
    return ""


def header_fields(block: bytes) -> dict[str, list[str]]:
    """The wanted headers of a raw header block, unfolded and decoded to text, by lower-cased name.

    Header bytes are UTF-8 more and more (RFC 6532); anything else is read as cp1252, which reads any
    byte and is what 8-bit headers from Windows mailers usually are.
    """
    fields: dict[str, list[str]] = {}
    for name, raw in WANTED_HEADER.findall(block):
        if b"\n" in raw:
            raw = FOLD.sub(b"", raw)  # unfolding: the line break goes, the leading whitespace stays
        try:
            value = raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            value = raw.decode("cp1252", errors="replace").strip()
        fields.setdefault(name.decode("ascii").lower(), []).append(value)
    return fields


def _synthesised_id(date: dt.datetime | None, sender: Address | None, to: list[Address], subject: str) -> str:
    basis = "\x1f".join([date.isoformat() if date else "", sender.email if sender else "",
                         ",".join(sorted(a.email for a in to)), subject])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32] + "@ally.synthesized"


def parse_headers(block: bytes, *, index: int = 0, position: str = "", folder: str = "",
                  envelope: dt.datetime | None = None, fallback_date: dt.datetime | None = None,
                  fallback_source: str = "", body: bytes = b"", snippet_chars: int = 0,
                  warnings: list[MailWarning] | None = None) -> MailMessage | None:
    """One message from its raw header block; None (with a warning) when it is not a message at all.

    `envelope` is the mbox "From " line's date, `fallback_date` the file's or server's (with
    `fallback_source` "file" or "server"): used in that order when the headers have no usable date.
    `body` (only read when `snippet_chars` > 0) is the start of the body, for `snippet`.
    """
    warnings = warnings if warnings is not None else []
    mine: list[str] = []
    fields = header_fields(block)
    get = fields.get
    sender_list = addresses(get("from", ()) or get("sender", ()))
    sender = sender_list[0] if sender_list else None
    to, cc, bcc = addresses(get("to", ())), addresses(get("cc", ())), addresses(get("bcc", ()))
    raw_id = get("message-id", [""])[0]
    if not (sender or to or cc or raw_id or get("date")):
        warnings.append(MailWarning(index, position, "not a mail message (no From, To, Cc, Date or Message-ID "
                                                     "header); skipped"))
        return None
    subject = decode_words(get("subject", [""])[0])
    date, source = _date(get("date", [""])[0]), "date"
    if date is None:
        problem = "no Date header" if not get("date") else f"the Date header '{get('date')[0][:60]}' is not a date"
        for candidate, name in ((_date(get("received", [""])[0].rpartition(";")[2]), "received"),
                                (envelope, "envelope"), (fallback_date, fallback_source or "file")):
            if candidate is not None:
                date, source = candidate, name
                mine.append(f"{problem}; used the {_SOURCE_WORDS[name]} date instead")
                break
        else:
            source = ""
            mine.append(f"{problem}, and no other date to go by")
    message_id = next(iter(message_ids(raw_id)), "")  # "<id> (comment)" happens
    message = MailMessage(
        message_id=message_id or _synthesised_id(date, sender, to, subject), date=date, sender=sender,
        to=to, cc=cc, bcc=bcc, subject=subject,
        in_reply_to=next(iter(message_ids(get("in-reply-to", [""])[0])), ""),
        references=message_ids(" ".join(get("references", ()))),
        labels=_labels(get("x-gmail-labels", [""])[0]) if get("x-gmail-labels") else [],
        folder=folder, message_id_synthesized=not message_id, date_source=source, position=position,
    )
    message.bulk_reason = _bulk_reason(fields, sender)
    message.is_bulk = bool(message.bulk_reason)
    if snippet_chars > 0 and body:
        message.snippet = snippet(block.rstrip(b"\r\n") + b"\r\n\r\n" + body, snippet_chars)
    message.warnings = mine
    warnings.extend(MailWarning(index, position, text) for text in mine)
    return message


_SOURCE_WORDS = {"received": "Received header's", "envelope": "mbox envelope (From line)", "file": "file's",
                 "server": "server's"}


def snippet(raw: bytes, chars: int = 200) -> str:
    """The first words of a message's first text/plain part, quoted lines and the signature left out.

    Used only when a workspace opts in to snippets. HTML-only mail has no snippet: Ally does not
    guess text out of markup. "" when the message cannot be decoded.
    """
    try:
        text = _first_plain_text(BytesParser(policy=email.policy.compat32).parsebytes(raw))
    except Exception:  # a truncated or broken body must never cost the message  # noqa: BLE001
        return ""
    kept = []
    for line in text.splitlines():
        if line.rstrip() == "--":  # the signature separator "-- "
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    words = " ".join(" ".join(kept).split())
    if len(words) <= chars:
        return words
    cut = words[:chars] if words[chars] == " " else words[:chars].rsplit(" ", 1)[0]
    return cut.rstrip(",.;: ") + "…"


def _first_plain_text(message) -> str:
    """The first text/plain part that is not an attachment, decoded (compat32: several times faster
    than the default policy's content manager, which matters when a mailbox opts in)."""
    for part in message.walk():
        if part.get_content_type() != "text/plain" or part.get_content_disposition() == "attachment":
            continue
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "utf-8"
        try:
            return payload.decode(charset, errors="replace")
        except LookupError:
            return payload.decode("utf-8", errors="replace")
    return ""


# --- threads -----------------------------------------------------------------------------------

def thread_key(message: MailMessage, known: Mapping[str, str] | None = None) -> str:
    """The key every message of one conversation shares, whatever order they arrive in.

    RFC 5322 has a reply's References list its ancestors oldest first, so its first entry is the
    thread's root; a message with no References and no In-Reply-To is a root itself. That makes
    the key the root's Message-ID, and it is the same for the root and every reply, even when the
    replies are imported before the root. `known` maps Message-IDs already stored to their thread
    key: when some ancestor is known, its key wins, which mends threads whose clients trimmed the
    References list (or only sent In-Reply-To) so the root is no longer first.
    """
    known = known or {}
    chain = list(message.references)
    if message.in_reply_to and message.in_reply_to not in chain:
        chain.append(message.in_reply_to)
    for ancestor in chain:
        if ancestor in known:
            return known[ancestor]
    return chain[0] if chain else message.message_id


# --- mbox --------------------------------------------------------------------------------------

BLANK = (b"\n", b"\r\n")


def iter_mbox(source: str | os.PathLike | IO[bytes], *, snippet_chars: int = 0, folder: str = "",
              warnings: list[MailWarning] | None = None) -> Iterator[MailMessage]:
    """Yield each message of an mbox file, reading it once, line by line.

    A line starting with "From " begins a message when it is a full envelope line (sender and
    date), or after a blank line when it at least has a time in it: body lines that merely start
    with "From " (unescaped by some exporters) are left in their message.
    """
    if isinstance(source, (str, os.PathLike)):
        if not os.path.isfile(source):
            raise MailError(f"{os.fspath(source)} is not a file")
        with open(source, "rb") as stream:
            yield from iter_mbox(stream, snippet_chars=snippet_chars, folder=folder, warnings=warnings)
        return
    warnings = warnings if warnings is not None else []
    index, start_line, envelope = -1, 0, None
    headers: list[bytes] = []
    header_size, body, body_size = 0, [], 0
    in_headers, overflow, previous = False, False, b"\n"
    body_limit = BODY_BYTES_FOR_SNIPPET if snippet_chars > 0 else 0

    def finish() -> MailMessage | None:
        position = f"line {start_line}"
        if overflow:
            warnings.append(MailWarning(index, position, f"the header block is over {MAX_HEADER_BYTES // 1024} "
                                                         "KiB; read its start only"))
        return parse_headers(b"".join(headers), index=index, position=position, folder=folder, envelope=envelope,
                             body=b"".join(body), snippet_chars=snippet_chars, warnings=warnings)

    # The loop runs once per line of the file: body lines, most of them, cost one slice and a compare.
    for number, line in enumerate(source, start=1):
        if line[:5] == b"From " and (ENVELOPE.match(line) or (previous in BLANK and LOOSE_ENVELOPE.match(line))):
            if index >= 0 and (message := finish()) is not None:
                yield message
            index, start_line, envelope = index + 1, number, envelope_date(line)
            headers, header_size, body, body_size = [], 0, [], 0
            in_headers, overflow = True, False
        elif in_headers:
            if line in BLANK:
                in_headers = False
            elif header_size < MAX_HEADER_BYTES:
                headers.append(line)
                header_size += len(line)
            else:
                overflow = True
        elif index < 0:
            if line.strip():  # no envelope line first: read the file as one message (an .eml passed as mbox)
                index, start_line, envelope, in_headers = 0, number, None, True
                headers.append(line)
                header_size = len(line)
        elif body_size < body_limit:
            body.append(line[1:] if line.startswith(b">From ") else line)
            body_size += len(line)
        previous = line
    if index >= 0 and (message := finish()) is not None:
        yield message


# --- Maildir and .eml --------------------------------------------------------------------------

def _read_header_block(path: Path, snippet_chars: int) -> tuple[bytes, bytes]:
    headers, size = [], 0
    with open(path, "rb") as stream:
        for line in stream:
            if line in BLANK:
                break
            if size < MAX_HEADER_BYTES:
                headers.append(line)
                size += len(line)
        body = stream.read(BODY_BYTES_FOR_SNIPPET) if snippet_chars else b""
    return b"".join(headers), body


def _file_date(path: Path) -> dt.datetime | None:
    if match := EPOCH_NAME.match(path.name):
        return dt.datetime.fromtimestamp(int(match.group(1)), tz=dt.UTC)
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    except OSError:
        return None


def _read_files(paths: Iterable[tuple[Path, str, str]], snippet_chars: int,
                warnings: list[MailWarning]) -> Iterator[MailMessage]:
    for index, (path, folder, position) in enumerate(paths):
        try:
            block, body = _read_header_block(path, snippet_chars)
        except OSError as error:
            warnings.append(MailWarning(index, position, f"cannot read the file: {error.strerror or error}"))
            continue
        message = parse_headers(block, index=index, position=position, folder=folder,
                                fallback_date=_file_date(path), fallback_source="file", body=body,
                                snippet_chars=snippet_chars, warnings=warnings)
        if message is not None:
            yield message


def maildir_folders(root: str | os.PathLike) -> list[tuple[str, Path]]:
    """(folder name, path) of every Maildir folder under root: INBOX for root itself, Maildir++
    ".Sent"/".Work.Clients" as "Sent"/"Work/Clients", nested layouts by their relative path."""
    root = Path(root)
    found = []
    for directory, subdirs, _files in os.walk(root):
        subdirs.sort()
        here = Path(directory)
        if (here / "cur").is_dir() and (here / "new").is_dir():
            relative = here.relative_to(root)
            name = "INBOX" if relative == Path(".") else "/".join(
                part.lstrip(".").replace(".", "/") for part in relative.parts)
            found.append((name, here))
        subdirs[:] = [d for d in subdirs if d not in ("cur", "new", "tmp")]
    return found


def iter_maildir(root: str | os.PathLike, *, snippet_chars: int = 0,
                 warnings: list[MailWarning] | None = None) -> Iterator[MailMessage]:
    """Yield every message of a Maildir (all its folders; new/ and cur/, not tmp/), file name order."""
    warnings = warnings if warnings is not None else []
    folders = maildir_folders(root)
    if not folders:
        raise MailError(f"{os.fspath(root)} is not a Maildir (no cur/ and new/ folders)")

    def paths() -> Iterator[tuple[Path, str, str]]:
        for folder, path in folders:
            for sub in ("new", "cur"):
                with os.scandir(path / sub) as entries:
                    names = sorted(e.name for e in entries if e.is_file() and not e.name.startswith("."))
                for name in names:
                    yield path / sub / name, folder, str((path / sub / name).relative_to(root))

    yield from _read_files(paths(), snippet_chars, warnings)


def iter_eml(source: str | os.PathLike, *, snippet_chars: int = 0,
             warnings: list[MailWarning] | None = None) -> Iterator[MailMessage]:
    """Yield the message of one .eml file, or of every .eml file under a folder (sorted by path)."""
    warnings = warnings if warnings is not None else []
    source = Path(source)
    if source.is_file():
        files = [(source, "", source.name)]
    elif source.is_dir():
        files = [(path, path.parent.relative_to(source).as_posix() if path.parent != source else "",
                  path.relative_to(source).as_posix())
                 for path in sorted(source.rglob("*")) if path.is_file() and path.suffix.lower() == ".eml"]
    else:
        raise MailError(f"{source} does not exist")
    yield from _read_files(files, snippet_chars, warnings)


def iter_mail(source: str | os.PathLike, *, snippet_chars: int = 0,
              warnings: list[MailWarning] | None = None) -> Iterator[MailMessage]:
    """Any of the above, by what the path is: a Maildir, a folder of .eml files, an .eml file, an mbox."""
    path = Path(source)
    if path.is_dir():
        if maildir_folders(path):
            return iter_maildir(path, snippet_chars=snippet_chars, warnings=warnings)
        return iter_eml(path, snippet_chars=snippet_chars, warnings=warnings)
    if path.suffix.lower() == ".eml":
        return iter_eml(path, snippet_chars=snippet_chars, warnings=warnings)
    return iter_mbox(path, snippet_chars=snippet_chars, warnings=warnings)
