from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import MatchRule, NewsFeed, NewsRule


@admin.register(MatchRule)
class MatchRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["days_before", "days_after", "threshold", "missed_window_days"]


@admin.register(NewsFeed)
class NewsFeedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "url", "active", "last_fetched", "last_error"]


@admin.register(NewsRule)
class NewsRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]

    def has_delete_permission(self, request, obj=None):
        return False
