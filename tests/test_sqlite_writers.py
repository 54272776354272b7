"""Several processes writing to the embedded SQLite database at once: WAL, a busy timeout and short IMMEDIATE
transactions (settings.py) make them wait their turn, so nobody sees "database is locked" and nothing is lost."""

import json
import os
import subprocess
import sys

import pytest

WRITERS = 4
SECONDS = 4

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from ally.people.services import person_create
from ally.workspaces.audit import acting
from ally.workspaces.services import user_create, workspace_create
with acting(via="system"):
    workspace = workspace_create(name="Busy", slug="busy", owner=user_create(username="olivia", password="olivia-grows-roses"))
    person_create(workspace=workspace, name="Alice Ally")
"""

# Each writer logs calls with Alice as fast as it can until its time is up, and reports what it logged and failed.
WRITER = """
import json, sys, time
import django; django.setup()
from ally.interactions.services import interaction_log
from ally.people.models import Person
from ally.workspaces.audit import acting
from ally.workspaces.models import Workspace
workspace = Workspace.objects.get(slug="busy")
alice = Person.objects.get(workspace=workspace, name="Alice Ally")
logged, errors, deadline = 0, [], time.monotonic() + float(sys.argv[1])
while time.monotonic() < deadline:
    try:
        with acting(via="system"):
            interaction_log(workspace=workspace, kind="call", summary=f"call {logged}", participants=[alice])
        logged += 1
    except Exception as exc:
        errors.append(repr(exc))
print(json.dumps({"logged": logged, "errors": errors[:5]}))
"""


@pytest.mark.skipif(bool(os.environ.get("ALLY_DATABASE_URL")), reason="the embedded SQLite database only")
def test_several_processes_logging_at_once_lose_nothing_and_never_see_a_lock(tmp_path):
    # given a database file, as `ally serve` uses it
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLY_")} | {
        "ALLY_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "ally.settings"}
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, timeout=300)
    # when
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(SECONDS)], env=env, stdout=subprocess.PIPE,
                                text=True) for _ in range(WRITERS)]
    reports = [json.loads(writer.communicate(timeout=300)[0]) for writer in writers]
    # then
    assert [r["errors"] for r in reports] == [[]] * WRITERS
    assert all(r["logged"] > 0 for r in reports)
    count = subprocess.run([sys.executable, "-c", "import django; django.setup(); from ally.interactions.models import "
                            "Interaction; print(Interaction.objects.count())"],
                           env=env, check=True, capture_output=True, text=True, timeout=120)
    assert int(count.stdout) == sum(r["logged"] for r in reports)
