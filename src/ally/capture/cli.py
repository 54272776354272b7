"""`ally import vcard|mail|calendar`, `ally calendar ...`, `ally export vcard` and `ally people suggestions`: what already exists, brought in."""

import contextlib

import typer
from rich.markup import escape

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
    say,
    setup_django,
    workspace_option,
)
from ally.imports.cli import open_output, print_import_report
from ally.workspaces.cli import find_member, resolve_workspace

LISTED = 20  # warnings printed in the terminal; --json lists them all

mail_app = typer.Typer(help="Mailboxes on IMAP servers, followed incrementally.", no_args_is_help=True)
account_app = typer.Typer(help="Connect and list mail accounts.", no_args_is_help=True)
mail_app.add_typer(account_app, name="account")
calendar_app = typer.Typer(help="Calendar feeds (the private iCal address of Google, Outlook, Apple), "
                                "read periodically.", no_args_is_help=True)


def register(cli: CommandLine) -> None:
    cli.group("mail", mail_app)
    cli.group("calendar", calendar_app)
    cli.shared_command("import", "calendar", import_calendar)
    cli.shared_command("import", "social", import_social)
    cli.shared_command("import", "vcard", import_vcard)
    cli.shared_command("export", "vcard", export_vcard)
    cli.shared_command("import", "mail", import_mail)
    # A suggestion is a person to be, so it is listed under `ally people`, which the people app opens to others.
    cli.shared_command("people", "suggestions", people_suggestions)


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


@account_app.command("add")
def mail_account_add(member: str = typer.Option(..., "--member", help="Whose mailbox (username or email)."),
                     host: str = typer.Option(..., "--host", help="The IMAP server."),
                     port: int = typer.Option(None, "--port", help="Default: 993 (TLS); 143 on this machine."),
                     username: str = typer.Option(..., "--username"),
                     password_file: str = typer.Option(..., "--password-file",
                                                       help="A file holding the password (never on the command line)."),
                     folder: list[str] = typer.Option(None, "--folder", help="A folder to follow (repeatable; "
                                                      "default INBOX)."),
                     workspace: str = workspace_option()):
    """Connect a team member's mailbox; the password is stored encrypted and never shown back."""
    setup_django()
    from ally.capture.services.accounts import DEFAULT_FOLDERS
    from ally.capture.services.accounts import mail_account_add as add

    target = resolve_workspace(workspace)
    seat = find_member(target, member)
    password = read_input(password_file).decode("utf-8", errors="replace").strip("\r\n")
    with domain_errors():
        account = add(workspace=target, member=seat, host=host, port=port, username=username, password=password,
                      folders=folder or DEFAULT_FOLDERS)
    say(f"Mail account #{account.id} ({escape(account.username)} on {escape(account.host)}) connected; "
        f"`ally mail sync --account {account.id}` reads it now.")


@account_app.command("list")
def mail_account_list(workspace: str = workspace_option(), as_json: bool = json_option()):
    """The connected mailboxes: last sync, counts, last error."""
    setup_django()
    from ally.capture.selectors import mail_accounts

    rows = [_account_json(a) for a in mail_accounts(workspace=resolve_workspace(workspace))]
    if as_json:
        print_json(rows)
        return
    print_table("Mail accounts", ["id", "member", "account", "folders", "last sync", "emails", "last error"],
                [[r["id"], r["member"], f"{r['username']}@{r['host']}", ", ".join(r["folders"]), r["last_sync_at"] or "",
                  r["emails_captured"], r["last_error"]] for r in rows])


def _account_json(account) -> dict:
    return {"id": account.id, "member": account.member.user.username, "host": account.host, "port": account.port,
            "username": account.username, "folders": account.folders,
            "last_sync_at": account.last_sync_at.isoformat() if account.last_sync_at else None,
            "messages_read": account.messages_read, "emails_captured": account.emails_captured,
            "last_error": account.last_error}


def _chosen(workspace: str, chosen_id, all_: bool, *, flag: str, name: str, one, every) -> list:
    """The mailbox or calendar named by its id, or every one of the workspace with --all (exactly one of them)."""
    if (chosen_id is None) == (not all_):
        raise fail(f"{name}: give {flag} ID or --all")
    target = resolve_workspace(workspace)
    with domain_errors():
        return [one(target)] if chosen_id is not None else list(every(target))


def _sync_each(sources, *, sync, row, line, what: str, as_json: bool) -> None:
    """Sync each mailbox or calendar and print a line (or JSON) for each; exit 1 when one kept an error."""
    results, failed = [], False
    for one in sources:
        report = sync(one)
        results.append({**row(one), "report": report.as_dict()})
        failed = failed or bool(one.last_error)
    if as_json:
        print_json(results)
    else:
        for result in results:
            text = line(result, result["report"]["counts"])
            say(escape(text + (f"; error: {result['last_error']}" if result["last_error"] else "")))
    if failed:
        raise fail(f"some {what} could not be synced (see their last error)")


@mail_app.command("sync")
def mail_sync(account: int = typer.Option(None, "--account", help="Only this account (its id)."),
              all_: bool = typer.Option(False, "--all", help="Every account of the workspace."),
              workspace: str = workspace_option(), as_json: bool = json_option()):
    """Read what arrived in the mailboxes since their last sync."""
    setup_django()
    from ally.capture.selectors import access_mail_account, mail_accounts
    from ally.capture.services.accounts import mail_account_sync

    accounts = _chosen(workspace, account, all_, flag="--account", name="account",
                       one=lambda target: access_mail_account(workspace=target, account_id=account),
                       every=lambda target: mail_accounts(workspace=target))
    _sync_each(accounts, sync=lambda one: mail_account_sync(account=one), row=_account_json, what="accounts",
               as_json=as_json,
               line=lambda r, counts: f"#{r['id']} {r['username']}@{r['host']}: {counts['imported']} emails added")


def _print_calendar_report(report, title: str) -> None:
    counts = report.as_dict()["counts"]
    added = "to add" if report.dry_run else "added"
    print_table(title, ["events", "count"],
                [["meetings " + added, counts["imported"]], ["meetings updated (higher SEQUENCE)", counts["updated"]],
                 ["already imported", counts["already_imported"]], ["removed (cancelled or deleted)", counts["removed"]],
                 ["cancelled (skipped)", counts["cancelled"]], ["no known person (skipped)", counts["no_known_person"]],
                 ["upcoming meetings", counts["upcoming"]]])


def import_calendar(file: str = typer.Argument(..., help="The .ics file ('-' for standard input)."),
                    member: str = typer.Option(None, "--member", help="Whose calendar it is (username or email); "
                                               "its floating times are read in their time zone."),
                    dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen; write nothing."),
                    workspace: str = workspace_option(), as_json: bool = json_option()):
    """Import meetings from a calendar file: past events with known people as meeting interactions, future ones
    as upcoming meetings; once per event and occurrence."""
    setup_django()
    from ally.capture.services.calendar import calendar_import

    target = resolve_workspace(workspace)
    seat = find_member(target, member) if member else None
    data = read_input(file)
    with domain_errors():
        report = calendar_import(workspace=target, data=data, member=seat, dry_run=dry_run)
    _warn(report.warnings[:LISTED])
    if len(report.warnings) > LISTED:
        err_console.print(f"... and {len(report.warnings) - LISTED} more warnings (--json lists all)")
    if as_json:
        print_json(report.as_dict())
        return
    _print_calendar_report(report, f"{report.events} events {'checked' if dry_run else 'read'} into {target.slug}")
    if dry_run:
        console.print("Dry run: nothing was written.")


def _subscription_json(subscription) -> dict:
    return {"id": subscription.id, "member": subscription.member.user.username, "host": subscription.host,
            "name": subscription.name,
            "last_sync_at": subscription.last_sync_at.isoformat() if subscription.last_sync_at else None,
            "events_read": subscription.events_read, "meetings_captured": subscription.meetings_captured,
            "upcoming": subscription.upcoming, "last_error": subscription.last_error}


@calendar_app.command("subscribe")
def calendar_subscribe(url: str = typer.Argument(..., help="The calendar's private iCal address (http, https or "
                                                 "webcal)."),
                       member: str = typer.Option(..., "--member", help="Whose calendar (username or email)."),
                       no_sync: bool = typer.Option(False, "--no-sync", help="Do not read it now."),
                       workspace: str = workspace_option(), as_json: bool = json_option()):
    """Follow a team member's calendar feed; the address is stored encrypted and read now and every 30 minutes."""
    setup_django()
    from ally.capture.services.calendar import calendar_subscribe as subscribe
    from ally.capture.services.calendar import calendar_subscription_sync

    target = resolve_workspace(workspace)
    seat = find_member(target, member)
    with domain_errors():
        subscription = subscribe(workspace=target, member=seat, url=url)
    if not no_sync:
        calendar_subscription_sync(subscription=subscription)
    if as_json:
        print_json(_subscription_json(subscription))
    else:
        say(f"Calendar #{subscription.id} on {escape(subscription.host)} subscribed"
            + (f"; {subscription.meetings_captured} meetings captured, {subscription.upcoming} upcoming."
               if subscription.last_sync_at and not subscription.last_error else "."))
    if subscription.last_error:
        raise fail(f"the calendar could not be read: {subscription.last_error}")


@calendar_app.command("list")
def calendar_list(workspace: str = workspace_option(), as_json: bool = json_option()):
    """The subscribed calendars: last sync, counts, last error."""
    setup_django()
    from ally.capture.selectors import calendar_subscriptions

    rows = [_subscription_json(s) for s in calendar_subscriptions(workspace=resolve_workspace(workspace))]
    if as_json:
        print_json(rows)
        return
    print_table("Calendars", ["id", "member", "host", "name", "last sync", "meetings", "upcoming", "last error"],
                [[r["id"], r["member"], r["host"], r["name"], r["last_sync_at"] or "", r["meetings_captured"],
                  r["upcoming"], r["last_error"]] for r in rows])


@calendar_app.command("sync")
def calendar_sync(id_: int = typer.Option(None, "--id", help="Only this subscription (its id)."),
                  all_: bool = typer.Option(False, "--all", help="Every calendar of the workspace."),
                  workspace: str = workspace_option(), as_json: bool = json_option()):
    """Read the subscribed calendars again: new meetings, updated and deleted ones."""
    setup_django()
    from ally.capture.selectors import access_calendar_subscription, calendar_subscriptions
    from ally.capture.services.calendar import calendar_subscription_sync

    subscriptions = _chosen(workspace, id_, all_, flag="--id", name="id",
                            one=lambda target: access_calendar_subscription(workspace=target, subscription_id=id_),
                            every=lambda target: calendar_subscriptions(workspace=target))
    _sync_each(subscriptions, sync=lambda one: calendar_subscription_sync(subscription=one), row=_subscription_json,
               what="calendars", as_json=as_json,
               line=lambda r, counts: (f"#{r['id']} {r['host']}: {counts['imported']} meetings added, "
                                       f"{counts['updated']} updated, {counts['removed']} removed, "
                                       f"{counts['upcoming']} upcoming"))


@calendar_app.command("unsubscribe")
def calendar_unsubscribe(id_: int = typer.Argument(..., help="The subscription's id."),
                         delete_captured: bool = typer.Option(False, "--delete-captured",
                                                              help="Delete the meetings it captured too."),
                         workspace: str = workspace_option()):
    """Stop following a calendar (its upcoming meetings go; its past meetings stay unless --delete-captured)."""
    setup_django()
    from ally.capture.selectors import access_calendar_subscription
    from ally.capture.services.calendar import calendar_unsubscribe as unsubscribe

    target = resolve_workspace(workspace)
    with domain_errors():
        subscription = access_calendar_subscription(workspace=target, subscription_id=id_)
        deleted = unsubscribe(subscription=subscription, delete_captured=delete_captured)
    say(f"Calendar #{id_} unsubscribed" + (f"; {deleted} meetings deleted." if delete_captured else "."))


def import_social(file: str = typer.Argument(..., help="The social network's messages.csv ('-' for standard input)."),
                  member: str = typer.Option(None, "--member", help="Whose export it is (username or email)."),
                  dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen; write nothing."),
                  workspace: str = workspace_option(), as_json: bool = json_option()):
    """Import a LinkedIn messages export as social interactions (who and when, never the text), once per message."""
    setup_django()
    from ally.capture.services.social import social_import

    target = resolve_workspace(workspace)
    seat = find_member(target, member) if member else None
    data = read_input(file)
    with domain_errors():
        report = social_import(workspace=target, data=data, member=seat, dry_run=dry_run)
    _warn(report.warnings[:LISTED])
    if as_json:
        print_json(report.as_dict())
        return
    counts = report.as_dict()["counts"]
    print_table(f"{report.messages} messages {'checked' if dry_run else 'read'} into {target.slug}",
                ["messages", "count"],
                [["social interactions " + ("to add" if dry_run else "added"), counts["imported"]],
                 ["already imported", counts["already_imported"]],
                 ["no known person (skipped)", counts["no_known_person"]]])
    if dry_run:
        console.print("Dry run: nothing was written.")
