"""The navigation marks the section a page belongs to, on every page Ally has (read from Django's URL resolver)."""

import re

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.web.test_isolation_every_page import OUTSIDE, _address

CURRENT = re.compile(r'<a href="[^"]*" aria-current="page">([^<]*)</a>')
# Pages that belong to no one section: searching spans them all.
NO_SECTION = {"/search/"}
# Where the issue saw the wrong tab, the tab each page now marks.
EXPECTED = {"/organizations/": "Organizations", "/organizations/{Organization}/": "Organizations",
            "/purchases/": "Customers made", "/purchases/{Purchase}/": "Customers made",
            "/check-ins/": "Customers made", "/check-ins/{CheckIn}/": "Customers made",
            "/settings/tokens/": "Settings", "/settings/team/": "Settings", "/settings/styleguide/": "Settings",
            "/settings/reminders/": "Reminders", "/people/{Person}/brief/": "People",
            "/interactions/{Interaction}/edit/": "People", "/facts/{Fact}/edit/": "People"}


def _routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and not (prefix + str(pattern.pattern)).startswith(OUTSIDE):
            yield prefix + str(pattern.pattern), pattern.pattern.converters


def _current(html: str) -> list[str]:
    header = html.split("</header>")[0]
    return CURRENT.findall(header)


def test_every_page_marks_exactly_one_section(demo_workspace):
    client = Client()
    client.force_login(demo_workspace.memberships.filter(role="owner").order_by("pk").first().user)
    failures, pages = [], 0
    for route, converters in _routes():
        address, _ = _address(route, converters, demo_workspace)
        if address is None:
            continue
        response = client.get(address)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html") or (
                "<header" not in response.content.decode(errors="replace")):
            continue  # a POST-only page, a partial, a file
        pages += 1
        current = _current(response.content.decode())
        if address in NO_SECTION:
            if current:
                failures.append(f"{address}: belongs to no section but marks {current}")
        elif len(current) != 1:
            failures.append(f"{address}: marks {current or 'no section'}")
    assert not failures, "\n".join(failures)
    assert pages >= 50  # the resolver really was read


def test_the_sections_the_issue_found_wrong_are_right(demo_workspace):
    from django.apps import apps

    client = Client()
    client.force_login(demo_workspace.memberships.filter(role="owner").order_by("pk").first().user)
    for template, label in EXPECTED.items():
        address = re.sub(r"\{(\w+)\}", lambda m: str(next(
            model for model in apps.get_models() if model.__name__ == m.group(1)
        )._default_manager.filter(workspace=demo_workspace).order_by("pk").first().pk), template)
        response = client.get(address)
        assert response.status_code == 200, address
        assert _current(response.content.decode()) == [label], address


def test_the_current_section_is_styled_in_both_navigations(client_olivia):
    page = client_olivia.get("/settings/tokens/").content.decode()
    assert '<nav class="account" aria-label="Account">' in page
    css = open("src/ally/web/static/ally/ally.css").read()
    assert '.account a[aria-current="page"]' in css and '.mainnav a[aria-current="page"]' in css
