from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from countydesk.accounts.choices import COUNTY_WIDE_ROLES, Role
from countydesk.accounts.models import User
from countydesk.accounts.scoping import has_perm, is_county_wide, scope
from countydesk.accounts.services import do_create_user, do_set_roles
from countydesk.accounts.system import SYSTEM
from countydesk.base.errors import Forbidden, ValidationFailed
from countydesk.demo.generator import DEMO_ACCOUNTS, DEMO_PASSWORD
from countydesk.orgs.models import Person, Unit

pytestmark = pytest.mark.django_db


def _login(client, username, password=DEMO_PASSWORD):
    return client.post("/login/", {"username": username, "password": password})


def test_login_page_is_chinese_by_default():
    page = Client().get("/login/").content.decode()
    assert "登录" in page and "用户名" in page and 'lang="zh-hans"' in page


def test_login_with_the_demo_password_reaches_the_dashboard():
    client = Client()
    response = _login(client, "chengguan_xxy")
    assert response.status_code == 302 and response.url == "/"
    page = client.get("/").content.decode()
    assert "工作台" in page and "城关镇" in page


def test_wrong_password_is_refused_in_chinese():
    response = _login(Client(), "chengguan_xxy", "wrong-password")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()


def test_lockout_after_repeated_failures(settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "qingshan_xxy", "wrong-password")
    locked = _login(client, "qingshan_xxy")  # even the right password is refused now
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    assert _login(Client(), "chengguan_xxy").status_code == 302  # other accounts are unaffected


def test_passwords_are_hashed_with_argon2():
    user = do_create_user(SYSTEM, "new_officer", "a-Long-pass-2026", unit=Unit.objects.get(name="城关镇"),
                          roles=[Role.UNIT_INFO_OFFICER])
    assert user.password.startswith("argon2$")
    assert User.objects.get(username="admin").password.startswith("argon2$")


def test_weak_password_and_unknown_role_are_refused():
    town = Unit.objects.get(name="城关镇")
    with pytest.raises(ValidationFailed):
        do_create_user(SYSTEM, "weak", "123", unit=town)
    with pytest.raises(ValidationFailed):
        do_create_user(SYSTEM, "strange", "a-Long-pass-2026", unit=town, roles=["emperor"])
    assert not User.objects.filter(username__in=["weak", "strange"]).exists()


def test_idle_session_expires(settings):
    client = Client()
    _login(client, "chengguan_xxy")
    assert client.get("/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date <= timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 5)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_activity_extends_the_idle_window_without_a_write_per_request():
    from django.contrib.sessions.backends.db import SessionStore

    client = Client()
    _login(client, "chengguan_xxy")
    client.get("/")
    key = client.session.session_key
    soon = timezone.now() + timedelta(seconds=60)
    Session.objects.filter(pk=key).update(expire_date=soon)
    client.get("/")  # touched less than a minute ago: no write
    assert Session.objects.get(pk=key).expire_date == soon
    store = SessionStore(session_key=key)
    store["_touched"] -= 120
    store.save()
    Session.objects.filter(pk=key).update(expire_date=soon)
    client.get("/")
    assert Session.objects.get(pk=key).expire_date > timezone.now() + timedelta(minutes=20)


def test_login_and_logout_are_audited():
    from countydesk.audit.models import AuditEvent

    client = Client()
    _login(client, "zhiban")
    client.post("/logout/")
    actions = list(AuditEvent.objects.filter(actor_name="zhiban").values_list("action", flat=True))
    assert "user.login" in actions and "user.logout" in actions


@pytest.mark.parametrize("username, role, unit_name, display", DEMO_ACCOUNTS)
def test_every_role_sees_exactly_its_scope(user, username, role, unit_name, display):
    """People visible per role: county-wide roles see everyone, the others their own unit's subtree."""
    account = user(username)
    visible = scope(account, Person.objects.all())
    if role in COUNTY_WIDE_ROLES:
        assert is_county_wide(account)
        assert visible.count() == Person.objects.count()
    else:
        assert not is_county_wide(account)
        assert visible.count() == Person.objects.filter(unit__path__startswith=account.unit.path).count()
        assert visible.count() < Person.objects.count()
    assert has_perm(account, "audit.view") == (role in {Role.ADMIN, Role.AUDITOR})
    assert has_perm(account, "orgs.manage") == (role == Role.ADMIN)


@pytest.mark.parametrize("username, role, unit_name, display", DEMO_ACCOUNTS)
def test_every_role_gets_its_pages(client_as, username, role, unit_name, display):
    client = client_as(username)
    assert client.get("/").status_code == 200
    assert client.get("/units/").status_code == 200
    assert client.get("/people/").status_code == 200
    expected_audit = 200 if role in {Role.ADMIN, Role.AUDITOR} else 403
    assert client.get("/audit/").status_code == expected_audit
    assert client.get("/admin/").status_code == (200 if role == Role.ADMIN else 302)


def test_only_admins_change_roles(user):
    officer = user("chengguan_xxy")
    with pytest.raises(Forbidden):
        do_set_roles(officer, officer, [Role.ADMIN])
    do_set_roles(user("admin"), officer, [Role.UNIT_INFO_OFFICER, Role.UNIT_LEADER])
    assert User.objects.get(pk=officer.pk).roles == {Role.UNIT_INFO_OFFICER, Role.UNIT_LEADER}


def test_inactive_user_cannot_sign_in_or_use_a_token(user):
    from countydesk.accounts.services import do_issue_token

    officer = user("qingshan_xxy")
    _, raw = do_issue_token(officer, officer, "x")
    User.objects.filter(pk=officer.pk).update(is_active=False)
    assert _login(Client(), "qingshan_xxy").status_code == 200
    assert Client(headers={"authorization": f"Bearer {raw}"}).get("/api/me").status_code == 401
