from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin

from .models import Person, Post, StaffingRule, Unit


@admin.register(Unit)
class UnitAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "code", "parent", "key_liaison", "duty_phone"]
    list_filter = ["kind", "key_liaison", "active"]
    search_fields = ["name", "code"]
    readonly_fields = ["parent"]

    def has_add_permission(self, request):
        return False  # new units get their place in the tree through the service (web or API)


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    can_delete = False


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "unit", "position", "phone", "active"]
    list_filter = ["active"]
    search_fields = ["name", "phone"]
    inlines = [PostInline]


@admin.register(StaffingRule)
class StaffingRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["unit_kind", "group", "minimum", "maximum"]
