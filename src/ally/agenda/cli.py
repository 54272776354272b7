"""`ally today`: the ranked Today list, the same as the page shows the chosen team member."""

import typer

from ally.cli import domain_errors, fail, setup_django
from ally.cli_support import json_option, print_json, print_table, resolve_workspace, workspace_option


def register(app: typer.Typer) -> None:
    app.command("today")(today)


def today(workspace: str = workspace_option(),
          user: str = typer.Option(None, "--user", help="Whose Today (username or email; default: the first owner)."),
          limit: int = typer.Option(60, "--limit", min=1, help="Show at most this many items."),
          as_json: bool = json_option()):
    """Whom to help today, most pressing first, each with why and how to open the conversation."""
    setup_django()
    from ally.agenda.selectors import today as ranked_today
    from ally.workspaces.selectors import access_membership_of, first_owner, user_by_reference

    target = resolve_workspace(workspace)
    with domain_errors():
        if user:
            membership = access_membership_of(workspace=target, user=user_by_reference(reference=user))
        else:
            membership = first_owner(workspace=target)
            if membership is None:
                raise fail(f"{target.slug} has no owner; choose whose Today with --user")
        agenda = ranked_today(workspace=target, user=membership.user, membership=membership, limit=limit)
    rows = [
        {"person_id": i.person_id, "person": i.person_name, "kind": i.kind, "reason": i.reason, "due": i.due,
         "opener": i.opener, "priority": round(i.priority, 3)}
        for i in agenda.items
    ]
    if as_json:
        print_json({"user": membership.user.username, "total": agenda.total, "items": rows})
        return
    print_table(f"Today for {membership.display_name} ({len(rows)} of {agenda.total})",
                ["#", "person", "why", "due", "how to open"],
                [[n, f"{r['person']} (#{r['person_id']})", r["reason"], r["due"], r["opener"]]
                 for n, r in enumerate(rows, start=1)])
