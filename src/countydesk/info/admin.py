from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import AllowedFileType, Guidance, InfoRule, QuotaRule, ScoreRule, SignOffRule, Theme


@admin.register(InfoRule)
class InfoRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value"]


@admin.register(AllowedFileType)
class AllowedFileTypeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["extension", "label"]


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


@admin.register(Guidance)
class GuidanceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["year", "title", "issued_on"]
    inlines = [ThemeInline]


@admin.register(ScoreRule)
class ScoreRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "category", "level", "points"]
    list_editable = ["points"]


@admin.register(SignOffRule)
class SignOffRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["kind", "own_sign_off"]
    list_editable = ["own_sign_off"]


@admin.register(QuotaRule)
class QuotaRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """The reporting quotas (报送任务) per unit kind."""

    list_display = ["unit_kind", "item_kind", "per", "minimum"]
    list_editable = ["minimum"]
