"""Words a salesperson reads: every page of the demo workspace, rendered as its owner, shows no raw code.

The pages are read from Django's URL resolver (as the isolation test does), each filled with the demo's first
object of its kind, so a page added later is checked too. What is looked for is the visible text (no tags,
no attributes, no scripts): an enum value (`CHECK_IN`, `ATRISK`), a path to the docs (`docs/…`, `….md`), a
bare timedelta (`1:00:00`), an unpluralised unit (`1 years`), a Python `None`, a relative time of nothing
("0 minutes ago") and a reason joined to another reason ("no purchases yet: no purchases yet").
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from ally.workspaces.models import ApiToken
from tests.web.test_isolation_every_page import BY_SECRET, OUTSIDE, _address, _model

EVERY_ROW = 15  # an object page is read for up to this many of the demo's objects, not just the first

RAW_FORMS = {
    "an enum value": re.compile(r"\b[A-Z]{2,}_[A-Z_]{2,}\b|\b(?:ATRISK|ONTRACK|OFFTRACK)\b"),
    "a path to the docs": re.compile(r"docs/|\b\w+\.md\b"),
    "a bare timedelta": re.compile(r"\b\d+:\d\d:\d\d\b|\b\d+ days?, \d+:\d\d"),
    "an unpluralised unit": re.compile(r"\b(?:0|[2-9]|\d\d+) (?:year|month|week|day|hour|minute)\b(?!s| \d)"
                                       r"|\b1 (?:years|months|weeks|days|hours|minutes)\b"),
    "Python's None": re.compile(r"\bNone\b(?! [a-z])"),
    "a time of nothing": re.compile(r"\b0 (?:minutes|seconds) ago\b"),
    "a reason inside a reason": re.compile(r"yet: [^.]*yet"),
}
# Pages that are not pages a salesperson reads: downloads, feeds, machine answers, redirects after a switch.
NOT_READ = ("calendar/", "logout/", "admin/", "api/", "manifest", "export", ".ics", ".csv", ".json", ".svg",
            "download", "icon")


class _Visible(HTMLParser):
    """The text a reader sees: no script, style or template contents, no attributes; a badge's text as the
    stylesheet shows it (upper case), so `at_risk` in a badge reads as the AT_RISK it shows."""

    HIDDEN = {"script", "style", "template", "noscript"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hidden, upper case)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        hidden = tag in self.HIDDEN or any(h for _, h, _ in self.stack[-1:])
        upper = "badge" in (dict(attrs).get("class") or "").split() or any(u for _, _, u in self.stack[-1:])
        self.stack.append((tag, hidden, upper))

    def handle_endtag(self, tag):
        for n in range(len(self.stack) - 1, -1, -1):
            if self.stack[n][0] == tag:
                del self.stack[n:]
                break

    def handle_data(self, data):
        hidden, upper = (self.stack[-1][1], self.stack[-1][2]) if self.stack else (False, False)
        if not hidden:
            self.parts.append(data.upper() if upper else data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def raw_forms(text: str) -> list[str]:
    found = []
    for name, pattern in RAW_FORMS.items():
        for match in pattern.finditer(text):
            start = max(0, match.start() - 40)
            found.append(f"{name}: …{text[start:match.end() + 40]}…")
    return found


def _every_route(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _every_route(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if not route.startswith(OUTSIDE) and route not in BY_SECRET and not any(n in route for n in NOT_READ):
                yield route, pattern.pattern.converters


def _addresses(route: str, converters: dict, demo) -> list[str]:
    """The page's addresses: itself, or for a page of one object, that page of each of the demo's first objects."""
    if not converters:
        return ["/" + route]
    parts = route.split("/")
    holes = [n for n, part in enumerate(parts) if part.startswith("<")]
    if len(holes) == 1 and parts[holes[0]].startswith("<int:"):
        model = _model(parts[holes[0]].strip("<>").split(":")[-1], parts[holes[0] - 1])
        if model is not None and model is not ApiToken:
            ids = model._default_manager.filter(workspace=demo).order_by("pk").values_list("pk", flat=True)
            return ["/" + "/".join(parts[:holes[0]] + [str(pk)] + parts[holes[0] + 1:]) for pk in ids[:EVERY_ROW]]
    address, _ = _address(route, converters, demo)
    return [address] if address else []  # the isolation test names pages it cannot fill


@pytest.mark.parametrize("text, expected", [
    ("Stage: CHECK_IN", 1), ("at risk", 0), ("ATRISK", 1), ("(target 1:00:00)", 1), ("(1 years)", 1),
    ("1 year, 2 months", 0), ("see docs/customers-made.md", 2), ("0 minutes ago", 1), ("None", 1),
    ("No lifetime value yet: no purchases yet: add one", 1), ("3 days ago", 0), ("2 day", 1), ("1 Dec 2026 day 30", 0),
])
def test_the_raw_forms_are_recognised(text, expected):
    assert len(raw_forms(text)) == expected


def test_a_badge_reads_as_it_is_shown():
    assert visible_text('<p>a <span class="badge sla">at_risk</span> <b>b</b></p><script>X_Y_Z</script>') == \
        "a AT_RISK b"


def test_no_page_of_the_demo_shows_a_raw_code(demo_workspace):
    owner = demo_workspace.memberships.filter(role="owner").order_by("pk").first()
    client = Client()
    client.force_login(owner.user)
    session = client.session
    session["ally_workspace_id"] = demo_workspace.pk
    session.save()
    failures, read = [], 0
    for route, converters in _every_route():
        for address in _addresses(route, converters, demo_workspace):
            response = client.get(address)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            read += 1
            failures += [f"{address}: {found}" for found in raw_forms(visible_text(response.content.decode()))]
    assert read >= 100
    assert not failures, "\n".join(failures)
