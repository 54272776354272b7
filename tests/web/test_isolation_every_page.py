"""Workspace isolation for every page with an object in its address, read from Django's URL resolver.

The hand-written cases in test_pages.py look closely at people; this file makes sure no page of any app is
forgotten, including ones added later, as the API's isolation test does from the OpenAPI document. The other
workspace is the demo (one or more of everything). Logged in to Acme, every GET and POST of every such page aimed
at a demo object answers as for an object that never existed (404; a GET of a POST-only page, 405 either way)
and changes no row of the demo workspace. A parameter is tied to a model by the address
segment before it (`/check-ins/<check_in_id>/` → CheckIn); a page whose object cannot be told, or which the demo has
none of, fails the test by name.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from ally.imports.archive import workspace_tables
from ally.workspaces.models import ApiToken
from tests.api.test_isolation_every_endpoint import NEVER_EXISTED, _demo_rows, _model_for

OUTSIDE = ("api/", "admin/")  # the API has its own generated test; the admin is read-only and for staff
MODELS_BY_SEGMENT = {"questions": "DiscoveryQuestion", "tokens": "ApiToken", "requests": "IntroductionRequest",
                     "mail": "MailAccount"}  # segments whose name is not the model's
SLUG_EXAMPLES = {"cases/": "note", "settings/mail/": "sync",  # a real action of each page that takes one
                 "today/items/": "keep_in_touch-1"}  # a Today item key (tests/agenda checks real demo keys)
# Pages addressed by a secret rather than an id: whoever holds the secret reads it; their own tests cover revoking.
BY_SECRET = {"calendar/<str:secret>.ics"}


def _pages(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _pages(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.pattern.converters:
            route = prefix + str(pattern.pattern)
            if not route.startswith(OUTSIDE) and route not in BY_SECRET:
                yield route, pattern.pattern.converters


def _model(parameter: str, segment: str):
    """The model a parameter names (`membership_id` → Membership), else the one the segment before it names."""
    models = {table.model.__name__: table.model for table in workspace_tables()} | {"ApiToken": ApiToken}
    by_parameter = models.get("".join(part.capitalize() for part in parameter.removesuffix("_id").split("_")))
    name = MODELS_BY_SEGMENT.get(segment)
    return by_parameter or (models.get(name) if name else _model_for(segment))


def _address(route: str, converters: dict, demo, missing: bool = False) -> tuple[str | None, str]:
    """The page's address filled with demo objects (or ids that never existed), or None and why it could not be."""
    parts = route.split("/")
    for n, part in enumerate(parts):
        if not part.startswith("<"):
            continue
        name = part.strip("<>").split(":")[-1]
        if part.startswith("<slug:"):
            parts[n] = next(action for prefix, action in SLUG_EXAMPLES.items() if route.startswith(prefix))
            continue
        model = _model(name, parts[n - 1])
        if model is None:
            return None, f"/{route}: no workspace model for '{parts[n - 1]}' (<{name}>)"
        scope = {"user__memberships__workspace": demo} if model is ApiToken else {"workspace": demo}
        row = model._default_manager.filter(**scope).order_by("pk").first()
        if row is None:
            return None, f"/{route}: the demo workspace has no {model.__name__}"
        parts[n] = str(NEVER_EXISTED if missing else row.pk)
    return "/" + "/".join(parts), ""


@pytest.fixture
def demo_token(demo_workspace):
    from ally.workspaces.services import api_token_create

    owner = demo_workspace.memberships.order_by("pk").first().user
    return api_token_create(user=owner, workspace=demo_workspace, name="demo")


def test_every_page_of_another_workspaces_object_is_not_found(client_olivia, demo_workspace, demo_token):
    before = _demo_rows(demo_workspace)
    tokens_before = list(ApiToken.objects.values("pk", "revoked_at"))
    failures, checked = [], 0
    for route, converters in _pages():
        address, why = _address(route, converters, demo_workspace)
        if address is None:
            failures.append(why)
            continue
        never_existed, _ = _address(route, converters, demo_workspace, missing=True)
        for method in ("get", "post"):
            send = getattr(client_olivia, method)
            response = send(address, {"summary": "x", "text": "x", "name": "x"})
            expected = send(never_existed, {"summary": "x", "text": "x", "name": "x"}).status_code
            checked += 1
            if response.status_code != expected or expected not in ((404, 405) if method == "get" else (404,)):
                failures.append(f"{method.upper()} {address}: {response.status_code} (never existed: {expected})")
    assert not failures, "\n".join(failures)
    assert checked >= 70  # the resolver really was read: every app's object pages
    assert _demo_rows(demo_workspace) == before
    assert list(ApiToken.objects.values("pk", "revoked_at")) == tokens_before
