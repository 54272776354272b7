"""`ally need`: needs in the customer's own words."""

import typer

from ally.core.cli import (
    domain_errors,
    json_option,
    parse_moment,
    print_json,
    print_table,
    say,
    setup_django,
    workspace_option,
)
from ally.opportunities.cli.common import PERSON_HELP
from ally.people.cli import resolve_person
from ally.workspaces.cli import resolve_workspace

need_app = typer.Typer(help="Needs, in the customer's own words.", no_args_is_help=True)


@need_app.command("list")
def need_list(person: str = typer.Argument(None, help=PERSON_HELP + " (default: everyone)."),
              status: str = typer.Option("", "--status", help="suspected, confirmed, addressed or dropped."),
              limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many."),
              workspace: str = workspace_option(), as_json: bool = json_option()):
    """List needs, most urgent first."""
    setup_django()
    from ally.opportunities.selectors import need_list as needs
    from ally.opportunities.serialize import need_dict

    target = resolve_workspace(workspace)
    who = resolve_person(target, person) if person else None
    rows = list(needs(workspace=target, person=who, status=status)[:limit])
    if as_json:
        print_json([{**need_dict(n), "person_name": n.person.name} for n in rows])
        return
    print_table("Needs", ["id", "person", "status", "driver", "urgency", "in their words", "cost of doing nothing"],
                [[n.id, n.person.name, n.status, n.driver, n.urgency, n.text, n.cost_of_doing_nothing] for n in rows])


@need_app.command("add")
def need_add(person: str = typer.Argument(..., help=PERSON_HELP),
             text: str = typer.Option(..., "--text", help="The need, in their own words."),
             driver: str = typer.Option("other", "--driver",
                                        help="growth, risk, efficiency, missed_opportunity, personal or other."),
             urgency: str = typer.Option("3", "--urgency", help="1-5, as the customer sees it."),
             confirmed: bool = typer.Option(False, "--confirmed", help="They said so (default: our guess)."),
             cost: str = typer.Option("", "--cost", help="The cost of doing nothing, in their words."),
             cost_amount: str = typer.Option(None, "--cost-amount", help="Optional amount of that cost."),
             cost_currency: str = typer.Option("", "--cost-currency", help="Its currency (default: the workspace's)."),
             cost_period: str = typer.Option("", "--cost-period", help="week, month, quarter or year."),
             said_by: str = typer.Option(None, "--said-by", help="Who said it, when not the person themselves."),
             when: str = typer.Option(None, "--when", help="When they said it (default: now)."),
             workspace: str = workspace_option()):
    """Record a need in the customer's own words."""
    setup_django()
    from ally.opportunities.services import need_record

    target = resolve_workspace(workspace)
    who = resolve_person(target, person)
    speaker = resolve_person(target, said_by) if said_by else None
    said_at = parse_moment(when, "when")
    with domain_errors():
        need = need_record(workspace=target, person=who, text=text, driver=driver, urgency=urgency,
                           status="confirmed" if confirmed else "suspected", said_by=speaker, said_at=said_at,
                           cost_of_doing_nothing=cost, cost_amount=cost_amount, cost_currency=cost_currency,
                           cost_period=cost_period)
    say(f"Recorded {who.name}'s need (#{need.id}, {need.status}): “{need.text}”")


@need_app.command("status")
def need_status(need_id: int = typer.Argument(..., help="The need's id."),
                status: str = typer.Argument(..., help="suspected, confirmed, addressed or dropped."),
                workspace: str = workspace_option()):
    """Mark a need confirmed (they said so), addressed, dropped, or back to suspected."""
    setup_django()
    from ally.opportunities.selectors import access_need
    from ally.opportunities.services import need_set_status

    target = resolve_workspace(workspace)
    with domain_errors():
        need = need_set_status(need=access_need(workspace=target, need_id=need_id), status=status)
    say(f"Need #{need.id} is {need.status}.")


@need_app.command("update")
def need_update(need_id: int = typer.Argument(..., help="The need's id."),
                text: str = typer.Option(None, "--text", help="Their words."),
                driver: str = typer.Option(None, "--driver", help="What drives it."),
                urgency: str = typer.Option(None, "--urgency", help="1-5, as the customer sees it."),
                cost: str = typer.Option(None, "--cost", help="The cost of doing nothing, in their words."),
                workspace: str = workspace_option()):
    """Correct or complete a need."""
    setup_django()
    from ally.opportunities.selectors import access_need
    from ally.opportunities.services import need_update as update

    target = resolve_workspace(workspace)
    changes = {name: value for name, value in (("text", text), ("driver", driver), ("urgency", urgency),
                                               ("cost_of_doing_nothing", cost)) if value is not None}
    with domain_errors():
        need = update(need=access_need(workspace=target, need_id=need_id), **changes)
    say(f"Saved need #{need.id}.")


