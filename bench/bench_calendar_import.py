"""How fast does `ally import calendar` write meetings into a workspace, and a second import recognise them?

    .venv/bin/python bench/bench_calendar_import.py [--events 10000] [--people 500] [--seed 7]

Generates the calendar of bench_capture.py (events as Google exports them, a fifth recurring, three
attendees each drawn from `--people` addresses) and a fresh SQLite workspace in a temporary directory
where every attendee is a known person. Then times `calendar_import` over its whole window (ten years
back, 180 days ahead), once into the empty workspace and once again (everything already imported).
Every occurrence is read; those with a known person who did not decline become meeting interactions.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_capture import people, write_calendar  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.environ["ALLY_DATA_DIR"] = tempfile.mkdtemp(prefix="ally-bench-calendar-")
    os.environ.pop("ALLY_DATABASE_URL", None)
    from ally.cli import setup_django

    setup_django(migrate=True)
    from ally.capture.services.calendar import calendar_import
    from ally.core.errors import ValidationError
    from ally.people.services import person_create
    from ally.workspaces.audit import acting
    from ally.workspaces.services import user_create, workspace_create

    owner = user_create(username="bench", password="calendar-bench-pw-2026", email="olivia@acme.example")
    workspace = workspace_create(name="Bench", slug="bench", owner=owner)
    member = workspace.memberships.get()
    known = 0
    with acting(via="system"):
        for name, address in people(random.Random(args.seed), args.people):
            try:
                person_create(workspace=workspace, name=name, emails=[address])
                known += 1
            except ValidationError:
                pass  # an accented address the generator made, which is no valid email
        data = write_calendar(args.events, args.seed)
        rows = []
        for label in ("first import", "second import (all already imported)"):
            start, cpu = time.perf_counter(), time.process_time()
            report = calendar_import(workspace=workspace, data=data, member=member)
            rows.append((label, report, time.perf_counter() - start, time.process_time() - cpu))
    print(f"{args.events:,} events ({len(data) / 1e6:.1f} MB), {known:,} known people, SQLite\n")
    print("| import | occurrences | meetings added | wall s | events/s | occurrences/s | CPU s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, report, wall, cpu in rows:
        print(f"| {label} | {report.events:,} | {report.imported:,} | {wall:.1f} | {args.events / wall:,.0f} | "
              f"{report.events / wall:,.0f} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
