"""Two-factor login (django-otp): enrolling an authenticator app, logging in with its code or a recovery code
(each works once), wrong and throttled codes, a workspace that requires it, and bearer tokens unaffected."""

import datetime as dt
import re
import time
from binascii import unhexlify

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ally.workspaces import two_factor
from ally.workspaces.audit import acting
from ally.workspaces.models import AuditEntry, Membership
from ally.workspaces.services import two_factor_enable, workspace_two_factor_require

pytestmark = pytest.mark.django_db

PASSWORD = "olivia-grows-roses"


def _code(key: str) -> str:
    return f"{totp(unhexlify(key)):06d}"


@pytest.fixture
def clock(time_machine):
    """A fixed instant at the start of a 30-second step; `clock.shift(seconds)` moves on."""
    now = time.time()
    time_machine.move_to(dt.datetime.fromtimestamp(now - now % 30 + 5, tz=dt.UTC), tick=False)
    return time_machine


def _next_step(clock):
    """Codes are used once per 30-second step: tests that need another code move to the next step."""
    clock.shift(dt.timedelta(seconds=30))


@pytest.fixture
def enrolled(olivia, clock):
    """Olivia with an authenticator app: (her key, her ten recovery codes)."""
    key = two_factor.new_key()
    _, codes = two_factor_enable(user=olivia, key=key, code=_code(key))
    _next_step(clock)
    return key, codes


def _password(client: Client, username="olivia", password=PASSWORD, next_url=""):
    data = {"username": username, "password": password} | ({"next": next_url} if next_url else {})
    return client.post("/login/", data, REMOTE_ADDR="203.0.113.7")


def test_enrolling_shows_a_qr_code_and_the_secret_then_confirms_with_a_code(client_olivia, olivia, clock):
    # given
    page = client_olivia.get(reverse("workspaces:two_factor"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "otpauth://totp/Ally%3Aolivia?secret=" in html
    assert "no-store" in page["Cache-Control"]
    key = client_olivia.session["ally_two_factor_key"]
    assert two_factor.secret_text(key).replace(" ", "") in html.replace(" ", "")
    # when: a wrong code, then the right one
    wrong = client_olivia.post(reverse("workspaces:two_factor"), {"code": "000000" if _code(key) != "000000" else "1"})
    right = client_olivia.post(reverse("workspaces:two_factor"), {"code": _code(key)})
    # then
    assert wrong.status_code == 422
    assert "is not the code your app shows now" in wrong.content.decode()
    assert right.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", right.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=olivia).confirmed
    assert StaticToken.objects.filter(device__user=olivia).count() == 10
    assert AuditEntry.objects.filter(action="user.two_factor_enabled", object_id=olivia.id).count() == 1
    # The session that enrolled is verified: it goes on without a code.
    assert client_olivia.get("/today/").status_code == 200


def test_after_the_password_a_user_with_two_factors_must_give_the_apps_code(olivia, workspace, enrolled):
    key, _ = enrolled
    client = Client()
    # when: the password alone
    assert _password(client, next_url="/people/").status_code == 302
    blocked = client.get("/people/")
    # then: every page sends to the code step, keeping where they were going
    assert blocked.status_code == 302
    assert blocked["Location"] == "/login/code/?next=%2Fpeople%2F"
    assert client.get("/settings/tokens/")["Location"].startswith("/login/code/")
    # when: the code
    step = client.get(blocked["Location"])
    assert step.status_code == 200 and "csrfmiddlewaretoken" in step.content.decode()
    done = client.post("/login/code/", {"code": _code(key), "next": "/people/"})
    # then
    assert done.status_code == 302 and done["Location"] == "/people/"
    assert client.get("/people/").status_code == 200


def test_a_recovery_code_logs_in_once_only(olivia, workspace, enrolled):
    _, codes = enrolled
    first = Client()
    _password(first)
    assert first.post("/login/code/", {"code": codes[0].upper()})["Location"] == "/today/"
    assert first.get("/today/").status_code == 200
    # when: the same code again, in another session
    again = Client()
    _password(again)
    refused = again.post("/login/code/", {"code": codes[0]})
    # then
    assert refused.status_code == 422
    assert "a recovery code works once" in refused.content.decode()
    assert again.get("/today/").status_code == 302
    assert StaticToken.objects.filter(device__user=olivia).count() == 9


def test_a_wrong_code_is_refused_and_the_next_is_throttled(olivia, workspace, enrolled, clock):
    key, _ = enrolled
    client = Client()
    _password(client)
    wrong = "123456" if _code(key) != "123456" else "654321"
    # when
    refused = client.post("/login/code/", {"code": wrong})
    throttled = client.post("/login/code/", {"code": _code(key)})
    # then
    assert refused.status_code == 422 and "is not a valid code" in refused.content.decode()
    assert throttled.status_code == 422 and "too many wrong codes" in throttled.content.decode()
    # After the wait the right code works.
    clock.shift(dt.timedelta(seconds=3))
    assert client.post("/login/code/", {"code": _code(key)}).status_code == 302
    assert client.get("/today/").status_code == 200


def test_five_wrong_codes_sign_the_session_out(olivia, workspace, enrolled, clock):
    client = Client()
    _password(client)
    for n in range(5):
        clock.shift(dt.timedelta(seconds=2 ** n + 1))
        response = client.post("/login/code/", {"code": "zzzzzzzz"})
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert "_auth_user_id" not in client.session


def test_a_session_signed_in_another_way_must_give_the_code_too(olivia, workspace, enrolled):
    """The admin's login, or a session from before the app was set up, is not verified."""
    client = Client()
    client.force_login(olivia)
    assert client.get("/today/")["Location"].startswith("/login/code/")
    assert client.get("/admin/")["Location"].startswith("/login/code/")


def test_an_owner_requires_two_factors_and_a_member_without_is_sent_to_set_it_up(
        client_olivia, max_member, max_api, workspace):
    # when
    response = client_olivia.post(reverse("workspaces:team_two_factor"), {"required": "on"})
    # then
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.require_two_factor
    entry = AuditEntry.objects.get(action="workspace.two_factor_required")
    assert entry.changes == {"require_two_factor": [False, True]}
    max_client = Client()
    max_client.force_login(max_member)
    sent = max_client.get("/people/")
    assert sent.status_code == 302 and sent["Location"] == "/settings/two-factor/?next=%2Fpeople%2F"
    page = max_client.get(sent["Location"])
    assert page.status_code == 200 and "requires two-factor login" in page.content.decode()
    # Bearer tokens are not affected.
    assert max_api.get("/people").status_code == 200


def test_only_owners_require_two_factors(client_max, max_member, workspace):
    from ally.core.errors import Forbidden

    assert client_max.post(reverse("workspaces:team_two_factor"), {"required": "on"}).status_code == 403
    with acting(user=max_member, via="api", role=Membership.Role.MEMBER), pytest.raises(Forbidden):
        workspace_two_factor_require(workspace=workspace, required=True)
    workspace.refresh_from_db()
    assert not workspace.require_two_factor


def test_the_code_step_and_enrolling_refuse_a_post_without_the_csrf_token(olivia, max_member, workspace, enrolled):
    key, _ = enrolled
    client = Client(enforce_csrf_checks=True)
    client.force_login(olivia)
    assert client.post("/login/code/", {"code": _code(key)}).status_code == 403
    assert client.get("/today/").status_code == 302  # still not verified
    other = Client(enforce_csrf_checks=True)
    other.force_login(max_member)
    assert "csrfmiddlewaretoken" in other.get(reverse("workspaces:two_factor")).content.decode()
    assert other.post(reverse("workspaces:two_factor"), {"code": "123456"}).status_code == 403


def test_turning_it_off_needs_a_code(client_olivia, olivia, enrolled):
    key, codes = enrolled
    from django_otp import login as otp_login  # noqa: F401 - the page's session is verified by the code step

    client_olivia.post("/login/code/", {"code": codes[1]})
    refused = client_olivia.post(reverse("workspaces:two_factor_disable"), {"code": ""})
    assert refused.status_code == 422
    done = client_olivia.post(reverse("workspaces:two_factor_disable"), {"code": _code(key)})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=olivia).exists()
    assert not StaticToken.objects.filter(device__user=olivia).exists()
    assert AuditEntry.objects.filter(action="user.two_factor_disabled").count() == 1


def test_new_recovery_codes_replace_the_old(client_olivia, olivia, enrolled):
    _, codes = enrolled
    client_olivia.post("/login/code/", {"code": codes[0]})
    response = client_olivia.post(reverse("workspaces:recovery_codes"))
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10
    assert not StaticToken.objects.filter(device__user=olivia, token__in=codes).exists()
