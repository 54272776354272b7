from django.contrib import admin

from ally.core.admin import ReadOnlyAdmin, ReadOnlyInline
from ally.ownership.models import CheckIn, CheckInPlaybook, CheckInStep, Feedback, Purchase, Referral


@admin.register(Purchase)
class PurchaseAdmin(ReadOnlyAdmin):
    list_display = ("purchased_on", "person", "offering", "description", "amount", "currency", "workspace")
    list_filter = ("workspace", "currency")
    raw_id_fields = ("person", "organization", "offering")


class CheckInStepInline(ReadOnlyInline):
    model = CheckInStep
    extra = 0


@admin.register(CheckInPlaybook)
class CheckInPlaybookAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "workspace", "updated_at")
    inlines = [CheckInStepInline]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ("due_on", "person", "day", "status", "outcome", "satisfaction", "workspace")
    list_filter = ("workspace", "status", "outcome")
    raw_id_fields = ("person", "purchase")


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("received_on", "person", "score", "workspace")
    raw_id_fields = ("person", "purchase")


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = ("referred_on", "direction", "referrer", "person", "introduced_to", "introduced_to_name", "workspace")
    list_filter = ("workspace", "direction")
    raw_id_fields = ("referrer", "person", "introduced_to")
