"""Django admin changes are audited like every other change."""

from django.db import transaction

from countydesk.audit.services import changed_fields, record, snapshot


class AuditedAdminMixin:
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
