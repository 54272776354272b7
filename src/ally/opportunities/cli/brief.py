"""`ally brief`: the meeting brief before a conversation."""

import typer

from ally.core.cli import json_option, print_json, say, setup_django, workspace_option
from ally.opportunities.cli.common import PERSON_HELP
from ally.people.cli import resolve_person
from ally.workspaces.cli import resolve_workspace


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
    say(f"Before you talk to {who['name']}" + (f" ({who['organization']})" if who["organization"] else ""))
    say("\nThree questions to ask:")
    for number, s in enumerate(d["suggested_questions"], start=1):
        say(f"  {number}. {s['text']}\n     why: {s['why']}")
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
        say(f"\n{title}:")
        for line in lines or ["(none)"]:
            say(f"  - {line}")
