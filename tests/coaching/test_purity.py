"""The coaching cores import no Django: they run anywhere, and stay fast to test."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_the_cores_import_no_django():
    code = (
        "import sys; import ally.coaching.metrics, ally.coaching.transcripts, ally.coaching.lexicon, "
        "ally.coaching.speakers, ally.coaching.timeline, ally.coaching.benchmarks; "
        "bad = sorted(m for m in sys.modules if m.startswith('django')); assert not bad, bad"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
