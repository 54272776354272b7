"""`ally workspace`, `ally user` and `ally token`: setting up a team and its API access from a shell."""

import typer
from rich.markup import escape

from ally.core import cli as core_cli
from ally.core.cli import (
    CommandLine,
    console,
    domain_errors,
    fail,
    json_option,
    print_json,
    print_table,
    setup_django,
    workspace_option,
)
from ally.core.errors import NotFound

workspace_app = typer.Typer(help="Create and list workspaces.", no_args_is_help=True)
user_app = typer.Typer(help="Create logins.", no_args_is_help=True)
token_app = typer.Typer(help="Issue, list and revoke REST API tokens.", no_args_is_help=True)
team_app = typer.Typer(help="A workspace's team: add and remove members, change their roles.", no_args_is_help=True)
ROLES_HELP = "owner, member or read_only."


def register(cli: CommandLine) -> None:
    cli.group("workspace", workspace_app)
    cli.group("user", user_app)
    cli.group("token", token_app)
    cli.group("team", team_app)


def resolve_workspace(slug: str | None):
    """The workspace named by --workspace, or the only one; its zone becomes the command's clock.

    Otherwise one error line naming the workspaces that exist.
    """
    from ally.workspaces.audit import act_as
    from ally.workspaces.clock import activate_member_time
    from ally.workspaces.models import Workspace
    from ally.workspaces.selectors import workspace_by_slug

    if slug:
        try:
            workspace = workspace_by_slug(slug=slug)
        except NotFound:
            raise fail(f"no workspace '{slug}'; workspaces: {_slugs() or 'none (ally workspace create)'}") from None
    else:
        workspaces = list(Workspace.objects.order_by("slug")[:2])
        if not workspaces:
            raise fail("no workspace yet; create one with `ally workspace create`")
        if len(workspaces) > 1:
            raise fail(f"several workspaces exist, choose one with --workspace: {_slugs()}")
        workspace = workspaces[0]
    activate_member_time(workspace=workspace)
    act_as(via="cli")
    return workspace


def _slugs() -> str:
    from ally.workspaces.models import Workspace

    return ", ".join(Workspace.objects.order_by("slug").values_list("slug", flat=True))


def find_member(workspace, reference: str | None):
    """The team member named by username or email; without one, the workspace's first owner."""
    from ally.workspaces.selectors import access_membership_of, first_owner

    if reference:
        with domain_errors():
            return access_membership_of(workspace=workspace, user=resolve_user(reference))
    membership = first_owner(workspace=workspace)
    if membership is None:
        raise fail(f"{workspace.slug} has no owner; choose a member with --member")
    return membership


def resolve_member(workspace, reference: str | None):
    """The member a command acts as (--member, or the first owner); their time zone becomes the command's
    clock, so `ally today --member sam` is Sam's day."""
    from ally.workspaces.audit import act_as
    from ally.workspaces.clock import activate_member_time

    membership = find_member(workspace, reference)
    activate_member_time(membership=membership)
    act_as(user=membership.user, via="cli", role=membership.role)
    return membership


def resolve_user(reference: str):
    """A user by username or email; a one-line error when there is none."""
    from ally.workspaces.selectors import user_by_reference

    with domain_errors():
        return user_by_reference(reference=reference)


@workspace_app.command("create")
def workspace_create(slug: str = typer.Argument(..., help="Short name used in --workspace (a-z, 0-9, dashes)."),
                     owner: str = typer.Option(..., "--owner", help="The owning user's username or email."),
                     name: str = typer.Option("", "--name", help="Display name (default: from the slug)."),
                     time_zone: str = typer.Option("UTC", "--time-zone", help="IANA time zone, e.g. Europe/Paris.")):
    """Create a workspace; its owner gets a seat and a team-member person."""
    # The first command on a new installation: it brings the database schema up to date.
    core_cli.setup_django(migrate=True)
    from ally.workspaces import services

    user = resolve_user(owner)
    with domain_errors():
        workspace = services.workspace_create(name=name or slug.replace("-", " ").title(), slug=slug, owner=user,
                                              time_zone=time_zone)
    console.print(f"Created workspace [bold]{workspace.slug}[/bold] ({escape(workspace.name)}), owned by {escape(user.username)}.")


@workspace_app.command("list")
def workspace_list(as_json: bool = json_option()):
    """List every workspace with its members and people."""
    setup_django()
    from ally.workspaces.selectors import workspace_summaries

    rows = workspace_summaries()
    if as_json:
        print_json(rows)
        return
    print_table("Workspaces", ["slug", "name", "time zone", "members", "people"],
                [[r["slug"], r["name"], r["time_zone"], r["members"], r["people"]] for r in rows])


@user_app.command("create")
def user_create(username: str = typer.Argument(..., help="Login name."),
                email: str = typer.Option("", "--email", help="Email address (also lets commands find the user)."),
                password: str = typer.Option(..., "--password", prompt=True, hide_input=True,
                                             confirmation_prompt=True, help="Password (prompted when omitted)."),
                first_name: str = typer.Option("", "--first-name"),
                last_name: str = typer.Option("", "--last-name"),
                workspace: str = typer.Option(None, "--workspace", "-w",
                                              help="Also seat the user in this workspace."),
                role: str = typer.Option("member", "--role", help="Their role in --workspace: " + ROLES_HELP)):
    """Create a login, optionally seated in a workspace."""
    core_cli.setup_django(migrate=True)
    from django.db import transaction

    from ally.workspaces import services

    target = resolve_workspace(workspace) if workspace else None
    with domain_errors(), transaction.atomic():
        user = services.user_create(username=username, password=password, email=email, first_name=first_name,
                                    last_name=last_name)
        if target is not None:
            services.membership_add(workspace=target, user=user, role=role)
    seat = f" as {role} of {target.slug}" if target is not None else ""
    console.print(f"Created user [bold]{escape(user.username)}[/bold]{seat}.")


@token_app.command("create")
def token_create(user: str = typer.Option(..., "--user", help="The member's username or email."),
                 workspace: str = workspace_option(),
                 name: str = typer.Option("", "--name", help="What the token is for, e.g. 'nightly sync'."),
                 read_only: bool = typer.Option(False, "--read-only",
                                                help="A token that reads only: every write with it is refused.")):
    """Issue an API token; the raw token is printed once and cannot be shown again."""
    setup_django()
    from ally.workspaces import services

    target = resolve_workspace(workspace)
    member = resolve_user(user)
    with domain_errors():
        token, raw = services.api_token_create(user=member, workspace=target, name=name, read_only=read_only)
    kind = "Read-only token" if token.read_only else "Token"
    core_cli.err_console.print(f"{kind} '{token.name}' (#{token.id}) for {member.username} in {target.slug}; "
                               "copy it now, it is not shown again:", highlight=False, markup=False)
    # Only the raw token goes to stdout so `TOKEN=$(ally token create ...)` works.
    typer.echo(raw)


@token_app.command("list")
def token_list(workspace: str = workspace_option(),
               user: str = typer.Option(None, "--user", help="Only this user's tokens."),
               as_json: bool = json_option()):
    """List a workspace's API tokens (never the tokens themselves, only their first characters)."""
    setup_django()
    from ally.workspaces.selectors import api_tokens

    target = resolve_workspace(workspace)
    member = resolve_user(user) if user else None
    rows = [
        {"id": t.id, "name": t.name, "prefix": t.prefix, "user": t.user.username, "created_at": t.created_at,
         "last_used_at": t.last_used_at, "revoked_at": t.revoked_at, "read_only": t.read_only}
        for t in api_tokens(workspace=target, user=member)
    ]
    if as_json:
        print_json(rows)
        return
    print_table(f"API tokens in {target.slug}", ["id", "name", "prefix", "user", "access", "created", "last used", "status"],
                [[r["id"], r["name"], r["prefix"] + "…", r["user"],
                  "read-only" if r["read_only"] else "read-write", f"{r['created_at']:%Y-%m-%d}",
                  f"{r['last_used_at']:%Y-%m-%d %H:%M}" if r["last_used_at"] else "never",
                  "revoked" if r["revoked_at"] else "active"] for r in rows])


@token_app.command("revoke")
def token_revoke(token_id: int = typer.Argument(..., help="The token's id, as shown by `ally token list`."),
                 workspace: str = workspace_option()):
    """Revoke an API token; requests using it are refused from now on."""
    setup_django()
    from ally.workspaces.selectors import access_api_token
    from ally.workspaces.services import api_token_revoke

    target = resolve_workspace(workspace)
    with domain_errors():
        token = access_api_token(workspace=target, token_id=token_id)
        api_token_revoke(token=token)
    console.print(f"Revoked token '{token.name}' ({token.prefix}…) of {token.user.username}.", markup=False)



@team_app.command("list")
def team_list(workspace: str = workspace_option(), as_json: bool = json_option()):
    """List the team: every member's login, name and role."""
    setup_django()
    from ally.workspaces.selectors import team_members
    from ally.workspaces.serialize import member_json

    target = resolve_workspace(workspace)
    rows = [member_json(m) for m in team_members(workspace=target)]
    if as_json:
        print_json(rows)
        return
    print_table(f"Team of {target.slug}", ["id", "login", "name", "role"],
                [[r["id"], r["username"], r["name"], r["role"]] for r in rows])


@team_app.command("add")
def team_add(user: str = typer.Argument(..., help="An existing login's username or email."),
             role: str = typer.Option("member", "--role", help=ROLES_HELP), workspace: str = workspace_option()):
    """Seat an existing login in the workspace (create one first with `ally user create`)."""
    setup_django()
    from ally.workspaces.services import membership_add

    target = resolve_workspace(workspace)
    account = resolve_user(user)
    with domain_errors():
        membership_add(workspace=target, user=account, role=role)
    console.print(f"Added {escape(account.username)} to {target.slug} as {escape(role)}.")


@team_app.command("role")
def team_role(user: str = typer.Argument(..., help="The member's username or email."),
              role: str = typer.Argument(..., help=ROLES_HELP), workspace: str = workspace_option()):
    """Change a member's role."""
    setup_django()
    from ally.workspaces.services import membership_role_change

    target = resolve_workspace(workspace)
    membership = find_member(target, user)
    with domain_errors():
        membership_role_change(membership=membership, role=role)
    console.print(f"{escape(membership.user.username)} is now {escape(role)} in {target.slug}.")


@team_app.command("remove")
def team_remove(user: str = typer.Argument(..., help="The member's username or email."),
                workspace: str = workspace_option()):
    """Remove a member: their API tokens for the workspace are revoked and their sessions ended."""
    setup_django()
    from ally.workspaces.services import membership_remove

    target = resolve_workspace(workspace)
    membership = find_member(target, user)
    with domain_errors():
        membership_remove(membership=membership)
    console.print(f"Removed {escape(membership.user.username)} from {target.slug}; their tokens are revoked and "
                  "they are signed out.")
