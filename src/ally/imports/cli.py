"""`ally import` and `ally export`: people from spreadsheets, whole workspaces to and from JSON archives."""

import contextlib
import sys

import typer
from rich.markup import escape

from ally.core import cli as core_cli
from ally.core.cli import (
    CommandLine,
    console,
    domain_errors,
    err_console,
    fail,
    json_option,
    print_json,
    print_table,
    read_input,
    setup_django,
    workspace_option,
)
from ally.core.files import open_private
from ally.workspaces.cli import resolve_workspace

LISTED = 20  # rows listed per section in the terminal; --json lists them all


def register(cli: CommandLine) -> None:
    cli.shared_command("import", "csv", import_csv)
    cli.shared_command("import", "json", import_json)
    cli.shared_command("export", "json", export_json)
    cli.shared_command("export", "csv", export_csv)


def import_csv(file: str = typer.Argument(..., help="The CSV file ('-' for standard input)."),
               map_: list[str] = typer.Option(None, "--map", help="COLUMN=FIELD, e.g. 'Société=organization' "
                                              "(repeatable; FIELD 'ignore' skips a column)."),
               dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen; write nothing."),
               workspace: str = workspace_option(), as_json: bool = json_option()):
    """Import people from a CSV file, matching people Ally already knows instead of duplicating them."""
    setup_django()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ally.imports.csv_reader import CsvError, parse_mapping
    from ally.imports.services import people_import_csv

    target = resolve_workspace(workspace)
    data = read_input(file)
    try:
        mapping = parse_mapping(map_ or [])
    except CsvError as exc:
        raise fail(str(exc)) from None
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True, disable=not err_console.is_terminal) as progress:
        task = progress.add_task("checking" if dry_run else "importing", total=None)
        with domain_errors():
            report = people_import_csv(workspace=target, data=data, mapping=mapping, dry_run=dry_run,
                                       on_start=lambda total: progress.update(task, total=total),
                                       progress=lambda n: progress.advance(task, n))
    for warning in report.warnings:
        err_console.print(f"[yellow]warning:[/yellow] {escape(warning)}", highlight=False, soft_wrap=True)
    if as_json:
        print_json(report.as_dict())
        return
    print_import_report(report, target.slug)


def print_import_report(report, slug: str) -> None:
    counts = report.as_dict()["counts"]
    verb = "would be" if report.dry_run else "were"
    print_table(f"{report.rows} rows {'checked' if report.dry_run else 'imported'} into {slug}", ["rows", "count"],
                [["new people", counts["new"]], ["updated people", counts["updated"]],
                 ["already known, nothing new", counts["unchanged"]],
                 ["duplicates within the file (merged)", counts["duplicate_in_file"]],
                 ["invalid (skipped)", counts["invalid"]], ["values kept over the file's", counts["conflicts"]]])
    for title, rows in (("Invalid rows", report.invalid),
                        ("Duplicates within the file", [(line, f"same person as line {first}")
                                                        for line, first in report.duplicates]),
                        ("Kept Ally's values", report.conflicts)):
        if rows:
            more = f" (first {LISTED} of {len(rows)}; --json lists all)" if len(rows) > LISTED else ""
            print_table(title + more, ["line", "detail"], [[line, detail] for line, detail in rows[:LISTED]])
    if report.dry_run:
        console.print(f"Dry run: nothing {verb} written.")


def import_json(file: str = typer.Argument(..., help="An archive written by `ally export json` ('-': stdin)."),
                workspace: str = typer.Option(..., "--workspace", "-w", help="The NEW workspace's slug."),
                name: str = typer.Option("", "--name", help="The new workspace's name (default: the archived one)."),
                map_user: list[str] = typer.Option([], "--map-user", metavar="ARCHIVE_USER=LOCAL_USER",
                                                   help="Seat an existing login (username or email) where the "
                                                        "archive has ARCHIVE_USER; repeatable. Every other "
                                                        "archived account becomes a new login with no usable "
                                                        "password.")):
    """Restore a workspace archive into a new workspace (on this installation's database).

    No existing login is given a seat unless --map-user says so; the accounts created or seated are listed."""
    # Restoring onto a new machine is often the first command there: bring the schema up to date.
    core_cli.setup_django(migrate=True)
    import json

    from ally.imports.services import workspace_restore

    try:
        archive = json.loads(read_input(file))
    except ValueError as exc:
        raise fail(f"file: '{file}' is not JSON ({exc})") from None
    user_map = {}
    for pair in map_user:
        archived, _, local = pair.partition("=")
        if not archived.strip() or not local.strip():
            raise fail(f"map_user: '{pair}' is not ARCHIVE_USER=LOCAL_USER")
        user_map[archived.strip()] = local.strip()
    if not isinstance(archive, dict):
        raise fail("file: is not an Ally workspace archive")
    with domain_errors():
        restored = workspace_restore(archive=archive, slug=workspace, name=name, user_map=user_map)
    rows = sum(len(rows) for rows in archive.get("tables", {}).values())
    console.print(f"Restored {rows:,} rows into workspace [bold]{restored.slug}[/bold] ({escape(restored.name)}).")
    for account in restored.restored_accounts:
        if account["how"] == "mapped":
            console.print(f"  {escape(account['archive'])}: seated existing login {escape(account['local'])}")
        else:
            console.print(f"  {escape(account['archive'])}: created login {escape(account['local'])} with no "
                          "usable password (set one before it logs in)")


def export_json(out: str = typer.Option(None, "--out", "-o", help="File to write (default: standard output)."),
                workspace: str = workspace_option()):
    """Write the whole workspace as a JSON archive (a backup that `ally import json` restores)."""
    setup_django()
    from ally.imports.archive import ArchiveError, write_archive

    target = resolve_workspace(workspace)
    try:
        with open_output(out) as stream:
            counts = write_archive(workspace=target, out=stream)
    except ArchiveError as exc:
        raise fail(str(exc)) from None
    err_console.print(f"Exported {sum(counts.values()):,} rows from {len(counts)} tables of {target.slug}"
                      + (f" to {out}." if out else "."), highlight=False, markup=False)


def export_csv(out: str = typer.Option(None, "--out", "-o", help="File to write (default: standard output)."),
               workspace: str = workspace_option()):
    """Write the workspace's people as a CSV spreadsheet (UTF-8 with a BOM, so spreadsheet apps read accents).

    A cell starting with =, +, -, @, a tab or a carriage return gets a leading ' so no spreadsheet runs it."""
    setup_django()
    import csv

    from ally.core.spreadsheet import safe_row
    from ally.imports.selectors import PEOPLE_CSV_COLUMNS, people_for_export

    target = resolve_workspace(workspace)
    count = 0
    with open_output(out, bom=True) as stream:
        writer = csv.DictWriter(stream, fieldnames=PEOPLE_CSV_COLUMNS)
        writer.writeheader()
        for count, row in enumerate(people_for_export(workspace=target), 1):
            writer.writerow(safe_row(row))
    err_console.print(f"Exported {count:,} people from {target.slug}" + (f" to {out}." if out else "."),
                      highlight=False, markup=False)


@contextlib.contextmanager
def open_output(path: str | None, *, bom: bool = False):
    """A file opened for writing, or standard output when no file is named."""
    if not path:
        yield sys.stdout
        return
    try:
        handle = open_private(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="")
    except OSError as exc:
        raise fail(f"out: cannot write '{path}' ({exc.strerror})") from None
    with handle:
        yield handle
