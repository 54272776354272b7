"""Configuration comes only from the environment; the secret key is generated, never committed."""

import json
import os
import subprocess
import sys

SHOW = (
    "import json, ally.settings as s; "
    "print(json.dumps({'key': s.SECRET_KEY, 'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME'])}))"
)


def _settings(**env) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ALLY_")}
    done = subprocess.run([sys.executable, "-c", SHOW], env=clean | env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_the_data_dir_holds_the_database_and_a_secret_key_generated_once(tmp_path):
    # when
    first = _settings(ALLY_DATA_DIR=str(tmp_path))
    second = _settings(ALLY_DATA_DIR=str(tmp_path))
    # then
    key_file = tmp_path / "secret_key"
    assert first["key"] == second["key"] == key_file.read_text().strip() and len(first["key"]) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert first["engine"] == "django.db.backends.sqlite3" and first["name"] == str(tmp_path / "ally.sqlite3")
    assert first["debug"] is False


def test_a_database_url_selects_postgresql_and_debug_is_opt_in(tmp_path):
    shown = _settings(ALLY_DATA_DIR=str(tmp_path), ALLY_DATABASE_URL="postgres://ally@db.example:5432/team",
                      ALLY_DEBUG="1")
    assert (shown["engine"], shown["name"], shown["debug"]) == ("django.db.backends.postgresql", "team", True)
