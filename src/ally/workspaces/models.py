import hashlib

from django.conf import settings
from django.db import models


class Workspace(models.Model):
    """A team's (or one person's) whole CRM: the security boundary and the sharding key."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    default_currency = models.CharField(max_length=3, default="USD")
    phone_region = models.CharField(max_length=2, default="US", help_text="Region assumed for phone numbers without a country code.")
    require_two_factor = models.BooleanField(
        default=False, help_text="Every member must sign in with a code from an authenticator app (owners set it).")
    default_cadence_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Keep in touch every so many days with a new person, unless told otherwise.")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A user's seat in a workspace; the team member is also a Person so the graph can start there."""

    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        MEMBER = "member", "Member"
        READ_ONLY = "read_only", "Read-only"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    person = models.OneToOneField(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="membership"
    )
    time_zone = models.CharField(max_length=64, blank=True, help_text="Empty: the workspace's time zone.")
    date_style = models.CharField(max_length=8, default="dmy", help_text="How dates read: dmy, mdy or iso.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="membership_unique_user_per_workspace"),
        ]

    def __str__(self):
        return f"{self.user} in {self.workspace}"

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.name
        return self.user.get_full_name() or self.user.username

    @property
    def effective_time_zone(self) -> str:
        return self.time_zone or self.workspace.time_zone


def hash_token(raw: str) -> str:
    """The stored form of a secret token (API tokens, calendar feed addresses): only the hash is kept.
    Tokens are 256 random bits, so a fast hash is enough; no salt or stretching is needed."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API, belonging to a user in one workspace; only its hash is stored."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="api_tokens")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="The token's first characters, to recognise it in lists.")
    token_hash = models.CharField(max_length=64, unique=True)
    read_only = models.BooleanField(default=False, help_text="Reads only: every write with it is refused (403).")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class AuditEntry(models.Model):
    """One write to a workspace's data: who made it (a member on a page, a token, a command, an import),
    when, what kind of change to which object, and the fields it changed (old -> new; never a secret).

    `person_id` is a plain number, not a foreign key, so the trail of a deleted person stays readable.
    Entries without a workspace belong to the installation (a login created, a workspace deleted).
    """

    class Via(models.TextChoices):
        WEB = "web", "Page"
        API = "api", "API token"
        CLI = "cli", "Command line"
        IMPORT = "import", "Import"
        SYSTEM = "system", "Ally"

    workspace = models.ForeignKey(Workspace, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    token = models.ForeignKey(ApiToken, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.SYSTEM)
    action = models.CharField(max_length=60, help_text="What changed, e.g. person.updated or case.escalated.")
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    person_id = models.BigIntegerField(null=True, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "at"]),
            models.Index(fields=["workspace", "person_id", "at"]),
            models.Index(fields=["workspace", "action", "at"]),
        ]

    def __str__(self):
        return f"{self.action} {self.object_label or self.object_id or ''}".strip()
