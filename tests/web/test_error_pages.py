"""The 404, 403 and 500 pages sit inside the layout with DEBUG off; the 500 page needs neither the database nor
the request; the web app manifest and the style guide are served."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import path

from ally.urls import handler403, handler404, handler500
from ally.urls import urlpatterns as ally_urlpatterns


def _boom(request):
    raise RuntimeError("the database fell over")


def _denied(request):
    raise PermissionDenied("Only owners may do that.")


urlpatterns = [path("boom/", _boom), path("denied/", _denied), *ally_urlpatterns]
handler403, handler404, handler500 = handler403, handler404, handler500  # noqa: PLW0127 - this urlconf's too


def test_an_unknown_address_is_a_styled_404_with_the_navigation(client_olivia, settings):
    assert settings.DEBUG is False
    response = client_olivia.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "There is nothing here" in page and '<nav class="mainnav"' in page and "Back to Today" in page


def test_another_workspaces_person_is_the_same_styled_404(client_olivia, rita, other_workspace):
    from ally.people.services import person_create

    stranger = person_create(workspace=other_workspace, name="Stranger Danger")
    response = client_olivia.get(f"/people/{stranger.id}/")
    assert response.status_code == 404 and "There is nothing here" in response.content.decode()


def test_a_404_for_someone_logged_out_still_renders(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404 and "There is nothing here" in response.content.decode()


@pytest.mark.urls("tests.web.test_error_pages")
def test_a_permission_denied_is_a_styled_403(client_olivia):
    response = client_olivia.get("/denied/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Only owners may do that." in page and '<nav class="mainnav"' in page


@pytest.mark.urls("tests.web.test_error_pages")
def test_a_crash_is_a_styled_500(client_olivia):
    client_olivia.raise_request_exception = False
    response = client_olivia.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in page and 'class="topbar"' in page and "the database fell over" not in page


def test_the_500_page_needs_no_database_and_no_request():
    # no db fixture: any query would fail this test
    from ally.web.views import server_error

    for request in (None, RequestFactory().get("/")):
        response = server_error(request)
        assert response.status_code == 500 and "Something went wrong" in response.content.decode()
        assert 'href="/static/ally/ally.css"' in response.content.decode()


def test_the_500_page_falls_back_to_fixed_html_when_even_the_template_fails(monkeypatch):
    from ally.web import views

    def broken(*args, **kwargs):
        raise RuntimeError("templates are gone")

    monkeypatch.setattr(views, "render_to_string", broken)
    response = views.server_error(None)
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()


def test_the_web_app_manifest_is_served_with_its_content_type_and_icons(client, db):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Ally" and manifest["start_url"] == "/today/" and manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200, icon["src"]


def test_every_page_links_the_manifest_and_a_theme_colour(client_olivia):
    page = client_olivia.get("/today/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page and 'name="theme-color"' in page


def test_the_style_guide_shows_the_components(client_olivia):
    page = client_olivia.get("/settings/styleguide/").content.decode()
    for part in ("Colours", "Type scale", "Spacing", 'class="card"', 'class="badge', 'class="avatar"', "<table>",
                 'class="empty"', 'class="field', 'class="menu"', 'class="toast"'):
        assert part in page, part


def test_the_style_guide_needs_a_login(db):
    response = Client().get("/settings/styleguide/")
    assert response.status_code == 302 and response.url.startswith("/login/")
