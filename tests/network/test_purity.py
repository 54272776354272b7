"""The network cores are pure: importing them brings in no Django (they are tested and benchmarked
on their own, and run in workers without settings)."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_the_network_cores_import_no_django():
    # given a fresh interpreter that sees only the source tree
    code = ("import sys, ally.network.graph, ally.network.paths, ally.network.strength; "
            "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
            "assert not bad, bad")
    # when the cores are imported
    run = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(SRC)}, capture_output=True, text=True,
                         check=False)
    # then nothing from Django came with them
    assert run.returncode == 0, run.stderr
