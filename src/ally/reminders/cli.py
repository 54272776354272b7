"""`ally feed` and `ally digest`: a member's calendar feed address and morning email, from a shell."""

import typer

from ally.core.cli import (
    CommandLine,
    domain_errors,
    fail,
    json_option,
    print_json,
    say,
    setup_django,
    workspace_option,
)

feed_app = typer.Typer(help="A member's private calendar feed of Today.", no_args_is_help=True)
digest_app = typer.Typer(help="The morning email of Today.", no_args_is_help=True)


def register(cli: CommandLine) -> None:
    cli.group("feed", feed_app)
    cli.group("digest", digest_app)


def _member_option(help_text: str):
    return typer.Option(..., "--member", help=help_text)


def _member(workspace: str | None, member: str | None):
    from ally.workspaces.cli import resolve_member, resolve_workspace

    return resolve_member(resolve_workspace(workspace), member)


@feed_app.command("create")
def feed_create(member: str = _member_option("Whose feed (username or email)."), workspace: str = workspace_option(),
                as_json: bool = json_option()):
    """Create the member's calendar feed (or replace its address) and print the address, this once only."""
    setup_django()
    from ally.reminders import services
    from ally.reminders.serialize import feed_json

    membership = _member(workspace, member)
    with domain_errors():
        _, raw = services.calendar_feed_create(membership=membership)
    shown = feed_json(membership=membership, raw=raw)
    if as_json:
        print_json(shown)
        return
    say(shown["url"])
    say("Subscribe to this address in a calendar app; Ally cannot show it again.")


@feed_app.command("revoke")
def feed_revoke(member: str = _member_option("Whose feed (username or email)."), workspace: str = workspace_option()):
    """Revoke the member's calendar feed: its address answers 404 from now on."""
    setup_django()
    from ally.reminders import services

    membership = _member(workspace, member)
    with domain_errors():
        revoked = services.calendar_feed_revoke(membership=membership)
    if not revoked:
        raise fail(f"{membership.user.username} has no calendar feed")
    say(f"Revoked the calendar feed of {membership.user.username}.")


@digest_app.command("settings")
def digest_settings(member: str = _member_option("Whose morning email (username or email)."),
                    at: str = typer.Option(None, "--at", help="Local time in the member's zone, HH:MM (e.g. 07:30)."),
                    off: bool = typer.Option(False, "--off", help="Stop the morning email."),
                    workspace: str = workspace_option(), as_json: bool = json_option()):
    """Turn the member's morning email on at a local time, or off."""
    setup_django()
    from ally.reminders import services
    from ally.reminders.serialize import digest_json

    membership = _member(workspace, member)
    with domain_errors():
        services.digest_settings_update(membership=membership, enabled=not off, send_at=at)
    shown = digest_json(membership=membership)
    if as_json:
        print_json(shown)
    elif shown["enabled"]:
        say(f"Morning email for {membership.user.username} at {shown['at']} ({shown['time_zone']}).")
    else:
        say(f"No morning email for {membership.user.username}.")


def _recipients(workspace: str | None, member: str | None) -> list:
    from ally.reminders.models import DigestSubscription
    from ally.workspaces.cli import resolve_workspace

    if member:
        return [_member(workspace, member)]
    target = resolve_workspace(workspace)
    return [subscription.membership for subscription in DigestSubscription.objects.filter(
        workspace=target, enabled=True).select_related("membership__workspace", "membership__user")]


@digest_app.command("send")
def digest_send(member: str = typer.Option(None, "--member", help="Only this member (default: every member who "
                                                                  "opted in)."),
                dry_run: bool = typer.Option(False, "--dry-run", help="Print the email instead of sending it."),
                workspace: str = workspace_option()):
    """Send today's morning email now (once a day per member: a member already sent today is skipped)."""
    setup_django()
    from ally.reminders.deliveries import DigestNotSent, claim, deliver, reclaim_failed
    from ally.reminders.digest import build_digest
    from ally.reminders.mail import MailNotConfigured, check_configured

    recipients = _recipients(workspace, member)
    if not dry_run:
        try:
            check_configured()
        except MailNotConfigured as exc:
            raise fail(str(exc)) from None
    failed = False
    for membership in recipients:
        digest = build_digest(membership=membership)
        name = membership.user.username
        if dry_run:
            say(f"To: {digest.to}\nSubject: {digest.subject}\n\n{digest.text}" if digest
                else f"{name}: nothing due today, no email.")
            continue
        if digest is None:
            say(f"{name}: nothing due today, no email.")
            continue
        delivery = claim(membership=membership, day=digest.day) or reclaim_failed(membership=membership,
                                                                                  day=digest.day)
        if delivery is None:
            say(f"{name}: today's email was already sent.")
        else:
            try:
                deliver(delivery)
                say(f"{name}: sent {digest.item_count} items to {digest.to}.")
            except DigestNotSent as exc:
                failed = True
                typer.echo(f"error: {exc}", err=True)
    if failed:
        raise typer.Exit(1)
