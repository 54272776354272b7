"""A real IMAP server for the capture tests: Dovecot, started from its own configuration in a temp dir.

`dovecot` (once per test session) runs `/usr/sbin/dovecot -F` on a free port of 127.0.0.1, without
TLS, users and passwords in a passwd-file, mail in Maildir under the temp dir, logs in a file. It
is stopped at the end of the session. `imap_server` gives each test its own fresh user (so no test
sees another's mail) with its host, port, user, password and Maildir path. Tests are skipped, with
the reason, where Dovecot is not installed.

Dovecot refuses to run its login processes and to deliver mail as root; when the tests run as root
the login processes run as `dovenull` (Debian's unprivileged user for them, else `nobody`) and the
mail belongs to `nobody`. Otherwise everything runs as the current user.
"""

import grp
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

DOVECOT = Path("/usr/sbin/dovecot")
START_TIMEOUT = 15.0
USERS = 64  # one per test that asks for a mailbox; written before start, as Dovecot caches the passwd-file

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={root}/mail/%u
}}
# No growing delay after the wrong-password test (Dovecot's brute-force protection, per client IP).
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


@dataclass(frozen=True)
class ImapTestServer:
    """One test's mailbox on the running Dovecot: connect to host:port as user/password, no TLS."""

    host: str
    port: int
    user: str
    password: str
    maildir: Path


class Dovecot:
    """The running server: its process, port and files, and a way to add users."""

    def __init__(self, root: Path):
        self.root = root
        self.port = _free_port()
        self.process: subprocess.Popen | None = None
        self.users = [(f"ally{number}", secrets.token_urlsafe(12)) for number in range(1, USERS + 1)]
        self._next = iter(self.users)

    def start(self) -> None:
        root = self.root
        for sub in ("run", "state", "mail"):
            (root / sub).mkdir()
        (root / "passwd").write_text("".join(f"{user}:{{PLAIN}}{password}::::::\n" for user, password in self.users))
        user, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
        login_user, mail_uid, mail_gid = user, os.getuid(), os.getgid()
        if os.getuid() == 0:
            login_user = "dovenull" if _user_exists("dovenull") else "nobody"
            nobody = pwd.getpwnam("nobody")
            mail_uid, mail_gid = nobody.pw_uid, nobody.pw_gid
            os.chmod(root, 0o711)  # the mail user must reach its mail under the temp dir
            os.chown(root / "mail", mail_uid, mail_gid)
        config = root / "dovecot.conf"
        config.write_text(CONFIG.format(root=root, port=self.port, internal_user=user, internal_group=group,
                                        login_user=login_user, mail_uid=mail_uid, mail_gid=mail_gid))
        self.process = subprocess.Popen([str(DOVECOT), "-F", "-c", str(config)], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read().decode(errors="replace")
                raise RuntimeError(f"dovecot exited with {self.process.returncode}: {output}\n{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                    if connection.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"dovecot did not accept connections within {START_TIMEOUT} s:\n{self.log()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # the master stops its children before it exits
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process.stdout.close()

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else "(no log)"

    def add_user(self) -> ImapTestServer:
        """The next unused user: a mailbox no test has touched yet."""
        try:
            user, password = next(self._next)
        except StopIteration:
            raise RuntimeError(f"more than {USERS} tests asked for a mailbox; raise USERS in conftest.py") from None
        return ImapTestServer("127.0.0.1", self.port, user, password, self.root / "mail" / user)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(scope="session")
def dovecot():
    """A Dovecot IMAP server of its own for this test session, stopped when the session ends."""
    if not DOVECOT.exists():
        pytest.skip(f"Dovecot is not installed ({DOVECOT} is missing; apt-get install dovecot-imapd)")
    root = Path(tempfile.mkdtemp(prefix="ally-dovecot-"))
    server = Dovecot(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def imap_server(dovecot) -> ImapTestServer:
    """A fresh, empty mailbox (a new user) on the session's Dovecot."""
    return dovecot.add_user()
