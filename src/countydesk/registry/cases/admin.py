from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import Case, CaseRule


@admin.register(Case)
class CaseAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "event_type", "occurred_on", "township", "deaths", "injuries"]
    list_filter = ["event_type"]
    search_fields = ["title", "summary", "lessons"]


@admin.register(CaseRule)
class CaseRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]

    def has_delete_permission(self, request, obj=None):
        return False
