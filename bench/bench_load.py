"""A mixed read/write load on Ally served by `ally serve`, from separate client processes, for a bounded time.

    ALLY_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ally_bench .venv/bin/python bench/bench_load.py
    .venv/bin/python bench/bench_load.py --size 200 --seconds 30 --clients 8

It reuses (or builds) the demo of `--size` people exactly as bench_pages.py does (database `<name>_<size>` on
PostgreSQL, `bench/.cache/sqlite-<size>/` on SQLite), serves it with `ally serve` (one process per core on
PostgreSQL), and runs `--clients` client processes, each with one kept-alive connection, half of them calling
the API with a bearer token and half browsing pages with a session cookie. About one request in ten is a
write (logging a call through `POST /api/v1/interactions`, or the log form of a person page). It prints,
for the API and for pages: requests per second, p50/p95/p99 in ms, and errors (any answer but 2xx/3xx, or a
broken connection).

The load generator is a few lines of the standard library (multiprocessing and http.client) rather than
locust: no extra dependency, and on a 2-core machine the clients are cheaper than locust's gevent workers.
Clients and server share the machine, so the numbers are a floor for what a separate client would see.
"""

import argparse
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages  # noqa: E402


def _client(kind: str, port: int, token: str, ids: dict, person_ids: list[int], seconds: float, seed: int, out):
    rng = random.Random(seed)
    client = bench_pages.Client(port)
    if kind == "page":
        client.login()
    headers = {"Authorization": f"Bearer {token}"} if kind == "api" else {}
    reads = (["/api/v1/people", "/api/v1/people?q=smith", "/api/v1/people/{p}", "/api/v1/today",
              "/api/v1/interactions", "/api/v1/opportunities", "/api/v1/organizations/{o}"]
             if kind == "api" else
             ["/today/", "/people/", "/people/?q=smith", "/people/{p}/", "/opportunities/", "/cases/"])
    times, errors, writes = [], 0, 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        person = rng.choice(person_ids)
        write = rng.random() < 0.1
        started = time.perf_counter()
        try:
            if write and kind == "api":
                body = json.dumps({"kind": "call", "summary": "Load test call", "participant_ids": [person]})
                status, _ = client.request("POST", "/api/v1/interactions", body,
                                           {**headers, "Content-Type": "application/json"})
            elif write:
                csrf = client.cookies.get("csrftoken", "")
                body = urllib.parse.urlencode({"kind": "call", "initiated_by": "we", "summary": "Load test call",
                                               "csrfmiddlewaretoken": csrf})
                status, _ = client.request("POST", f"/people/{person}/log/", body, {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Referer": f"http://127.0.0.1:{port}/people/{person}/"})
            else:
                path = rng.choice(reads).format(p=person, o=ids["organization"])
                status, _ = client.request("GET", path, headers=headers)
            ok = 200 <= status < 400
        except OSError:
            ok = False
        times.append((time.perf_counter() - started) * 1000)
        errors += not ok
        writes += write
    out.put((kind, times, errors, writes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="The demo's people (built if missing).")
    parser.add_argument("--seconds", type=float, default=60, help="How long the load runs.")
    parser.add_argument("--clients", type=int, default=8, help="Client processes (half API, half pages).")
    args = parser.parse_args()
    env, label = bench_pages.environment(args.size)
    bench_pages.build(args.size, env, label)
    ids = json.loads(subprocess.run([bench_pages.PYTHON, "-c", bench_pages.IDS_SCRIPT],
                                    env={**env, "DJANGO_SETTINGS_MODULE": "ally.settings"}, check=True,
                                    capture_output=True, text=True).stdout)
    person_ids = json.loads(subprocess.run([bench_pages.PYTHON, "-c", PEOPLE_SCRIPT],
                                           env={**env, "DJANGO_SETTINGS_MODULE": "ally.settings"}, check=True,
                                           capture_output=True, text=True).stdout)
    token = bench_pages.api_token(env)
    port = bench_pages.free_port()
    server = bench_pages.serve(env, port)
    load_before = os.getloadavg()
    try:
        out = multiprocessing.Queue()
        kinds = ["api" if i % 2 == 0 else "page" for i in range(args.clients)]
        workers = [multiprocessing.Process(target=_client, args=(kind, port, token, ids, person_ids, args.seconds,
                                                                 i, out)) for i, kind in enumerate(kinds)]
        for worker in workers:
            worker.start()
        results = [out.get(timeout=args.seconds + 600) for _ in workers]
        for worker in workers:
            worker.join()
    finally:
        server.terminate()
        server.wait(10)
    load_after = os.getloadavg()
    database = "PostgreSQL" if os.environ.get("ALLY_DATABASE_URL") else "SQLite"
    print(f"\n{database}, {label}, {args.clients} clients for {args.seconds:.0f} s; load average before "
          f"{load_before[0]:.2f}, after {load_after[0]:.2f} (1 min), {os.cpu_count()} cores, "
          f"{time.strftime('%Y-%m-%d %H:%M')}\n")
    print("| traffic | requests | of which writes | requests/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in ("api", "page"):
        times = [t for k, ts, _, _ in results if k == kind for t in ts]
        errors = sum(e for k, _, e, _ in results if k == kind)
        writes = sum(w for k, _, _, w in results if k == kind)
        if not times:
            continue
        print(f"| {'API' if kind == 'api' else 'pages'} | {len(times)} | {writes} | {len(times) / args.seconds:.1f} | "
              f"{statistics.median(times):.1f} | {bench_pages.percentile(times, 0.95):.1f} | "
              f"{bench_pages.percentile(times, 0.99):.1f} | {errors} |")


PEOPLE_SCRIPT = r"""
import json, django
django.setup()
from ally.demo import demo_workspace
from ally.people.models import Person
w = demo_workspace()
ids = list(Person.objects.filter(workspace=w, membership__isnull=True).order_by("?").values_list("id", flat=True)[:500])
print(json.dumps(ids))
"""

if __name__ == "__main__":
    main()
