from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import PlaceRule


@admin.register(PlaceRule)
class PlaceRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]
