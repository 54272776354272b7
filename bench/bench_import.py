"""How fast does `ally import csv` bring people in, against the fastest possible insert of the same rows?

    .venv/bin/python bench/bench_import.py [--rows 100000] [--seed 7]

Generates a people CSV (names, emails, phones, companies, titles, birthdays, tags; about 5 %
duplicates of earlier rows, some exact and some only a close name at the same company, and about
1 % invalid rows), imports it with dedupe into a fresh workspace on SQLite in a temporary
ALLY_DATA_DIR, and in the same run inserts the same rows with a plain `sqlite3.executemany` into
a bare one-table database with the same pragmas: the ceiling. Prints both rates and their ratio,
how long checking alone takes (a dry run of the same file: parse, validate, dedupe, no writes), and
the floor: the same rows written with plain sqlite3 into Ally's own tables (organizations, people,
emails, phones, tags, with their indexes and foreign keys, 2,000 rows per transaction), unchecked.
"""

import argparse
import csv
import io
import os
import random
import sqlite3
import tempfile
import time
from pathlib import Path

COLUMNS = ["Name", "Email", "Phone", "Company", "Title", "Birthday", "Tags", "Notes"]
AREA_CODES = ["212", "312", "415", "617", "646", "718", "206", "303", "512", "404"]
TAGS = ["vip", "newsletter", "referrer", "board", "early adopter", "partner", "conference 2025"]
TITLES = ["CEO", "CTO", "Head of Operations", "Buyer", "Office Manager", "Engineer", "Owner", "Consultant"]


def generate(rows: int, seed: int) -> tuple[list[list[str]], int, int]:
    """The CSV rows, how many are duplicates of earlier rows, and how many are invalid."""
    from faker.providers.company.en_US import Provider as Companies
    from faker.providers.person.en_US import Provider as Names

    rng = random.Random(seed)
    firsts, lasts = list(Names.first_names), list(Names.last_names)
    companies = sorted({f"{rng.choice(lasts)} {rng.choice(Companies.company_suffixes)}" for _ in range(rows // 40)})
    out, duplicates, invalid = [], 0, 0
    for n in range(rows):
        roll = rng.random()
        if out and roll < 0.05:
            original = rng.choice(out)
            if rng.random() < 0.5:  # the same row again, from another export
                out.append(list(original))
            else:  # the same person typed differently, without email, at the same company
                out.append([original[0].upper(), "", "", original[3], original[4], "", "", ""])
            duplicates += 1
            continue
        first, last = rng.choice(firsts), rng.choice(lasts)
        name, email = f"{first} {last}", f"{first}.{last}.{n}@example.com".lower()
        if 0.05 <= roll < 0.055:
            email, invalid = email.replace("@", " at "), invalid + 1  # a broken address
        elif 0.055 <= roll < 0.06:
            name, invalid = "", invalid + 1  # no name
        phone = f"({rng.choice(AREA_CODES)}) {rng.randint(201, 989)}-{rng.randint(0, 9999):04d}" \
            if rng.random() < 0.7 else ""
        birthday = f"{rng.randint(1950, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" \
            if rng.random() < 0.4 else ""
        tags = ", ".join(rng.sample(TAGS, rng.choice([1, 2]))) if rng.random() < 0.3 else ""
        notes = "Met at the spring fair" if rng.random() < 0.1 else ""
        company = rng.choice(companies) if rng.random() < 0.9 else ""
        out.append([name, email, phone, company, rng.choice(TITLES), birthday, tags, notes])
    return out, duplicates, invalid


def timed(function, *args, **kwargs):
    """(result, wall seconds, CPU seconds): CPU time is the fairer measure on a busy shared machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def forget_caches() -> None:
    """Start each timed run cold: the import caches normalised phone numbers and name keys per process."""
    from ally.imports.matching import forget_cached_keys
    from ally.people.contact import forget_normalised

    forget_normalised()
    forget_cached_keys()


def ceiling(rows: list[list[str]], directory: Path) -> None:
    """sqlite3.executemany of the rows into a bare table, with Ally's pragmas."""
    db = sqlite3.connect(directory / "ceiling.sqlite3")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(f"CREATE TABLE people ({', '.join(c.lower() + ' TEXT' for c in COLUMNS)})")
    db.executemany(f"INSERT INTO people VALUES ({', '.join('?' * len(COLUMNS))})", rows)
    db.commit()
    db.close()


def schema_floor(rows: list[list[str]], path: Path, workspace_id: int) -> None:
    """The same rows written with plain sqlite3 into Ally's own tables (a copy of the empty database).

    Organizations and tags once each, then per row a person (with organization, title, birthday and
    notes), their email, phone and tags, with every index and foreign key of Ally's schema, 2,000 rows
    per transaction as the import commits them. Nothing is checked, matched or normalised, and
    duplicate rows are written again: this is what writing costs before any of the import's own work.
    """
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
        db.execute(f"PRAGMA {pragma}")
    now = "2026-01-01 00:00:00"
    db.execute("BEGIN IMMEDIATE")
    organizations = {name: db.execute("INSERT INTO people_organization (workspace_id, name, website, notes, "
                                      "created_at) VALUES (?, ?, '', '', ?) RETURNING id",
                                      (workspace_id, name, now)).fetchone()[0]
                     for name in sorted({row[3] for row in rows if row[3]})}
    tags = {name: db.execute("INSERT INTO people_tag (workspace_id, name) VALUES (?, ?) RETURNING id",
                             (workspace_id, name)).fetchone()[0] for name in TAGS}
    db.execute("COMMIT")
    columns = ["workspace_id", "name", "organization_id", "title", "birthday_year", "birthday_month", "birthday_day",
               "how_we_met", "notes", "notes_private", "interaction_count", "search_text", "created_at", "updated_at"]
    row_sql = "(" + ", ".join("?" * len(columns)) + ")"
    per_statement = 999 // len(columns)

    def person(row):
        birthday = [int(part) for part in row[5].split("-")] if row[5] else [None, None, None]
        return (workspace_id, row[0], organizations.get(row[3]), row[4], *birthday, "", row[7], 0, 0, "", now, now)

    for start in range(0, len(rows), 2000):
        batch = rows[start:start + 2000]
        db.execute("BEGIN IMMEDIATE")
        ids = []
        for first in range(0, len(batch), per_statement):
            chunk = batch[first:first + per_statement]
            ids += [pid for pid, in db.execute(f"INSERT INTO people_person ({', '.join(columns)}) VALUES "
                                               f"{', '.join([row_sql] * len(chunk))} RETURNING id",
                                               [value for row in chunk for value in person(row)])]
        db.executemany("INSERT INTO people_personemail (workspace_id, person_id, address, position) VALUES (?, ?, ?, 0)",
                       [(workspace_id, pid, row[1].lower()) for pid, row in zip(ids, batch) if row[1]])
        db.executemany("INSERT INTO people_personphone (workspace_id, person_id, number, position) VALUES (?, ?, ?, 0)",
                       [(workspace_id, pid, row[2]) for pid, row in zip(ids, batch) if row[2]])
        db.executemany("INSERT INTO people_persontag (workspace_id, person_id, tag_id) VALUES (?, ?, ?)",
                       [(workspace_id, pid, tags[tag]) for pid, row in zip(ids, batch) if row[6]
                        for tag in row[6].split(", ")])
        db.execute("COMMIT")
    db.close()


def copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    directory = Path(tempfile.mkdtemp(prefix="ally-bench-import-"))
    os.environ["ALLY_DATA_DIR"] = str(directory)
    os.environ.pop("ALLY_DATABASE_URL", None)  # the embedded SQLite database, like the ceiling
    from ally.cli import setup_django

    setup_django(migrate=True)
    from ally.imports.services import people_import_csv
    from ally.people.models import Person
    from ally.workspaces.services import user_create, workspace_create

    rows, duplicates, invalid = generate(args.rows, args.seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    owner = user_create(username="bench", password="correct horse battery staple")
    workspace = workspace_create(name="Bench", slug="bench", owner=owner)

    copy_database(directory / "ally.sqlite3", directory / "schema-floor.sqlite3")  # empty but for the workspace

    forget_caches()
    _, check_wall, check_cpu = timed(people_import_csv, workspace=workspace, data=data, dry_run=True)
    forget_caches()  # the dry run must not warm the import's caches of phone numbers and name keys
    report, ally_wall, ally_cpu = timed(people_import_csv, workspace=workspace, data=data)
    _, ceiling_wall, ceiling_cpu = timed(ceiling, rows, directory)
    _, floor_wall, floor_cpu = timed(schema_floor, rows, directory / "schema-floor.sqlite3", workspace.id)

    counts = report.as_dict()["counts"]
    print(f"{len(rows):,} rows generated: ~{duplicates:,} duplicates of earlier rows, ~{invalid:,} invalid, "
          f"SQLite in {directory}")
    print(f"import: {counts['new']:,} new, {counts['duplicate_in_file']:,} duplicates merged, "
          f"{counts['invalid']:,} invalid; {Person.objects.filter(workspace=workspace).count():,} people in the "
          f"workspace (with the owner); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print()
    print(f"| {'what':<48} | {'wall s':>7} | {'rows/s':>8} | {'CPU s':>7} | {'rows/CPU s':>10} |")
    print(f"|{'-' * 50}|{'-' * 9}|{'-' * 10}|{'-' * 9}|{'-' * 12}|")
    for label, wall, cpu in (("ally import csv (parse, validate, dedupe, write)", ally_wall, ally_cpu),
                             ("  of which checking rows (same file, --dry-run)", check_wall, check_cpu),
                             ("sqlite3 executemany, bare table (ceiling)", ceiling_wall, ceiling_cpu),
                             ("sqlite3 into Ally's tables, no checks (floor)", floor_wall, floor_cpu)):
        print(f"| {label:<48} | {wall:>7.2f} | {len(rows) / wall:>8,.0f} | {cpu:>7.2f} | {len(rows) / cpu:>10,.0f} |")
    print(f"| {'ratio (ally import / ceiling)':<48} | {'':>7} | {ceiling_wall / ally_wall:>8.3f}"
          f" | {'':>7} | {ceiling_cpu / ally_cpu:>10.3f} |")
    print(f"| {'ratio (floor / ceiling)':<48} | {'':>7} | {ceiling_wall / floor_wall:>8.3f}"
          f" | {'':>7} | {ceiling_cpu / floor_cpu:>10.3f} |")


if __name__ == "__main__":
    main()
