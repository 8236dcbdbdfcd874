from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import PlanNumberRule, PlanRule, ResponseLevelRule, WorkdayOverride


@admin.register(PlanRule)
class PlanRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["kind", "filing_working_days", "filing_recipient", "evaluation_years", "drill_years"]


@admin.register(WorkdayOverride)
class WorkdayOverrideAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["date", "is_workday", "note"]
    date_hierarchy = "date"


@admin.register(ResponseLevelRule)
class ResponseLevelRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["grade", "level", "note"]


@admin.register(PlanNumberRule)
class PlanNumberRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]

    def has_delete_permission(self, request, obj=None):
        return False
