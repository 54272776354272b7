"""`ally purchase`, `ally checkin`, `ally playbook`, `ally feedback`, `ally referral`, `ally dashboard`,
and `ally import purchases`: what customers own, how it is going, who introduced whom, customers made."""

import sys

import typer
from rich.markup import escape

from ally.core.cli import (
    CommandLine,
    console,
    domain_errors,
    err_console,
    fail,
    json_option,
    member_option,
    parse_date,
    print_json,
    print_table,
    setup_django,
    workspace_option,
)
from ally.people.cli import resolve_person
from ally.workspaces.cli import resolve_member, resolve_workspace

purchase_app = typer.Typer(help="Purchases: what customers bought, and the check-ins each schedules.",
                           no_args_is_help=True)
checkin_app = typer.Typer(help="Check-ins after a purchase: list, record how it went, skip, move.",
                          no_args_is_help=True)
playbook_app = typer.Typer(help="Check-in playbooks: the default (days 3, 30, 90, 365) and per offering.",
                           no_args_is_help=True)
feedback_app = typer.Typer(help="What customers told us unprompted: a score (0-10) and their words.",
                           no_args_is_help=True)
referral_app = typer.Typer(help="Referrals: who introduced whom to us, and whom we introduced people to.",
                           no_args_is_help=True)
LISTED = 20


def register(cli: CommandLine) -> None:
    cli.group("purchase", purchase_app)
    cli.group("checkin", checkin_app)
    cli.group("playbook", playbook_app)
    cli.group("feedback", feedback_app)
    cli.group("referral", referral_app)
    cli.shared_command("import", "purchases", import_purchases)


def _offering(workspace, reference: str | None):
    if not reference:
        return None
    from ally.ownership.selectors import offering_by_reference

    with domain_errors():
        return offering_by_reference(workspace=workspace, reference=reference)


# ---- purchases ----------------------------------------------------------------------------------

@purchase_app.command("list")
def purchase_list(person: str = typer.Option(None, "--person", help="Only this person's (id, email or name)."),
                  since: str = typer.Option(None, "--since", help="Bought on or after (YYYY-MM-DD)."),
                  until: str = typer.Option(None, "--until", help="Bought on or before (YYYY-MM-DD)."),
                  limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many."),
                  workspace: str = workspace_option(), as_json: bool = json_option()):
    """List purchases, newest first."""
    setup_django()
    from ally.ownership.selectors import purchase_list as purchases
    from ally.ownership.serialize import purchase_json

    target = resolve_workspace(workspace)
    who = resolve_person(target, person) if person else None
    rows = [purchase_json(p) for p in purchases(workspace=target, person_id=who.id if who else None,
                                                start=parse_date(since, "since"), end=parse_date(until, "until"))[:limit]]
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
                                   offering=_offering(target, offering), description=description)
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


# ---- check-ins ----------------------------------------------------------------------------------

@checkin_app.command("list")
def checkin_list(show: str = typer.Option("due", "--show", help="due (today or late), scheduled, done or skipped."),
                 person: str = typer.Option(None, "--person", help="Only this person's."),
                 limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many."),
                 workspace: str = workspace_option(), member: str = member_option(), as_json: bool = json_option()):
    """List check-ins: those due now (today in --member's time zone, or late) by default."""
    setup_django()
    from django.utils import timezone

    from ally.ownership.models import CheckIn
    from ally.ownership.selectors import check_in_list
    from ally.ownership.serialize import check_in_json

    if show not in ("due", *CheckIn.Status.values):
        raise fail(f"show: must be due, {', '.join(CheckIn.Status.values)}")
    target = resolve_workspace(workspace)
    if member:
        resolve_member(target, member)
    who = resolve_person(target, person) if person else None
    check_ins = check_in_list(workspace=target, status="scheduled" if show == "due" else show,
                              due_by=timezone.localdate() if show == "due" else None,
                              person_id=who.id if who else None)
    rows = [check_in_json(c) for c in check_ins[:limit]]
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


# ---- playbooks ----------------------------------------------------------------------------------

@playbook_app.command("show")
def playbook_show(offering: str = typer.Option(None, "--offering", help="An offering (name or id); default: "
                                                                        "the default playbook."),
                  workspace: str = workspace_option(), as_json: bool = json_option()):
    """Show the steps a purchase (of an offering) schedules."""
    setup_django()
    from ally.ownership.selectors import playbook_for, playbook_steps

    target = resolve_workspace(workspace)
    chosen = _offering(target, offering)
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
    chosen = _offering(target, offering)
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
    chosen = _offering(target, offering)
    reset(workspace=target, offering=chosen)
    console.print(f"{chosen.name} follows the default playbook." if chosen else
                  "The default playbook is Ally's (days 3, 30, 90, 365).", highlight=False, markup=False, soft_wrap=True)


# ---- feedback -----------------------------------------------------------------------------------

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


# ---- referrals ----------------------------------------------------------------------------------

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


# ---- import -----------------------------------------------------------------------

def import_purchases(file: str = typer.Argument(..., help="The CSV file ('-' for standard input)."),
                     dry_run: bool = typer.Option(False, "--dry-run", help="Report what would happen; write nothing."),
                     currency: str = typer.Option(None, "--currency", help="For rows without a currency column "
                                                                           "(default: the workspace's)."),
                     workspace: str = workspace_option(), as_json: bool = json_option()):
    """Import purchases from a CSV (columns: email or person_id or name, date, amount, and optionally currency,
    offering, description). A purchase already recorded is not recorded twice."""
    setup_django()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ally.ownership.importing import purchases_import

    target = resolve_workspace(workspace)
    data = _read(file)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True, disable=not err_console.is_terminal) as progress:
        task = progress.add_task("checking" if dry_run else "importing", total=None)
        with domain_errors():
            report = purchases_import(workspace=target, data=data, dry_run=dry_run, default_currency=currency or "",
                                      on_start=lambda total: progress.update(task, total=total),
                                      progress=lambda n: progress.advance(task, n))
    for warning in report.warnings:
        err_console.print(f"[yellow]warning:[/yellow] {escape(warning)}", highlight=False, soft_wrap=True)
    if as_json:
        print_json(report.as_dict())
        return
    counts = report.as_dict()["counts"]
    print_table(f"{report.rows} rows {'checked' if dry_run else 'imported'} into {target.slug}", ["rows", "count"],
                [["new purchases", counts["new"]], ["already recorded (skipped)", counts["already_recorded"]],
                 ["duplicates within the file (skipped)", counts["duplicate_in_file"]],
                 ["invalid (skipped)", counts["invalid"]]])
    for title, rows in (("Invalid rows", report.invalid),
                        ("Duplicates within the file", [(line, f"same purchase as line {first}")
                                                        for line, first in report.duplicates])):
        if rows:
            more = f" (first {LISTED} of {len(rows)}; --json lists all)" if len(rows) > LISTED else ""
            print_table(title + more, ["line", "detail"], [[line, detail] for line, detail in rows[:LISTED]])
    if dry_run:
        console.print("Dry run: nothing was written.", highlight=False, markup=False, soft_wrap=True)


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise fail(f"file: cannot read '{path}' ({exc.strerror})") from None
