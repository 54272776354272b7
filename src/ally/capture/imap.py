"""Reading a mailbox on an IMAP server incrementally: only the headers of messages not yet seen.

Pure Python, no Django: the connection settings and each folder's state come in as plain data and
the new state goes out with the messages, for the caller to store.

How a folder is followed. IMAP numbers a folder's messages with UIDs that only grow, valid as long
as the folder's UIDVALIDITY stays the same. So the state of a folder is (uidvalidity, last_uid):

- `sync_folder` selects the folder read-only, and asks for the UIDs above `last_uid` (the server
  always answers "n:*" with at least the highest UID, which is filtered out when already seen).
  It fetches their headers (BODY.PEEK[HEADER], which leaves them unread) and INTERNALDATE in
  batches, and yields a `FolderBatch` per batch with the state to save once the batch is stored:
  an interrupted sync resumes after the last stored batch.
- When the folder's UIDVALIDITY is not the saved one, the folder was recreated or renumbered on
  the server: old UIDs mean nothing any more, so the folder is read again from the start and every
  batch says so (`restarted`, `note`). Messages keep their Message-ID, so storing them again by
  Message-ID changes nothing that was already there.
- `existing_uids` lists the UIDs still on the server, to notice messages deleted there.

Passwords only travel over TLS (implicit TLS on 993, or STARTTLS on 143); a plain connection is
allowed to this machine only (localhost, 127.0.0.1, ::1), for local servers and tests.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import imapclient
from imapclient.exceptions import IMAPClientError, LoginError

from ally.capture.mail import MailMessage, MailWarning, parse_headers

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
SECURITY = ("tls", "starttls", "plain")
DEFAULT_PORTS = {"tls": 993, "starttls": 143, "plain": 143}
BATCH_SIZE = 200
HEADER = b"BODY[HEADER]"
SNIPPET_BYTES = 16 * 1024


class MailAccountError(Exception):
    """The account cannot be read; the message says why in the user's words."""


@dataclass(frozen=True)
class MailAccount:
    """Where and as whom to log in. The password is never shown back (not in repr)."""

    host: str
    username: str
    password: str = field(repr=False)
    port: int | None = None
    security: str = "tls"  # "tls" (implicit, port 993), "starttls" (port 143), "plain" (this machine only)
    timeout: float = 30.0

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port or DEFAULT_PORTS.get(self.security, 993)}"


@dataclass(frozen=True)
class FolderState:
    """What has been read of one folder: the UIDVALIDITY it was read under and the highest UID stored."""

    uidvalidity: int
    last_uid: int = 0


@dataclass
class FolderBatch:
    """Messages read from a folder in one fetch, and the state to save once they are stored."""

    folder: str
    messages: list[MailMessage]
    state: FolderState
    restarted: bool = False  # UIDVALIDITY changed: this is a read from the start
    note: str = ""
    warnings: list[MailWarning] = field(default_factory=list)
    remaining: int = 0  # new messages still to fetch after this batch


@dataclass(frozen=True)
class FolderUids:
    """The UIDs a folder holds now, under its current UIDVALIDITY."""

    uidvalidity: int
    uids: frozenset[int]

    def deleted(self, known: Iterable[int], state: FolderState) -> set[int]:
        """The UIDs stored under `state` that the server no longer has (all of them if renumbered)."""
        known = set(known)
        if state.uidvalidity != self.uidvalidity:
            return known
        return known - self.uids


def _check_security(account: MailAccount) -> None:
    if account.security not in SECURITY:
        raise MailAccountError(f"security must be one of {', '.join(SECURITY)}, not '{account.security}'")
    if account.security == "plain" and account.host.lower() not in LOCAL_HOSTS:
        raise MailAccountError(f"refusing to send the password to {account.host} without TLS; "
                               "use security 'tls' or 'starttls'")


class MailSession:
    """A logged-in connection to one account. Use as a context manager; it logs out on exit."""

    def __init__(self, account: MailAccount, *, ssl_context: ssl.SSLContext | None = None):
        _check_security(account)
        self.account = account
        context = ssl_context or ssl.create_default_context()
        port = account.port or DEFAULT_PORTS[account.security]
        try:
            self.client = imapclient.IMAPClient(account.host, port=port, ssl=account.security == "tls",
                                                ssl_context=context, timeout=account.timeout)
        except ssl.SSLError as error:
            raise MailAccountError(f"the TLS handshake with {account.address} failed: {_tls_why(error)}") from None
        except (OSError, IMAPClientError) as error:  # refused, unreachable, unknown host, timeout
            raise MailAccountError(f"could not connect to {account.address}: {_why(error)}") from None
        if account.security == "starttls":
            try:
                self.client.starttls(context)
            except ssl.SSLError as error:
                self._drop()
                raise MailAccountError(f"the TLS handshake with {account.address} failed: {_tls_why(error)}") \
                    from None
            except (OSError, IMAPClientError) as error:  # no STARTTLS offered, or the line dropped
                self._drop()
                raise MailAccountError(f"{account.address} would not start TLS: {_why(error)}") from None
        self.client.normalise_times = False  # INTERNALDATE as aware datetimes
        try:
            self.client.login(account.username, account.password)
        except LoginError:
            self._drop()
            raise MailAccountError("the server refused the username or password") from None
        except (OSError, IMAPClientError) as error:
            self._drop()
            raise MailAccountError(f"{account.address} closed the connection while logging in: "
                                   f"{_why(error)}") from None

    def __enter__(self) -> MailSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.client.logout()
        except (OSError, IMAPClientError):
            self._drop()

    def _drop(self) -> None:
        try:
            self.client.shutdown()
        except OSError:
            pass

    def folders(self) -> list[str]:
        """Every selectable folder's name (decoded from IMAP's modified UTF-7)."""
        names = []
        for flags, _delimiter, name in self.client.list_folders():
            if b"\\Noselect" not in flags and b"\\NonExistent" not in flags:
                names.append(name)
        return names

    def _select(self, folder: str) -> dict:
        try:
            return self.client.select_folder(folder, readonly=True)
        except IMAPClientError as error:
            raise MailAccountError(f"cannot open folder '{folder}': {_why(error)}") from None

    def existing_uids(self, folder: str) -> FolderUids:
        """The folder's current UIDVALIDITY and every UID in it (4 bytes a message: fine for large folders)."""
        selected = self._select(folder)
        uids = self.client.search(["ALL"]) if selected.get(b"EXISTS", 1) else []
        return FolderUids(uidvalidity=int(selected[b"UIDVALIDITY"]), uids=frozenset(int(u) for u in uids))

    def sync_folder(self, folder: str, state: FolderState | None = None, *, batch_size: int = BATCH_SIZE,
                    snippet_chars: int = 0) -> Iterator[FolderBatch]:
        """The folder's messages after `state`, oldest UID first, a batch at a time (see the module)."""
        selected = self._select(folder)
        uidvalidity = int(selected[b"UIDVALIDITY"])
        restarted, note = False, ""
        if state is not None and state.uidvalidity != uidvalidity:
            restarted = True
            note = (f"folder '{folder}' was renumbered on the server (UIDVALIDITY {state.uidvalidity} → "
                    f"{uidvalidity}); reading it again from the start")
            state = None
        last = state.last_uid if state else 0
        uids = sorted(u for u in self.client.search(["UID", f"{last + 1}:*"]) if u > last) \
            if selected.get(b"EXISTS", 1) else []
        if not uids:
            yield FolderBatch(folder, [], FolderState(uidvalidity, last), restarted, note)
            return
        items = ["BODY.PEEK[HEADER]", "INTERNALDATE"]  # PEEK: reading must not mark mail as read
        if snippet_chars:
            items.append(f"BODY.PEEK[TEXT]<0.{SNIPPET_BYTES}>")
        for begin in range(0, len(uids), batch_size):
            chunk = uids[begin:begin + batch_size]
            fetched = self.client.fetch(chunk, items)
            warnings: list[MailWarning] = []
            messages = []
            for offset, uid in enumerate(chunk):
                data = fetched.get(uid)
                if not data or HEADER not in data:
                    continue  # expunged between the search and the fetch
                message = _message(folder, uid, data, begin + offset, snippet_chars, warnings)
                if message is not None:
                    messages.append(message)
            yield FolderBatch(folder, messages, FolderState(uidvalidity, chunk[-1]), restarted, note, warnings,
                              remaining=len(uids) - begin - len(chunk))


def _message(folder: str, uid: int, data: dict, index: int, snippet_chars: int,
             warnings: list[MailWarning]) -> MailMessage | None:
    internal = data.get(b"INTERNALDATE")
    if isinstance(internal, dt.datetime):
        internal = internal.astimezone(dt.UTC) if internal.tzinfo else internal.replace(tzinfo=dt.UTC)
    body = b""
    if snippet_chars:
        body = next((value for key, value in data.items() if key.startswith(b"BODY[TEXT]")), b"") or b""
    message = parse_headers(data[HEADER] or b"", index=index, position=f"{folder} UID {uid}", folder=folder,
                            fallback_date=internal if isinstance(internal, dt.datetime) else None,
                            fallback_source="server", body=body, snippet_chars=snippet_chars, warnings=warnings)
    if message is not None:
        message.uid = uid
    return message


def _tls_why(error: ssl.SSLError) -> str:
    return getattr(error, "verify_message", None) or error.reason or str(error)


def _why(error: Exception) -> str:
    if isinstance(error, socket.timeout):
        return "no answer in time"
    if isinstance(error, socket.gaierror):
        return "the host name is unknown"
    if isinstance(error, ConnectionRefusedError):
        return "the connection was refused"
    text = error.args[0] if error.args else str(error)
    return text.decode("utf-8", errors="replace") if isinstance(text, bytes) else str(text) or type(error).__name__


def sync_account(account: MailAccount, states: dict[str, FolderState], *, folders: Iterable[str] | None = None,
                 batch_size: int = BATCH_SIZE, snippet_chars: int = 0) -> Iterator[FolderBatch]:
    """Every batch of every folder (all selectable ones, or `folders`), one connection for all."""
    with MailSession(account) as session:
        for folder in list(folders) if folders is not None else session.folders():
            yield from session.sync_folder(folder, states.get(folder), batch_size=batch_size,
                                           snippet_chars=snippet_chars)
