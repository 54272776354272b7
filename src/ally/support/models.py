import datetime as dt

from django.conf import settings
from django.db import models

from ally.people.models import Organization, Person
from ally.workspaces.models import Membership, Workspace


class Severity(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


class SupportSettings(models.Model):
    """A workspace's SLA targets, in hours, for the first reply and for the resolution, per severity.

    A workspace without a row uses the defaults below; saving the settings page creates the row.
    """

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="+")
    low_first_response_hours = models.PositiveIntegerField(default=24)
    low_resolution_hours = models.PositiveIntegerField(default=240)
    normal_first_response_hours = models.PositiveIntegerField(default=8)
    normal_resolution_hours = models.PositiveIntegerField(default=72)
    high_first_response_hours = models.PositiveIntegerField(default=4)
    high_resolution_hours = models.PositiveIntegerField(default=24)
    urgent_first_response_hours = models.PositiveIntegerField(default=1)
    urgent_resolution_hours = models.PositiveIntegerField(default=8)
    updated_at = models.DateTimeField(auto_now=True)

    TARGET_FIELDS = tuple(f"{severity}_{target}_hours" for severity in Severity.values
                          for target in ("first_response", "resolution"))

    def first_response_target(self, severity: str) -> dt.timedelta:
        return dt.timedelta(hours=getattr(self, f"{severity}_first_response_hours"))

    def resolution_target(self, severity: str) -> dt.timedelta:
        return dt.timedelta(hours=getattr(self, f"{severity}_resolution_hours"))


class Case(models.Model):
    """A problem a customer has with us, owned inside the company by a champion who fights for the fix."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        WAITING_ON_CUSTOMER = "waiting_on_customer", "Waiting on the customer"
        WAITING_ON_US = "waiting_on_us", "Waiting on us"
        RESOLVED = "resolved", "Resolved, pending the customer's confirmation"
        CONFIRMED_FIXED = "confirmed_fixed", "Confirmed fixed"
        CLOSED_WITHOUT_FIX = "closed_without_fix", "Closed without fix"

    FINISHED = (Status.CONFIRMED_FIXED, Status.CLOSED_WITHOUT_FIX)

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cases")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="cases")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    severity = models.CharField(max_length=6, choices=Severity.choices, default=Severity.NORMAL)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    champion = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="championed_cases")
    opened_at = models.DateTimeField()
    # Kept by the services from the case's events, so lists and the dashboard never replay them.
    first_responded_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    customer_confirmed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    purchase = models.ForeignKey("ownership.Purchase", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="cases")
    check_in = models.ForeignKey("ownership.CheckIn", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="cases")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "status", "opened_at"]),
            models.Index(fields=["workspace", "champion", "status"]),
            models.Index(fields=["workspace", "person", "opened_at"]),
            models.Index(fields=["workspace", "first_responded_at"]),
            models.Index(fields=["workspace", "closed_at"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class CaseEvent(models.Model):
    """One thing that happened on a case; each is also on the customer's timeline."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Opened"
        STATUS = "status", "Status changed"
        REPLY = "reply", "Replied to the customer"
        NOTE = "note", "Internal note"
        ESCALATED = "escalated", "Escalated"
        APOLOGY = "apology", "Apologised"
        CONFIRMATION = "confirmation", "Customer confirmed the fix"
        CHAMPION = "champion", "Champion changed"
        SEVERITY = "severity", "Severity changed"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    occurred_at = models.DateTimeField()
    text = models.TextField(blank=True)
    from_value = models.CharField(max_length=20, blank=True)
    to_value = models.CharField(max_length=20, blank=True)
    # Escalations say to whom; a champion change names the new champion here too.
    member = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["workspace", "case", "occurred_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.occurred_at:%Y-%m-%d %H:%M}"
