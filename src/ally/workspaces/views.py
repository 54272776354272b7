"""Settings pages: the user's API tokens for the current workspace, and the owners' team and audit trail."""

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ally.core.errors import NotFound, ValidationError
from ally.core.pages import apply_errors, bad_query, own_account, owner_view, safe_next, workspace_view
from ally.core.plugins import nav_entries
from ally.workspaces import selectors, services, two_factor
from ally.workspaces.audit_trail import AuditFilter, audit_entries
from ally.workspaces.forms import (
    ROLE_CHOICES,
    ApiTokenForm,
    AppCodeForm,
    CodeForm,
    MemberAddForm,
    PasswordForm,
    ProfileForm,
    RequireTwoFactorForm,
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
                                                       name=form.cleaned_data["name"],
                                                       read_only=form.cleaned_data["read_only"])
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
    members = selectors.team_members(workspace=request.workspace)
    return render(request, "workspaces/team.html", {
        "members": members, "add_form": add_form or MemberAddForm(), "role_choices": ROLE_CHOICES,
        "two_factor_users": selectors.users_with_two_factor(users=[m.user_id for m in members]),
        "require_form": RequireTwoFactorForm(initial={"required": request.workspace.require_two_factor}),
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


@owner_view
@require_POST
def team_two_factor(request):
    """Require two-factor login of the whole team, or stop requiring it (owners)."""
    form = RequireTwoFactorForm(request.POST)
    form.is_valid()
    required = bool(form.cleaned_data.get("required"))
    services.workspace_two_factor_require(workspace=request.workspace, required=required)
    messages.success(request, "Every member must now log in with an authenticator app; those without one are "
                              "asked to set it up first." if required else "Two-factor login is now each member's "
                              "choice.")
    return redirect("workspaces:team")


PENDING_KEY = "ally_two_factor_key"


def _no_store(response):
    # A secret (the app's key, recovery codes) is in this page: keep it out of every cache.
    response["Cache-Control"] = "no-store"
    return response


@own_account
@login_required
def two_factor_settings(request):
    """Set up an authenticator app (QR code and secret, confirmed with a code), see recovery codes left, get new
    ones, or turn two factors off. Reached outside a workspace guard: a workspace requiring two factors sends
    its members here before anything else."""
    device = two_factor.app_device(request.user)
    if device is not None:
        return _no_store(render(request, "workspaces/two_factor.html", {
            "device": device, "codes_left": two_factor.recovery_codes_left(request.user), "form": CodeForm(),
        }))
    key = request.session.get(PENDING_KEY)
    if not two_factor.valid_key(key):
        key = request.session[PENDING_KEY] = two_factor.new_key()
    form = AppCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                device, codes = services.two_factor_enable(user=request.user, key=key,
                                                           code=form.cleaned_data["code"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                request.session.pop(PENDING_KEY, None)
                # This session proved the app just now: it is verified, as if it had logged in with a code.
                from django_otp import login as otp_login

                otp_login(request, device)
                return _no_store(render(request, "workspaces/two_factor.html", {
                    "device": device, "new_codes": codes, "codes_left": len(codes), "form": CodeForm(),
                    "next": safe_next(request)}))
        status = 422
    url = two_factor.config_url(user=request.user, key=key)
    return _no_store(render(request, "workspaces/two_factor.html", {
        "form": form, "qr": two_factor.qr_svg(url), "config_url": url, "secret": two_factor.secret_text(key),
        "required": request.workspace is not None and request.workspace.require_two_factor,
        "next": safe_next(request)}, status=status))


@own_account
@login_required
@require_POST
def recovery_codes_regenerate(request):
    try:
        codes = services.recovery_codes_regenerate(user=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.errors.values()))
        return redirect("workspaces:two_factor")
    return _no_store(render(request, "workspaces/two_factor.html", {
        "device": two_factor.app_device(request.user), "new_codes": codes, "codes_left": len(codes),
        "form": CodeForm()}))


@own_account
@login_required
@require_POST
def two_factor_disable(request):
    form = CodeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"code": "enter a code from your app or a recovery code"})
        services.two_factor_disable(user=request.user, code=form.cleaned_data["code"])
    except ValidationError as exc:
        apply_errors(form, exc)
        return _no_store(render(request, "workspaces/two_factor.html", {
            "device": two_factor.app_device(request.user), "form": form,
            "codes_left": two_factor.recovery_codes_left(request.user)}, status=422))
    messages.success(request, "Two-factor login is off: your password alone logs you in.")
    return redirect("workspaces:two_factor")


@own_account
@login_required
def two_factor_login(request):
    """The login's second step, for a user with two factors: a code from the app or a recovery code. After
    MAX_CODE_ATTEMPTS wrong codes the session is signed out and the password must be given again."""
    if request.user.is_verified() or not two_factor.has_two_factor(request.user):
        return redirect(safe_next(request) or "agenda:today")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.verify(request.user, form.cleaned_data["code"])
        except two_factor.CodeRefused as exc:
            attempts = request.session.get(two_factor.ATTEMPTS_SESSION_KEY, 0) + 1
            request.session[two_factor.ATTEMPTS_SESSION_KEY] = attempts
            if attempts >= two_factor.MAX_CODE_ATTEMPTS:
                logout(request)
                messages.error(request, "Too many wrong codes: log in again with your password.")
                return redirect("login")
            form.add_error("code", str(exc))
        else:
            from django_otp import login as otp_login

            otp_login(request, device)
            request.session.pop(two_factor.ATTEMPTS_SESSION_KEY, None)
            return redirect(safe_next(request) or "agenda:today")
    status = 422 if form.errors else 200
    return render(request, "workspaces/two_factor_login.html", {"form": form, "next": safe_next(request) or ""},
                  status=status)
