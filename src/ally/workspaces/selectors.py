"""Reads for workspaces and memberships."""

from ally.core.errors import NotFound
from ally.workspaces.models import Membership, Workspace


def memberships_for_user(*, user):
    return Membership.objects.filter(user=user).select_related("workspace", "person").order_by("workspace__name")


def membership_for(*, user, workspace_id: int | None) -> Membership | None:
    """The user's membership in the chosen workspace, or their first one."""
    memberships = memberships_for_user(user=user)
    if workspace_id is not None:
        chosen = memberships.filter(workspace_id=workspace_id).first()
        if chosen is not None:
            return chosen
    return memberships.first()


def workspace_by_slug(*, slug: str) -> Workspace:
    workspace = Workspace.objects.filter(slug=slug).first()
    if workspace is None:
        raise NotFound("workspace")
    return workspace


def team_members(*, workspace):
    return Membership.objects.filter(workspace=workspace).select_related("user", "person").order_by("person__name")


def access_membership(*, workspace, membership_id) -> Membership:
    membership = team_members(workspace=workspace).filter(id=membership_id).first()
    if membership is None:
        raise NotFound("team member")
    return membership


def api_tokens(*, workspace, user=None):
    from ally.workspaces.models import ApiToken

    tokens = ApiToken.objects.filter(workspace=workspace).select_related("user")
    return tokens.filter(user=user) if user is not None else tokens


def access_api_token(*, workspace, token_id, user=None):
    token = api_tokens(workspace=workspace, user=user).filter(id=token_id).first()
    if token is None:
        raise NotFound("API token")
    return token


def user_by_reference(*, reference: str):
    """A user by username or email (case-insensitive), as typed on the command line."""
    from django.contrib.auth import get_user_model

    text = (reference or "").strip()
    users = get_user_model().objects.all()
    user = users.filter(username=text).first() if text else None
    if user is None and "@" in text:
        user = users.filter(email__iexact=text).order_by("id").first()
    if user is None:
        raise NotFound(f"user '{text}'")
    return user


def access_membership_of(*, workspace, user) -> Membership:
    """The user's seat in this workspace; NotFound when they are not a member."""
    membership = team_members(workspace=workspace).filter(user=user).first()
    if membership is None:
        raise NotFound(f"membership of '{user.username}' in {workspace.slug}")
    return membership


def first_owner(*, workspace) -> Membership | None:
    """The workspace's earliest owner: whose Today the command line shows unless told otherwise."""
    return (team_members(workspace=workspace).filter(role=Membership.Role.OWNER)
            .order_by("created_at", "id").first())


def workspace_summaries() -> list[dict]:
    """Every workspace with how many members and people it has, in two queries."""
    from django.apps import apps
    from django.db.models import Count

    # By model name: the workspaces layer counts people without importing the people app above it.
    Person = apps.get_model("people", "Person")
    people = dict(Person.objects.values_list("workspace_id").annotate(n=Count("id")).values_list("workspace_id", "n"))
    return [
        {"slug": w.slug, "name": w.name, "time_zone": w.time_zone, "members": w.member_count,
         "people": people.get(w.id, 0)}
        for w in Workspace.objects.annotate(member_count=Count("memberships")).order_by("slug")
    ]


def api_token_for_bearer(*, raw: str):
    """The live token for a raw bearer string, or None; notes when it was last used (at most once a minute,
    so a busy script does not write on every request)."""
    import datetime as dt

    from django.utils import timezone

    from ally.workspaces.models import ApiToken, hash_token

    token = (ApiToken.objects.select_related("workspace", "user")
             .filter(token_hash=hash_token(raw or ""), revoked_at__isnull=True, user__is_active=True).first())
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
            ApiToken.objects.filter(id=token.id).update(last_used_at=now)
    return token


def users_with_two_factor(*, users) -> set[int]:
    """The ids among `users` (ids) that log in with an authenticator app."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return set(TOTPDevice.objects.filter(user_id__in=users, confirmed=True).values_list("user_id", flat=True))
