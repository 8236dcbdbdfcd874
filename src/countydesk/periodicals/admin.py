from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import DistributionList, Periodical


class RecipientInline(admin.TabularInline):
    model = DistributionList
    extra = 1


@admin.register(Periodical)
class PeriodicalAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "issuer", "active", "sort"]
    inlines = [RecipientInline]
