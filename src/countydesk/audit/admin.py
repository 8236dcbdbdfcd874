from django.contrib import admin
from django.db import transaction

from .models import AuditEvent
from .services import changed_fields, record, snapshot


class AuditedAdminMixin:
    """Django admin changes are audited like every other change."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
            super().save_model(request, obj, form, change)
            old, new = changed_fields(before, snapshot(obj))
            action = f"{obj._meta.model_name}.{'update' if change else 'create'}"
            record(request.user, f"admin.{action}", obj, before=old or None, after=new)

    def delete_model(self, request, obj):
        with transaction.atomic():
            record(request.user, f"admin.{obj._meta.model_name}.delete", obj, before=snapshot(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyAdminMixin:
    """Nobody adds, edits or deletes these rows in the administration pages, superusers included."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: nobody adds, edits or deletes audit rows, superusers included."""

    list_display = ["seq", "at", "actor_name", "action", "object_type", "object_id", "ip"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor_name", "action"]
