from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import TeamRule


@admin.register(TeamRule)
class TeamRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]
