from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import HazardRule


@admin.register(HazardRule)
class HazardRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]
