from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import (ChannelTypeRule, ClusterRule, DeadlineRule, GradeRule, IncidentRule, IntakeClient, KeywordRule,
                     ReportRecipient, ThrottleRule)


@admin.register(GradeRule)
class GradeRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["category", "grade", "min_deaths", "min_seriously_injured", "min_direct_loss"]
    list_filter = ["category"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["grade", "kind", "minutes", "warn_minutes"]


@admin.register(KeywordRule)
class KeywordRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["keyword", "type_code", "weight"]
    list_filter = ["type_code"]
    search_fields = ["keyword"]


@admin.register(IncidentRule)
class IncidentRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]


@admin.register(ChannelTypeRule)
class ChannelTypeRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["channel", "type_code"]


@admin.register(ClusterRule)
class ClusterRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["window_minutes", "distance_m", "min_similarity"]


@admin.register(ThrottleRule)
class ThrottleRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["window_seconds", "max_reports"]


@admin.register(ReportRecipient)
class ReportRecipientAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "email", "active"]


@admin.register(IntakeClient)
class IntakeClientAdmin(admin.ModelAdmin):
    """Read-only here: clients are added, rotated and revoked with `countydesk clients` (the secret is shown once)."""

    list_display = ["name", "channel", "client_id", "created", "rotated", "revoked"]
    readonly_fields = ["name", "channel", "client_id", "created", "rotated", "revoked"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
