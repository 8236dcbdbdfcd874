"""Every change to roles, permissions and memberships made in the Django admin is audited with before/after,
including the user page's role inline and its many-to-many fields (issue 12 item 11)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from countydesk.accounts.choices import Role
from countydesk.accounts.models import User
from countydesk.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _user_form(user: User, roles, groups=(), permissions=()) -> dict:
    joined = timezone.localtime(user.date_joined)
    data = {
        "username": user.username, "first_name": "", "last_name": "", "email": "",
        "is_active": "on", "date_joined_0": joined.strftime("%Y-%m-%d"), "date_joined_1": joined.strftime("%H:%M:%S.%f"),
        "last_login_0": "", "last_login_1": "", "unit": user.unit_id or "", "person": user.person_id or "",
        "display_name": user.display_name, "groups": [g.pk for g in groups], "user_permissions": [p.pk for p in permissions],
    }
    grants = list(user.role_grants.order_by("pk"))
    data |= {"role_grants-TOTAL_FORMS": len(grants) + len(roles), "role_grants-INITIAL_FORMS": len(grants),
             "role_grants-MIN_NUM_FORMS": 0, "role_grants-MAX_NUM_FORMS": 1000}
    for i, grant in enumerate(grants):
        data |= {f"role_grants-{i}-id": grant.pk, f"role_grants-{i}-user": user.pk, f"role_grants-{i}-role": grant.role}
    for i, role in enumerate(roles, start=len(grants)):
        data |= {f"role_grants-{i}-id": "", f"role_grants-{i}-user": user.pk, f"role_grants-{i}-role": role}
    return data


def test_a_role_granted_through_the_inline_is_audited(client_as, user):
    officer, admin = user("qingshan_xxy"), client_as("admin")
    before = AuditEvent.objects.count()
    answer = admin.post(f"/admin/accounts/user/{officer.pk}/change/", _user_form(officer, [Role.ADMIN]))
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert User.objects.get(pk=officer.pk).roles == {Role.UNIT_INFO_OFFICER, Role.ADMIN}
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("seq")
    assert (event.action, event.object_id, event.actor_name) == ("admin.user.update", str(officer.pk), "admin")
    assert event.before == {"role_grants": [{"role": Role.UNIT_INFO_OFFICER}]}
    assert event.after == {"role_grants": [{"role": Role.UNIT_INFO_OFFICER}, {"role": Role.ADMIN}]}


def test_permissions_and_group_memberships_are_audited(client_as, user):
    officer = user("qingshan_xxy")
    group = Group.objects.create(name="值班组")
    permission = Permission.objects.get(codename="view_auditevent")
    answer = client_as("admin").post(f"/admin/accounts/user/{officer.pk}/change/",
                                     _user_form(officer, [], groups=[group], permissions=[permission]))
    assert answer.status_code == 302
    event = AuditEvent.objects.latest("seq")
    assert event.before == {"groups": [], "user_permissions": []}
    assert event.after == {"groups": [group.pk], "user_permissions": [permission.pk]}


def test_a_groups_permissions_changed_in_the_admin_are_audited(client_as):
    group = Group.objects.create(name="值班组")
    permission = Permission.objects.get(codename="view_auditevent")
    answer = client_as("admin").post(f"/admin/auth/group/{group.pk}/change/",
                                     {"name": "值班组", "permissions": [permission.pk]})
    assert answer.status_code == 302
    event = AuditEvent.objects.latest("seq")
    assert (event.action, event.before, event.after) == ("admin.group.update", {"permissions": []},
                                                         {"permissions": [permission.pk]})


def test_saving_without_a_change_writes_no_audit_row(client_as, user):
    officer, admin = user("qingshan_xxy"), client_as("admin")
    before = AuditEvent.objects.count()
    assert admin.post(f"/admin/accounts/user/{officer.pk}/change/", _user_form(officer, [])).status_code == 302
    assert AuditEvent.objects.count() == before
