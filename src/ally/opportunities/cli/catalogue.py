"""`ally offering`, `ally alternative` and `ally question`: the catalogues around a decision."""

import typer

from ally.core.cli import domain_errors, json_option, print_json, print_table, say, setup_django, workspace_option
from ally.workspaces.cli import resolve_workspace

offering_app = typer.Typer(help="The catalogue of what we offer.", no_args_is_help=True)
alternative_app = typer.Typer(help="Alternatives we recommend when we are not the fit.", no_args_is_help=True)
question_app = typer.Typer(help="The bank of open discovery questions.", no_args_is_help=True)


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
    say(f"Added offering {offering.name} (#{offering.id}).")


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
    say(f"Saved offering {saved.name} (#{saved.id}).")


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
    say(f"Added alternative {alternative.name} (#{alternative.id}).")


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
    say(f"Saved alternative {saved.name} (#{saved.id}).")


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
    say(f"Added question #{question.id}.")


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
    say(f"Saved question #{question_id}.")


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
    say(f"Deleted question #{question_id}.")


