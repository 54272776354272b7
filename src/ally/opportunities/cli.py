"""`ally need`, `ally opportunity`, `ally offering`, `ally alternative`, `ally question` and `ally brief`.

Needs in the customer's words, the buyer's decision journey, the catalogues around it, and the
meeting brief before a conversation. Every read has --json; a refused move prints why and exits 1.
"""

import typer

from ally.core.cli import (
    CommandLine,
    console,
    domain_errors,
    fail,
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

need_app = typer.Typer(help="Needs, in the customer's own words.", no_args_is_help=True)
opportunity_app = typer.Typer(help="Opportunities: the customer's decision journey.", no_args_is_help=True)
offering_app = typer.Typer(help="The catalogue of what we offer.", no_args_is_help=True)
alternative_app = typer.Typer(help="Alternatives we recommend when we are not the fit.", no_args_is_help=True)
question_app = typer.Typer(help="The bank of open discovery questions.", no_args_is_help=True)

PERSON_HELP = "An id, an email, or part of a name."


def register(cli: CommandLine) -> None:
    cli.group("need", need_app)
    cli.group("opportunity", opportunity_app)
    cli.group("offering", offering_app)
    cli.group("alternative", alternative_app)
    cli.group("question", question_app)
    cli.command("brief", brief)


def _say(text: str) -> None:
    console.print(text, highlight=False, markup=False, soft_wrap=True)


# ---- needs --------------------------------------------------------------------------------------

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
    _say(f"Recorded {who.name}'s need (#{need.id}, {need.status}): “{need.text}”")


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
    _say(f"Need #{need.id} is {need.status}.")


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
    _say(f"Saved need #{need.id}.")


# ---- opportunities ------------------------------------------------------------------------------

@opportunity_app.command("list")
def opportunity_list(stage: str = typer.Option("", "--stage", help="A stage, or 'open'."),
                     person: str = typer.Option(None, "--person", help=PERSON_HELP),
                     limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many."),
                     workspace: str = workspace_option(), as_json: bool = json_option()):
    """List opportunities, latest move first."""
    setup_django()
    from ally.opportunities.selectors import opportunity_list as opportunities
    from ally.opportunities.serialize import opportunity_dict

    target = resolve_workspace(workspace)
    who = resolve_person(target, person) if person else None
    rows = [opportunity_dict(o) for o in opportunities(workspace=target, stage=stage, person=who)[:limit]]
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
    _say(f"{data['title']} (#{data['id']}) · {data['person_name']} · {data['stage']} · pull {data['pull']:g}")
    if data["alternative_name"]:
        _say(f"  recommended: {data['alternative_name']}")
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
    _say(f"{who.name} is exploring “{opportunity.title}” (#{opportunity.id}).")


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
    _say(f"“{opportunity.title}” (#{opportunity.id}) is now {opportunity.stage}.")


@opportunity_app.command("board")
def opportunity_board(workspace: str = workspace_option(), as_json: bool = json_option()):
    """Open opportunities by the customer's stage, strongest customer pull first (never by amount)."""
    setup_django()
    from ally.opportunities.selectors import pull_board
    from ally.opportunities.serialize import board_dict

    target = resolve_workspace(workspace)
    columns = board_dict(pull_board(workspace=target))
    if as_json:
        print_json(columns)
        return
    for column in columns:
        print_table(f"{column['label']} ({len(column['cards'])})", ["id", "pull", "title", "person"],
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
    _say(f"{data['count']} decisions helped from {since} to {until}: {endings['owning']} owning, "
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
    _say(f"Noted what was shared on #{opportunity_id}.")


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
    _say(f"Noted their question (#{question.id}).")


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
    _say(f"Answered question #{question_id}.")


# ---- catalogues ---------------------------------------------------------------------------------

@offering_app.command("list")
def offering_list(workspace: str = workspace_option(), as_json: bool = json_option()):
    """List what the workspace offers."""
    setup_django()
    from ally.opportunities.selectors import offering_list as offerings
    from ally.opportunities.serialize import offering_dict

    rows = [offering_dict(o) for o in offerings(workspace=resolve_workspace(workspace))]
    if as_json:
        print_json(rows)
        return
    print_table("Offerings", ["id", "name", "usual price", "active", "description"],
                [[r["id"], r["name"], f"{r['price']} {r['currency']}" if r["price"] is not None else "",
                  "yes" if r["active"] else "no", r["description"]] for r in rows])


@offering_app.command("add")
def offering_add(name: str = typer.Argument(..., help="What it is called."),
                 description: str = typer.Option("", "--description", help="What it is."),
                 price: str = typer.Option(None, "--price", help="Usual price (only pre-fills purchases)."),
                 currency: str = typer.Option("", "--currency", help="Currency of the price."),
                 workspace: str = workspace_option()):
    """Add an offering to the catalogue."""
    setup_django()
    from ally.opportunities.services import offering_create

    with domain_errors():
        offering = offering_create(workspace=resolve_workspace(workspace), name=name, description=description,
                                   price=price, currency=currency)
    _say(f"Added offering {offering.name} (#{offering.id}).")


@offering_app.command("update")
def offering_update(offering: str = typer.Argument(..., help="Its id or name."),
                    name: str = typer.Option(None, "--name"), description: str = typer.Option(None, "--description"),
                    price: str = typer.Option(None, "--price"), currency: str = typer.Option(None, "--currency"),
                    active: bool = typer.Option(None, "--active/--retired", help="Still offered, or retired."),
                    workspace: str = workspace_option()):
    """Change an offering, or retire it."""
    setup_django()
    from ally.opportunities.selectors import offering_by_reference
    from ally.opportunities.services import offering_update as update

    target = resolve_workspace(workspace)
    changes = {k: v for k, v in (("name", name), ("description", description), ("price", price),
                                 ("currency", currency), ("active", active)) if v is not None}
    with domain_errors():
        saved = update(offering=offering_by_reference(workspace=target, reference=offering), **changes)
    _say(f"Saved offering {saved.name} (#{saved.id}).")


@alternative_app.command("list")
def alternative_list(workspace: str = workspace_option(), as_json: bool = json_option()):
    """List the alternatives we recommend, and what each is good for."""
    setup_django()
    from ally.opportunities.selectors import alternative_list as alternatives
    from ally.opportunities.serialize import alternative_dict

    rows = [alternative_dict(a) for a in alternatives(workspace=resolve_workspace(workspace))]
    if as_json:
        print_json(rows)
        return
    print_table("Alternatives", ["id", "name", "vendor", "good for", "active"],
                [[r["id"], r["name"], r["vendor"], r["good_for"], "yes" if r["active"] else "no"] for r in rows])


@alternative_app.command("add")
def alternative_add(name: str = typer.Argument(..., help="What it is called."),
                    vendor: str = typer.Option("", "--vendor", help="Who offers it."),
                    good_for: str = typer.Option("", "--good-for", help="What it is good for."),
                    website: str = typer.Option("", "--website"),
                    workspace: str = workspace_option()):
    """Add an alternative to recommend when we are not the fit."""
    setup_django()
    from ally.opportunities.services import alternative_create

    with domain_errors():
        alternative = alternative_create(workspace=resolve_workspace(workspace), name=name, vendor=vendor,
                                         good_for=good_for, website=website)
    _say(f"Added alternative {alternative.name} (#{alternative.id}).")


@alternative_app.command("update")
def alternative_update(alternative: str = typer.Argument(..., help="Its id or name."),
                       name: str = typer.Option(None, "--name"), vendor: str = typer.Option(None, "--vendor"),
                       good_for: str = typer.Option(None, "--good-for"), website: str = typer.Option(None, "--website"),
                       active: bool = typer.Option(None, "--active/--retired", help="Still recommended, or retired."),
                       workspace: str = workspace_option()):
    """Change an alternative, or retire it."""
    setup_django()
    from ally.opportunities.selectors import alternative_by_reference
    from ally.opportunities.services import alternative_update as update

    target = resolve_workspace(workspace)
    changes = {k: v for k, v in (("name", name), ("vendor", vendor), ("good_for", good_for), ("website", website),
                                 ("active", active)) if v is not None}
    with domain_errors():
        saved = update(alternative=alternative_by_reference(workspace=target, reference=alternative), **changes)
    _say(f"Saved alternative {saved.name} (#{saved.id}).")


@question_app.command("list")
def question_list(driver: str = typer.Option("", "--driver", help="Only this driver's questions."),
                  workspace: str = workspace_option(), as_json: bool = json_option()):
    """List the discovery questions, grouped by driver."""
    setup_django()
    from ally.opportunities.bank import ensure_question_bank
    from ally.opportunities.selectors import question_bank
    from ally.opportunities.serialize import discovery_question_dict

    target = resolve_workspace(workspace)
    ensure_question_bank(workspace=target)
    rows = [discovery_question_dict(q) for q in question_bank(workspace=target, driver=driver)]
    if as_json:
        print_json(rows)
        return
    print_table("Discovery questions", ["id", "driver", "purpose", "question", "active"],
                [[r["id"], r["driver"], r["purpose"], r["text"], "yes" if r["active"] else "no"] for r in rows])


@question_app.command("add")
def question_add(text: str = typer.Argument(..., help="An open question: ask, don't tell."),
                 driver: str = typer.Option(..., "--driver",
                                            help="growth, risk, efficiency, missed_opportunity, personal or other."),
                 purpose: str = typer.Option("need", "--purpose", help="need, cost, timing or decision."),
                 workspace: str = workspace_option()):
    """Add a discovery question to the bank."""
    setup_django()
    from ally.opportunities.services import discovery_question_create

    with domain_errors():
        question = discovery_question_create(workspace=resolve_workspace(workspace), text=text, driver=driver,
                                             purpose=purpose)
    _say(f"Added question #{question.id}.")


@question_app.command("update")
def question_update(question_id: int = typer.Argument(..., help="The question's id."),
                    text: str = typer.Option(None, "--text"), driver: str = typer.Option(None, "--driver"),
                    purpose: str = typer.Option(None, "--purpose"),
                    active: bool = typer.Option(None, "--active/--inactive", help="Suggest it in briefs or not."),
                    workspace: str = workspace_option()):
    """Change a discovery question."""
    setup_django()
    from ally.opportunities.selectors import access_discovery_question
    from ally.opportunities.services import discovery_question_update

    target = resolve_workspace(workspace)
    changes = {k: v for k, v in (("text", text), ("driver", driver), ("purpose", purpose), ("active", active))
               if v is not None}
    with domain_errors():
        discovery_question_update(question=access_discovery_question(workspace=target, question_id=question_id),
                                  **changes)
    _say(f"Saved question #{question_id}.")


@question_app.command("delete")
def question_delete(question_id: int = typer.Argument(..., help="The question's id."),
                    workspace: str = workspace_option()):
    """Delete a discovery question from the bank (it is not seeded back)."""
    setup_django()
    from ally.opportunities.selectors import access_discovery_question
    from ally.opportunities.services import discovery_question_delete

    target = resolve_workspace(workspace)
    with domain_errors():
        discovery_question_delete(question=access_discovery_question(workspace=target, question_id=question_id))
    _say(f"Deleted question #{question_id}.")


# ---- the brief ----------------------------------------------------------------------------------

def brief(person: str = typer.Argument(..., help=PERSON_HELP),
          workspace: str = workspace_option(), as_json: bool = json_option()):
    """The meeting brief: little things, recent talks, promises, needs, open questions, and three questions."""
    setup_django()
    from ally.opportunities.brief import meeting_brief
    from ally.opportunities.serialize import brief_dict

    target = resolve_workspace(workspace)
    data = brief_dict(meeting_brief(person=resolve_person(target, person), user=None))
    if as_json:
        print_json(data)
        return
    _print_brief(data)


def _print_brief(d: dict) -> None:
    who = d["person"]
    _say(f"Before you talk to {who['name']}" + (f" ({who['organization']})" if who["organization"] else ""))
    _say("\nThree questions to ask:")
    for number, s in enumerate(d["suggested_questions"], start=1):
        _say(f"  {number}. {s['text']}\n     why: {s['why']}")
    sections = (
        ("Little things worth mentioning", [f"{f['kind']}: {f['text']}" for f in d["little_things"]]),
        ("Last conversations", [f"{i['occurred_at']:%Y-%m-%d} {i['kind']}: {i['summary']}"
                                for i in d["last_interactions"]]),
        ("Open promises", [f"{f['text']} (due {f['due_on']})" for f in d["follow_ups"]]),
        ("Needs", [f"[{n['status']}] “{n['text']}” ({n['driver']}, urgency {n['urgency']})" for n in d["needs"]]),
        ("Decisions in progress", [f"{o['title']} ({o['stage']})" + "".join(
            f"\n     open question: {q['text']}" for q in o["open_questions"]) for o in d["opportunities"]]),
        ("Mutual connections", [f"{c['label']} {c['name']}" + (f" (also knows {', '.join(c['known_by'])})"
                                                               if c["known_by"] else "")
                                for c in d["mutual_connections"]]),
    )
    for title, lines in sections:
        _say(f"\n{title}:")
        for line in lines or ["(none)"]:
            _say(f"  - {line}")
