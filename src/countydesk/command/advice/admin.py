"""Admin pages of the decision-support rule tables (imported from CommandConfig.ready())."""

from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from ..models.advice import AdviceRule, TravelSpeed


@admin.register(AdviceRule)
class AdviceRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]


@admin.register(TravelSpeed)
class TravelSpeedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["mode", "speed_kmh"]
