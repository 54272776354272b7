"""What every page view shares: the workspace guard, turning domain errors into pages, htmx partials."""

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from ally.core.errors import Forbidden, NotFound, ValidationError

READ_ONLY_ROLE = "read_only"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
READ_ONLY_REASON = "You are a read-only member of this workspace: you can read everything but change nothing."


def workspace_view(view):
    """A signed-in page inside the user's workspace; a NotFound from a guarded fetch becomes a 404, a
    Forbidden (a role's limit) a 403. A read-only member's POST is refused before the form is read, so
    every write answers 403 (the services refuse it too, see `ally.workspaces.audit`)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.workspace is None:
            return render(request, "web/no_workspace.html", status=403)
        if (request.membership.role == READ_ONLY_ROLE and request.method not in SAFE_METHODS
                and not getattr(view, "own_account", False)):
            return forbidden(request, READ_ONLY_REASON)
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc)) from exc
        except Forbidden as exc:
            return forbidden(request, str(exc))

    return wrapper


def own_account(view):
    """Mark a POST page that changes only the visitor's own session or account (switching workspace, their
    password, their tokens, their reminders), which a read-only member may use."""
    view.own_account = True
    return view


def forbidden(request, reason: str):
    return render(request, "web/forbidden.html", {"reason": reason}, status=403)


def safe_next(request) -> str | None:
    """The `next` a form posted back, only if it stays on this site (never a redirect to another host)."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return None


def bad_query(request, error: ValidationError):
    """A list asked for with a bad filter (`?owner=abc`): a 400 page naming the parameter, never a 500."""
    return render(request, "web/bad_request.html", {"errors": error.errors}, status=400)


def owner_view(view):
    """A page only the workspace's owners may open (team, workspace settings, the audit trail, jobs)."""

    @workspace_view
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.membership.role != "owner":
            return forbidden(request, "Only the workspace's owners can open this page.")
        return view(request, *args, **kwargs)

    return wrapper


def render_page(request, template: str, context: dict, *, partial: str | None = None, status: int = 200):
    """Full page for a normal request; just the partial when htmx asks for it."""
    chosen = partial if partial and getattr(request, "htmx", False) else template
    return render(request, chosen, context, status=status)


def apply_errors(form, error: ValidationError, field_map: dict[str, str] | None = None) -> None:
    """Show a service's field errors next to the form's fields (unknown fields go to the form's top)."""
    field_map = field_map or {}
    for name, message in error.errors.items():
        field = field_map.get(name, name)
        form.add_error(field if field in form.fields else None, message if field in form.fields else f"{name}: {message}")
