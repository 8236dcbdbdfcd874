from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import SheetRule


@admin.register(SheetRule)
class SheetRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]

    def has_delete_permission(self, request, obj=None):
        return False
