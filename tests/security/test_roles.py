"""Roles: owner (the team, workspace settings, other members' tokens, deleting the workspace), member (all
the data), read-only (reads everything, writes nothing).

The read-only promise is checked from the lists of everything that can write, not from a hand-picked
sample: every write operation of the OpenAPI document, every page route that takes a POST (from the
URL resolver), every registered service (WRITES) and the commands that act as a member. It is Rae's
own workspace, so the answer is 403, never 404.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ally.core.errors import Forbidden
from ally.workspaces.audit import WRITES, acting
from ally.workspaces.models import AuditEntry, Membership

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("post", "put", "patch", "delete")
# Pages outside a workspace (signing in and out, the admin, the calendar feed itself); pages that change only the
# visitor's own session or account are marked `own_account` on the view and checked below.
NOT_WORKSPACE_WRITES = ("login", "logout", "admin:", "reminders:feed", "web:home")
# Answers 404 until the first lifetime value fit has run, for every role alike.
NOT_YET_THERE = {"/value/fit"}


def _operations(method_filter):
    spec = Client().get("/api/v1/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method_filter(method):
                yield method, path.removeprefix("/api/v1"), operation


def _own_path(path: str, ids: dict[str, int]) -> str:
    """The path aimed at Rae's own workspace's objects (any id of Acme's where one is known)."""
    for name in [part[1:-1] for part in path.split("/") if part.startswith("{")]:
        path = path.replace("{" + name + "}", str(ids.get(name, 1)))
    return path


def test_every_api_write_operation_answers_403_to_a_read_only_member(rae_api, alice, membership):
    # given
    ids = {"person_id": alice.id, "membership_id": membership.id}
    entries = AuditEntry.objects.count()
    refused, checked = [], 0
    # when
    for method, path, _ in _operations(lambda m: m in WRITE_METHODS):
        call = getattr(rae_api, method)
        response = call(_own_path(path, ids)) if method == "delete" else call(_own_path(path, ids), {})
        checked += 1
        if response.status_code != 403 or "read-only" not in response.json()["detail"]:
            refused.append(f"{method.upper()} {path}: {response.status_code}")
    # then
    assert refused == []
    assert checked > 40
    assert AuditEntry.objects.count() == entries


def test_a_read_only_member_reads_every_list_of_the_api(rae_api, alice):
    failures = []
    for method, path, operation in _operations(lambda m: m == "get"):
        required = [p for p in operation.get("parameters", []) if p.get("required")]
        if required or "owners" in operation.get("summary", "") or path in NOT_YET_THERE:
            continue
        response = rae_api.get(path)
        if response.status_code != 200:
            failures.append(f"GET {path}: {response.status_code}")
    assert failures == []


def _page_routes(resolver=None, namespace=""):
    """(url name, converters) for every named page route, namespaced as `reverse` wants it."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if not str(pattern.pattern).startswith(("api/", "admin/")):
                yield from _page_routes(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and not _own_account(pattern.callback):
            yield f"{namespace}{pattern.name}", getattr(pattern.pattern, "converters", {})


def _own_account(view) -> bool:
    while view is not None:
        if getattr(view, "own_account", False):
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def _page_url(name: str, converters: dict) -> str:
    return reverse(name, kwargs={key: 1 if converter.regex == "[0-9]+" else "x"
                                 for key, converter in converters.items()})


def test_every_page_post_route_answers_403_to_a_read_only_member(client_rae, alice):
    # given
    entries = AuditEntry.objects.count()
    failures, checked = [], 0
    # when
    for name, converters in _page_routes():
        if any(part in name for part in NOT_WORKSPACE_WRITES):
            continue
        response = client_rae.post(_page_url(name, converters), {"name": "x", "role": "owner"})
        checked += 1
        if response.status_code not in (403, 405):
            failures.append(f"POST {name}: {response.status_code}")
    # then
    assert failures == []
    assert checked > 30
    assert AuditEntry.objects.count() == entries


def test_a_read_only_member_is_told_why_on_the_page(client_rae, alice):
    response = client_rae.post(reverse("people:edit", args=[alice.id]), {"name": "Changed"})
    assert response.status_code == 403
    assert b"read-only" in response.content
    alice.refresh_from_db()
    assert alice.name == "Alice Ally"


def test_a_read_only_member_reads_the_pages(client_rae, alice):
    for url in (reverse("agenda:today"), reverse("people:list"), reverse("people:detail", args=[alice.id])):
        assert client_rae.get(url).status_code == 200, url


def test_every_registered_write_refuses_a_read_only_actor_before_it_runs(rae):
    # Called without arguments: the refusal comes before the service reads any of them.
    failures = []
    for name, service in WRITES.items():
        if service.own_account:
            continue  # the actor's own password, tokens and reminders: see the test below
        with acting(user=rae, via="web", role=Membership.Role.READ_ONLY):
            try:
                service()
            except Forbidden:
                continue
            except Exception as exc:  # noqa: BLE001 - any other outcome is the failure being reported
                failures.append(f"{name}: {type(exc).__name__}")
    assert failures == []
    assert len(WRITES) > 50


def test_a_command_acting_as_a_read_only_member_writes_nothing(ally_command, rae, alice):
    from ally.ownership.models import Purchase

    result = ally_command("purchase", "add", "alice@example.com", "120.00", "--member", "rae", "-w", "acme")
    assert result.exit_code != 0
    assert "read-only" in result.stderr
    assert not Purchase.objects.filter(person=alice).exists()


def test_a_read_only_members_import_is_refused_but_its_dry_run_is_not(rae, workspace):
    from ally.imports.services import people_import_csv

    data = b"name,email\nNew Person,new@example.com\n"
    with acting(user=rae, via="cli", role=Membership.Role.READ_ONLY):
        assert people_import_csv(workspace=workspace, data=data, dry_run=True).new == [2]
        with pytest.raises(Forbidden):
            people_import_csv(workspace=workspace, data=data)


def test_only_owners_manage_the_team(client_max, max_api, membership):
    assert client_max.get(reverse("workspaces:team")).status_code == 403
    assert max_api.patch(f"/memberships/{membership.id}", {"role": "member"}).status_code == 403
    assert max_api.delete(f"/memberships/{membership.id}").status_code == 403
    membership.refresh_from_db()
    assert membership.role == Membership.Role.OWNER


def test_only_owners_revoke_someone_elses_token(max_member, olivia_token, workspace):
    from ally.workspaces.services import api_token_revoke

    with acting(user=max_member, via="web", role=Membership.Role.MEMBER), pytest.raises(Forbidden):
        api_token_revoke(token=olivia_token[0])
    olivia_token[0].refresh_from_db()
    assert olivia_token[0].revoked_at is None


def test_only_owners_change_or_delete_the_workspace(max_member, workspace):
    from ally.workspaces.models import Workspace
    from ally.workspaces.services import workspace_delete, workspace_update

    with acting(user=max_member, via="api", role=Membership.Role.MEMBER):
        with pytest.raises(Forbidden):
            workspace_update(workspace=workspace, name="Taken over")
        with pytest.raises(Forbidden):
            workspace_delete(workspace=workspace)
    assert Workspace.objects.get(id=workspace.id).name == "Acme Allies"


def test_a_read_only_member_keeps_their_own_account(client_rae, rae, workspace):
    """Reading everything includes keeping one's own keys: a password, a token to read with, a calendar feed."""
    from ally.reminders.models import CalendarFeed
    from ally.workspaces.models import ApiToken

    response = client_rae.post(reverse("workspaces:password"), {"current": "rae-reader-pw", "password": "a-new-long-pass"})
    assert response.status_code in (200, 302)
    rae.refresh_from_db()
    assert rae.check_password("a-new-long-pass")
    assert client_rae.post(reverse("workspaces:api_tokens"), {"name": "reading"}).status_code == 200
    assert ApiToken.objects.filter(user=rae, name="reading").exists()
    assert client_rae.post(reverse("reminders:feed_settings"), {"action": "create"}).status_code in (200, 302)
    assert CalendarFeed.objects.filter(membership__user=rae).exists()
