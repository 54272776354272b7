from django.contrib import admin

from ally.core.admin import ReadOnlyAdmin
from ally.value.models import CustomerValue, ValueFit


@admin.register(ValueFit)
class ValueFitAdmin(ReadOnlyAdmin):
    list_display = ("fitted_at", "workspace", "status", "model", "customers", "purchases", "currency", "converged")
    list_filter = ("workspace", "status", "model")
    readonly_fields = [field.name for field in ValueFit._meta.fields]


@admin.register(CustomerValue)
class CustomerValueAdmin(ReadOnlyAdmin):
    list_display = ("value_rank", "person", "lifetime_value", "p_alive", "expected_purchases", "workspace")
    list_filter = ("workspace",)
    raw_id_fields = ("person", "fit")
