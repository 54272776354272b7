"""What capture keeps: the parts of an address card a person has no field for, and where each captured
interaction came from (so a second import of the same source changes nothing)."""

from django.db import models

from ally.interactions.models import Interaction
from ally.people.models import Person
from ally.workspaces.models import Membership, Workspace


class ContactDetails(models.Model):
    """What an address card says about a person beyond Ally's person fields: photo, nickname, addresses, URLs."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="contact_details")
    nickname = models.CharField(max_length=200, blank=True)
    department = models.CharField(max_length=200, blank=True)
    # [{"text", "street", "locality", "region", "postal_code", "country", "po_box", "extended", "types", "label"}]
    addresses = models.JSONField(default=list, blank=True)
    urls = models.JSONField(default=list, blank=True)  # [{"value", "types", "label"}]
    photo = models.BinaryField(blank=True, default=b"")
    photo_type = models.CharField(max_length=40, blank=True)  # MIME type: image/jpeg, image/png...
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "contact details"

    def __str__(self):
        return f"Contact details of person {self.person_id}"


class CapturedInteraction(models.Model):
    """An interaction that arrived from a source rather than being typed: which source, and its key there.

    The key is the message's Message-ID, the calendar occurrence's UID and RECURRENCE-ID, or the
    social message's key; unique per workspace and source, it makes every import idempotent.
    """

    class Source(models.TextChoices):
        MAIL = "mail", "Mail"
        CALENDAR = "calendar", "Calendar"
        SOCIAL = "social", "Social network"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    interaction = models.OneToOneField(Interaction, on_delete=models.CASCADE, related_name="capture")
    source = models.CharField(max_length=10, choices=Source.choices)
    key = models.CharField(max_length=500)
    thread = models.CharField(max_length=500, blank=True)  # mail: the conversation's root Message-ID
    member = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sequence = models.IntegerField(default=0)  # calendar: the event's SEQUENCE when captured; a higher one updates
    subscription = models.ForeignKey("CalendarSubscription", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="captured")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "source", "key"], name="capture_key_unique")]
        indexes = [models.Index(fields=["workspace", "thread"])]

    def __str__(self):
        return f"{self.source}: {self.key[:80]}"


class AddressSighting(models.Model):
    """An unknown address the team exchanged a message with; two or more make a suggested person.

    One row per address and message, so importing the same mailbox twice counts nothing twice.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    address = models.CharField(max_length=254)
    name = models.CharField(max_length=200, blank=True)
    message_id = models.CharField(max_length=500)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "address", "message_id"],
                                               name="sighting_unique")]
        indexes = [models.Index(fields=["workspace", "address"])]

    def __str__(self):
        return self.address


class IgnoredAddress(models.Model):
    """An address a member chose never to be suggested again."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    address = models.CharField(max_length=254)
    ignored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "address"], name="ignored_address_unique")]

    def __str__(self):
        return self.address


class MailAccount(models.Model):
    """A team member's mailbox on an IMAP server, followed incrementally. The password is stored encrypted
    (Fernet, with a key derived from the installation's SECRET_KEY) and never shown back."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    host = models.CharField(max_length=253)
    port = models.PositiveIntegerField(null=True, blank=True)
    security = models.CharField(max_length=10, default="tls")  # tls, starttls, or plain (this machine only)
    username = models.CharField(max_length=254)
    password_encrypted = models.TextField()
    folders = models.JSONField(default=list)
    last_sync_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    messages_read = models.PositiveIntegerField(default=0)
    emails_captured = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.username} on {self.host}"


class MailFolderState(models.Model):
    """How far one folder of an account has been read: its UIDVALIDITY and the highest UID stored."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(MailAccount, on_delete=models.CASCADE, related_name="folder_states")
    folder = models.CharField(max_length=500)
    uidvalidity = models.BigIntegerField()
    last_uid = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "folder"], name="mail_folder_state_unique")]

    def __str__(self):
        return f"{self.folder} of account {self.account_id}"


class CalendarSubscription(models.Model):
    """A team member's calendar feed (the private iCal address Google, Outlook and Apple offer), read periodically.

    The address is a secret (whoever holds it reads the calendar), so it is stored encrypted like a mail
    password and only its host is shown back.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    host = models.CharField(max_length=253)
    url_encrypted = models.TextField()
    name = models.CharField(max_length=200, blank=True)  # the feed's X-WR-CALNAME, once read
    last_sync_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    events_read = models.PositiveIntegerField(default=0)  # occurrences in the last sync's window
    meetings_captured = models.PositiveIntegerField(default=0)  # past meetings it holds as interactions
    upcoming = models.PositiveIntegerField(default=0)  # future meetings with known people, as of the last sync
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"calendar on {self.host}"


class UpcomingMeeting(models.Model):
    """A future calendar event with known people: shown on Today on its day and on the person page.

    When its start has passed, the next read of its calendar turns it into a meeting interaction.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=500)  # the occurrence's UID and RECURRENCE-ID, as CapturedInteraction.key
    sequence = models.IntegerField(default=0)
    summary = models.TextField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    location = models.CharField(max_length=500, blank=True)
    private = models.BooleanField(default=False)  # CLASS:PRIVATE: only its member sees it
    member = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    subscription = models.ForeignKey(CalendarSubscription, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="upcoming_meetings")
    people = models.ManyToManyField(Person, through="UpcomingMeetingPerson", related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "key"], name="upcoming_meeting_key_unique")]
        indexes = [models.Index(fields=["workspace", "starts_at"])]

    def __str__(self):
        return f"{self.summary[:60]} at {self.starts_at:%Y-%m-%d %H:%M}"


class UpcomingMeetingPerson(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(UpcomingMeeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "meeting", "person"], name="upcoming_meeting_person_unique")]
        indexes = [models.Index(fields=["workspace", "person"])]
