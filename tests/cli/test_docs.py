"""Every command of every group, and every path of the API, is documented in docs/: a command added without its
words, or an app whose page forgets one, fails here by name."""

from pathlib import Path

import typer

from ally.cli import app

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _docs() -> str:
    return "\n".join(page.read_text() for page in sorted(DOCS.glob("*.md")))


def _commands(command, prefix: str):
    if hasattr(command, "commands"):  # a group (Typer bundles its own click, so no isinstance check)
        for name, sub in command.commands.items():
            yield from _commands(sub, f"{prefix} {name}")
    else:
        yield prefix


def every_command() -> list[str]:
    return list(_commands(typer.main.get_command(app), "ally"))


def every_api_path() -> list[str]:
    from django.test import Client

    return sorted(path.removeprefix("/api/v1") for path in Client().get("/api/v1/openapi.json").json()["paths"])


def test_every_command_is_documented():
    text = _docs()
    commands = every_command()
    assert len(commands) >= 60
    assert [command for command in commands if f"`{command}" not in text] == []


def test_every_path_of_the_api_is_documented(db):
    text = _docs()
    paths = every_api_path()
    assert len(paths) >= 40
    assert [path for path in paths if f"`{path}" not in text and f"/api/v1{path}`" not in text
            and f" {path}`" not in text] == []
