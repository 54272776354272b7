"""Writes for workspaces, users and memberships."""

import hashlib
import re
import secrets
import zoneinfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from ally.errors import ValidationError
from ally.people.services import person_create
from ally.workspaces.models import ApiToken, Membership, Workspace

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


@transaction.atomic
def workspace_create(*, name: str, slug: str, owner=None, time_zone: str = "UTC") -> Workspace:
    """Create a workspace; its owner (a user) becomes its first member and a team-member person."""
    name, slug = (name or "").strip(), (slug or "").strip().lower()
    errors = {}
    if not name:
        errors["name"] = "is required"
    if not SLUG_RE.match(slug):
        errors["slug"] = "must be lower-case letters, digits and dashes (at most 60)"
    elif Workspace.objects.filter(slug=slug).exists():
        errors["slug"] = f"'{slug}' is already taken"
    _check_time_zone(time_zone, errors)
    if errors:
        raise ValidationError(errors)
    workspace = Workspace.objects.create(name=name, slug=slug, time_zone=time_zone)
    if owner is not None:
        membership_add(workspace=workspace, user=owner, role=Membership.Role.OWNER)
    return workspace


def _check_time_zone(time_zone: str, errors: dict) -> None:
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = f"'{time_zone}' is not a known time zone"


def user_create(*, username: str, password: str, email: str = "", first_name: str = "", last_name: str = ""):
    """Create a login; names the field when the username or email is taken or malformed."""
    User = get_user_model()
    username, email = (username or "").strip(), (email or "").strip().lower()
    errors = {}
    if not username:
        errors["username"] = "is required"
    elif User.objects.filter(username=username).exists():
        errors["username"] = f"'{username}' is already taken"
    if email:
        try:
            validate_email(email)
        except DjangoValidationError:
            errors["email"] = f"'{email}' is not a valid email address"
        else:
            if User.objects.filter(email__iexact=email).exists():
                errors["email"] = f"'{email}' is already used by another user"
    if not password or len(password) < 4:
        errors["password"] = "must be at least 4 characters"
    if errors:
        raise ValidationError(errors)
    try:
        return User.objects.create_user(
            username=username, password=password, email=email, first_name=first_name, last_name=last_name
        )
    except IntegrityError as exc:  # a concurrent create won the race
        raise ValidationError({"username": "is already taken"}) from exc


@transaction.atomic
def membership_add(*, workspace: Workspace, user, role: str = Membership.Role.MEMBER) -> Membership:
    """Seat a user in a workspace and create the Person that represents them in the graph."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"must be one of {', '.join(Membership.Role.values)}"})
    if Membership.objects.filter(workspace=workspace, user=user).exists():
        raise ValidationError({"user": f"'{user.username}' is already a member of {workspace.slug}"})
    name = user.get_full_name() or user.username
    person = person_create(workspace=workspace, name=name, emails=[user.email] if user.email else [])
    return Membership.objects.create(workspace=workspace, user=user, role=role, person=person)


def _hash_token(raw: str) -> str:
    # Tokens are 256 random bits, so a fast hash is enough; no salt or stretching is needed.
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, workspace: Workspace, name: str = "") -> tuple[ApiToken, str]:
    """Issue a token for a member; the raw token is returned once and never stored."""
    name = (name or "").strip() or "API token"
    errors = {}
    if len(name) > 100:
        errors["name"] = "is longer than 100 characters"
    if not Membership.objects.filter(workspace=workspace, user=user).exists():
        errors["user"] = f"'{user.username}' is not a member of {workspace.slug}"
    if errors:
        raise ValidationError(errors)
    raw = "ally_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(workspace=workspace, user=user, name=name, prefix=raw[:12],
                                    token_hash=_hash_token(raw))
    return token, raw


def api_token_revoke(*, token) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_token_authenticate(*, raw: str):
    """The live token for a raw bearer string, or None; records when it was last used."""
    token = (
        ApiToken.objects.select_related("workspace", "user")
        .filter(token_hash=_hash_token(raw or ""), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(id=token.id).update(last_used_at=now)
    return token
