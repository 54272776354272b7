from django.contrib import admin

from ally.coaching.models import CoachingSettings, Speaker, Transcript
from ally.core.admin import ReadOnlyAdmin, ReadOnlyInline


class SpeakerInline(ReadOnlyInline):
    model = Speaker
    raw_id_fields = ("person",)


@admin.register(Transcript)
class TranscriptAdmin(ReadOnlyAdmin):
    list_display = ("interaction", "format", "seller", "created_at", "workspace")
    list_filter = ("workspace", "format")
    raw_id_fields = ("interaction", "seller")
    exclude = ("text",)
    inlines = [SpeakerInline]


@admin.register(CoachingSettings)
class CoachingSettingsAdmin(ReadOnlyAdmin):
    list_display = ("workspace", "updated_at")
