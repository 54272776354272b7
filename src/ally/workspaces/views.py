"""Settings pages: the user's API tokens for the current workspace, and the owners' team and audit trail."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ally.core.errors import NotFound, ValidationError
from ally.core.pages import apply_errors, bad_query, own_account, owner_view, workspace_view
from ally.core.plugins import nav_entries
from ally.workspaces import selectors, services
from ally.workspaces.audit_trail import AuditFilter, audit_entries
from ally.workspaces.forms import (
    ROLE_CHOICES,
    ApiTokenForm,
    MemberAddForm,
    PasswordForm,
    ProfileForm,
    RoleForm,
    WorkspaceForm,
)

AUDIT_PAGE_SIZE = 50


@workspace_view
def settings_index(request):
    """Every settings page, as the apps declare them (`NavEntry(..., area="settings")`); owners see theirs too."""
    owner = request.membership.role == "owner"
    pages = [{"label": entry.label, "url": reverse(entry.url_name), "about": entry.about,
              "owners_only": entry.owners_only}
             for entry in nav_entries("settings") if owner or not entry.owners_only]
    return render(request, "workspaces/settings.html", {"pages": pages})


@workspace_view
@own_account
def profile(request):
    """One's own name, email, time zone (for this workspace) and date style; errors are shown by each field."""
    membership, user = request.membership, request.user
    initial = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email,
               "time_zone": membership.time_zone, "date_style": membership.date_style}
    form = ProfileForm(request.POST or None, initial=initial, workspace_zone=request.workspace.time_zone)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(membership=membership, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("workspaces:profile")
    return render(request, "workspaces/profile.html", {"form": form}, status=422 if form.errors else 200)


@owner_view
def workspace_settings(request):
    """The workspace's name and defaults (owners); errors are shown by each field."""
    workspace = request.workspace
    initial = {field: getattr(workspace, field) for field in services.WORKSPACE_FIELDS}
    form = WorkspaceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.workspace_update(workspace=workspace, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "The workspace's settings are saved.")
            return redirect("workspaces:workspace")
    return render(request, "workspaces/workspace.html", {"form": form}, status=422 if form.errors else 200)


@workspace_view
@own_account
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
@own_account
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
@own_account
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


def _team_page(request, add_form=None, status=200):
    return render(request, "workspaces/team.html", {
        "members": selectors.team_members(workspace=request.workspace),
        "add_form": add_form or MemberAddForm(), "role_choices": ROLE_CHOICES,
    }, status=status)


@owner_view
def team(request):
    """The team: who has a seat and in which role; owners add members here."""
    if request.method != "POST":
        return _team_page(request)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        try:
            user = selectors.user_by_reference(reference=form.cleaned_data["user"])
        except NotFound:
            form.add_error("user", f"no login '{form.cleaned_data['user']}'; create it with `ally user create`")
        else:
            try:
                services.membership_add(workspace=request.workspace, user=user, role=form.cleaned_data["role"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"{user.username} joined the team as {form.cleaned_data['role']}.")
                return redirect("workspaces:team")
    return _team_page(request, add_form=form, status=422)


@owner_view
@require_POST
def member_role_change(request, membership_id):
    membership = selectors.access_membership(workspace=request.workspace, membership_id=membership_id)
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"role": "choose owner, member or read-only"})
        services.membership_role_change(membership=membership, role=form.cleaned_data["role"])
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.errors.values()))
    else:
        messages.success(request, f"{membership.user.username} is now {membership.get_role_display().lower()}.")
    return redirect("workspaces:team")


@owner_view
@require_POST
def member_remove(request, membership_id):
    membership = selectors.access_membership(workspace=request.workspace, membership_id=membership_id)
    try:
        services.membership_remove(membership=membership)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.errors.values()))
    else:
        messages.success(request, f"Removed {membership.user.username}: their tokens are revoked and they are "
                                  "signed out.")
    return redirect("workspaces:team")
