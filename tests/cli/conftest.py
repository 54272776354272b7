"""Running `ally` commands in-process against the test database."""

import pytest
from typer.testing import CliRunner

import ally.cli


@pytest.fixture(autouse=True)
def no_migrate(monkeypatch):
    """The test database is already migrated; first-run commands must not migrate it again."""
    real = ally.cli.setup_django
    monkeypatch.setattr(ally.cli, "setup_django", lambda migrate=False: real())


@pytest.fixture
def ally_command(db):
    """`ally_command("people", "show", "alice")`: the result of running `ally` with those arguments."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(ally.cli.app, [str(a) for a in args], input=input)

    return run
