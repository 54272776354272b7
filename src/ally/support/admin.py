from django.contrib import admin

from ally.core.admin import ReadOnlyAdmin, ReadOnlyInline
from ally.support.models import Case, CaseEvent, SupportSettings


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    extra = 0
    raw_id_fields = ("member",)


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("title", "person", "severity", "status", "champion", "opened_at", "workspace")
    list_filter = ("workspace", "severity", "status")
    raw_id_fields = ("person", "organization", "champion", "purchase", "check_in")
    inlines = [CaseEventInline]


@admin.register(SupportSettings)
class SupportSettingsAdmin(ReadOnlyAdmin):
    list_display = ("workspace", "updated_at")
