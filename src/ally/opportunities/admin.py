from django.contrib import admin

from ally.core.admin import ReadOnlyAdmin, ReadOnlyInline
from ally.opportunities.models import (
    Alternative,
    CustomerQuestion,
    DecisionInfo,
    DiscoveryQuestion,
    Need,
    Offering,
    Opportunity,
    StageMove,
)


@admin.register(Need)
class NeedAdmin(ReadOnlyAdmin):
    list_display = ("text", "person", "driver", "urgency", "status", "said_at", "workspace")
    list_filter = ("status", "driver", "workspace")
    raw_id_fields = ("person", "said_by", "organization", "interaction")
    search_fields = ("text",)


class StageMoveInline(ReadOnlyInline):
    model = StageMove
    extra = 0
    raw_id_fields = ("interaction", "alternative")
    readonly_fields = ("from_stage", "to_stage", "reason", "occurred_at")


@admin.register(Opportunity)
class OpportunityAdmin(ReadOnlyAdmin):
    list_display = ("title", "person", "stage", "stage_changed_at", "workspace")
    list_filter = ("stage", "workspace")
    raw_id_fields = ("person", "organization", "alternative", "purchase", "owner")
    search_fields = ("title",)
    inlines = [StageMoveInline]


@admin.register(Offering)
class OfferingAdmin(ReadOnlyAdmin):
    list_display = ("name", "price", "currency", "active", "workspace")
    list_filter = ("active", "workspace")


@admin.register(Alternative)
class AlternativeAdmin(ReadOnlyAdmin):
    list_display = ("name", "vendor", "active", "workspace")
    list_filter = ("active", "workspace")


@admin.register(DiscoveryQuestion)
class DiscoveryQuestionAdmin(ReadOnlyAdmin):
    list_display = ("text", "driver", "purpose", "active", "workspace")
    list_filter = ("driver", "purpose", "workspace")


admin.site.register(DecisionInfo, ReadOnlyAdmin)
admin.site.register(CustomerQuestion, ReadOnlyAdmin)
