from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from ally.people.models import Organization, Person
from ally.workspaces.models import Workspace


class Purchase(models.Model):
    """Something a customer bought from us; the start of ownership, and the input of lifetime value."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="purchases")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="purchases"
    )
    offering = models.ForeignKey(
        "opportunities.Offering", null=True, blank=True, on_delete=models.SET_NULL, related_name="purchases"
    )
    description = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    currency = models.CharField(max_length=3)
    purchased_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-purchased_on", "-id"]
        indexes = [
            models.Index(fields=["workspace", "person", "purchased_on"]),
            models.Index(fields=["workspace", "purchased_on"]),
        ]

    def __str__(self):
        return f"{self.label} on {self.purchased_on}"

    @property
    def label(self) -> str:
        """What was bought, in words: the description, else the offering's name."""
        if self.description:
            return self.description
        return self.offering.name if self.offering_id else "a purchase"


class CheckInPlaybook(models.Model):
    """When to check in after a purchase: the workspace's default playbook, or one offering's own."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    offering = models.ForeignKey(
        "opportunities.Offering", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "offering"], name="playbook_one_per_offering"),
            models.UniqueConstraint(fields=["workspace"], condition=Q(offering__isnull=True),
                                    name="playbook_one_default"),
        ]

    def __str__(self):
        return f"Playbook for {self.offering}" if self.offering_id else "Default playbook"


class CheckInStep(models.Model):
    """One step of a playbook: check in `day` days after the purchase, asking `question`."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    playbook = models.ForeignKey(CheckInPlaybook, on_delete=models.CASCADE, related_name="steps")
    day = models.PositiveIntegerField()
    question = models.CharField(max_length=500)

    class Meta:
        ordering = ["day", "id"]
        constraints = [models.UniqueConstraint(fields=["workspace", "playbook", "day"], name="checkinstep_unique_day")]


class CheckIn(models.Model):
    """A planned conversation with a customer about what they bought, due some days after the purchase."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"

    class Outcome(models.TextChoices):
        GOING_WELL = "going_well", "Going well"
        MIXED = "mixed", "Mixed"
        PROBLEM = "problem", "Has a problem"
        NO_ANSWER = "no_answer", "Could not reach them"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    purchase = models.ForeignKey(Purchase, on_delete=models.CASCADE, related_name="check_ins")
    # Copied from the purchase so Today and the person page read check-ins without a join.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="check_ins")
    day = models.PositiveIntegerField()
    due_on = models.DateField()
    question = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    satisfaction = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["workspace", "status", "due_on"]),
            models.Index(fields=["workspace", "person", "due_on"]),
            models.Index(fields=["workspace", "completed_at"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "purchase", "day"], name="checkin_unique_day"),
            models.CheckConstraint(condition=Q(satisfaction__isnull=True) | Q(satisfaction__lte=10),
                                   name="checkin_satisfaction_0_10"),
        ]

    def __str__(self):
        return f"Day-{self.day} check-in on {self.due_on}"


class Feedback(models.Model):
    """What a customer told us about their experience unprompted (a review, an email, a remark).

    Scores asked for at check-ins live on the check-in; this is everything else they volunteer.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="feedback")
    purchase = models.ForeignKey(Purchase, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)
    received_on = models.DateField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["workspace", "person", "received_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__lte=10), name="feedback_score_0_10"),
        ]


class Referral(models.Model):
    """An introduction: someone who introduced a person to us (received), or whom we introduced a person to (given).

    - received: `referrer` introduced `person` to us; `person` is the resulting person.
    - given: we introduced `person` to `introduced_to` (someone in Ally) or `introduced_to_name`
      (a business or professional outside it), often because what we sell was not the right fit.
    """

    class Direction(models.TextChoices):
        RECEIVED = "received", "Received: introduced to us"
        GIVEN = "given", "Given: we introduced them"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    direction = models.CharField(max_length=8, choices=Direction.choices)
    referrer = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="referrals_made")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="referrals")
    introduced_to = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="introductions_received")
    introduced_to_name = models.CharField(max_length=200, blank=True)
    referred_on = models.DateField()
    note = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-referred_on", "-id"]
        indexes = [
            models.Index(fields=["workspace", "referred_on"]),
            models.Index(fields=["workspace", "referrer"]),
            models.Index(fields=["workspace", "person"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "referrer", "person"], condition=Q(direction="received"),
                                    name="referral_received_once"),
            models.CheckConstraint(condition=~Q(referrer=models.F("person")), name="referral_not_self"),
            models.CheckConstraint(
                condition=(Q(direction="received", referrer__isnull=False, introduced_to__isnull=True,
                             introduced_to_name="")
                           | Q(direction="given", referrer__isnull=True)),
                name="referral_direction_fields"),
        ]
