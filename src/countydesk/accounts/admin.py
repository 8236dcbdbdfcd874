from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from countydesk.audit.admin import AuditedAdminMixin, ReadOnlyAdminMixin

from .models import ApiToken, RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 1


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("CountyDesk", {"fields": ("unit", "person", "display_name")}),)
    list_display = ["username", "display_name", "unit", "is_active", "last_login"]
    list_filter = ["is_active", "role_grants__role"]
    inlines = [RoleGrantInline]


admin.site.unregister(Group)


class SignInRecordAdmin(ReadOnlyAdminMixin):
    """django-axes' sign-in records: read, never edited or deleted in the admin (the lockout lifts itself
    after the cool-off; `countydesk axes_reset` is the operator's)."""


for _model in (AccessAttempt, AccessFailureLog, AccessLog):
    _registered = type(admin.site._registry[_model])
    admin.site.unregister(_model)
    admin.site.register(_model, type(_registered.__name__, (SignInRecordAdmin, _registered), {}))


@admin.register(Group)
class GroupAdmin(AuditedAdminMixin, BaseGroupAdmin):
    """Groups and their permissions: audited like the users they apply to."""


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created", "last_used", "revoked"]
    readonly_fields = ["user", "name", "prefix", "created", "last_used", "revoked"]

    def has_add_permission(self, request):
        return False
