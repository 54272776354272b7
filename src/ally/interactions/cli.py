"""`ally log` and `ally followup`: record contacts and the promises made in them."""

import typer

from ally.cli import console, domain_errors, setup_django
from ally.cli_support import parse_date, parse_moment, resolve_person, resolve_workspace, workspace_option

followup_app = typer.Typer(help="Promises to people, due on a date.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.add_typer(followup_app, name="followup")


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
    occurred_at = parse_moment(when, "when", target.time_zone)
    with domain_errors():
        interaction = interaction_log(workspace=target, kind=kind, summary=summary, participants=participants,
                                      occurred_at=occurred_at, initiated_by="they" if they else "we")
    names = ", ".join(p.name for p in participants)
    console.print(f"Logged {interaction.get_kind_display().lower()} with {names} (#{interaction.id}).",
                  highlight=False, markup=False)


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
