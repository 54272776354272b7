"""`ALLY_PUBLIC_URL=https://…` is the one setting for serving behind a TLS reverse proxy."""

import json
import os
import subprocess
import sys

from django.test import Client, override_settings

from ally.settings import ALLOWED_HOSTS, served_at

PUBLIC_URL = "https://crm.example.org"
SHOW = ("import json, ally.settings as s; print(json.dumps({name: getattr(s, name, None) for name in ("
        "'ALLOWED_HOSTS', 'CSRF_TRUSTED_ORIGINS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER')}))")


def _settings(tmp_path, **env) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ALLY_")} | {"ALLY_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SHOW], env=clean | env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_an_https_public_url_turns_on_secure_cookies_hsts_the_proxy_header_and_the_origin(tmp_path):
    shown = _settings(tmp_path, ALLY_PUBLIC_URL=PUBLIC_URL)

    assert "crm.example.org" in shown["ALLOWED_HOSTS"]
    assert shown["CSRF_TRUSTED_ORIGINS"] == [PUBLIC_URL]
    assert shown["SESSION_COOKIE_SECURE"] is shown["CSRF_COOKIE_SECURE"] is True
    assert shown["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_without_a_public_url_nothing_claims_https(tmp_path):
    shown = _settings(tmp_path)

    assert not shown["SESSION_COOKIE_SECURE"] and not shown["SECURE_HSTS_SECONDS"]
    assert shown["SECURE_PROXY_SSL_HEADER"] is None and not shown["CSRF_TRUSTED_ORIGINS"]


def test_a_public_url_that_is_not_an_address_stops_start_up(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ALLY_")}
    done = subprocess.run([sys.executable, "-c", "import ally.settings"], capture_output=True, text=True,
                          env=clean | {"ALLY_DATA_DIR": str(tmp_path), "ALLY_PUBLIC_URL": "crm.example.org"})

    assert done.returncode != 0 and "ALLY_PUBLIC_URL" in done.stderr


@override_settings(**served_at(PUBLIC_URL, ALLOWED_HOSTS))
def test_a_login_through_the_proxy_passes_the_csrf_check_and_gets_secure_cookies(olivia, workspace):
    # given a browser talking https to the proxy, which forwards plain http to Ally
    browser = Client(enforce_csrf_checks=True, HTTP_HOST="crm.example.org", HTTP_X_FORWARDED_PROTO="https",
                     HTTP_X_FORWARDED_FOR="203.0.113.5", REMOTE_ADDR="127.0.0.1")
    form = browser.get("/login/")
    token = form.cookies["csrftoken"].value
    # when it posts the login form, with the origin and referer a browser sends
    response = browser.post("/login/", {"username": "olivia", "password": "olivia-grows-roses",
                                        "csrfmiddlewaretoken": token},
                            HTTP_ORIGIN=PUBLIC_URL, HTTP_REFERER=f"{PUBLIC_URL}/login/")
    # then it is logged in, over cookies that only travel over https, and told to stay on https
    assert response.status_code == 302 and response.url == "/today/"
    assert response.cookies["sessionid"]["secure"] and form.cookies["csrftoken"]["secure"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@override_settings(**served_at(PUBLIC_URL, ALLOWED_HOSTS))
def test_behind_the_proxy_failed_logins_count_against_the_client_not_the_proxy(olivia, workspace):
    for _ in range(5):
        Client(HTTP_X_FORWARDED_FOR="203.0.113.5").post("/login/", {"username": f"x{_}", "password": "guess-guess-1"})

    another_client = Client(HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert another_client.post("/login/", {"username": "olivia", "password": "olivia-grows-roses"}).status_code == 302
