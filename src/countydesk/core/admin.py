from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from countydesk.audit.admin import ReadOnlyAdminMixin

from .outbox.channels import CHANNELS
from .outbox.models import OutboxAttempt, OutboxMessage

admin.site.site_header = admin.site.site_title = _("CountyDesk administration")


class AttemptInline(admin.TabularInline):
    model = OutboxAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["at", "ok", "error"]

    def has_add_permission(self, request, obj=None):
        return False


class ChannelFilter(admin.SimpleListFilter):
    title, parameter_name = _("channel"), "channel"

    def lookups(self, request, model_admin):
        return [(name, adapter.label) for name, adapter in CHANNELS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(channel=self.value()) if self.value() else queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: the outbox page (/core/outbox/) is where a dead message is retried, through its service."""

    list_display = ["subject", "channel_label", "recipient", "state", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["state", ChannelFilter]
    search_fields = ["recipient", "subject", "key"]
    inlines = [AttemptInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in OutboxMessage._meta.fields]

    @admin.display(description=_("channel"), ordering="channel")
    def channel_label(self, message):
        return message.channel_label
