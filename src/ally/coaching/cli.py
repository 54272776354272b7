"""`ally coach` measures a call's transcript (attached to an interaction, or on its own for an analyst), and
`ally coaching` shows, corrects and tunes what the coach found."""

from pathlib import Path

import typer

from ally.core.cli import (
    CommandLine,
    domain_errors,
    fail,
    json_option,
    print_json,
    print_table,
    say,
    setup_django,
    workspace_option,
)

coaching_app = typer.Typer(help="The conversation coach: a call's transcript measured, its speakers corrected, "
                                "the workspace's own pushy phrases.", no_args_is_help=True)


def register(cli: CommandLine) -> None:
    cli.command("coach", coach)
    cli.group("coaching", coaching_app)


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise fail(f"FILE: cannot read {path}: {exc.strerror or exc}") from None


def _say_metrics(metrics: dict) -> None:
    share = metrics["seller_talk_share"]
    say(f"seller: {', '.join(metrics['sellers'])} · customer: {', '.join(metrics['customers']) or '—'}")
    say(f"seller talk share: {share * 100:.0f}% (by {metrics['talk_basis']})")
    say(f"questions: {metrics['seller_question_count']} ({metrics['open_question_count']} open)")
    say(f"longest seller monologue: {metrics['longest_seller_monologue_s']} s · longest customer story: "
        f"{metrics['longest_customer_story_s']} s")
    for hit in metrics["pushy_phrases"]:
        say(f"pushy ({hit['category']}) at {hit['at_s']} s: {hit['quote']}")
    for need in metrics["need_statements"]:
        say(f"need at {need['at_s']} s ({need['speaker']}): {need['quote']}")


def _analyse(data: bytes, filename: str, sellers: list[str]) -> dict:
    """Analyst mode: the pure core only, no workspace and no database."""
    from ally.coaching.metrics import conversation_metrics
    from ally.coaching.transcripts import parse_transcript

    try:
        transcript = parse_transcript(data, filename=filename)
        return conversation_metrics(transcript, sellers=sellers or None).as_json()
    except ValueError as exc:  # TranscriptError names the line; a seller who never speaks names the speakers
        raise fail(f"{'FILE' if hasattr(exc, 'line') else '--seller'}: {exc}") from None


def coach(file: Path = typer.Argument(..., help="The transcript: WebVTT, SRT or 'Name: text' lines."),
          interaction: int = typer.Option(None, "--interaction", help="Attach it to this interaction (by id)."),
          seller: list[str] = typer.Option(None, "--seller", help="Without --interaction: a speaker on the seller's "
                                                                  "side, as spelled in the file (repeatable; default "
                                                                  "the first to speak)."),
          workspace: str = workspace_option(), as_json: bool = json_option()):
    """Measure a call: is the seller asking or telling? With --interaction, attach it to the interaction."""
    data = _read_file(file)
    if interaction is None:
        metrics = _analyse(data, file.name, list(seller or []))
        if as_json:
            print_json(metrics)
        else:
            _say_metrics(metrics)
        return
    if seller:
        raise fail("--seller: an attached call's seller is its team member; correct a speaker with "
                   "`ally coaching speaker`")
    setup_django()
    from ally.coaching.serialize import transcript_dict
    from ally.coaching.services import transcript_attach
    from ally.interactions.selectors import access_interaction
    from ally.workspaces.cli import resolve_workspace

    target = resolve_workspace(workspace)
    with domain_errors():
        found = access_interaction(workspace=target, interaction_id=interaction, user=None)
        transcript = transcript_attach(interaction=found, data=data, filename=file.name)
    if as_json:
        print_json(transcript_dict(transcript))
        return
    say(f"attached to interaction {found.id} ({found})")
    _say_metrics(transcript.metrics)


def _transcript(workspace: str | None, interaction_id: int):
    from ally.coaching.selectors import access_transcript
    from ally.workspaces.cli import resolve_workspace

    target = resolve_workspace(workspace)
    with domain_errors():
        return target, access_transcript(workspace=target, interaction_id=interaction_id, user=None)


@coaching_app.command("show")
def show(interaction_id: int = typer.Argument(...), workspace: str = workspace_option(),
         as_json: bool = json_option()):
    """Show an interaction's transcript: its speakers and what the coach measured."""
    setup_django()
    from ally.coaching.serialize import transcript_dict

    _, transcript = _transcript(workspace, interaction_id)
    details = transcript_dict(transcript)
    if as_json:
        print_json(details)
        return
    print_table("Speakers", ["name", "person", "side", "matched by"],
                [[s["name"], s["person_name"] or "—", "seller" if s["seller"] else "customer", s["matched_by"] or "—"]
                 for s in details["speakers"]])
    _say_metrics(transcript.metrics)


@coaching_app.command("speaker")
def speaker(interaction_id: int = typer.Argument(...), name: str = typer.Argument(..., help="As in the transcript."),
            person: str = typer.Option(None, "--person", help="Who it is (id, email or name); omit for nobody known."),
            side: str = typer.Option(None, "--side", help="seller or customer (default: a team member sells)."),
            workspace: str = workspace_option(), as_json: bool = json_option()):
    """Correct who a speaker is; the call is measured again."""
    if side not in (None, "seller", "customer"):
        raise fail(f"--side: must be seller or customer, not '{side}'")
    setup_django()
    from ally.coaching.serialize import transcript_dict
    from ally.coaching.services import transcript_speaker_correct
    from ally.people.cli import resolve_person

    target, transcript = _transcript(workspace, interaction_id)
    who = resolve_person(target, person) if person else None
    with domain_errors():
        transcript_speaker_correct(transcript=transcript, name=name, person=who,
                                   seller=None if side is None else side == "seller")
    if as_json:
        print_json(transcript_dict(transcript))
        return
    say(f"{name} is now {who.name if who else 'nobody Ally knows'}")
    _say_metrics(transcript.metrics)


@coaching_app.command("phrases")
def phrases(add: list[str] = typer.Option(None, "--add", help="A phrase to add (repeatable)."),
            remove: list[str] = typer.Option(None, "--remove", help="A phrase to remove (repeatable)."),
            workspace: str = workspace_option(), as_json: bool = json_option()):
    """The workspace's own pushy phrases (added to the default lexicon); with --add or --remove, change them."""
    setup_django()
    from ally.coaching.selectors import pushy_phrases
    from ally.coaching.services import coaching_phrases_set
    from ally.workspaces.cli import resolve_workspace

    target = resolve_workspace(workspace)
    current = pushy_phrases(workspace=target)
    if add or remove:
        missing = [phrase for phrase in remove or [] if phrase not in current]
        if missing:
            raise fail(f"--remove: '{missing[0]}' is not one of the workspace's phrases")
        with domain_errors():
            coaching_phrases_set(workspace=target, phrases=[p for p in current if p not in (remove or [])]
                                 + list(add or []))
        current = pushy_phrases(workspace=target)
    if as_json:
        print_json(current)
        return
    for phrase in current:
        say(phrase)
