from django.conf import settings
from django.db import models

from ally.interactions.models import Interaction
from ally.people.models import Person
from ally.workspaces.models import Membership, Workspace


class Transcript(models.Model):
    """A call's transcript attached to its interaction, with what the coach measured in it.

    `metrics` is `conversation_metrics(...).as_json()` for the current speaker mapping and the
    workspace's lexicon; the services recompute it whenever either changes, so pages only read it.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    interaction = models.OneToOneField(Interaction, on_delete=models.CASCADE, related_name="coaching_transcript")
    text = models.TextField()
    format = models.CharField(max_length=4)
    filename = models.CharField(max_length=200, blank=True)
    metrics = models.JSONField(default=dict)
    # The team member whose call it was (the first seller-side speaker mapped to a member): trends group by it.
    seller = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["workspace", "seller"])]

    def __str__(self):
        return f"Transcript of {self.interaction}"


class Speaker(models.Model):
    """A name as the transcript spells it, and who it is: a participant, a team member, or nobody known."""

    class How(models.TextChoices):
        FULL_NAME = "full name", "Full name"
        FIRST_NAME = "first name", "First name"
        INITIALS = "initials", "Initials"
        CORRECTED = "corrected", "Corrected by hand"
        UNRESOLVED = "", "Not matched"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(max_length=200)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    seller = models.BooleanField(default=False)
    how = models.CharField(max_length=10, choices=How.choices, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["transcript", "name"], name="coaching_speaker_unique")]

    def __str__(self):
        return self.name


class CoachingSettings(models.Model):
    """A workspace's own pushy phrases, added to the default lexicon (a workspace without a row adds none)."""

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="+")
    pushy_phrases = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Coaching settings of {self.workspace}"
