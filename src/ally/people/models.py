from django.conf import settings
from django.db import models
from django.utils import timezone

from ally.people.importable import org_key
from ally.workspaces.models import Workspace


class Organization(models.Model):
    """A company or household that people belong to; one per name (case and spacing ignored) per workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    # org_key(name), written with the name by every path that writes one (the services, the imports,
    # restores, the demo), so the database refuses a second "Acme" in a workspace even under concurrency.
    name_key = models.CharField(max_length=600, editable=False)
    website = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["workspace", "name"])]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name_key"], name="organization_unique_name"),
        ]

    def __str__(self):
        return self.name

    def derive_keys(self) -> None:
        """Fill the columns computed from others (the bulk writers call it; save() does it too)."""
        self.name_key = org_key(self.name or "")

    def save(self, *args, **kwargs):
        self.derive_keys()
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)


class Person(models.Model):
    """Anyone Ally knows: customer, prospect, colleague, referrer, or a team member."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    title = models.CharField(max_length=200, blank=True)
    birthday_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_day = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_year = models.PositiveSmallIntegerField(null=True, blank=True)
    how_we_met = models.TextField(blank=True)
    introduced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="introduced"
    )
    owner = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_people"
    )
    cadence_days = models.PositiveIntegerField(null=True, blank=True)
    # Denormalised by the services so Today and "losing touch" are single indexed scans.
    last_contact_at = models.DateTimeField(null=True, blank=True)
    touch_due_at = models.DateTimeField(null=True, blank=True)
    interaction_count = models.PositiveIntegerField(default=0)
    # What search finds a person by, folded; written by `ally.people.search.search_refresh` (see there).
    search_text = models.TextField(default="", editable=False)
    notes = models.TextField(blank=True)
    notes_private = models.BooleanField(default=False)
    notes_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["workspace", "name"]),
            models.Index(fields=["workspace", "touch_due_at"]),
            models.Index(fields=["workspace", "last_contact_at"]),
            models.Index(fields=["workspace", "birthday_month", "birthday_day"]),
        ]

    def __str__(self):
        return self.name

    def notes_visible_to(self, user) -> bool:
        """Private notes are their author's alone; without a user (the command line) nobody's private notes."""
        return not self.notes_private or (user is not None and self.notes_author_id == user.id)


class PersonEmail(models.Model):
    """One email address of a person, stored lower-cased so dedupe and lookup are exact."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="emails")
    address = models.CharField(max_length=254)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["workspace", "address"])]
        constraints = [
            # One person per address in a workspace: the address is who someone is when importing and capturing.
            models.UniqueConstraint(fields=["workspace", "address"], name="personemail_unique_address"),
        ]

    def __str__(self):
        return self.address


class PersonPhone(models.Model):
    """One phone number of a person in E.164 form, normalised with `phonenumbers`."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=32)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["workspace", "number"])]

    def __str__(self):
        return self.number


class Tag(models.Model):
    """A label people can carry ("vip", "gardening club")."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="tag_unique_name")]

    def __str__(self):
        return self.name


class PersonTag(models.Model):
    """A person carrying a tag; an explicit table so it carries the workspace like every other."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="person_tags")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="person_tags")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "person", "tag"], name="persontag_unique"),
        ]


class Fact(models.Model):
    """A little thing worth remembering about a person; a dated one recurs yearly or happens once."""

    class Kind(models.TextChoices):
        FAMILY = "family", "Family"
        INTEREST = "interest", "Interest"
        PREFERENCE = "preference", "Preference"
        MILESTONE = "milestone", "Milestone"
        DISLIKE = "dislike", "Dislike"
        OTHER = "other", "Other"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    text = models.TextField()
    date = models.DateField(null=True, blank=True)
    recurs_yearly = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "date"])]

    def __str__(self):
        return self.text


class Relationship(models.Model):
    """A tie between two people, read one way from `from_person` and the reverse way from `to_person`."""

    class Kind(models.TextChoices):
        COLLEAGUE = "colleague", "Colleague"
        MANAGER = "manager", "Manager of"
        FRIEND = "friend", "Friend"
        FAMILY = "family", "Family"
        INTRODUCED = "introduced", "Introduced"

    # (as seen from from_person, as seen from to_person)
    LABELS = {
        Kind.COLLEAGUE: ("colleague", "colleague"),
        Kind.MANAGER: ("manager of", "reports to"),
        Kind.FRIEND: ("friend", "friend"),
        Kind.FAMILY: ("family", "family"),
        Kind.INTRODUCED: ("introduced", "was introduced by"),
    }

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_out")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_in")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    since = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "from_person", "to_person", "kind"], name="relationship_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")), name="relationship_not_self"
            ),
        ]

    def label_from(self, person_id: int) -> str:
        forward, backward = self.LABELS[self.kind]
        return forward if person_id == self.from_person_id else backward

    def other(self, person_id: int) -> Person:
        return self.to_person if person_id == self.from_person_id else self.from_person
