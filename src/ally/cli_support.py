"""What every `ally` command shares: choosing the workspace, finding a PERSON, printing JSON or tables."""

import json
from typing import Any

import typer

from ally.cli import console, fail


def workspace_option() -> Any:
    return typer.Option(None, "--workspace", "-w", help="Workspace slug (default: the only one).")


def json_option() -> Any:
    return typer.Option(False, "--json", help="Print JSON for scripting.")


def resolve_workspace(slug: str | None):
    """The workspace named by --workspace, or the only one; otherwise an error naming those that exist."""
    from ally.workspaces.models import Workspace

    if slug:
        workspace = Workspace.objects.filter(slug=slug).first()
        if workspace is None:
            raise fail(f"no workspace '{slug}'; workspaces: {_slugs() or 'none (ally workspace create)'}")
        return workspace
    workspaces = list(Workspace.objects.order_by("slug")[:2])
    if len(workspaces) == 1:
        return workspaces[0]
    if not workspaces:
        raise fail("no workspace yet; create one with `ally workspace create`")
    raise fail(f"several workspaces exist, choose one with --workspace: {_slugs()}")


def _slugs() -> str:
    from ally.workspaces.models import Workspace

    return ", ".join(Workspace.objects.order_by("slug").values_list("slug", flat=True))


def resolve_person(workspace, reference: str):
    """PERSON as an id, an email, or a name fragment; an ambiguous fragment lists the candidates and exits 1."""
    from ally.errors import NotFound, ValidationError
    from ally.people.selectors import resolve_person_reference

    try:
        return resolve_person_reference(workspace=workspace, reference=reference)
    except NotFound:
        raise fail(f"no person matches '{reference}'") from None
    except ValidationError as exc:
        raise fail(str(exc)) from None


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, default=str, ensure_ascii=False))


def print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        # Text, not str: cells hold user data, which must never be read as Rich markup.
        table.add_row(*[Text("" if value is None else str(value)) for value in row])
    console.print(table)


def parse_date(value: str | None, field: str):
    """An ISO date (YYYY-MM-DD) typed on the command line, or one error line naming the option."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise fail(f"{field}: '{value}' is not a date (use YYYY-MM-DD)") from None


def parse_moment(value: str | None, field: str, time_zone: str):
    """An ISO date-time; without an offset it is read in `time_zone`, and a bare date means noon that day."""
    import datetime as dt
    import zoneinfo

    if value is None:
        return None
    text = value.strip()
    try:
        moment = dt.datetime.combine(dt.date.fromisoformat(text), dt.time(12)) if len(text) == 10 else \
            dt.datetime.fromisoformat(text)
    except ValueError:
        raise fail(f"{field}: '{value}' is not a date and time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(time_zone))
    return moment
