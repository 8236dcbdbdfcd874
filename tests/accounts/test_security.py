"""等保2.0 level 3 (GB/T 22239-2019), issue 12 item 10: password policy, forced and expired password changes,
the Content-Security-Policy, HTTPS settings, lockout by user name and address, sign-in records."""

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from countydesk.accounts.choices import Role
from countydesk.accounts.models import AccountRule, User
from countydesk.accounts.services import do_change_password, do_create_user
from countydesk.audit.models import AuditEvent
from countydesk.base.errors import ValidationFailed
from countydesk.demo.generator import DEMO_ACCOUNTS, DEMO_PASSWORD
from countydesk.orgs.models import Unit

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src"


def _login(client, username, password=DEMO_PASSWORD, address="10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


# --- password complexity ---

@pytest.mark.parametrize("password, ok", [
    ("zhangsan1", False),            # lower + digit: two classes
    ("abcdefgh", False), ("ABCD-EFGH", False),
    ("Zhangsan1", True), ("zhangsan-1", True), ("Zhang-san", True), (DEMO_PASSWORD, True),
    ("Ab1-", False),                 # three classes, too short
])
def test_three_of_four_character_classes_and_a_minimum_length(password, ok):
    if ok:
        validate_password(password, User(username="officer"))
    else:
        with pytest.raises(ValidationError):
            validate_password(password, User(username="officer"))


def test_the_user_name_may_not_be_in_the_password():
    with pytest.raises(ValidationError, match="用户名|user name"):
        validate_password("Xx-Zhiban-2026", User(username="zhiban"))


def test_createadmin_refuses_a_simple_password():
    with pytest.raises(CommandError):
        call_command("createadmin", "x", "--password", "zhangsan1")
    assert not User.objects.filter(username="x").exists()
    call_command("createadmin", "chief", "--password", "Strong-pass-2026")
    assert not User.objects.get(username="chief").must_change_password


def test_every_demo_account_signs_in_with_the_published_password():
    for username, *_ in DEMO_ACCOUNTS:
        assert _login(Client(), username).status_code == 302, username
        validate_password(DEMO_PASSWORD, User(username=username))  # the policy, without the history


# --- changing one's own password, history, forced change, expiry ---

def test_a_user_changes_their_own_password_on_the_page(client_as):
    client = client_as("chengguan_xxy")
    page = client.get("/accounts/password/")
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    before = AuditEvent.objects.count()
    weak = client.post("/accounts/password/", {"old_password": DEMO_PASSWORD, "new_password1": "chengguan1",
                                               "new_password2": "chengguan1"})
    assert weak.status_code == 200 and AuditEvent.objects.count() == before
    done = client.post("/accounts/password/", {"old_password": DEMO_PASSWORD, "new_password1": "Town-Hall-77",
                                               "new_password2": "Town-Hall-77"})
    assert done.status_code == 302
    user = User.objects.get(username="chengguan_xxy")
    assert user.check_password("Town-Hall-77") and not user.must_change_password
    assert AuditEvent.objects.latest("seq").action == "user.change_password"
    assert client.get("/").status_code == 200  # still signed in


def test_recent_passwords_cannot_be_chosen_again(user):
    officer = user("qingshan_xxy")
    do_change_password(officer, officer, "Mountain-Path-1", old_password=DEMO_PASSWORD)
    for reused in (DEMO_PASSWORD, "Mountain-Path-1"):
        with pytest.raises(ValidationFailed, match="recent|最近"):
            do_change_password(officer, officer, reused, old_password="Mountain-Path-1")
    AccountRule.objects.filter(key="password_history").update(value=1)  # only the current one is barred
    do_change_password(officer, officer, DEMO_PASSWORD, old_password="Mountain-Path-1")


def test_a_created_account_must_change_its_password_at_first_sign_in(user):
    town = Unit.objects.get(name="城关镇")
    do_create_user(user("admin"), "new_officer", "Given-by-Admin-1", unit=town, roles=[Role.UNIT_INFO_OFFICER])
    client = Client()
    assert _login(client, "new_officer", "Given-by-Admin-1").status_code == 302
    page = client.get("/info/")
    assert page.status_code == 302 and page.url.startswith("/accounts/password/?next=")
    api = client.get("/api/me")
    assert api.status_code == 403 and api.json()["error"] == "password_change_required"
    assert "选择您自己的密码" in client.get(page.url).content.decode()
    answer = client.post("/accounts/password/", {"old_password": "Given-by-Admin-1", "new_password1": "Own-Choice-42",
                                                 "new_password2": "Own-Choice-42", "next": "/info/"})
    assert answer.status_code == 302 and answer.url == "/info/"
    assert client.get("/info/").status_code == 200


def test_an_expired_password_must_be_changed(user, client_as):
    User.objects.filter(username="zhiban").update(password_changed_at=timezone.now() - timedelta(days=91))
    client = client_as("zhiban")
    assert client.get("/").url.startswith("/accounts/password/")
    assert "已过期" in client.get("/accounts/password/").content.decode()
    AccountRule.objects.filter(key="password_expiry_days").update(value=0)  # 0: passwords do not expire
    assert client_as("zhiban").get("/").status_code == 200  # judged at the next sign-in


def test_an_administrator_reset_makes_the_holder_change_it_again(user):
    officer = user("fgj_xxy")
    do_change_password(user("admin"), officer, "Reset-By-Admin-9")
    assert User.objects.get(pk=officer.pk).must_change_password


# --- Content-Security-Policy ---

def test_pages_carry_a_content_security_policy_with_a_nonce_for_their_inline_script(client_as):
    answer = client_as("zhiban").get("/incidents/desk/")
    policy = answer.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert f'<script nonce="{nonce}">' in answer.content.decode()
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    other = client_as("zhiban").get("/incidents/desk/").headers["Content-Security-Policy"]
    assert other != policy  # a fresh nonce per response


def test_no_template_has_an_inline_handler_or_a_script_without_nonce():
    bad = []
    for template in SRC.glob("countydesk/**/templates/**/*.html"):
        text = template.read_text()
        bad += [f"{template.name}: {m}" for m in re.findall(r"\son[a-z]+=\"", text)]
        bad += [f"{template.name}: {m}" for m in re.findall(r"<script(?![^>]*\b(?:src|nonce)=)(?![^>]*application/json)[^>]*>", text)]
        bad += [f"{template.name}: javascript:" for _ in re.findall(r"javascript:", text)]
    assert bad == []


# --- HTTPS behind documented environment variables ---

def _deploy_check(tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    environment |= {"COUNTYDESK_VAR": str(tmp_path), "PYTHONPATH": str(SRC)} | env
    return subprocess.run([sys.executable, "-m", "countydesk.cli", "check", "--deploy"], env=environment,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_https_variables_set(tmp_path):
    bare = _deploy_check(tmp_path)
    assert "security.W004" in bare.stderr + bare.stdout and "security.W012" in bare.stderr + bare.stdout
    done = _deploy_check(tmp_path, SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="desk.county.gov.cn",
                         HTTPS="1", SECURE_HSTS_SECONDS="31536000", SECURE_HSTS_PRELOAD="1",
                         SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO")
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


# --- lockout by user name and address; a cap per address ---

def test_a_stranger_elsewhere_cannot_lock_the_duty_officer_out(settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        _login(Client(), "zhiban", "wrong-password", address="203.0.113.9")
    assert _login(Client(), "zhiban", address="203.0.113.9").status_code == 429  # locked there
    assert _login(Client(), "zhiban", address="10.0.0.1").status_code == 302  # the duty room signs in


def test_spraying_one_password_across_many_accounts_from_one_address_is_stopped(settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    names = [name for name, *_ in DEMO_ACCOUNTS]
    for name in names[:8]:  # one try each: below the per-name limit
        _login(Client(), name, "Spring-2026!", address="198.51.100.7")
    refused = _login(Client(), names[9], address="198.51.100.7")  # even a right password, from that address
    assert refused.status_code == 429 and "登录失败次数过多" in refused.content.decode()
    assert _login(Client(), names[9], address="10.0.0.1").status_code == 302


# --- sign-in records ---

def test_failed_sign_ins_are_kept_read_only_in_the_admin(client_as):
    from axes.models import AccessAttempt, AccessFailureLog

    _login(Client(), "qingshan_xxy", "wrong-password", address="192.0.2.1")
    attempt, failure = AccessAttempt.objects.get(username="qingshan_xxy"), AccessFailureLog.objects.get(username="qingshan_xxy")
    admin = client_as("admin")
    for url in (f"/admin/axes/accessattempt/{attempt.pk}/delete/", f"/admin/axes/accessfailurelog/{failure.pk}/delete/"):
        assert admin.post(url, {"post": "yes"}).status_code == 403
    assert admin.post("/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": [attempt.pk],
                                                     "post": "yes"}).status_code in (200, 302)
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists() and AccessFailureLog.objects.filter(pk=failure.pk).exists()
    assert admin.get("/admin/axes/accessfailurelog/").status_code == 200


@pytest.mark.parametrize("username, status", [("shenji", 200), ("admin", 200), ("zhiban", 403)])
def test_the_auditor_reads_the_sign_in_records(client_as, username, status):
    _login(Client(), "qingshan_xxy", "wrong-password", address="192.0.2.1")
    answer = client_as(username).get("/audit/sign-ins/")
    assert answer.status_code == status
    if status == 200:
        assert "qingshan_xxy" in answer.content.decode() and "192.0.2.1" in answer.content.decode()


def test_a_password_set_in_the_admin_is_audited_and_must_be_changed(client_as, user):
    officer, admin = user("fgj_xxy"), client_as("admin")
    weak = admin.post(f"/admin/accounts/user/{officer.pk}/password/", {"password1": "fgj123456", "password2": "fgj123456"})
    assert weak.status_code == 200 and User.objects.get(pk=officer.pk).check_password(DEMO_PASSWORD)
    done = admin.post(f"/admin/accounts/user/{officer.pk}/password/",
                      {"password1": "Admin-Chose-77", "password2": "Admin-Chose-77", "usable_password": "true"})
    assert done.status_code == 302
    changed = User.objects.get(pk=officer.pk)
    assert changed.check_password("Admin-Chose-77") and changed.must_change_password
    assert changed.password_history.count() == 1
    event = AuditEvent.objects.latest("seq")
    assert (event.action, event.actor_name, event.object_id) == ("user.change_password", "admin", str(officer.pk))
