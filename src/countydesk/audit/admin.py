from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .actions import action_choices, action_label
from .display import actor_name_text, object_text, object_type_choices
from .models import AuditEvent
from .services import changed_fields, record, snapshot


class AuditedAdminMixin:
    """Django admin changes are audited like every other change: one row per save with the changed fields
    and the changed related records (inlines such as a user's roles, many-to-many such as permissions and
    group memberships), before and after."""

    def save_model(self, request, obj, form, change):
        obj._audit_before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # The admin runs save_model and save_related in one transaction, save_model first.
        obj = form.instance
        before = getattr(obj, "_audit_before", {}) | related_state(obj, formsets)
        super().save_related(request, form, formsets, change)
        old, new = changed_fields(before, snapshot(obj) | related_state(obj, formsets))
        if change and not new:
            return
        action = f"{obj._meta.model_name}.{'update' if change else 'create'}"
        record(request.user, f"admin.{action}", obj, before=(old or None) if change else None, after=new)

    def delete_model(self, request, obj):
        with transaction.atomic():
            record(request.user, f"admin.{obj._meta.model_name}.delete", obj,
                   before=snapshot(obj) | related_state(obj, []))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


def related_state(obj, formsets) -> dict:
    """The records hanging off `obj` that the admin edits with it: each many-to-many as sorted ids, each
    inline as the sorted list of its rows (without the link back to `obj`)."""
    state = {}
    if obj.pk is None:
        return state
    for field in obj._meta.many_to_many:
        state[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    for formset in formsets:
        link = formset.fk.name
        rows = formset.model._default_manager.filter(**{link: obj}).order_by("pk")
        state[formset.prefix] = [{k: v for k, v in snapshot(row).items() if k not in {"id", f"{link}_id"}}
                                 for row in rows]
    return state


class ReadOnlyAdminMixin:
    """Nobody adds, edits or deletes these rows in the administration pages, superusers included."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return [(code, f"{group} · {label}") for group, actions in action_choices() for code, label in actions]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class ObjectTypeFilter(admin.SimpleListFilter):
    title = _("object type")
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        return object_type_choices()

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: nobody adds, edits or deletes audit rows, superusers included."""

    list_display = ["seq", "at", "actor_text", "action_text", "object", "ip"]
    list_filter = [ActionFilter, ObjectTypeFilter]
    search_fields = ["object_id", "actor_name", "action"]

    @admin.display(description=_("actor"), ordering="actor_name")
    def actor_text(self, event):
        return actor_name_text(event.actor_name)

    @admin.display(description=_("action"), ordering="action")
    def action_text(self, event):
        return action_label(event.action)

    @admin.display(description=_("object"))
    def object(self, event):
        return object_text(event)
