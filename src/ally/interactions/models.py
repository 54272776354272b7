from django.conf import settings
from django.db import models

from ally.people.models import Person
from ally.workspaces.models import Workspace


class Interaction(models.Model):
    """One contact between the team and people; any interaction resets its participants' cadence clock."""

    class Kind(models.TextChoices):
        CALL = "call", "Call"
        MEETING = "meeting", "Meeting"
        EMAIL = "email", "Email"
        MESSAGE = "message", "Message"
        SOCIAL = "social", "Social"
        EVENT = "event", "Event"
        NOTE = "note", "Note"

    class InitiatedBy(models.TextChoices):
        WE = "we", "We reached out"
        THEY = "they", "They reached out"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    occurred_at = models.DateTimeField()
    initiated_by = models.CharField(max_length=4, choices=InitiatedBy.choices, default=InitiatedBy.WE)
    summary = models.TextField()
    transcript = models.TextField(blank=True)
    private = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    participants = models.ManyToManyField(Person, through="InteractionParticipant", related_name="interactions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["workspace", "occurred_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.occurred_at:%Y-%m-%d}"


class InteractionParticipant(models.Model):
    """A person taking part in an interaction."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "interaction", "person"], name="participant_unique"),
        ]
        indexes = [models.Index(fields=["workspace", "person", "interaction"])]


class FollowUp(models.Model):
    """A promise we made ("send the case study"), due on a date, until it is done."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="follow_ups")
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    text = models.CharField(max_length=500)
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    owner = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["workspace", "done_at", "due_on"])]

    def __str__(self):
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class TimelineEvent(models.Model):
    """Something that happened with a person besides an interaction (a purchase, a case event, a stage move).

    Other apps write these through `interactions.services.timeline_event_record`; the person's
    timeline merges them with interactions.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="timeline_events")
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=40)
    summary = models.CharField(max_length=500)
    params = models.JSONField(default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["workspace", "person", "occurred_at"])]
