"""Writes for workspaces, users, memberships and API tokens; each records its audit entry."""

import re
import secrets
import zoneinfo

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.core.plugins import hook_functions
from ally.core.validation import clean_choice, clean_currency, clean_int, clean_text, raise_errors, unknown_fields
from ally.core.words import DATE_STYLES
from ally.workspaces.audit import audit_record, audited, created, current_actor, diff, refuse_unless_owner, snapshot
from ally.workspaces.models import ApiToken, Membership, Workspace, hash_token
from ally.workspaces.passwords import check_password

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
REGION_RE = re.compile(r"^[A-Z]{2}$")
WORKSPACE_FIELDS = ("name", "time_zone", "default_currency", "phone_region", "default_cadence_days")
PROFILE_FIELDS = ("first_name", "last_name", "email", "time_zone", "date_style")
MAX_CADENCE_DAYS = 3650


def _check_time_zone(time_zone: str, field: str, errors: dict) -> None:
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        errors[field] = f"'{time_zone}' is not a known time zone"


@audited
def workspace_create(*, name: str, slug: str, owner=None, time_zone: str = "UTC") -> Workspace:
    """Create a workspace; its owner (a user) becomes its first member and a team-member person."""
    errors: dict[str, str] = {}
    name = clean_text(name, "name", errors, required=True, max_length=120)
    slug = (slug or "").strip().lower()
    if not SLUG_RE.match(slug):
        errors["slug"] = "must be lower-case letters, digits and dashes (at most 60)"
    elif Workspace.objects.filter(slug=slug).exists():
        errors["slug"] = f"'{slug}' is already taken"
    _check_time_zone(time_zone, "time_zone", errors)
    raise_errors(errors)
    workspace = Workspace.objects.create(name=name, slug=slug, time_zone=time_zone)
    audit_record(workspace=workspace, action="workspace.created", target=workspace,
                 changes=created(snapshot(workspace, ("name", "slug", "time_zone"))))
    if owner is not None:
        membership_add(workspace=workspace, user=owner, role=Membership.Role.OWNER)
    return workspace


@audited
def workspace_update(*, workspace: Workspace, **changes) -> Workspace:
    """Rename a workspace or change its defaults (time zone, currency, phone region)."""
    refuse_unless_owner()
    unknown_fields(changes, WORKSPACE_FIELDS, "a workspace")
    errors: dict[str, str] = {}
    clean = dict(changes)
    if "name" in changes:
        clean["name"] = clean_text(changes["name"], "name", errors, required=True, max_length=120)
    if "time_zone" in changes:
        _check_time_zone(changes["time_zone"], "time_zone", errors)
    if "default_currency" in changes:
        clean["default_currency"] = clean_currency(changes["default_currency"], "default_currency", errors)
    if "phone_region" in changes:
        clean["phone_region"] = (changes["phone_region"] or "").strip().upper()
        if not REGION_RE.match(clean["phone_region"]):
            errors["phone_region"] = "must be a two-letter country code, e.g. US or DE"
    if "default_cadence_days" in changes:
        clean["default_cadence_days"] = clean_int(
            changes["default_cadence_days"], "default_cadence_days", errors, low=1, high=MAX_CADENCE_DAYS, unit="days",
            too_low="must be a positive number of days", too_high=f"must be at most {MAX_CADENCE_DAYS} days (ten years)")
    raise_errors(errors)
    before = snapshot(workspace, WORKSPACE_FIELDS)
    for field, value in clean.items():
        setattr(workspace, field, value)
    workspace.save(update_fields=list(clean))
    audit_record(workspace=workspace, action="workspace.updated", target=workspace,
                 changes=diff(before, snapshot(workspace, WORKSPACE_FIELDS)))
    return workspace


@audited
def workspace_delete(*, workspace: Workspace) -> None:
    """Delete a workspace and everything in it; the installation's trail keeps that it happened."""
    refuse_unless_owner()
    audit_record(workspace=None, action="workspace.deleted", object_type="workspace",
                 label=f"{workspace.name} ({workspace.slug})", changes={"slug": [workspace.slug, None]})
    workspace.delete()


@audited
def user_create(*, username: str, password: str, email: str = "", first_name: str = "", last_name: str = ""):
    """Create a login; names the field when the username or email is taken or malformed, or the password weak."""
    User = get_user_model()
    errors: dict[str, str] = {}
    username = clean_text(username, "username", errors, required=True, max_length=150)
    email = clean_text(email, "email", errors, max_length=254).lower()
    first_name = clean_text(first_name, "first_name", errors, max_length=150)
    last_name = clean_text(last_name, "last_name", errors, max_length=150)
    if username and "username" not in errors and User.objects.filter(username=username).exists():
        errors["username"] = f"'{username}' is already taken"
    if email and "email" not in errors:
        try:
            validate_email(email)
        except DjangoValidationError:
            errors["email"] = f"'{email}' is not a valid email address"
        else:
            if User.objects.filter(email__iexact=email).exists():
                errors["email"] = f"'{email}' is already used by another user"
    check_password(password, errors, username=username, email=email, first_name=first_name, last_name=last_name)
    raise_errors(errors)
    try:
        user = User.objects.create_user(username=username, password=password, email=email, first_name=first_name,
                                        last_name=last_name)
    except IntegrityError as exc:  # a concurrent create won the race
        raise ValidationError({"username": "is already taken"}) from exc
    audit_record(workspace=None, action="user.created", target=user, label=username,
                 changes=created({"username": username, "email": email}))
    return user


@audited(own_account=True)
def password_change(*, user, current: str, password: str) -> None:
    """Give a login a new password, after proving the current one; the same rules as a new account's."""
    errors: dict[str, str] = {}
    if not user.check_password(current or ""):
        errors["current"] = "is not your current password"
    check_password(password, errors, username=user.username, email=user.email, first_name=user.first_name,
                   last_name=user.last_name)
    raise_errors(errors)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(workspace=None, action="user.password_changed", target=user, label=user.username)


@audited(own_account=True)
def profile_update(*, membership: Membership, **changes) -> Membership:
    """Change one's own profile: name and email (the login's), and, for this workspace, one's time zone (empty:
    the workspace's) and how dates read. Validated as a new account's name and email are."""
    unknown_fields(changes, PROFILE_FIELDS, "a profile")
    user = membership.user
    User = get_user_model()
    errors: dict[str, str] = {}
    clean: dict[str, str] = {}
    for field in ("first_name", "last_name"):
        if field in changes:
            clean[field] = clean_text(changes[field], field, errors, max_length=150)
    if "email" in changes:
        clean["email"] = email = clean_text(changes["email"], "email", errors, max_length=254).lower()
        if email and "email" not in errors:
            try:
                validate_email(email)
            except DjangoValidationError:
                errors["email"] = f"'{email}' is not a valid email address"
            else:
                if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
                    errors["email"] = f"'{email}' is already used by another user"
    if "time_zone" in changes:
        clean["time_zone"] = (changes["time_zone"] or "").strip()
        if clean["time_zone"]:
            _check_time_zone(clean["time_zone"], "time_zone", errors)
    if "date_style" in changes:
        clean["date_style"] = clean_choice(changes["date_style"], tuple(DATE_STYLES), "date_style", errors)
    raise_errors(errors)
    before = {**snapshot(user, PROFILE_FIELDS[:3]), **snapshot(membership, PROFILE_FIELDS[3:])}
    for field, value in clean.items():
        setattr(user if field in PROFILE_FIELDS[:3] else membership, field, value)
    if user_fields := [field for field in clean if field in PROFILE_FIELDS[:3]]:
        user.save(update_fields=user_fields)
    if seat_fields := [field for field in clean if field in PROFILE_FIELDS[3:]]:
        membership.save(update_fields=seat_fields)
    after = {**snapshot(user, PROFILE_FIELDS[:3]), **snapshot(membership, PROFILE_FIELDS[3:])}
    audit_record(workspace=membership.workspace_id, action="member.profile_updated", target=membership,
                 label=user.username, person_id=membership.person_id, changes=diff(before, after))
    return membership


@audited
def membership_add(*, workspace: Workspace, user, role: str = Membership.Role.MEMBER) -> Membership:
    """Seat a user in a workspace; the apps with a `member_seated` hook add what a seat brings (the people
    app: the Person that represents them in the graph)."""
    refuse_unless_owner()
    _check_role(role)
    if Membership.objects.filter(workspace=workspace, user=user).exists():
        raise ValidationError({"user": f"'{user.username}' is already a member of {workspace.slug}"})
    membership = Membership.objects.create(workspace=workspace, user=user, role=role)
    for seated in hook_functions("member_seated"):
        seated(membership=membership)
    audit_record(workspace=workspace, action="member.added", target=membership, label=user.username,
                 person_id=membership.person_id, changes=created({"user": user.username, "role": role}))
    return membership


def _check_role(role: str) -> None:
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"must be one of {', '.join(Membership.Role.values)}"})


def _refuse_leaving_no_owner(membership: Membership) -> None:
    """A workspace always keeps an owner: someone must be able to manage its team."""
    others = Membership.objects.filter(workspace_id=membership.workspace_id, role=Membership.Role.OWNER) \
        .exclude(id=membership.id)
    if membership.role == Membership.Role.OWNER and not others.exists():
        raise ValidationError({"role": f"'{membership.user.username}' is the last owner of this workspace; "
                                       "make someone else an owner first"})


@audited
def membership_role_change(*, membership: Membership, role: str) -> Membership:
    """Make a team member an owner, a member or read-only."""
    refuse_unless_owner()
    _check_role(role)
    if role != Membership.Role.OWNER:
        _refuse_leaving_no_owner(membership)
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(workspace=membership.workspace_id, action="member.role_changed", target=membership,
                 label=membership.user.username, person_id=membership.person_id,
                 changes={"role": [before, role]} if before != role else {})
    return membership


@audited
def membership_remove(*, membership: Membership) -> None:
    """Take a member's seat away: their API tokens for this workspace are revoked and they are signed out
    everywhere (a session cannot be narrowed to one workspace), so nothing they held keeps working. Their
    team-member person stays, as the people they knew are still related to it."""
    refuse_unless_owner()
    _refuse_leaving_no_owner(membership)
    user = membership.user
    revoked = ApiToken.objects.filter(workspace_id=membership.workspace_id, user=user, revoked_at__isnull=True) \
        .update(revoked_at=timezone.now())
    sessions = _end_sessions(user)
    audit_record(workspace=membership.workspace_id, action="member.removed", target=membership,
                 label=user.username, person_id=membership.person_id,
                 changes={"user": [user.username, None], "role": [membership.role, None],
                          "tokens_revoked": [None, revoked], "sessions_ended": [None, sessions]})
    membership.delete()


def _end_sessions(user) -> int:
    """Delete the user's live sessions. Sessions are stored encoded, so each live one is decoded; a team's
    installation has few enough that this is cheap next to leaving a removed member signed in."""
    ended = [session.session_key for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
             if session.get_decoded().get("_auth_user_id") == str(user.pk)]
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)


@audited(own_account=True)
def api_token_create(*, user, workspace: Workspace, name: str = "", read_only: bool = False) -> tuple[ApiToken, str]:
    """Issue a token for a member; the raw token is returned once and never stored. Only owners issue
    tokens for someone else. A `read_only` token reads what its member reads and every write with it is 403."""
    if getattr(current_actor().user, "pk", None) != user.pk:
        refuse_unless_owner()
    errors: dict[str, str] = {}
    name = clean_text(name, "name", errors, max_length=100) or "API token"
    if not Membership.objects.filter(workspace=workspace, user=user).exists():
        errors["user"] = f"'{user.username}' is not a member of {workspace.slug}"
    raise_errors(errors)
    raw = "ally_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(workspace=workspace, user=user, name=name, prefix=raw[:12],
                                    token_hash=hash_token(raw), read_only=bool(read_only))
    audit_record(workspace=workspace, action="token.created", target=token,
                 changes=created({"name": name, "user": user.username, "prefix": token.prefix,
                                  "read_only": token.read_only}))
    return token, raw


@audited(own_account=True)
def api_token_revoke(*, token) -> None:
    """Revoke a token; only owners revoke someone else's."""
    if getattr(current_actor().user, "pk", None) != token.user_id:
        refuse_unless_owner()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    audit_record(workspace=token.workspace_id, action="token.revoked", target=token,
                 changes={"revoked_at": [None, token.revoked_at.isoformat()]})



@audited(own_account=True)
def two_factor_enable(*, user, key: str, code: str):
    """Turn on two-factor login for a user: `key` is the secret their authenticator app was given (the QR code),
    `code` the app's current code, proving the app has it. Returns (device, recovery codes): the codes are
    shown once. Any earlier app and recovery codes are replaced."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ally.workspaces import two_factor

    if not two_factor.valid_key(key):
        raise ValidationError({"code": "the set-up expired; reload the page and scan the new QR code"})
    step = two_factor.totp_step(key, code)
    if step is None:
        raise ValidationError({"code": "is not the code your app shows now (check that the phone's clock is right)"})
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    # last_t: the code just given cannot be given again to log in.
    device = TOTPDevice.objects.create(user=user, name=two_factor.APP_DEVICE_NAME, key=key, confirmed=True,
                                       last_t=step)
    codes = two_factor.new_recovery_codes(user)
    audit_record(workspace=None, action="user.two_factor_enabled", target=user, label=user.username,
                 changes={"two_factor": [False, True], "recovery_codes": [None, len(codes)]})
    return device, codes


@audited(own_account=True)
def two_factor_disable(*, user, code: str) -> None:
    """Turn two-factor login off, after a current code from the app or a recovery code."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ally.workspaces import two_factor

    try:
        two_factor.verify(user, code)
    except two_factor.CodeRefused as exc:
        raise ValidationError({"code": str(exc)}) from None
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(workspace=None, action="user.two_factor_disabled", target=user, label=user.username,
                 changes={"two_factor": [True, False]})


@audited(own_account=True)
def recovery_codes_regenerate(*, user) -> list[str]:
    """New recovery codes for a user with two factors; the old ones stop working. The codes are shown once."""
    from ally.workspaces import two_factor

    if not two_factor.has_two_factor(user):
        raise ValidationError({"two_factor": "set up an authenticator app first"})
    codes = two_factor.new_recovery_codes(user)
    audit_record(workspace=None, action="user.recovery_codes_regenerated", target=user, label=user.username,
                 changes={"recovery_codes": [None, len(codes)]})
    return codes


@audited
def workspace_two_factor_require(*, workspace: Workspace, required: bool) -> Workspace:
    """Require (or stop requiring) two-factor login of every member of the workspace; owners only. Members
    without an authenticator app are sent to set one up before anything else."""
    refuse_unless_owner()
    if not isinstance(required, bool):
        raise ValidationError({"require_two_factor": "must be true or false"})
    before = workspace.require_two_factor
    workspace.require_two_factor = required
    workspace.save(update_fields=["require_two_factor"])
    audit_record(workspace=workspace, action="workspace.two_factor_required", target=workspace,
                 changes={"require_two_factor": [before, required]} if before != required else {})
    return workspace
