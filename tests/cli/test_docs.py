"""docs/cli.md documents every command of the core groups, and docs/api.md every core resource path."""

from pathlib import Path

import typer

from ally.cli import app

DOCS = Path(__file__).resolve().parents[2] / "docs"
# The groups and commands docs/cli.md covers; the other apps document theirs in their own pages.
CORE = {"workspace", "user", "token", "people", "fact", "log", "timeline", "followup", "today", "import", "export"}


def _commands(command, prefix: str):
    if hasattr(command, "commands"):  # a group (Typer bundles its own click, so no isinstance check)
        for name, sub in command.commands.items():
            yield from _commands(sub, f"{prefix} {name}")
    else:
        yield prefix


def test_every_core_command_is_documented():
    root = typer.main.get_command(app)
    commands = [line for name in sorted(CORE) for line in _commands(root.commands[name], f"ally {name}")]
    text = (DOCS / "cli.md").read_text()
    assert len(commands) >= 15
    assert [command for command in commands if f"`{command}" not in text] == []


def test_every_core_resource_of_the_api_is_documented(db):
    from django.test import Client

    text = (DOCS / "api.md").read_text()
    spec = Client().get("/api/v1/openapi.json").json()
    core = {path for path, operations in spec["paths"].items()
            if {tag for operation in operations.values() for tag in operation["tags"]} & {"people", "interactions",
                                                                                           "agenda"}}
    assert core and [path for path in sorted(core) if f"`{path}" not in text and f"{path}`" not in text] == []
