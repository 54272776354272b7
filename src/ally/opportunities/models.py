"""Needs in the customer's words, the buyer's decision journey, and the catalogues around them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ally.people.models import Organization, Person
from ally.workspaces.models import Workspace


class Driver(models.TextChoices):
    """Why a need matters to the customer: what it would grow, protect, save or give them."""

    GROWTH = "growth", "Growth"
    RISK = "risk", "Risk"
    EFFICIENCY = "efficiency", "Efficiency"
    MISSED_OPPORTUNITY = "missed_opportunity", "Missed opportunity"
    PERSONAL = "personal", "Personal"
    OTHER = "other", "Other"


class Offering(models.Model):
    """Something the workspace offers: a product or a service in its small catalogue."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # A usual price, only to pre-fill the purchase when a customer comes to own it; never used to rank.
    price = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="offering_unique_name")]

    def __str__(self):
        return self.name


class Alternative(models.Model):
    """Another vendor's product or service we recommend when ours is not the right fit."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    vendor = models.CharField(max_length=200, blank=True)
    good_for = models.TextField(blank=True, help_text="What it is good for, so the team recommends it well.")
    website = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="alternative_unique_name")]

    def __str__(self):
        return self.name


class NeedQuerySet(models.QuerySet):
    def touch(self) -> int:
        """These needs were talked about now (their clock for "gone quiet")."""
        return self.update(touched_at=timezone.now())


class Need(models.Model):
    """Something a customer needs, in their own words: who said it, when, why it matters and what waiting costs."""

    objects = NeedQuerySet.as_manager()

    class Status(models.TextChoices):
        SUSPECTED = "suspected", "Suspected (our guess)"
        CONFIRMED = "confirmed", "Confirmed (they said so)"
        ADDRESSED = "addressed", "Addressed"
        DROPPED = "dropped", "Dropped"

    class Period(models.TextChoices):
        WEEK = "week", "per week"
        MONTH = "month", "per month"
        QUARTER = "quarter", "per quarter"
        YEAR = "year", "per year"

    OPEN_STATUSES = (Status.SUSPECTED, Status.CONFIRMED)

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="needs")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="needs")
    text = models.TextField(help_text="In the customer's own words.")
    said_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="needs_said")
    said_at = models.DateTimeField()
    interaction = models.ForeignKey("interactions.Interaction", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="needs")
    driver = models.CharField(max_length=20, choices=Driver.choices, default=Driver.OTHER)
    urgency = models.PositiveSmallIntegerField(default=3, help_text="1-5, as the customer sees it.")
    cost_of_doing_nothing = models.TextField(blank=True, help_text="In their words.")
    cost_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    cost_currency = models.CharField(max_length=3, blank=True)
    cost_period = models.CharField(max_length=8, choices=Period.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUSPECTED)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Set by every service that works on the need; Today flags urgent needs nobody has touched in 14 days.
    touched_at = models.DateTimeField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-urgency", "-said_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "person", "status"]),
            models.Index(fields=["workspace", "status", "urgency", "touched_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(urgency__gte=1, urgency__lte=5), name="need_urgency_1_to_5"),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Stage(models.TextChoices):
    """The buyer's decision journey, in the customer's terms, with its two honest endings."""

    EXPLORING = "exploring", "Exploring"
    COMMITTED_TO_CHANGE = "committed_to_change", "Committed to change"
    EVALUATING = "evaluating", "Evaluating"
    DECIDING = "deciding", "Deciding"
    OWNING = "owning", "Owning"
    NOT_A_FIT = "not_a_fit", "Not a fit"
    STAYING_AS_IS = "staying_as_is", "Staying as is"


OPEN_STAGES = (Stage.EXPLORING, Stage.COMMITTED_TO_CHANGE, Stage.EVALUATING, Stage.DECIDING)
ENDED_STAGES = (Stage.OWNING, Stage.NOT_A_FIT, Stage.STAYING_AS_IS)


class Opportunity(models.Model):
    """A customer's decision about one or more of their needs, moving through their own stages."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="opportunities")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="opportunities")
    title = models.CharField(max_length=200)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.EXPLORING)
    # The latest move, copied here so the board and the counts are single scans.
    stage_changed_at = models.DateTimeField()
    stage_reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True, help_text="When it reached an ending, if it has.")
    alternative = models.ForeignKey(Alternative, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="opportunities")
    # The alternative recommended as named at the time, whether chosen from the catalogue or typed in.
    alternative_name = models.CharField(max_length=200, blank=True)
    revisit_on = models.DateField(null=True, blank=True)
    purchase = models.ForeignKey("ownership.Purchase", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    owner = models.ForeignKey("workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    needs = models.ManyToManyField(Need, through="OpportunityNeed", related_name="opportunities")
    offerings = models.ManyToManyField(Offering, through="OpportunityOffering", related_name="opportunities")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-stage_changed_at", "-id"]
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["workspace", "stage", "stage_changed_at"]),
            models.Index(fields=["workspace", "person"]),
            models.Index(fields=["workspace", "decided_at"]),
            models.Index(fields=["workspace", "stage", "revisit_on"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES



class OpportunityNeed(models.Model):
    """A need an opportunity is about."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="need_links")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="opportunity_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "opportunity", "need"],
                                               name="opportunityneed_unique")]


class OpportunityOffering(models.Model):
    """An offering being considered in an opportunity."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="offering_links")
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="opportunity_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "opportunity", "offering"],
                                               name="opportunityoffering_unique")]


class StageMove(models.Model):
    """One step of the customer's journey: from where to where, why in their words, and when."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="moves")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True,
                                  help_text="Empty for the opening of the opportunity.")
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    reason = models.TextField(blank=True, help_text="The customer's reason, in their words.")
    occurred_at = models.DateTimeField()
    interaction = models.ForeignKey("interactions.Interaction", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    alternative = models.ForeignKey(Alternative, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="moves")
    alternative_name = models.CharField(max_length=200, blank=True)
    revisit_on = models.DateField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [
            models.Index(fields=["workspace", "opportunity", "occurred_at"]),
            models.Index(fields=["workspace", "to_stage", "occurred_at"]),
        ]


class DecisionInfo(models.Model):
    """Information we shared to help the customer decide: what, when, and in which interaction."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="decision_info")
    what = models.TextField()
    shared_at = models.DateTimeField()
    interaction = models.ForeignKey("interactions.Interaction", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shared_at", "id"]
        verbose_name_plural = "decision information"
        indexes = [models.Index(fields=["workspace", "opportunity"])]


class CustomerQuestion(models.Model):
    """A question the customer asked us while deciding; open until we answer it."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    asked_at = models.DateTimeField()
    interaction = models.ForeignKey("interactions.Interaction", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["asked_at", "id"]
        indexes = [models.Index(fields=["workspace", "answered_at", "asked_at"])]

    def __str__(self):
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class DiscoveryQuestion(models.Model):
    """An open question in the workspace's bank, grouped by driver, for discovering what a customer needs."""

    class Purpose(models.TextChoices):
        NEED = "need", "Uncovers a need"
        COST = "cost", "Uncovers the cost of doing nothing"
        TIMING = "timing", "Uncovers why now"
        DECISION = "decision", "Uncovers how they decide"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    driver = models.CharField(max_length=20, choices=Driver.choices)
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.NEED)
    text = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["driver", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["workspace", "text"], name="discoveryquestion_unique_text")]

    def __str__(self):
        return self.text


class QuestionBankSeed(models.Model):
    """Marks that a workspace's question bank was seeded, so questions a team deleted never come back."""

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="+")
    seeded_at = models.DateTimeField(auto_now_add=True)
