from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .advice import admin as _advice_admin  # noqa: F401  (the decision-support rule tables)
from .models import IntervalRule, OrderRule


@admin.register(IntervalRule)
class IntervalRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["start", "end", "minutes", "minutes_major"]


@admin.register(OrderRule)
class OrderRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]
