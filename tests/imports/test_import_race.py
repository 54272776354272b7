"""Two imports of one file into one workspace at the same moment, in two processes: the import lock makes the
second wait for the first and then match everyone it wrote, so nobody is duplicated, on SQLite and PostgreSQL."""

import os
import subprocess
import sys
import uuid

import pytest

ROWS = 400

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from ally.workspaces.audit import acting
from ally.workspaces.services import user_create, workspace_create
with acting(via="system"):
    workspace_create(name="Race", slug="race", owner=user_create(username="olivia", password="olivia-grows-roses"))
"""

IMPORT = """
import sys
import django; django.setup()
from ally.imports.services import people_import_csv
from ally.workspaces.audit import acting
from ally.workspaces.models import Workspace
with acting(via="system"):
    report = people_import_csv(workspace=Workspace.objects.get(slug="race"), data=open(sys.argv[1], "rb").read(),
                               batch_size=50)
print(len(report.new))
"""

COUNT = """
import django; django.setup()
from ally.people.models import Organization, Person, PersonEmail
print(Person.objects.count(), PersonEmail.objects.count(), Organization.objects.count())
"""


def _environment(tmp_path) -> tuple[dict, str | None]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLY_")} | {
        "ALLY_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "ally.settings"}
    url = os.environ.get("ALLY_DATABASE_URL")
    if not url:
        return env, None
    name = f"ally_race_{uuid.uuid4().hex[:8]}"
    _postgres(url, f'CREATE DATABASE "{name}"')
    env["ALLY_DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
    return env, name


def _postgres(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(statement)


def _run(code: str, env: dict, *args: str) -> str:
    return subprocess.run([sys.executable, "-c", code, *args], env=env, check=True, capture_output=True, text=True,
                          timeout=600).stdout


@pytest.fixture
def race_database(tmp_path):
    env, name = _environment(tmp_path)
    try:
        _run(SETUP, env)
        yield env
    finally:
        if name:
            _postgres(os.environ["ALLY_DATABASE_URL"], f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_two_imports_of_one_file_at_once_duplicate_nobody(race_database, tmp_path):
    # given a file of people with similar names, each with their own address, at a few organizations
    lines = ["name,email,organization"] + [f"Conc Person {n:05},conc{n}@example.com,Org {n % 5}" for n in range(ROWS)]
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("\n".join(lines) + "\n")
    # when two processes import it at once
    imports = [subprocess.Popen([sys.executable, "-c", IMPORT, str(csv_file)], env=race_database,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [process.communicate(timeout=600) for process in imports]
    # then one created everyone and the other matched them
    assert [process.returncode for process in imports] == [0, 0], [err for _, err in results]
    assert sorted(int(out) for out, _ in results) == [0, ROWS]
    # (and Olivia, the owner, is a person too: every team member is)
    assert _run(COUNT, race_database).split() == [str(ROWS + 1), str(ROWS), "5"]
