"""The layering is a tested contract (the contracts are in pyproject.toml, [tool.importlinter]):
apps depend only downward in one written order, pure cores import no Django, nothing imports `ally.cli`,
and any app's commands can be imported first, in a fresh interpreter."""

import subprocess
import sys
from pathlib import Path

import pytest
from importlinter import api as importlinter_api

ROOT = Path(__file__).resolve().parents[1]
APPS_WITH_COMMANDS = ["workspaces", "people", "interactions", "agenda", "imports", "opportunities", "ownership",
                      "support", "value", "reminders"]


def test_the_import_contracts_are_kept():
    lint = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    result = subprocess.run([sys.executable, "-c", lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_contracts_name_the_layers_in_the_written_order():
    contracts = importlinter_api.read_configuration(str(ROOT / "pyproject.toml"))["contracts_options"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    assert layers[-1] == "ally.core" and layers[-2] == "ally.workspaces" and layers[0] == "ally.cli"


@pytest.mark.parametrize("app", APPS_WITH_COMMANDS)
def test_an_apps_commands_import_first_in_a_fresh_interpreter(app, tmp_path):
    code = f"import ally.{app}.cli, ally.cli; assert ally.cli.app.registered_groups or ally.cli.app.registered_commands"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "ALLY_DATA_DIR": str(tmp_path), "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
