from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import IntervalRule


@admin.register(IntervalRule)
class IntervalRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["start", "end", "minutes", "minutes_major"]
