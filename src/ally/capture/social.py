"""Reading social network exports: LinkedIn's messages.csv (from "Get a copy of your data").

Pure Python, no Django. LinkedIn writes one row per message with these columns (newer exports add
ATTACHMENTS, IS MESSAGE DRAFT and IS CONVERSATION ARCHIVED after them):

    CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER

DATE reads "2023-06-11 15:33:58 UTC". TO holds the recipients' names and RECIPIENT PROFILE URLS
their profile addresses (several in group conversations). Some exports carry names encoded twice
("RenÃ©e" for "Renée"); those are repaired when the repair is unambiguous.

Ally keeps who talked to whom and when: the message text (CONTENT) is dropped unless the caller
asks for it with `keep_content=True` (a workspace that opted in to snippets).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ally.imports.csv_reader import decode, header_key

COLUMNS = {
    "conversationid": "conversation_id", "conversationtitle": "conversation_title", "from": "sender_name",
    "senderprofileurl": "sender_url", "to": "recipient_names", "recipientprofileurls": "recipient_urls",
    "date": "date", "subject": "subject", "content": "content", "folder": "folder",
    "ismessagedraft": "draft",
}
REQUIRED = ("conversation_id", "sender_name", "date")
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S %Z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M %Z", "%Y-%m-%d %H:%M",
                "%Y-%m-%dT%H:%M:%S%z", "%m/%d/%Y, %I:%M %p", "%m/%d/%y, %I:%M %p")
URL_SPLIT = re.compile(r"[\s;,]+")
# "Ã", "Â" or "â" followed by what cp1252 makes of a UTF-8 continuation byte: text encoded twice.
MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u20ac\u2122\u2018-\u203a"
                      "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")


class SocialError(ValueError):
    """The file is not a messages export (no header with the columns it needs)."""


@dataclass(frozen=True)
class Profile:
    """Someone in a conversation: their name as LinkedIn shows it, and their profile URL if given."""

    name: str
    url: str = ""


@dataclass(frozen=True)
class SocialWarning:
    line: int
    message: str


@dataclass
class SocialMessage:
    """One message of a LinkedIn conversation."""

    conversation_id: str
    sender: Profile
    recipients: list[Profile]
    date: dt.datetime  # aware, UTC
    subject: str = ""
    conversation_title: str = ""
    folder: str = ""  # INBOX, ARCHIVE, SPAM, ...
    content: str = ""  # only with keep_content=True
    to_text: str = ""  # the TO cell as written
    network: str = "linkedin"
    line: int = field(default=0, compare=False)

    @property
    def key(self) -> str:
        """Stable across imports of the same export (LinkedIn gives messages no id of their own)."""
        basis = "\x1f".join([self.conversation_id, self.date.isoformat(), self.sender.url or self.sender.name])
        return f"{self.network}:{hashlib.sha256(basis.encode('utf-8')).hexdigest()[:32]}"


def repair_mojibake(text: str) -> str:
    """"RenÃ©e" → "Renée": UTF-8 read as cp1252/latin-1 once too often; other text is left alone."""
    if not MOJIBAKE.search(text):
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            return text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def _date(text: str) -> dt.datetime | None:
    text = text.strip()
    for pattern in DATE_FORMATS:
        try:
            value = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    return None


def _recipients(names: str, urls: str) -> list[Profile]:
    """Pair names with URLs when the counts match; names can hold commas, so otherwise keep them whole."""
    links = [u for u in URL_SPLIT.split(urls.strip()) if u]
    parts = [n.strip() for n in names.split(",") if n.strip()]
    names = names.strip()
    if links and len(parts) == len(links):
        return [Profile(name, url) for name, url in zip(parts, links, strict=True)]
    if len(links) == 1:
        return [Profile(names, links[0])]
    if not links:
        return [Profile(names)] if names else []
    return [Profile("", url) for url in links]  # the names cannot be told apart: `to_text` keeps them


def iter_linkedin_messages(data: bytes, *, keep_content: bool = False,
                           warnings: list[SocialWarning] | None = None) -> Iterator[SocialMessage]:
    """Yield each message of a LinkedIn messages.csv; drafts are skipped, bad rows reported by line."""
    warnings = warnings if warnings is not None else []
    text, _encoding, problems = decode(data)
    warnings.extend(SocialWarning(0, problem) for problem in problems)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    columns = [COLUMNS.get(header_key(cell)) for cell in header or []]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise SocialError("not a LinkedIn messages export: the header lacks "
                          + ", ".join(n.replace("_", " ") for n in missing)
                          + f" (first line: '{','.join(header or [])[:80]}')")
    previous_end = 1
    for cells in reader:
        line, previous_end = previous_end + 1, reader.line_num
        if not "".join(cells).strip():
            continue
        row = {name: repair_mojibake(cells[i].strip()) for i, name in enumerate(columns) if name and i < len(cells)}
        if row.get("draft", "").lower() in ("yes", "true"):
            continue
        date = _date(row.get("date", ""))
        if date is None:
            warnings.append(SocialWarning(line, f"DATE '{row.get('date', '')}' is not a date; the message is skipped"))
            continue
        if not row.get("conversation_id"):
            warnings.append(SocialWarning(line, "no CONVERSATION ID; the message is skipped"))
            continue
        yield SocialMessage(
            conversation_id=row["conversation_id"],
            sender=Profile(row.get("sender_name", ""), row.get("sender_url", "")),
            recipients=_recipients(row.get("recipient_names", ""), row.get("recipient_urls", "")),
            date=date, subject=row.get("subject", ""), conversation_title=row.get("conversation_title", ""),
            folder=row.get("folder", ""), to_text=row.get("recipient_names", ""),
            content=row.get("content", "") if keep_content else "", line=line)


def read_linkedin_messages(data: bytes, *,
                           keep_content: bool = False) -> tuple[list[SocialMessage], list[SocialWarning]]:
    warnings: list[SocialWarning] = []
    return list(iter_linkedin_messages(data, keep_content=keep_content, warnings=warnings)), warnings
