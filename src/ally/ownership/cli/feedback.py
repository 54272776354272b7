"""`ally feedback`: what customers told us unprompted."""


import typer

from ally.core.cli import (
    console,
    domain_errors,
    json_option,
    parse_date,
    print_json,
    print_table,
    setup_django,
    workspace_option,
)
from ally.people.cli import resolve_person
from ally.workspaces.cli import resolve_workspace

feedback_app = typer.Typer(help="What customers told us unprompted: a score (0-10) and their words.",
                           no_args_is_help=True)


@feedback_app.command("list")
def feedback_list(person: str = typer.Option(None, "--person", help="Only this person's."),
                  limit: int = typer.Option(50, "--limit", min=1), workspace: str = workspace_option(),
                  as_json: bool = json_option()):
    """List feedback, newest first."""
    setup_django()
    from ally.ownership.selectors import feedback_list as feedback

    target = resolve_workspace(workspace)
    who = resolve_person(target, person) if person else None
    rows = [{"id": f.id, "person_id": f.person_id, "person": f.person.name, "score": f.score, "comment": f.comment,
             "received_on": f.received_on.isoformat(), "purchase_id": f.purchase_id}
            for f in feedback(workspace=target, person_id=who.id if who else None)[:limit]]
    if as_json:
        print_json(rows)
        return
    print_table("Feedback", ["id", "when", "who", "score", "comment"],
                [[r["id"], r["received_on"], r["person"], r["score"], r["comment"]] for r in rows])


@feedback_app.command("add")
def feedback_add(person: str = typer.Argument(..., help="Who: an id, an email, or part of a name."),
                 score: str = typer.Option(None, "--score", help="0 to 10."),
                 comment: str = typer.Option("", "--comment", help="In their words."),
                 on: str = typer.Option(None, "--on", help="When (YYYY-MM-DD, default: today)."),
                 purchase: int = typer.Option(None, "--purchase", help="The purchase it is about (id)."),
                 workspace: str = workspace_option()):
    """Record what a customer told us unprompted."""
    setup_django()
    from ally.ownership.selectors import access_purchase
    from ally.ownership.services import feedback_record

    target = resolve_workspace(workspace)
    who = resolve_person(target, person)
    with domain_errors():
        about = access_purchase(workspace=target, purchase_id=purchase) if purchase else None
        feedback = feedback_record(workspace=target, person=who, score=score, comment=comment,
                                   received_on=parse_date(on, "on"), purchase=about)
    console.print(f"Recorded feedback from {who.name} (#{feedback.id}).", highlight=False, markup=False, soft_wrap=True)


