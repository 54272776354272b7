from django.contrib import admin

from ally.capture.models import AddressSighting, CapturedInteraction, ContactDetails, IgnoredAddress
from ally.core.admin import ReadOnlyAdmin


@admin.register(ContactDetails)
class ContactDetailsAdmin(ReadOnlyAdmin):
    list_display = ("person", "nickname", "photo_type", "updated_at", "workspace")
    list_filter = ("workspace",)
    raw_id_fields = ("person",)
    exclude = ("photo",)


@admin.register(CapturedInteraction)
class CapturedInteractionAdmin(ReadOnlyAdmin):
    list_display = ("source", "key", "interaction", "member", "created_at", "workspace")
    list_filter = ("workspace", "source")
    raw_id_fields = ("interaction", "member")


@admin.register(AddressSighting)
class AddressSightingAdmin(ReadOnlyAdmin):
    list_display = ("address", "name", "seen_at", "workspace")
    list_filter = ("workspace",)


@admin.register(IgnoredAddress)
class IgnoredAddressAdmin(ReadOnlyAdmin):
    list_display = ("address", "ignored_at", "workspace")
    list_filter = ("workspace",)
