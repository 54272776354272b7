"""`ally today`: the ranked Today list, the same as the page shows the chosen team member."""

import typer

from ally.core.cli import (
    CommandLine,
    domain_errors,
    json_option,
    print_json,
    print_table,
    setup_django,
    workspace_option,
)
from ally.workspaces.cli import resolve_member, resolve_workspace


def register(cli: CommandLine) -> None:
    cli.command("today", today)


def today(workspace: str = workspace_option(),
          member: str = typer.Option(None, "--member", "--user",
                                     help="Whose Today (username or email; default: the first owner)."),
          kind: list[str] = typer.Option(None, "--kind", help="Keep only this kind (repeatable): follow_up, "
                                                              "birthday, check_in, ... as on the Today page."),
          limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many items."),
          offset: int = typer.Option(0, "--offset", min=0, help="Skip this many items (the next page)."),
          show_all: bool = typer.Option(False, "--all", help="Show every item (no --limit)."),
          as_json: bool = json_option()):
    """Whom to help today, most pressing first, each with why and how to open the conversation.

    "Today" is the member's day in their own time zone, as on their Today page: dated things due today
    first, then the rest by rank, without the items the member snoozed.
    """
    setup_django()
    from ally.agenda.filters import TodayFilter
    from ally.agenda.selectors import today as ranked_today

    target = resolve_workspace(workspace)
    membership = resolve_member(target, member)
    with domain_errors():
        filters = TodayFilter.parse({"kind": kind})
        agenda = ranked_today(workspace=target, user=membership.user, membership=membership,
                              limit=None if show_all else limit, offset=offset, kinds=filters.kinds)
    rows = [
        {"key": i.key, "person_id": i.person_id, "person": i.person_name, "kind": i.kind, "reason": i.reason,
         "due": i.due, "due_today": i.due_today, "opener": i.opener, "priority": round(i.priority, 3)}
        for i in agenda.items
    ]
    if as_json:
        print_json({"user": membership.user.username, "total": agenda.total, "due_today": agenda.due_today,
                    "offset": offset, "kinds": agenda.counts, "items": rows})
        return
    print_table(f"Today for {membership.display_name} ({len(rows)} of {agenda.total})",
                ["#", "person", "why", "due", "how to open"],
                [[n, f"{r['person']} (#{r['person_id']})", r["reason"], "today" if r["due_today"] else r["due"],
                  r["opener"]]
                 for n, r in enumerate(rows, start=offset + 1)])
