"""Shared pages: the home redirect, global search, switching workspace, a refused login, the web app manifest,
the style guide and the error pages."""

import json
import logging

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_POST, require_safe

from ally.core.errors import ValidationError
from ally.core.pages import bad_query, own_account, workspace_view
from ally.people.filters import PersonFilter
from ally.people.selectors import organization_list, person_list
from ally.workspaces.middleware import SESSION_KEY
from ally.workspaces.selectors import membership_for

logger = logging.getLogger(__name__)


def home(request):
    return redirect("agenda:today")


@workspace_view
def search(request):
    q = request.GET.get("q", "").strip()
    try:
        filters = PersonFilter.parse({"q": q})
    except ValidationError as exc:
        return bad_query(request, exc)
    people = list(person_list(workspace=request.workspace, filters=filters)[:25]) if q else []
    organizations = list(organization_list(workspace=request.workspace, q=q)[:10]) if q else []
    return render(request, "web/search.html", {"q": q, "people": people, "organizations": organizations})


@require_POST
@workspace_view
@own_account
def switch_workspace(request):
    chosen = request.POST.get("workspace", "")
    if not chosen.isdigit() or len(chosen) > 18:
        return bad_query(request, ValidationError({"workspace": f"'{chosen[:40]}' is not a workspace id"}))
    membership = membership_for(user=request.user, workspace_id=int(chosen))
    if membership is not None:
        request.session[SESSION_KEY] = membership.workspace_id
    return redirect("agenda:today")


def login_refused(request, original_response=None, credentials=None):
    """The login page when django-axes refuses an attempt: too many failures for this username or address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    refusal = (f"Too many failed logins for this username or from this address. "
               f"Logins are paused for {minutes} minutes; try again later.")
    return render(request, "web/login.html", {"form": AuthenticationForm(request), "refusal": refusal,
                                              "next": request.POST.get("next", "")}, status=429)


@require_safe
def manifest(request):
    """The web app manifest: what a phone needs to add Ally to its home screen."""
    icons = [{"src": static(f"ally/icons/ally-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": "any maskable"} for size in (192, 512)]
    icons.append({"src": static("ally/icons/ally.svg"), "sizes": "any", "type": "image/svg+xml"})
    body = {
        "name": "Ally", "short_name": "Ally", "description": "Keep in touch with the people you sell to.",
        "id": "/", "start_url": "/today/", "scope": "/", "display": "standalone",
        "background_color": "#f6f7f5", "theme_color": "#2f6f5e", "icons": icons,
    }
    response = HttpResponse(json.dumps(body, indent=2), content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@workspace_view
def styleguide(request):
    """The living style guide: Ally's tokens and components, as every page composes them."""
    colours = ["ink", "muted", "line", "bg", "card", "accent", "accent-soft", "warm", "warm-soft", "error",
               "error-soft", "ok", "ok-soft", "violet", "violet-soft", "neutral-soft", "focus"]
    steps = [("--step-3", "Page title, large"), ("--step-2", "Page title"), ("--step-1", "Section title"),
             ("--step-0", "Body text"), ("--step--1", "Small print"), ("--step--2", "Badge")]
    spaces = ["--space-1", "--space-2", "--space-3", "--space-4", "--space-5", "--space-6"]
    return render(request, "web/styleguide.html", {"colours": colours, "steps": steps, "spaces": spaces})


# Error pages, inside the layout. Django calls these with DEBUG off (ally.urls names them).

def not_found(request, exception=None):
    return render(request, "web/not_found.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "web/forbidden.html", {"reason": str(exception or "") or None}, status=403)


SERVER_ERROR_FALLBACK = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Something went wrong"
                         " · Ally</title></head><body><main><h1>Something went wrong</h1><p>Ally could not show this"
                         " page. The error has been logged; try again in a moment.</p><p><a href=\"/\">Back to Today"
                         "</a></p></main></body></html>")


def server_error(request=None):
    """The 500 page: rendered without the request, the database or the context processors, any of which may
    be what failed; if even the template fails, a fixed page."""
    try:
        body = render_to_string("web/server_error.html", {})
    except Exception:  # noqa: BLE001 - the last resort must answer whatever broke
        logger.exception("the 500 page could not be rendered")
        body = SERVER_ERROR_FALLBACK
    return HttpResponseServerError(body, content_type="text/html; charset=utf-8")
