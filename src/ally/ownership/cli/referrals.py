"""`ally referral`: who introduced whom."""


import typer
from rich.markup import escape

from ally.core.cli import (
    console,
    domain_errors,
    fail,
    json_option,
    parse_date,
    print_json,
    print_table,
    setup_django,
    workspace_option,
)
from ally.people.cli import resolve_person
from ally.workspaces.cli import resolve_workspace

referral_app = typer.Typer(help="Referrals: who introduced whom to us, and whom we introduced people to.",
                           no_args_is_help=True)


def referral_dict(referral) -> dict:
    return {"id": referral.id, "direction": referral.direction, "referred_on": referral.referred_on.isoformat(),
            "referrer_id": referral.referrer_id, "referrer": referral.referrer.name if referral.referrer_id else None,
            "person_id": referral.person_id, "person": referral.person.name,
            "introduced_to_id": referral.introduced_to_id,
            "introduced_to": referral.introduced_to.name if referral.introduced_to_id else referral.introduced_to_name,
            "note": referral.note}


@referral_app.command("list")
def referral_list(person: str = typer.Option(None, "--person", help="Every referral this person is part of."),
                  direction: str = typer.Option(None, "--direction", help="received or given."),
                  limit: int = typer.Option(50, "--limit", min=1), workspace: str = workspace_option(),
                  as_json: bool = json_option()):
    """List referrals, newest first."""
    setup_django()
    from ally.ownership.selectors import referral_list as referrals

    if direction not in (None, "received", "given"):
        raise fail("direction: must be received or given")
    target = resolve_workspace(workspace)
    who = resolve_person(target, person) if person else None
    rows = [referral_dict(r) for r in referrals(workspace=target, person_id=who.id if who else None,
                                                direction=direction)[:limit]]
    if as_json:
        print_json(rows)
        return
    print_table("Referrals", ["id", "when", "direction", "who", "introduced"],
                [[r["id"], r["referred_on"], r["direction"],
                  r["referrer"] if r["direction"] == "received" else "us",
                  f"{r['person']} to us" if r["direction"] == "received" else f"{r['person']} to {r['introduced_to']}"]
                 for r in rows])


@referral_app.command("show")
def referral_show(person: str = typer.Argument(..., help="Who: an id, an email, or part of a name."),
                  workspace: str = workspace_option(), as_json: bool = json_option()):
    """Both directions of a person's referrals: who introduced them, whom they introduced (an advocate),
    and whom we introduced them to, alternatives recommended included."""
    setup_django()
    from ally.ownership.selectors import person_referrals

    target = resolve_workspace(workspace)
    who = resolve_person(target, person)
    referrals = person_referrals(person=who)
    data = {
        "person_id": who.id, "person": who.name, "advocate": referrals.is_advocate,
        "introduced_by": [{"name": r.referrer.name, "on": r.referred_on.isoformat()} for r in referrals.introduced_by],
        "introduced_to_us": [{"name": r.person.name, "on": r.referred_on.isoformat()}
                             for r in referrals.introduced_to_us],
        "given": [{"to": i.to_name, "on": i.when.isoformat(), "note": i.note,
                   "alternative_recommended": i.opportunity is not None} for i in referrals.introductions],
    }
    if as_json:
        print_json(data)
        return
    console.print(f"{escape(who.name)}" + (" — advocate" if referrals.is_advocate else ""), highlight=False)
    rows = [[r["on"], "introduced them to us", r["name"]] for r in data["introduced_by"]]
    rows += [[r["on"], "they introduced to us", r["name"]] for r in data["introduced_to_us"]]
    rows += [[g["on"], "alternative we recommended" if g["alternative_recommended"] else "we introduced them to",
              g["to"]] for g in data["given"]]
    print_table("Referrals", ["when", "how", "who"], rows)


@referral_app.command("received")
def referral_received(referrer: str = typer.Argument(..., help="Who introduced them to us."),
                      person: str = typer.Argument(..., help="The person they introduced."),
                      on: str = typer.Option(None, "--on", help="When (YYYY-MM-DD, default: today)."),
                      note: str = typer.Option("", "--note"), workspace: str = workspace_option()):
    """Record that REFERRER introduced PERSON to us."""
    setup_django()
    from ally.ownership.services import referral_record

    target = resolve_workspace(workspace)
    by, who = resolve_person(target, referrer), resolve_person(target, person)
    with domain_errors():
        referral = referral_record(workspace=target, direction="received", referrer=by, person=who,
                                   referred_on=parse_date(on, "on"), note=note)
    console.print(f"{by.name} introduced {who.name} to us (#{referral.id}).", highlight=False, markup=False, soft_wrap=True)


@referral_app.command("given")
def referral_given(person: str = typer.Argument(..., help="The person we introduced."),
                   to: str = typer.Option(None, "--to", help="Whom, if they are in Ally (id, email or name)."),
                   to_name: str = typer.Option("", "--to-name", help="Whom, if they are not in Ally."),
                   on: str = typer.Option(None, "--on", help="When (YYYY-MM-DD, default: today)."),
                   note: str = typer.Option("", "--note", help="Why, e.g. what they needed that we do not do."),
                   workspace: str = workspace_option()):
    """Record that we introduced PERSON to someone else."""
    setup_django()
    from ally.ownership.services import referral_record

    target = resolve_workspace(workspace)
    who = resolve_person(target, person)
    other = resolve_person(target, to) if to else None
    with domain_errors():
        referral = referral_record(workspace=target, direction="given", person=who, introduced_to=other,
                                   introduced_to_name=to_name, referred_on=parse_date(on, "on"), note=note)
    whom = other.name if other else referral.introduced_to_name
    console.print(f"We introduced {who.name} to {whom} (#{referral.id}).", highlight=False, markup=False, soft_wrap=True)


@referral_app.command("remove")
def referral_remove(referral_id: int = typer.Argument(...), workspace: str = workspace_option()):
    """Delete a referral recorded by mistake."""
    setup_django()
    from ally.ownership.selectors import access_referral
    from ally.ownership.services import referral_delete

    target = resolve_workspace(workspace)
    with domain_errors():
        referral_delete(referral=access_referral(workspace=target, referral_id=referral_id))
    console.print(f"Removed referral #{referral_id}.", highlight=False, markup=False, soft_wrap=True)


