from django.db import models

from ally.people.models import Person
from ally.workspaces.models import Membership, Workspace


class Snooze(models.Model):
    """A member put one Today item aside until a day: it is hidden from their Today until that day comes
    (in their own time zone), then shows again if it is still due. `item` is the item's key on Today
    ("follow_up-12", "keep_in_touch-7"); a later snooze of the same item replaces the earlier one."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    item = models.CharField(max_length=80)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    until = models.DateField(help_text="The first day the item shows again.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "membership", "item"], name="snooze_one_per_item")]
        indexes = [models.Index(fields=["workspace", "membership", "until"], name="snooze_member_until")]

    def __str__(self):
        return f"{self.item} snoozed until {self.until:%Y-%m-%d}"
