"""`ally purchase`: what customers bought."""


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
from ally.ownership.cli.common import resolve_offering
from ally.people.cli import resolve_organization_id, resolve_person
from ally.workspaces.cli import resolve_member, resolve_workspace

purchase_app = typer.Typer(help="Purchases: what customers bought, and the check-ins each schedules.",
                           no_args_is_help=True)


@purchase_app.command("list")
def purchase_list(person: str = typer.Option(None, "--person", help="Only this person's (id, email or name)."),
                  organization: str = typer.Option(None, "--organization", help="Only this organization's (name)."),
                  offering: str = typer.Option(None, "--offering", help="Only this offering (name or id)."),
                  start: str = typer.Option(None, "--start", "--since", help="Bought on or after (YYYY-MM-DD)."),
                  end: str = typer.Option(None, "--end", "--until", help="Bought on or before (YYYY-MM-DD)."),
                  limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many."),
                  workspace: str = workspace_option(), as_json: bool = json_option()):
    """List purchases, newest first, with the purchases list's filters (the page's and the API's)."""
    setup_django()
    from ally.ownership.filters import PurchaseFilter
    from ally.ownership.selectors import purchase_list as purchases
    from ally.ownership.serialize import purchase_json

    target = resolve_workspace(workspace)
    with domain_errors():
        filters = PurchaseFilter.parse({
            "person_id": resolve_person(target, person).id if person else None,
            "organization_id": resolve_organization_id(target, organization),
            "offering_id": resolve_offering(target, offering).id if offering else None, "start": start, "end": end})
    rows = [purchase_json(p) for p in purchases(workspace=target, filters=filters)[:limit]]
    if as_json:
        print_json(rows)
        return
    print_table("Purchases", ["id", "bought on", "who", "what", "amount"],
                [[r["id"], r["purchased_on"], r["person_name"], r["what"], f"{r['amount']} {r['currency']}"] for r in rows])


@purchase_app.command("add")
def purchase_add(person: str = typer.Argument(..., help="Who bought: an id, an email, or part of a name."),
                 amount: str = typer.Argument(..., help="How much, e.g. 1200.00."),
                 currency: str = typer.Option(None, "--currency", help="ISO 4217 code (default: the workspace's)."),
                 on: str = typer.Option(None, "--on", help="When (YYYY-MM-DD, default: today)."),
                 offering: str = typer.Option(None, "--offering", help="An offering of the catalogue (name or id)."),
                 description: str = typer.Option("", "--description", help="What they bought, in words."),
                 workspace: str = workspace_option(), member: str = member_option()):
    """Record a purchase; it schedules its check-ins. The default day is today in --member's time zone."""
    setup_django()
    from django.utils import timezone

    from ally.ownership.services import purchase_record

    target = resolve_workspace(workspace)
    if member:
        resolve_member(target, member)
    who = resolve_person(target, person)
    with domain_errors():
        purchase = purchase_record(workspace=target, person=who, amount=amount,
                                   currency=currency or target.default_currency,
                                   purchased_on=parse_date(on, "on") or timezone.localdate(),
                                   offering=resolve_offering(target, offering), description=description)
    days = ", ".join(str(d) for d in purchase.check_ins.order_by("day").values_list("day", flat=True)) or "none"
    console.print(f"Recorded {purchase.label} for {who.name}: {purchase.amount} {purchase.currency} on "
                  f"{purchase.purchased_on} (#{purchase.id}); check-ins on days {days}.", highlight=False, markup=False, soft_wrap=True)


@purchase_app.command("show")
def purchase_show(purchase_id: int = typer.Argument(..., help="The purchase's id."),
                  workspace: str = workspace_option(), as_json: bool = json_option()):
    """Show a purchase and its check-ins."""
    setup_django()
    from ally.ownership.selectors import access_purchase
    from ally.ownership.serialize import purchase_detail_json

    target = resolve_workspace(workspace)
    with domain_errors():
        purchase = access_purchase(workspace=target, purchase_id=purchase_id)
    details = purchase_detail_json(purchase)
    if as_json:
        print_json(details)
        return
    console.print(f"{details['what']} · {details['person_name']} · {details['amount']} {details['currency']} · "
                  f"{details['purchased_on']}", highlight=False, markup=False, soft_wrap=True)
    print_table("Check-ins", ["id", "day", "due", "status", "score"],
                [[c["id"], c["day"], c["due_on"], c["status"], c["satisfaction"]] for c in details["check_ins"]])


@purchase_app.command("remove")
def purchase_remove(purchase_id: int = typer.Argument(..., help="The purchase's id."),
                    workspace: str = workspace_option()):
    """Remove a purchase recorded by mistake, with its check-ins."""
    setup_django()
    from ally.ownership.selectors import access_purchase
    from ally.ownership.services import purchase_delete

    target = resolve_workspace(workspace)
    with domain_errors():
        purchase_delete(purchase=access_purchase(workspace=target, purchase_id=purchase_id))
    console.print(f"Removed purchase #{purchase_id}.", highlight=False, markup=False, soft_wrap=True)


