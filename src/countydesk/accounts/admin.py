from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import Group
from django.db import transaction

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from countydesk.audit.admin import AuditedAdminMixin, ReadOnlyAdminMixin

from .models import ApiToken, RoleGrant, User
from .services import do_record_admin_password_set


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 1


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("CountyDesk", {"fields": ("unit", "person", "display_name")}),)
    list_display = ["username", "display_name", "unit", "is_active", "last_login"]
    list_filter = ["is_active", "role_grants__role"]
    inlines = [RoleGrantInline]

    def user_change_password(self, request, id, form_url=""):
        """The admin's set-password form, followed by the history, the forced change and the audit row."""
        user = self.get_object(request, unquote(id))
        previous = user.password if user is not None else ""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302 and user is not None:
                user.refresh_from_db()
                do_record_admin_password_set(request.user, user, previous)
        return response


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
