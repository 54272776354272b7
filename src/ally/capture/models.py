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
