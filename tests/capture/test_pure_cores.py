"""The capture cores are pure: importing them loads no Django, so they run in any worker or script."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
CORES = ["ally.capture", "ally.capture.vcards", "ally.capture.mail", "ally.capture.calendars",
         "ally.capture.social", "ally.capture.imap"]


def test_the_capture_cores_import_no_django():
    check = ("import sys\n"
             f"for name in {CORES!r}:\n"
             "    __import__(name)\n"
             "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
             "print(','.join(loaded))\n")
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
