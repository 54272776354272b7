"""`ally import vcard|mail`, `ally export vcard` and `ally people suggestions`: what already exists, brought in."""

import contextlib

import typer
from rich.markup import escape

from ally.core.cli import (
    CommandLine,
    console,
    domain_errors,
    err_console,
    json_option,
    print_json,
    print_table,
    say,
    setup_django,
    workspace_option,
)
from ally.imports.cli import open_output, print_import_report, read_input
from ally.workspaces.cli import find_member, resolve_workspace

LISTED = 20  # warnings printed in the terminal; --json lists them all

def register(cli: CommandLine) -> None:
    cli.shared_command("import", "vcard", import_vcard)
    cli.shared_command("export", "vcard", export_vcard)
    cli.shared_command("import", "mail", import_mail)
    from ally.people.cli import people_app

    # `ally people` is the people app's group; a suggestion is a person to be, so it is listed there.
    people_app.command("suggestions")(people_suggestions)


@contextlib.contextmanager
def _progress(dry_run: bool):
    """A progress bar on the terminal (none when output is piped); yields (on_start, advance)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True, disable=not err_console.is_terminal) as progress:
        task = progress.add_task("checking" if dry_run else "importing", total=None)
        yield (lambda total: progress.update(task, total=total)), (lambda n: progress.advance(task, n))


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        err_console.print(f"[yellow]warning:[/yellow] {escape(warning)}", highlight=False, soft_wrap=True)


def import_vcard(file: str = typer.Argument(..., help="The .vcf file ('-' for standard input)."),
                 dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen; write nothing."),
                 workspace: str = workspace_option(), as_json: bool = json_option()):
    """Import people from a vCard address book (phones, Google, Apple, Outlook, Nextcloud), matching people
    Ally already knows instead of duplicating them."""
    setup_django()
    from ally.capture.services.cards import people_import_vcard

    target = resolve_workspace(workspace)
    data = read_input(file)
    with _progress(dry_run) as (on_start, advance), domain_errors():
        report = people_import_vcard(workspace=target, data=data, dry_run=dry_run, on_start=on_start,
                                     progress=advance)
    _warn(report.warnings)
    if as_json:
        print_json(report.as_dict())
        return
    print_import_report(report, target.slug)


def export_vcard(out: str = typer.Option(None, "--out", "-o", help="File to write (default: standard output)."),
                 person: list[str] = typer.Option(None, "--person", help="Only this person (repeatable)."),
                 workspace: str = workspace_option()):
    """Write the workspace's people (or a selection) as a vCard 4.0 address book that phones read."""
    setup_django()
    from ally.capture.selectors import people_cards
    from ally.capture.vcards import write_vcards
    from ally.people.cli import resolve_person

    target = resolve_workspace(workspace)
    ids = [resolve_person(target, who).id for who in person] if person else None
    count = 0
    with open_output(out) as stream:
        for count, card in enumerate(people_cards(workspace=target, person_ids=ids), 1):
            stream.write(write_vcards([card]))
    err_console.print(f"Exported {count:,} people from {target.slug}" + (f" to {out}." if out else "."),
                      highlight=False, markup=False)


def import_mail(path: str = typer.Argument(..., help="An mbox file (Gmail Takeout too), a Maildir folder, "
                                                     "or .eml files (a file or a folder of them)."),
                member: str = typer.Option(None, "--member", help="Whose mailbox it is (username or email)."),
                dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen; write nothing."),
                workspace: str = workspace_option(), as_json: bool = json_option()):
    """Import email interactions from a mailbox: metadata only (never the body), once per Message-ID."""
    setup_django()
    from ally.capture.services.mail import mail_import

    target = resolve_workspace(workspace)
    seat = find_member(target, member) if member else None
    with _progress(dry_run) as (_on_start, advance), domain_errors():
        report = mail_import(workspace=target, path=path, member=seat, dry_run=dry_run, progress=advance)
    _warn(report.warnings[:LISTED])
    if len(report.warnings) > LISTED:
        err_console.print(f"... and {len(report.warnings) - LISTED} more warnings (--json lists all)")
    if as_json:
        print_json(report.as_dict())
        return
    counts = report.as_dict()["counts"]
    print_table(f"{report.messages} messages {'checked' if dry_run else 'read'} into {target.slug}",
                ["messages", "count"],
                [["email interactions " + ("to add" if dry_run else "added"), counts["imported"]],
                 ["already imported", counts["already_imported"]], ["bulk mail (skipped)", counts["bulk"]],
                 ["among the team only (skipped)", counts["team_only"]],
                 ["no known person (skipped)", counts["no_known_person"]],
                 ["without a date (skipped)", counts["undated"]]])
    if dry_run:
        console.print("Dry run: nothing was written.")


def people_suggestions(add: str = typer.Option(None, "--add", help="Add this suggested address as a person."),
                       name: str = typer.Option("", "--name", help="With --add: the person's name."),
                       ignore: str = typer.Option(None, "--ignore", help="Never suggest this address again."),
                       workspace: str = workspace_option(), as_json: bool = json_option()):
    """People the team keeps writing to (or hearing from) who are not in Ally yet."""
    setup_django()
    from ally.capture.selectors import access_suggestion, suggestions
    from ally.capture.services.suggestions import suggestion_add, suggestion_ignore

    target = resolve_workspace(workspace)
    if add or ignore:
        with domain_errors():
            suggestion = access_suggestion(workspace=target, address=add or ignore)
            if add:
                person = suggestion_add(workspace=target, suggestion=suggestion, name=name)
                say(f"Added {escape(person.name)} (#{person.id}).")
            else:
                suggestion_ignore(workspace=target, suggestion=suggestion)
                say(f"{escape(suggestion['address'])} will not be suggested again.")
        return
    rows = suggestions(workspace=target)
    if as_json:
        print_json([{**row, "last_seen": row["last_seen"].isoformat() if row["last_seen"] else None} for row in rows])
        return
    print_table("Suggested people", ["address", "name", "messages", "last seen"],
                [[r["address"], r["name"], r["messages"], r["last_seen"].date() if r["last_seen"] else ""]
                 for r in rows])
