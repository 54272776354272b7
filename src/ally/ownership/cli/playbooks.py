"""`ally playbook`: when check-ins fall after a purchase."""


import typer

from ally.core.cli import (
    console,
    domain_errors,
    fail,
    json_option,
    print_json,
    print_table,
    setup_django,
    workspace_option,
)
from ally.ownership.cli.common import resolve_offering
from ally.workspaces.cli import resolve_workspace

playbook_app = typer.Typer(help="Check-in playbooks: the default (days 3, 30, 90, 365) and per offering.",
                           no_args_is_help=True)


@playbook_app.command("show")
def playbook_show(offering: str = typer.Option(None, "--offering", help="An offering (name or id); default: "
                                                                        "the default playbook."),
                  workspace: str = workspace_option(), as_json: bool = json_option()):
    """Show the steps a purchase (of an offering) schedules."""
    setup_django()
    from ally.ownership.selectors import playbook_for, playbook_steps

    target = resolve_workspace(workspace)
    chosen = resolve_offering(target, offering)
    steps = playbook_steps(workspace=target, offering=chosen)
    playbook = playbook_for(workspace=target, offering=chosen)
    own = playbook is not None and playbook.offering_id == (chosen.id if chosen else None)
    if as_json:
        print_json({"offering": chosen.name if chosen else None, "own": own,
                    "steps": [{"day": day, "question": question} for day, question in steps]})
        return
    title = f"Playbook for {chosen.name}" if chosen else "Default playbook"
    print_table(title + ("" if own or not chosen else " (follows the default)"), ["day", "question"],
                [[day, question] for day, question in steps])


@playbook_app.command("set")
def playbook_set(step: list[str] = typer.Option(None, "--step", help="DAY:QUESTION, e.g. '30:How is it going?' "
                                                                     "(repeatable; none means no check-ins)."),
                 offering: str = typer.Option(None, "--offering", help="An offering (name or id)."),
                 workspace: str = workspace_option()):
    """Replace the default playbook's steps, or give an offering its own."""
    setup_django()
    from ally.ownership.services import playbook_save

    target = resolve_workspace(workspace)
    chosen = resolve_offering(target, offering)
    steps = []
    for text in step or []:
        day, colon, question = text.partition(":")
        if not colon or not day.strip().isdigit():
            raise fail(f"step: '{text}' is not DAY:QUESTION")
        steps.append((int(day), question))
    with domain_errors():
        playbook_save(workspace=target, offering=chosen, steps=steps)
    console.print(f"Saved {len(steps)} step{'s' if len(steps) != 1 else ''} for "
                  f"{chosen.name if chosen else 'the default playbook'}.", highlight=False, markup=False, soft_wrap=True)


@playbook_app.command("reset")
def playbook_reset(offering: str = typer.Option(None, "--offering", help="An offering (name or id)."),
                   workspace: str = workspace_option()):
    """An offering follows the default again; without --offering, the default is Ally's again."""
    setup_django()
    from ally.ownership.services import playbook_reset as reset

    target = resolve_workspace(workspace)
    chosen = resolve_offering(target, offering)
    reset(workspace=target, offering=chosen)
    console.print(f"{chosen.name} follows the default playbook." if chosen else
                  "The default playbook is Ally's (days 3, 30, 90, 365).", highlight=False, markup=False, soft_wrap=True)


