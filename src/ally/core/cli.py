"""What every `ally` command shares: Django set-up, one-line errors, options, JSON and tables.

A leaf module: app `cli.py` files import it and nothing imports `ally.cli`, so any app's commands
can be imported first, in any order. Apps plug their commands in through `CommandLine` (see
`register(cli)` in each app's `cli.py`); a command or group name used twice is refused at start-up.
"""

import contextlib
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

# Terminal control sequences (colours, cursor moves, titles) and other C0/C1 controls except tab and newline:
# stored text is printed as text, never as instructions to the terminal.
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: Any) -> str:
    """Stored text made safe for a terminal: control characters and escape sequences removed."""
    return _CONTROL.sub("", "" if text is None else str(text))


def setup_django(*, migrate: bool = False) -> None:
    """Configure Django for a command; with `migrate`, bring the database schema up to date first."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ally.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one error line on stderr; `raise fail(...)` ends the command with a non-zero status."""
    from rich.markup import escape

    # Escaped: messages quote user input, and "[x]" in it must print as typed, not as Rich markup.
    # soft_wrap: an error stays one line even when stderr is a pipe (Rich would wrap it at 80 columns).
    err_console.print(f"[red]error:[/red] {escape(printable(message))}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextlib.contextmanager
def domain_errors():
    """Turn Ally's domain errors into one clear line and exit status 1."""
    from ally.core.errors import DomainError

    try:
        yield
    except DomainError as exc:
        raise fail(str(exc)) from None


def say(text: str) -> None:
    """One line of output quoting stored text: never read as Rich markup, never wrapped."""
    console.print(printable(text), highlight=False, markup=False, soft_wrap=True)


def workspace_option() -> Any:
    return typer.Option(None, "--workspace", "-w", help="Workspace slug (default: the only one).")


def member_option() -> Any:
    """--member: whose day a command works in (their time zone); default the workspace's first owner."""
    return typer.Option(None, "--member", help="Team member (username or email) whose day and time zone to use "
                                               "(default: the workspace's first owner).")


def json_option() -> Any:
    return typer.Option(False, "--json", help="Print JSON for scripting.")


def print_json(data: Any) -> None:
    """JSON as the API writes it (Django's encoder: ISO dates, Decimals as strings), so scripts can use either."""
    from django.core.serializers.json import DjangoJSONEncoder

    typer.echo(json.dumps(data, indent=2, cls=DjangoJSONEncoder, ensure_ascii=False))


def print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=printable(title), show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        # Text, not str: cells hold user data, which must never be read as Rich markup.
        table.add_row(*[Text(printable(value)) for value in row])
    console.print(table)


def parse_date(value: str | None, field: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) typed on the command line, or one error line naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise fail(f"{field}: '{value}' is not a date (use YYYY-MM-DD)") from None


def parse_moment(value: str | None, field: str) -> dt.datetime | None:
    """An ISO date-time; without an offset it is read in the command's time zone (the member's, see
    `ally.workspaces.clock`), and a bare date means noon that day."""
    if value is None:
        return None
    text = value.strip()
    try:
        moment = dt.datetime.combine(dt.date.fromisoformat(text), dt.time(12)) if len(text) == 10 else \
            dt.datetime.fromisoformat(text)
    except ValueError:
        raise fail(f"{field}: '{value}' is not a date and time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    if moment.tzinfo is None:
        from django.utils import timezone

        moment = moment.replace(tzinfo=timezone.get_current_timezone())
    return moment


# Groups that belong to the command line rather than to one app: each app adds its own kinds of file.
SHARED_GROUPS = {
    "import": "Bring people, purchases or a whole workspace into Ally.",
    "export": "Write people or a whole workspace out of Ally.",
}


def read_input(path: str) -> bytes:
    """A file's bytes, or standard input's for '-'; a file that cannot be read is one line naming it."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise fail(f"file: cannot read '{path}' ({exc.strerror})") from None


class CommandLine:
    """The `ally` command being assembled: apps add commands and groups; names must be unique."""

    def __init__(self, root: typer.Typer):
        self.root = root
        self.owner = "ally"
        self._names: dict[str, str] = {}
        self._groups: dict[str, typer.Typer] = {}
        self._group_commands: dict[tuple[str, str], str] = {}
        self._open_groups: set[str] = set()

    def _claim(self, name: str) -> None:
        if name in self._names:
            raise RuntimeError(f"`ally {name}` is declared twice: by {self._names[name]} and by {self.owner}")
        self._names[name] = self.owner

    def command(self, name: str, function: Callable) -> None:
        """A top-level command, `ally NAME`."""
        self._claim(name)
        self.root.command(name)(function)

    def group(self, name: str, group: typer.Typer, *, others_may_add: bool = False) -> None:
        """A command group this app owns, `ally NAME ...`; with `others_may_add`, apps above it may add commands
        through `shared_command` (`ally people suggestions` from capture), and nobody else may."""
        self._claim(name)
        self._groups[name] = group
        if others_may_add:
            self._open_groups.add(name)
        self.root.add_typer(group, name=name)

    def shared_command(self, group: str, name: str, function: Callable) -> None:
        """A command in a group several apps add to (`ally import csv`, `ally import purchases`): the group
        belongs to the command line, not to any one app, so no app edits another's group."""
        key = (group, name)
        if key in self._group_commands:
            raise RuntimeError(f"`ally {group} {name}` is declared twice: by {self._group_commands[key]} "
                               f"and by {self.owner}")
        if group in self._groups and group not in SHARED_GROUPS and group not in self._open_groups:
            raise RuntimeError(f"`ally {group}` belongs to {self._names[group]}, which takes no commands from "
                               f"{self.owner}")
        if group not in self._groups and group not in SHARED_GROUPS:
            raise RuntimeError(f"{self.owner} adds `ally {group} {name}`, but no app has declared `ally {group}` yet")
        self._group_commands[key] = self.owner
        if group not in self._groups:
            self._claim(group)
            self._groups[group] = typer.Typer(help=SHARED_GROUPS[group], no_args_is_help=True)
            self.root.add_typer(self._groups[group], name=group)
        self._groups[group].command(name)(function)
