"""`ally import purchases`: purchases from a CSV."""


import typer
from rich.markup import escape

from ally.core.cli import (
    console,
    domain_errors,
    err_console,
    json_option,
    print_json,
    print_table,
    read_input,
    setup_django,
    workspace_option,
)
from ally.workspaces.cli import resolve_workspace

LISTED = 20  # report lines printed; --json has them all


def import_purchases(file: str = typer.Argument(..., help="The CSV file ('-' for standard input)."),
                     dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen; write nothing."),
                     currency: str = typer.Option(None, "--currency", help="For rows without a currency column "
                                                                           "(default: the workspace's)."),
                     workspace: str = workspace_option(), as_json: bool = json_option()):
    """Import purchases from a CSV (columns: email or person_id or name, date, amount, and optionally currency,
    offering, description). A purchase already recorded is not recorded twice."""
    setup_django()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ally.ownership.importing import purchases_import

    target = resolve_workspace(workspace)
    data = read_input(file)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True, disable=not err_console.is_terminal) as progress:
        task = progress.add_task("checking" if dry_run else "importing", total=None)
        with domain_errors():
            report = purchases_import(workspace=target, data=data, dry_run=dry_run, default_currency=currency or "",
                                      on_start=lambda total: progress.update(task, total=total),
                                      progress=lambda n: progress.advance(task, n))
    for warning in report.warnings:
        err_console.print(f"[yellow]warning:[/yellow] {escape(warning)}", highlight=False, soft_wrap=True)
    if as_json:
        print_json(report.as_dict())
        return
    counts = report.as_dict()["counts"]
    print_table(f"{report.rows} rows {'checked' if dry_run else 'imported'} into {target.slug}", ["rows", "count"],
                [["new purchases", counts["new"]], ["already recorded (skipped)", counts["already_recorded"]],
                 ["duplicates within the file (skipped)", counts["duplicate_in_file"]],
                 ["invalid (skipped)", counts["invalid"]]])
    for title, rows in (("Invalid rows", report.invalid),
                        ("Duplicates within the file", [(line, f"same purchase as line {first}")
                                                        for line, first in report.duplicates])):
        if rows:
            more = f" (first {LISTED} of {len(rows)}; --json lists all)" if len(rows) > LISTED else ""
            print_table(title + more, ["line", "detail"], [[line, detail] for line, detail in rows[:LISTED]])
    if dry_run:
        console.print("Dry run: nothing was written.", highlight=False, markup=False, soft_wrap=True)

