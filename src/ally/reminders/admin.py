from django.contrib import admin

from ally.core.admin import ReadOnlyAdmin
from ally.reminders.models import CalendarFeed, DigestDelivery, DigestSubscription


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyAdmin):
    list_display = ("membership", "prefix", "created_at", "rotated_at", "workspace")
    list_filter = ("workspace",)
    exclude = ("secret_hash",)


@admin.register(DigestSubscription)
class DigestSubscriptionAdmin(ReadOnlyAdmin):
    list_display = ("membership", "enabled", "send_at", "workspace")
    list_filter = ("workspace", "enabled")


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(ReadOnlyAdmin):
    list_display = ("membership", "day", "status", "attempts", "item_count", "error", "workspace")
    list_filter = ("workspace", "status")
