from django.contrib import admin

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
class NeedAdmin(admin.ModelAdmin):
    list_display = ("text", "person", "driver", "urgency", "status", "said_at", "workspace")
    list_filter = ("status", "driver", "workspace")
    raw_id_fields = ("person", "said_by", "organization", "interaction")
    search_fields = ("text",)


class StageMoveInline(admin.TabularInline):
    model = StageMove
    extra = 0
    raw_id_fields = ("interaction", "alternative")
    readonly_fields = ("from_stage", "to_stage", "reason", "occurred_at")


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ("title", "person", "stage", "stage_changed_at", "workspace")
    list_filter = ("stage", "workspace")
    raw_id_fields = ("person", "organization", "alternative", "purchase", "owner")
    search_fields = ("title",)
    inlines = [StageMoveInline]


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ("name", "price", "currency", "active", "workspace")
    list_filter = ("active", "workspace")


@admin.register(Alternative)
class AlternativeAdmin(admin.ModelAdmin):
    list_display = ("name", "vendor", "active", "workspace")
    list_filter = ("active", "workspace")


@admin.register(DiscoveryQuestion)
class DiscoveryQuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "driver", "purpose", "active", "workspace")
    list_filter = ("driver", "purpose", "workspace")


admin.site.register(DecisionInfo)
admin.site.register(CustomerQuestion)
