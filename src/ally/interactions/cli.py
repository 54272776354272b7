"""`ally log`, `ally timeline` and `ally followup`: record contacts and the promises made in them."""

import typer

from ally.core.cli import (
    CommandLine,
    console,
    domain_errors,
    json_option,
    parse_date,
    parse_moment,
    print_json,
    print_table,
    setup_django,
    workspace_option,
)
from ally.people.cli import resolve_person
from ally.workspaces.cli import resolve_workspace

followup_app = typer.Typer(help="Promises to people, due on a date.", no_args_is_help=True)


def register(cli: CommandLine) -> None:
    cli.command("log", log)
    cli.command("timeline", timeline)
    cli.group("followup", followup_app)


def log(person: str = typer.Argument(..., help="An id, an email, or part of a name."),
        kind: str = typer.Option(..., "--kind", help="call, meeting, email, message, social, event or note."),
        summary: str = typer.Option(..., "--summary", help="What it was about, in a sentence or two."),
        when: str = typer.Option(None, "--when", help="ISO date or date-time (default: now; a bare date is noon)."),
        they: bool = typer.Option(False, "--they", help="They reached out (default: we did)."),
        with_: list[str] = typer.Option(None, "--with", help="Another person who took part (repeatable)."),
        workspace: str = workspace_option()):
    """Log a contact with a person; it resets their keep-in-touch clock."""
    setup_django()
    from ally.interactions.services import interaction_log

    target = resolve_workspace(workspace)
    participants = [resolve_person(target, reference) for reference in [person, *(with_ or [])]]
    occurred_at = parse_moment(when, "when")
    with domain_errors():
        interaction = interaction_log(workspace=target, kind=kind, summary=summary, participants=participants,
                                      occurred_at=occurred_at, initiated_by="they" if they else "we")
    names = ", ".join(p.name for p in participants)
    console.print(f"Logged {interaction.get_kind_display().lower()} with {names} (#{interaction.id}).",
                  highlight=False, markup=False)


def timeline(person: str = typer.Argument(..., help="An id, an email, or part of a name."),
             limit: int = typer.Option(20, "--limit", min=1, max=500, help="Show at most this many entries."),
             workspace: str = workspace_option(), as_json: bool = json_option()):
    """A person's recent contacts and events, newest first (private interactions stay hidden)."""
    setup_django()
    from ally.interactions.selectors import person_timeline

    target = resolve_workspace(workspace)
    who = resolve_person(target, person)
    rows = [{"occurred_at": e.occurred_at, "kind": e.kind, "summary": e.summary}
            for e in person_timeline(person=who, user=None, limit=limit)]
    if as_json:
        print_json(rows)
        return
    print_table(f"Timeline of {who.name}", ["when", "kind", "summary"],
                [[f"{r['occurred_at']:%Y-%m-%d %H:%M}", r["kind"], r["summary"]] for r in rows])


@followup_app.command("list")
def followup_list(person: str = typer.Argument(..., help="An id, an email, or part of a name."),
                  workspace: str = workspace_option(), as_json: bool = json_option()):
    """A person's promises, open ones first."""
    setup_django()
    from ally.interactions.selectors import person_follow_ups

    target = resolve_workspace(workspace)
    who = resolve_person(target, person)
    rows = [{"id": f.id, "text": f.text, "due_on": f.due_on, "done": f.is_done} for f in person_follow_ups(person=who)]
    if as_json:
        print_json(rows)
        return
    print_table(f"Promises to {who.name}", ["id", "due", "text", "status"],
                [[r["id"], r["due_on"], r["text"], "done" if r["done"] else "open"] for r in rows])


@followup_app.command("add")
def followup_add(person: str = typer.Argument(..., help="An id, an email, or part of a name."),
                 text: str = typer.Option(..., "--text", help="What we promised."),
                 due: str = typer.Option(..., "--due", help="YYYY-MM-DD."),
                 workspace: str = workspace_option()):
    """Record a promise to a person, due on a date; it shows on Today when due."""
    setup_django()
    from ally.interactions.services import follow_up_add

    target = resolve_workspace(workspace)
    who = resolve_person(target, person)
    due_on = parse_date(due, "due")
    with domain_errors():
        follow_up = follow_up_add(person=who, text=text, due_on=due_on)
    console.print(f"Promised {who.name}: {follow_up.text} (due {follow_up.due_on}).", highlight=False, markup=False)
