"""`ally checkin`: check-ins after a purchase."""


import typer

from ally.core.cli import (
    console,
    domain_errors,
    json_option,
    member_option,
    parse_date,
    print_json,
    print_table,
    setup_django,
    workspace_option,
)
from ally.people.cli import resolve_organization_id, resolve_person
from ally.workspaces.cli import resolve_member, resolve_workspace

checkin_app = typer.Typer(help="Check-ins after a purchase: list, record how it went, skip, move.",
                          no_args_is_help=True)


@checkin_app.command("list")
def checkin_list(status: str = typer.Option(None, "--status", help="scheduled, done or skipped."),
                 due: bool = typer.Option(False, "--due", help="Only those due now: today (--member's day) or late."),
                 overdue: bool = typer.Option(False, "--overdue", help="Only those late (due before today)."),
                 person: str = typer.Option(None, "--person", help="Only this person's."),
                 organization: str = typer.Option(None, "--organization", help="Only this organization's (name)."),
                 purchase: int = typer.Option(None, "--purchase", help="Only this purchase's (id)."),
                 due_after: str = typer.Option(None, "--due-after", help="Due on or after (YYYY-MM-DD)."),
                 due_by: str = typer.Option(None, "--due-by", help="Due on or before (YYYY-MM-DD)."),
                 limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many."),
                 workspace: str = workspace_option(), member: str = member_option(), as_json: bool = json_option()):
    """List check-ins with the check-ins list's filters: those due now (today in --member's time zone, or
    late) unless --status, --due or --overdue says otherwise."""
    setup_django()
    from ally.ownership.filters import CheckInFilter
    from ally.ownership.selectors import check_in_list
    from ally.ownership.serialize import check_in_json

    target = resolve_workspace(workspace)
    if member:
        resolve_member(target, member)
    with domain_errors():
        filters = CheckInFilter.parse({
            "status": status, "due": due, "overdue": overdue,
            "person_id": resolve_person(target, person).id if person else None,
            "organization_id": resolve_organization_id(target, organization), "purchase_id": purchase,
            "due_after": due_after, "due_by": due_by})
    if not filters.narrows_state():
        filters = filters.model_copy(update={"due": True})
    show = filters.status or ("overdue" if filters.overdue else "due")
    rows = [check_in_json(c) for c in check_in_list(workspace=target, filters=filters)[:limit]]
    if as_json:
        print_json(rows)
        return
    print_table(f"Check-ins ({show})", ["id", "due", "day", "who", "question / outcome"],
                [[r["id"], r["due_on"], r["day"], r["person_name"],
                  r["question"] if r["status"] == "scheduled" else f"{r['outcome']} {r['satisfaction'] or ''}"]
                 for r in rows])


def _check_in(workspace, check_in_id: int):
    from ally.ownership.selectors import access_check_in

    with domain_errors():
        return access_check_in(workspace=workspace, check_in_id=check_in_id)


@checkin_app.command("done")
def checkin_done(check_in_id: int = typer.Argument(..., help="The check-in's id."),
                 outcome: str = typer.Option(..., "--outcome", help="going_well, mixed, problem or no_answer."),
                 score: str = typer.Option(None, "--score", help="Satisfaction from 0 to 10 (optional)."),
                 note: str = typer.Option("", "--note", help="What they said."),
                 workspace: str = workspace_option()):
    """Record how a check-in went. A score of 6 or below suggests opening a case."""
    setup_django()
    from ally.ownership.services import LOW_SCORE, check_in_complete

    target = resolve_workspace(workspace)
    check_in = _check_in(target, check_in_id)
    with domain_errors():
        check_in_complete(check_in=check_in, outcome=outcome, satisfaction=score, note=note)
    console.print(f"Recorded the day-{check_in.day} check-in with {check_in.person.name}.", highlight=False,
                  markup=False, soft_wrap=True)
    if check_in.satisfaction is not None and check_in.satisfaction <= LOW_SCORE:
        console.print(f"They scored {check_in.satisfaction}: champion their problem with "
                      f"`ally case open {check_in.person_id} \"...\" --check-in {check_in.id}`.", highlight=False,
                      markup=False, soft_wrap=True)


@checkin_app.command("skip")
def checkin_skip(check_in_id: int = typer.Argument(..., help="The check-in's id."),
                 note: str = typer.Option("", "--note", help="Why."), workspace: str = workspace_option()):
    """Skip a check-in that is not needed."""
    setup_django()
    from ally.ownership.services import check_in_skip

    target = resolve_workspace(workspace)
    check_in = _check_in(target, check_in_id)
    with domain_errors():
        check_in_skip(check_in=check_in, note=note)
    console.print(f"Skipped check-in #{check_in.id}.", highlight=False, markup=False, soft_wrap=True)


@checkin_app.command("move")
def checkin_move(check_in_id: int = typer.Argument(..., help="The check-in's id."),
                 due: str = typer.Argument(..., help="The new date (YYYY-MM-DD)."), workspace: str = workspace_option()):
    """Move a check-in to another day (never before the purchase)."""
    setup_django()
    from ally.ownership.services import check_in_reschedule

    target = resolve_workspace(workspace)
    check_in = _check_in(target, check_in_id)
    with domain_errors():
        check_in_reschedule(check_in=check_in, due_on=parse_date(due, "due"))
    console.print(f"Check-in #{check_in.id} is now due {check_in.due_on}.", highlight=False, markup=False, soft_wrap=True)


