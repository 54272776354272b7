"""Page and API times of Ally served by the real server, at two (or more) demo sizes.

For each size it builds (or reuses) a demo workspace (`ally demo --people N --no-serve`) in its own
database, serves it with `ally serve` on a free port, logs in as `demo` (the session cookie) and issues an
API token, then requests every page and endpoint of issue #11 `--requests` times after a warm-up and
prints p50 and p95 per size and the ratio of the largest size to the smallest as a markdown table.

    .venv/bin/python bench/bench_pages.py                          # SQLite, 200 and 100,000 people
    .venv/bin/python bench/bench_pages.py --sizes 200,10000 --requests 10
    ALLY_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ally_bench .venv/bin/python bench/bench_pages.py

SQLite demos live in `bench/.cache/sqlite-<N>/` (`ALLY_DATA_DIR`); on PostgreSQL each size gets the database
`<name of ALLY_DATABASE_URL>_<N>`, created if missing. The time a demo took to build is kept beside it
(`bench/.cache/<db>-<N>/build.json`) and printed with the table. Requests are sequential over one kept-alive
connection, so the numbers are server latency, not throughput (see bench_load.py for that).
"""

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
ALLY = str(ROOT / ".venv" / "bin" / "ally")
PYTHON = str(ROOT / ".venv" / "bin" / "python")

# The ids the pages need, found in the demo's database by a small Django script in a subprocess.
IDS_SCRIPT = r"""
import json, django
django.setup()
from django.db.models import Count
from ally.demo import demo_workspace
from ally.people.models import Person, Organization
from ally.opportunities.models import Opportunity
from ally.ownership.models import Purchase, CheckIn
from ally.support.models import Case
from ally.interactions.models import InteractionParticipant as Participation
w = demo_workspace()
people = Person.objects.filter(workspace=w, membership__isnull=True)
top = (Participation.objects.filter(workspace=w, person__membership__isnull=True).values("person_id")
       .annotate(n=Count("id")).order_by("-n").first())
first = lambda qs: qs.order_by("id").values_list("id", flat=True).first()
print(json.dumps({
    "person": first(people.filter(id__gte=people.order_by("id").values_list("id", flat=True)[people.count() // 2])),
    "most_contacted": top["person_id"], "most_contacted_interactions": top["n"],
    "organization": first(Organization.objects.filter(workspace=w)),
    "opportunity": first(Opportunity.objects.filter(workspace=w)),
    "purchase": first(Purchase.objects.filter(workspace=w)),
    "check_in": first(CheckIn.objects.filter(workspace=w)),
    "case": first(Case.objects.filter(workspace=w)),
    "people": people.count(),
}))
"""


def targets(ids: dict, people: int) -> list[tuple[str, str, str]]:
    """(name, kind, path): kind is "page" (session cookie) or "api" (bearer token)."""
    deep = max(1, min(people // 50, 2000) // 2)  # a page half-way down the list (50 a page), at most page 1000
    return [
        ("Today", "page", "/today/"),
        ("people list", "page", "/people/"),
        ("people ?q=smith", "page", "/people/?q=smith"),
        ("people filtered (overdue)", "page", "/people/?overdue=on"),
        ("people sorted (-last_contact)", "page", "/people/?sort=-last_contact"),
        (f"people deep page ({deep})", "page", f"/people/?page={deep}"),
        ("losing touch", "page", "/today/losing-touch/"),
        ("person page", "page", f"/people/{ids['person']}/"),
        (f"most-contacted person ({ids['most_contacted_interactions']} interactions)", "page",
         f"/people/{ids['most_contacted']}/"),
        ("brief", "page", f"/people/{ids['person']}/brief/"),
        ("organizations", "page", "/organizations/"),
        ("opportunities board", "page", "/opportunities/"),
        ("opportunities list", "page", "/opportunities/all/"),
        ("cases", "page", "/cases/"),
        ("purchases", "page", "/purchases/"),
        ("check-ins", "page", "/check-ins/"),
        ("Customers made", "page", "/customers-made/"),
        ("lifetime value", "page", "/value/"),
        ("API people", "api", "/api/v1/people"),
        ("API people ?q=smith", "api", "/api/v1/people?q=smith"),
        ("API person", "api", f"/api/v1/people/{ids['most_contacted']}"),
        ("API organizations", "api", "/api/v1/organizations"),
        ("API organization", "api", f"/api/v1/organizations/{ids['organization']}"),
        ("API interactions", "api", "/api/v1/interactions"),
        ("API opportunities", "api", "/api/v1/opportunities"),
        ("API opportunity", "api", f"/api/v1/opportunities/{ids['opportunity']}"),
        ("API board", "api", "/api/v1/opportunities/board"),
        ("API purchases", "api", "/api/v1/purchases"),
        ("API purchase", "api", f"/api/v1/purchases/{ids['purchase']}"),
        ("API check-ins", "api", "/api/v1/check-ins"),
        ("API check-in", "api", f"/api/v1/check-ins/{ids['check_in']}"),
        ("API cases", "api", "/api/v1/cases"),
        ("API case", "api", f"/api/v1/cases/{ids['case']}"),
        ("API dashboard", "api", "/api/v1/dashboard"),
        ("API value customers", "api", "/api/v1/value/customers"),
        ("API today", "api", "/api/v1/today"),
    ]


def environment(size: int) -> tuple[dict, str]:
    """The environment that points `ally` at this size's demo, and a label for the database."""
    env = dict(os.environ)
    url = os.environ.get("ALLY_DATABASE_URL", "").strip()
    if url:
        parts = urllib.parse.urlsplit(url)
        base = parts.path.lstrip("/") or "ally"
        name = f"{base}_{size}"
        _create_database(parts, name)
        env["ALLY_DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path="/" + name))
        label = f"postgresql-{size}"
    else:
        env.pop("ALLY_DATABASE_URL", None)
        label = f"sqlite-{size}"
    data = CACHE / label
    data.mkdir(parents=True, exist_ok=True)
    env["ALLY_DATA_DIR"] = str(data)
    return env, label


def _create_database(parts, name: str) -> None:
    import psycopg

    # (through the server's maintenance database: the one the URL names may not exist)
    with psycopg.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


def build(size: int, env: dict, label: str) -> dict:
    """Build the demo unless it exists; return how long building it took (now or when it was built)."""
    record = CACHE / label / "build.json"
    if record.exists():
        return json.loads(record.read_text())
    print(f"building the {size:,}-person demo ({label}) ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    subprocess.run([ALLY, "demo", "--people", str(size), "--no-serve"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    info = {"size": size, "seconds": round(time.perf_counter() - started, 1), "built": time.strftime("%Y-%m-%d %H:%M"),
            "load": os.getloadavg()[0]}
    record.write_text(json.dumps(info))
    return info


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One kept-alive HTTP connection with a cookie jar (enough for Django's session and CSRF cookies)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def login(self, username: str = "demo", password: str = "demo") -> None:
        status, page = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        status, _ = self.request("POST", "/login/", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                           "Referer": f"http://127.0.0.1:{self.port}/login/"})
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"logging in as {username} failed (HTTP {status})")


def serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen([ALLY, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"ally serve exited with {server.returncode}")
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("ally serve did not start in 120 s")


def api_token(env: dict) -> str:
    out = subprocess.run([ALLY, "token", "create", "--user", "demo", "--workspace", "demo", "--name", "bench"],
                         env=env, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def measure(size: int, requests: int, warmup: int, only: str | None) -> tuple[dict, dict]:
    env, label = environment(size)
    built = build(size, env, label)
    ids = json.loads(subprocess.run([PYTHON, "-c", IDS_SCRIPT], env={**env, "DJANGO_SETTINGS_MODULE": "ally.settings"},
                                    check=True, capture_output=True, text=True).stdout)
    token = api_token(env)
    port = free_port()
    server = serve(env, port)
    results = {}
    try:
        page, api = Client(port), Client(port)
        page.login()
        bearer = {"Authorization": f"Bearer {token}"}
        for name, kind, path in targets(ids, ids["people"]):
            if only and not re.search(only, name):
                continue
            client, headers = (page, {}) if kind == "page" else (api, bearer)
            times, sizes, statuses = [], [], set()
            for i in range(warmup + requests):
                started = time.perf_counter()
                status, body = client.request("GET", path, headers=headers)
                elapsed = (time.perf_counter() - started) * 1000
                statuses.add(status)
                if i >= warmup:
                    times.append(elapsed)
                    sizes.append(len(body))
            results[name] = {"path": path, "p50": statistics.median(times), "p95": percentile(times, 0.95),
                             "kb": statistics.median(sizes) / 1024, "status": sorted(statuses)}
            print(f"  {label:>18} {name:<45} p50 {results[name]['p50']:8.1f} ms  p95 {results[name]['p95']:8.1f} ms"
                  f"  {results[name]['kb']:7.1f} KB  {sorted(statuses)}", file=sys.stderr, flush=True)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    return results, {**built, "label": label, "people": ids["people"]}


def table(runs: list[tuple[int, dict, dict]]) -> str:
    sizes = [size for size, _, _ in runs]
    small, large = runs[0][1], runs[-1][1]
    head = ["page / endpoint"]
    for size in sizes:
        head += [f"p50 {size:,}", f"p95 {size:,}"]
    head += [f"KB {sizes[-1]:,}"]
    if len(runs) > 1:
        head += [f"p95 ratio {sizes[-1]:,}/{sizes[0]:,}"]
    lines = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    for name in small:
        row = [name]
        for _, results, _ in runs:
            r = results.get(name)
            row += [f"{r['p50']:.1f}", f"{r['p95']:.1f}"] if r else ["", ""]
            if r and r["status"] != [200]:
                row[-1] += f" (HTTP {','.join(map(str, r['status']))})"
        row.append(f"{large[name]['kb']:.0f}" if name in large else "")
        if len(runs) > 1:
            row.append(f"{large[name]['p95'] / small[name]['p95']:.1f}" if name in large else "")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,100000", help="Demo sizes in people, comma-separated.")
    parser.add_argument("--requests", type=int, default=30, help="Timed requests per page (after the warm-up).")
    parser.add_argument("--warmup", type=int, default=3, help="Untimed requests per page first.")
    parser.add_argument("--only", help="Only the pages whose name matches this regular expression.")
    args = parser.parse_args()
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(","))
    runs = []
    load_before = os.getloadavg()
    for size in sizes:
        results, info = measure(size, args.requests, args.warmup, args.only)
        runs.append((size, results, info))
    load_after = os.getloadavg()
    database = "PostgreSQL" if os.environ.get("ALLY_DATABASE_URL") else "SQLite"
    print(f"\n{database}, {args.requests} requests per page after {args.warmup} warm-up, times in ms; "
          f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min), "
          f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}\n")
    print(table(runs))
    print()
    for size, _, info in runs:
        print(f"- demo of {info['people']:,} people ({info['label']}): built in {info['seconds']:,.1f} s "
              f"on {info['built']} (load average {info.get('load', 0):.2f})")


if __name__ == "__main__":
    main()
