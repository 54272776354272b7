"""The data directory is 0700; the database, its WAL and every export Ally writes are 0600."""

import json
import os
import stat
import subprocess
import sys

import pytest

# In a fresh process: Ally's settings against a new data directory, then a write so SQLite opens its WAL.
WRITE_AND_SHOW = """
import json, os, stat, django
django.setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE note (body TEXT)")
    cursor.execute("INSERT INTO note VALUES ('private')")
    root = settings.DATA_DIR
    print(json.dumps({name: oct(stat.S_IMODE(os.stat(root / name).st_mode))
                      for name in ("", "ally.sqlite3", "ally.sqlite3-wal", "ally.sqlite3-shm", "secret_key")}))
"""


def _mode(path) -> str:
    return oct(stat.S_IMODE(os.stat(path).st_mode))


def test_the_data_directory_database_wal_and_key_are_private(tmp_path):
    data_dir = tmp_path / "new" / "ally"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLY_")} | {
        "ALLY_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "ally.settings"}

    done = subprocess.run([sys.executable, "-c", WRITE_AND_SHOW], env=env, capture_output=True, text=True, check=True)

    modes = json.loads(done.stdout.strip().splitlines()[-1])
    assert modes == {"": "0o700", "ally.sqlite3": "0o600", "ally.sqlite3-wal": "0o600", "ally.sqlite3-shm": "0o600",
                     "secret_key": "0o600"}


def test_an_existing_data_directory_with_wide_permissions_is_narrowed(tmp_path):
    data_dir = tmp_path / "ally"
    data_dir.mkdir(mode=0o755)
    (data_dir / "ally.sqlite3").touch(mode=0o644)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLY_")} | {"ALLY_DATA_DIR": str(data_dir)}

    subprocess.run([sys.executable, "-c", "import ally.settings"], env=env, check=True)

    assert (_mode(data_dir), _mode(data_dir / "ally.sqlite3")) == ("0o700", "0o600")


@pytest.mark.parametrize("export", [("export", "csv"), ("export", "json")])
def test_an_export_is_written_readable_by_its_owner_only(ally_command, alice, tmp_path, export):
    out = tmp_path / "export.out"
    out.touch(mode=0o644)

    result = ally_command(*export, "--out", str(out), "--workspace", "acme")

    assert result.exit_code == 0, result.output
    assert _mode(out) == "0o600"
