"""`ally opportunity`: the decision journey, its moves and endings."""

import typer

from ally.core.cli import (
    domain_errors,
    fail,
    json_option,
    member_option,
    parse_date,
    parse_moment,
    print_json,
    print_table,
    say,
    setup_django,
    workspace_option,
)
from ally.opportunities.cli.common import PERSON_HELP
from ally.people.cli import resolve_organization_id, resolve_person
from ally.workspaces.cli import find_member, resolve_member, resolve_workspace

opportunity_app = typer.Typer(help="Opportunities: the customer's decision journey.", no_args_is_help=True)


@opportunity_app.command("list")
def opportunity_list(stage: str = typer.Option("", "--stage", help="A stage, or 'open'."),
                     person: str = typer.Option(None, "--person", help=PERSON_HELP),
                     organization: str = typer.Option(None, "--organization", help="Only this organization's (name)."),
                     owner: str = typer.Option(None, "--owner", help="Only those this team member owns (username or "
                                                                     "email)."),
                     moved_after: str = typer.Option(None, "--moved-after", help="Latest move on or after this day "
                                                                                 "(YYYY-MM-DD)."),
                     moved_before: str = typer.Option(None, "--moved-before", help="Latest move on or before this "
                                                                                   "day (YYYY-MM-DD)."),
                     limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many."),
                     workspace: str = workspace_option(), member: str = member_option(),
                     as_json: bool = json_option()):
    """List opportunities, latest move first, with the opportunities list's filters (the page's and the API's)."""
    setup_django()
    from ally.opportunities.filters import OpportunityFilter
    from ally.opportunities.selectors import opportunity_list as opportunities
    from ally.opportunities.serialize import opportunity_dict

    target = resolve_workspace(workspace)
    if member:
        resolve_member(target, member)
    with domain_errors():
        filters = OpportunityFilter.parse({
            "stage": stage, "person_id": resolve_person(target, person).id if person else None,
            "organization_id": resolve_organization_id(target, organization),
            "owner_id": find_member(target, owner).id if owner else None,
            "moved_after": moved_after, "moved_before": moved_before})
    rows = [opportunity_dict(o) for o in opportunities(workspace=target, filters=filters)[:limit]]
    if as_json:
        print_json(rows)
        return
    print_table("Opportunities", ["id", "title", "person", "stage", "since", "their words"],
                [[r["id"], r["title"], r["person_name"], r["stage"], f"{r['stage_changed_at']:%Y-%m-%d}",
                  r["stage_reason"]] for r in rows])


@opportunity_app.command("show")
def opportunity_show(opportunity_id: int = typer.Argument(..., help="The opportunity's id."),
                     workspace: str = workspace_option(), as_json: bool = json_option()):
    """Show an opportunity: its journey in their words, needs, decision information and questions."""
    setup_django()
    from ally.opportunities.selectors import access_opportunity, opportunity_page
    from ally.opportunities.serialize import opportunity_page_dict

    target = resolve_workspace(workspace)
    with domain_errors():
        data = opportunity_page_dict(opportunity_page(opportunity=access_opportunity(
            workspace=target, opportunity_id=opportunity_id)))
    if as_json:
        print_json(data)
        return
    say(f"{data['title']} (#{data['id']}) · {data['person_name']} · {data['stage']} · pull {data['pull']:g}")
    if data["alternative_name"]:
        say(f"  recommended: {data['alternative_name']}")
    print_table("Their journey", ["when", "to", "their words"],
                [[f"{m['occurred_at']:%Y-%m-%d}", m["to_stage"], m["reason"]] for m in data["history"]])
    if data["needs"]:
        print_table("Needs", ["id", "status", "urgency", "in their words"],
                    [[n["id"], n["status"], n["urgency"], n["text"]] for n in data["needs"]])
    if data["questions"]:
        print_table("Their questions", ["id", "asked", "question", "answer"],
                    [[q["id"], f"{q['asked_at']:%Y-%m-%d}", q["text"], q["answer"] or "(open)"]
                     for q in data["questions"]])


@opportunity_app.command("open")
def opportunity_open(person: str = typer.Argument(..., help=PERSON_HELP),
                     title: str = typer.Option("", "--title", help="Default: the first need's words."),
                     need: list[int] = typer.Option(None, "--need", help="A need's id (repeatable)."),
                     offering: list[str] = typer.Option(None, "--offering", help="An offering's id or name "
                                                                                 "(repeatable)."),
                     reason: str = typer.Option("", "--reason", help="Why they are exploring, in their words."),
                     workspace: str = workspace_option()):
    """Open an opportunity: the customer's decision about some of their needs, starting at exploring."""
    setup_django()
    from ally.opportunities.selectors import access_need, offering_by_reference
    from ally.opportunities.services import opportunity_open as open_

    target = resolve_workspace(workspace)
    who = resolve_person(target, person)
    with domain_errors():
        needs = [access_need(workspace=target, need_id=i) for i in need or []]
        offerings = [offering_by_reference(workspace=target, reference=r) for r in offering or []]
        opportunity = open_(workspace=target, person=who, title=title, needs=needs, offerings=offerings,
                            reason=reason)
    say(f"{who.name} is exploring “{opportunity.title}” (#{opportunity.id}).")


@opportunity_app.command("move")
def opportunity_move(opportunity_id: int = typer.Argument(..., help="The opportunity's id."),
                     stage: str = typer.Argument(..., help="exploring, committed_to_change, evaluating, deciding, "
                                                           "owning, not_a_fit or staying_as_is."),
                     reason: str = typer.Option(..., "--reason", help="Their reason, in their words."),
                     when: str = typer.Option(None, "--when", help="When they told us (default: now)."),
                     alternative: str = typer.Option(None, "--alternative",
                                                     help="not_a_fit: a catalogue alternative's id or name."),
                     alternative_name: str = typer.Option("", "--alternative-name",
                                                          help="not_a_fit: an alternative typed in."),
                     revisit: str = typer.Option(None, "--revisit", help="staying_as_is: YYYY-MM-DD to revisit."),
                     amount: str = typer.Option(None, "--amount", help="owning: what they paid."),
                     currency: str = typer.Option("", "--currency", help="owning: currency (default: the "
                                                                         "workspace's)."),
                     offering: str = typer.Option(None, "--offering", help="owning: the offering's id or name."),
                     purchased_on: str = typer.Option(None, "--purchased-on", help="owning: YYYY-MM-DD."),
                     workspace: str = workspace_option()):
    """Move an opportunity to the customer's new stage, with their reason; a refused move says why."""
    setup_django()
    from ally.opportunities.selectors import access_opportunity, alternative_by_reference, offering_by_reference
    from ally.opportunities.services import opportunity_move as move

    target = resolve_workspace(workspace)
    occurred_at = parse_moment(when, "when")
    revisit_on, bought_on = parse_date(revisit, "revisit"), parse_date(purchased_on, "purchased-on")
    with domain_errors():
        opportunity = access_opportunity(workspace=target, opportunity_id=opportunity_id)
        chosen = alternative_by_reference(workspace=target, reference=alternative) if alternative else None
        product = offering_by_reference(workspace=target, reference=offering) if offering else None
        move(opportunity=opportunity, stage=stage, reason=reason, occurred_at=occurred_at, alternative=chosen,
             alternative_name=alternative_name, revisit_on=revisit_on, amount=amount, currency=currency,
             offering=product, purchased_on=bought_on)
    opportunity.refresh_from_db()
    say(f"“{opportunity.title}” (#{opportunity.id}) is now {opportunity.stage}.")


@opportunity_app.command("board")
def opportunity_board(workspace: str = workspace_option(), as_json: bool = json_option(),
                      limit: int = typer.Option(20, "--limit", min=1, max=500, help="Cards shown per stage.")):
    """Open opportunities by the customer's stage, strongest customer pull first (never by amount)."""
    setup_django()
    from ally.opportunities.selectors import pull_board
    from ally.opportunities.serialize import board_dict

    target = resolve_workspace(workspace)
    columns = board_dict(pull_board(workspace=target, limit=limit))
    if as_json:
        print_json(columns)
        return
    for column in columns:
        print_table(f"{column['label']} ({column['count']})", ["id", "pull", "title", "person"],
                    [[c["id"], f"{c['pull']:g}", c["title"], c["person_name"]] for c in column["cards"]])


@opportunity_app.command("helped")
def opportunity_helped(start: str = typer.Option(None, "--start", help="YYYY-MM-DD (default: a year ago)."),
                       end: str = typer.Option(None, "--end", help="YYYY-MM-DD, not included (default: tomorrow)."),
                       workspace: str = workspace_option(), as_json: bool = json_option()):
    """Decisions helped: owning, not a fit with an alternative, or staying as is with their reason."""
    import datetime as dt

    setup_django()
    from django.utils import timezone

    from ally.opportunities.selectors import decisions_helped, decisions_helped_breakdown, decisions_helped_by_month

    target = resolve_workspace(workspace)
    until = parse_date(end, "end") or timezone.localdate() + dt.timedelta(days=1)
    since = parse_date(start, "start") or until - dt.timedelta(days=365)
    if since >= until:
        raise fail("end: must be after start")
    data = {"start": since, "end": until, "count": decisions_helped(workspace=target, start=since, end=until),
            "by_ending": decisions_helped_breakdown(workspace=target, start=since, end=until),
            "months": [{"month": m, "count": n} for m, n in decisions_helped_by_month(workspace=target, start=since,
                                                                                    end=until)]}
    if as_json:
        print_json(data)
        return
    endings = data["by_ending"]
    say(f"{data['count']} decisions helped from {since} to {until}: {endings['owning']} owning, "
         f"{endings['not_a_fit']} not a fit (alternative recommended), {endings['staying_as_is']} staying as is.")
    print_table("By month", ["month", "decisions helped"], [[f"{m['month']:%Y-%m}", m["count"]]
                                                            for m in data["months"]])


@opportunity_app.command("info")
def opportunity_info(opportunity_id: int = typer.Argument(..., help="The opportunity's id."),
                     what: str = typer.Option(..., "--what", help="What we shared to help them decide."),
                     workspace: str = workspace_option()):
    """Record decision information shared with the customer."""
    setup_django()
    from ally.opportunities.selectors import access_opportunity
    from ally.opportunities.services import decision_info_share

    target = resolve_workspace(workspace)
    with domain_errors():
        decision_info_share(opportunity=access_opportunity(workspace=target, opportunity_id=opportunity_id),
                            what=what)
    say(f"Noted what was shared on #{opportunity_id}.")


@opportunity_app.command("ask")
def opportunity_ask(opportunity_id: int = typer.Argument(..., help="The opportunity's id."),
                    text: str = typer.Option(..., "--text", help="Their question."),
                    workspace: str = workspace_option()):
    """Note a question the customer asked; it stays open (and shows on Today after 3 days) until answered."""
    setup_django()
    from ally.opportunities.selectors import access_opportunity
    from ally.opportunities.services import customer_question_ask

    target = resolve_workspace(workspace)
    with domain_errors():
        question = customer_question_ask(
            opportunity=access_opportunity(workspace=target, opportunity_id=opportunity_id), text=text)
    say(f"Noted their question (#{question.id}).")


@opportunity_app.command("answer")
def opportunity_answer(question_id: int = typer.Argument(..., help="The question's id."),
                       answer: str = typer.Option(..., "--answer", help="Our answer."),
                       workspace: str = workspace_option()):
    """Answer a question the customer asked."""
    setup_django()
    from ally.opportunities.selectors import access_customer_question
    from ally.opportunities.services import customer_question_answer

    target = resolve_workspace(workspace)
    with domain_errors():
        customer_question_answer(question=access_customer_question(workspace=target, question_id=question_id),
                                 answer=answer)
    say(f"Answered question #{question_id}.")


