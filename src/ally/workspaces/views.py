"""Settings pages: the user's API tokens for the current workspace, and the owners' audit trail."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ally.core.errors import ValidationError
from ally.core.pages import apply_errors, bad_query, owner_view, workspace_view
from ally.workspaces import selectors, services
from ally.workspaces.audit_trail import AuditFilter, audit_entries
from ally.workspaces.forms import ApiTokenForm, PasswordForm

AUDIT_PAGE_SIZE = 50


@workspace_view
def api_tokens(request):
    """List the user's tokens; creating one shows the raw token on this response only, never again."""
    form = ApiTokenForm(request.POST or None)
    new_token = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                token, raw = services.api_token_create(user=request.user, workspace=request.workspace,
                                                       name=form.cleaned_data["name"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                new_token = {"token": token, "raw": raw}
                form = ApiTokenForm()
        status = 200 if new_token else 422
    tokens = selectors.api_tokens(workspace=request.workspace, user=request.user)
    response = render(request, "workspaces/api_tokens.html",
                      {"form": form, "tokens": tokens, "new_token": new_token}, status=status)
    # The raw token is in this page: keep it out of every cache.
    response["Cache-Control"] = "no-store"
    return response


@workspace_view
@require_POST
def api_token_revoke(request, token_id):
    token = selectors.access_api_token(workspace=request.workspace, token_id=token_id, user=request.user)
    services.api_token_revoke(token=token)
    messages.success(request, f"Revoked “{token.name}”. Anything using it can no longer reach the API.")
    return redirect("workspaces:api_tokens")


@owner_view
def audit_trail(request):
    """Who changed what, when: every write in the workspace, newest first, filtered as the API filters."""
    try:
        filters = AuditFilter.from_query(request.GET)
    except ValidationError as exc:
        return bad_query(request, exc)
    page = Paginator(audit_entries(workspace=request.workspace, filters=filters), AUDIT_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "workspaces/audit_trail.html", {
        "page": page, "filters": filters, "members": selectors.team_members(workspace=request.workspace),
        "query_string": "&".join(f"{name}={value}" for name, value in filters.active().items()),
    })


@workspace_view
def password_change(request):
    """Change one's own password; a weak one is refused next to the field, with the rules it broke."""
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            # Keep this session signed in; a password change signs out every other session.
            update_session_auth_hash(request, request.user)
            messages.success(request, "Your password is changed.")
            return redirect("workspaces:password")
    status = 422 if form.errors else 200
    return render(request, "workspaces/password.html", {"form": form}, status=status)
