"""Every page sends a Content-Security-Policy that allows no inline script; logged-in pages are private."""

import pathlib
import re

import pytest
from django.test import Client

import ally

TEMPLATES = sorted(pathlib.Path(ally.__file__).parent.glob("*/templates/**/*.html"))


def _policy(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("path", ["/login/", "/today/", "/people/", "/api/v1/docs"])
def test_every_page_allows_scripts_from_ally_only(client_olivia, path):
    response = client_olivia.get(path)

    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


def test_the_login_page_sends_the_policy_to_someone_not_logged_in(db):
    assert _policy(Client().get("/login/"))["script-src"] == ["'self'"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_no_template_holds_an_inline_script_or_handler(template):
    text = template.read_text()

    assert "<script>" not in text and "hx-on" not in text
    assert not re.search(r"\son[a-z]+=", text), "an inline event handler (onfocus=, onclick=, ...) is blocked by the policy"


def test_a_logged_in_page_is_private_to_the_browser(client_olivia):
    assert "private" in client_olivia.get("/today/")["Cache-Control"]


def test_the_page_script_is_served_by_ally(client_olivia):
    response = client_olivia.get("/static/ally/ally.js")

    assert response.status_code == 200
    assert b"htmx:beforeSwap" in b"".join(response.streaming_content)
