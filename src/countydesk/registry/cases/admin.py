from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import Case


@admin.register(Case)
class CaseAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "event_type", "occurred_on", "township", "deaths", "injuries"]
    list_filter = ["event_type"]
    search_fields = ["title", "summary", "lessons"]
