"""Administration of the dispatch order rule table (调度令规则), registered from CommandConfig.ready()."""

from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import OrderRule


class OrderRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value", "note"]


def register():
    if not admin.site.is_registered(OrderRule):
        admin.site.register(OrderRule, OrderRuleAdmin)
