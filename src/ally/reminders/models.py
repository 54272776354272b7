from django.db import models

from ally.workspaces.models import Membership, Workspace


class CalendarFeed(models.Model):
    """A member's private calendar address: a calendar app subscribes to it to see the member's Today.

    Only the hash of its secret is kept (like an API token's); rotating replaces the secret, revoking
    deletes the row, and either way the old address answers 404 from then on.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=12, help_text="The secret's first characters, to recognise the address.")
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "membership"], name="calendar_feed_one_per_member")]

    def __str__(self):
        return f"calendar feed of {self.membership.user.username} ({self.prefix}…)"


class DigestSubscription(models.Model):
    """A member's morning email of Today: whether it is on and the local time (their zone) it goes out."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    enabled = models.BooleanField(default=True)
    send_at = models.TimeField(help_text="Local time in the member's time zone.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "membership"], name="digest_one_per_member")]

    def __str__(self):
        return f"digest of {self.membership.user.username} at {self.send_at:%H:%M}"


class DigestDelivery(models.Model):
    """One member's morning email for one of their local days.

    The row is claimed (inserted) before anything is sent: the unique (workspace, member, day) is what keeps
    a member to one email a day however many schedulers or workers run.
    """

    class Status(models.TextChoices):
        CLAIMED = "claimed", "Being sent"
        SENT = "sent", "Sent"
        NOTHING_DUE = "nothing_due", "Nothing due"
        FAILED = "failed", "Failed"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(help_text="The member's local day the email is for.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CLAIMED)
    attempts = models.PositiveSmallIntegerField(default=0)
    item_count = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "membership", "day"], name="digest_once_a_day")]
        ordering = ["-day", "-id"]

    def __str__(self):
        return f"digest of {self.membership.user.username} for {self.day}: {self.status}"
