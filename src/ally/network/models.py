"""The workspace's relationship network: its latest graph snapshot, the team's strength with each person,
and the introductions the team asked for.

The snapshot and the strengths are derived data, rebuilt by the job queue (`ally.network.tasks`) when
interactions, relationships or organizations change, and daily because strength decays with time alone.
"""

from django.db import models

from ally.interactions.models import FollowUp
from ally.ownership.models import Referral
from ally.people.models import Person
from ally.workspaces.models import Membership, Workspace


class NetworkSnapshot(models.Model):
    """The strength of every pair of people with a basis, as compact numpy arrays (`arrays`, an .npz).

    Pages, the API and the CLI read the latest one and never build it: at 100,000 people building
    takes seconds. `fingerprint` summarises the inputs it was built from, so the job can tell whether
    they changed since."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    built_at = models.DateTimeField()
    fingerprint = models.CharField(max_length=200)
    people = models.PositiveIntegerField(default=0, help_text="People with at least one relationship.")
    relationships = models.PositiveIntegerField(default=0, help_text="Pairs of people with a strength.")
    team = models.JSONField(default=list, help_text="The team members' person ids: where introductions start.")
    arrays = models.BinaryField()

    class Meta:
        ordering = ["-built_at", "-id"]
        indexes = [models.Index(fields=["workspace", "built_at"])]

    def __str__(self):
        return f"network of {self.people} people on {self.built_at:%Y-%m-%d %H:%M}"


class TeamStrength(models.Model):
    """How well one team member knows one person, as of the latest snapshot, with the facts behind it.

    `fading_since` is the day a strong relationship fell below strong (the Today "fading" source);
    it is cleared when the relationship is strong again."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="team_strengths")
    strength = models.FloatField()
    previous = models.FloatField(null=True, blank=True, help_text="The strength at the refresh before.")
    contacts = models.PositiveIntegerField(default=0)
    recent = models.JSONField(default=dict, help_text="Contacts of each kind in the last 90 days.")
    last_kind = models.CharField(max_length=10, blank=True)
    last_at = models.DateTimeField(null=True, blank=True)
    reasons = models.JSONField(default=list, help_text="The facts behind the strength, in words.")
    fading_since = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-strength", "id"]
        constraints = [models.UniqueConstraint(fields=["workspace", "member", "person"], name="team_strength_unique")]
        indexes = [models.Index(fields=["workspace", "person"]), models.Index(fields=["workspace", "fading_since"])]

    def __str__(self):
        return f"{self.strength:.2f}"


class IntroductionRequest(models.Model):
    """A team member asking someone they know (the introducer) to introduce them to the target.

    It is a follow-up for the team member with a drafted note; its outcome is recorded, and an
    introduction made sets the target's "introduced by" and records a referral."""

    class Outcome(models.TextChoices):
        ASKED = "asked", "Asked, waiting"
        MADE = "made", "Introduction made"
        DECLINED = "declined", "Declined"
        NO_ANSWER = "no_answer", "No answer"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    introducer = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="introductions_asked_of")
    target = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="introductions_wanted")
    path = models.JSONField(default=list, help_text="Person ids from the team member to the target.")
    score = models.FloatField(default=0)
    note = models.TextField()
    follow_up = models.ForeignKey(FollowUp, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ASKED)
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "target"])]

    def __str__(self):
        return f"introduction to {self.target} through {self.introducer}"
