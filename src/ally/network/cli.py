"""`ally intro`: warm introductions to a person in a workspace, or, with --graph, over any graph an analyst
brings (EDGES.csv with columns a,b,strength; no workspace). `ally network refresh|status` for the snapshot,
and `ally intro-request` for asking and recording how it went."""

from pathlib import Path

import typer

from ally.core.cli import (
    CommandLine,
    console,
    domain_errors,
    fail,
    json_option,
    member_option,
    print_json,
    print_table,
    say,
    setup_django,
    workspace_option,
)
from ally.people.cli import resolve_person
from ally.workspaces.cli import resolve_member, resolve_workspace

network_app = typer.Typer(help="The relationship network: refresh its snapshot, see how fresh it is.",
                          no_args_is_help=True)
request_app = typer.Typer(help="Introduction requests: ask someone to introduce you, record how it went.",
                          no_args_is_help=True)


def register(cli: CommandLine) -> None:
    cli.command("intro", intro)
    cli.group("network", network_app)
    cli.group("intro-request", request_app)


def intro(person: str = typer.Argument(None, help="Who to meet: an id, an email, or part of a name."),
          graph: Path = typer.Option(None, "--graph", help="Analyst mode: EDGES.csv (columns a,b,strength), "
                                                           "no workspace."),
          sources: str = typer.Option(None, "--sources", help="With --graph: the team's ids, comma-separated."),
          target: str = typer.Option(None, "--target", help="With --graph: the id to reach."),
          k: int = typer.Option(3, "--k", help="How many paths, each with a different first contact."),
          max_hops: int = typer.Option(4, "--max-hops", help="Longest path, 1 to 4 hops."),
          workspace: str = workspace_option(), as_json: bool = json_option()):
    """The best introduction paths from the team to PERSON, and who on the team already knows them."""
    if graph is not None:
        if person is not None or workspace is not None:
            raise fail("--graph reads a file, not a workspace: leave out PERSON and --workspace")
        _analyst(graph, sources, target, k=k, max_hops=max_hops, as_json=as_json)
        return
    if sources is not None or target is not None:
        raise fail("--sources and --target go with --graph; for a workspace, name the PERSON")
    if person is None:
        raise fail("name the PERSON to meet (or use --graph EDGES.csv --sources ... --target ...)")
    setup_django()
    from ally.network.api import person_introductions_json

    target_workspace = resolve_workspace(workspace)
    who = resolve_person(target_workspace, person)
    data = person_introductions_json(target_workspace, who)
    if as_json:
        print_json(data)
        return
    _print_person(who, data)


def _analyst(graph: Path, sources: str | None, target: str | None, *, k: int, max_hops: int, as_json: bool) -> None:
    from ally.network.errors import NetworkError
    from ally.network.paths import intro_json, load_edges_csv

    if not sources:
        raise fail("--sources: name at least one team id (comma-separated)")
    if not target:
        raise fail("--target: name the id to reach")
    if not graph.is_file():
        raise fail(f"--graph: {graph} is not a readable file")
    try:
        data = intro_json(load_edges_csv(graph), sources=[s.strip() for s in sources.split(",") if s.strip()],
                          target=target.strip(), k=k, max_hops=max_hops)
    except (NetworkError, UnicodeDecodeError) as exc:
        raise fail(str(exc)) from None
    if as_json:
        print_json(data)
        return
    print_table(f"Introductions to {data['target']}", ["rank", "path", "score"],
                [[i["rank"], " -> ".join(str(n) for n in i["path"]), i["score"]] for i in data["introductions"]])


def _print_person(who, data: dict) -> None:
    if data["refreshed_at"] is None:
        say("The network has not been computed yet: run `ally network refresh` (or wait for the job queue).")
        return
    say(f"{who.name}: who on the team knows them")
    for known in data["known_by"]:
        say(f"  {known['words']}")
    if not data["known_by"]:
        say("  nobody on the team yet")
    if not data["introductions"]:
        say("No warm introduction: nobody the team knows is connected to them.")
        return
    for intro in data["introductions"]:
        say(f"{intro['rank']}. ask {intro['first_contact']['name']} (score {intro['score']:.3f})")
        for step in intro["steps"]:
            say(f"     {step['words']}")


@network_app.command("refresh")
def network_refresh(workspace: str = workspace_option(),
                    if_stale: bool = typer.Option(False, "--if-stale", help="Only when the inputs changed or the "
                                                                           "snapshot is a day old.")):
    """Compute every relationship strength in the workspace now (the job queue does this on its own)."""
    setup_django()
    from ally.network.services import network_refresh as refresh
    from ally.network.tasks import refresh_if_stale

    target = resolve_workspace(workspace)
    built = refresh_if_stale(target) if if_stale else refresh(workspace=target)
    if built is None:
        say("Up to date.")
        return
    say(f"Refreshed: {built.people} people, {built.relationships} relationships.")


@network_app.command("status")
def network_status(workspace: str = workspace_option(), as_json: bool = json_option()):
    """When the snapshot was built and how big it is."""
    setup_django()
    from ally.network.selectors import latest_snapshot

    target = resolve_workspace(workspace)
    latest = latest_snapshot(workspace=target)
    data = {"refreshed_at": latest.built_at.isoformat() if latest else None,
            "people": latest.people if latest else 0, "relationships": latest.relationships if latest else 0}
    if as_json:
        print_json(data)
        return
    say("Never computed." if latest is None else
        f"Built {latest.built_at:%Y-%m-%d %H:%M}: {latest.people} people, {latest.relationships} relationships.")


@request_app.command("ask")
def request_ask(person: str = typer.Argument(..., help="Who to meet."),
                introducer: str = typer.Option(..., "--via", help="Who to ask for the introduction."),
                note: str = typer.Option(None, "--note", help="Your own words (default: a drafted note)."),
                workspace: str = workspace_option(), member: str = member_option(), as_json: bool = json_option()):
    """Ask someone to introduce you: a follow-up for you, due today, with a drafted note."""
    setup_django()
    from ally.network.selectors import access_introduction_request
    from ally.network.serialize import introduction_request_json
    from ally.network.services import introduction_request_create

    target_workspace = resolve_workspace(workspace)
    membership = resolve_member(target_workspace, member)
    target, via = resolve_person(target_workspace, person), resolve_person(target_workspace, introducer)
    with domain_errors():
        made = introduction_request_create(workspace=target_workspace, member=membership, introducer=via,
                                           target=target, note=note)
    data = introduction_request_json(access_introduction_request(workspace=target_workspace, request_id=made.id))
    if as_json:
        print_json(data)
        return
    say(f"Asked {via.name} to introduce you to {target.name} (request {made.id}). The note:")
    say(made.note)


@request_app.command("outcome")
def request_outcome(request_id: int = typer.Argument(..., help="The introduction request's id."),
                    outcome: str = typer.Argument(..., help="made, declined or no_answer."),
                    workspace: str = workspace_option(), as_json: bool = json_option()):
    """Record how it went; made records the referral and sets "introduced by"."""
    setup_django()
    from ally.network.selectors import access_introduction_request
    from ally.network.serialize import introduction_request_json
    from ally.network.services import introduction_request_decide

    target = resolve_workspace(workspace)
    with domain_errors():
        asked = access_introduction_request(workspace=target, request_id=request_id)
        introduction_request_decide(request=asked, outcome=outcome)
    data = introduction_request_json(access_introduction_request(workspace=target, request_id=request_id))
    if as_json:
        print_json(data)
        return
    console.print(f"Recorded: {data['outcome']}.", highlight=False, markup=False)
