"""The audit page, its export and its JSON API: readable, filtered, per role; bad filters answer clearly."""

from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.orgs.models import Unit
from countydesk.orgs.services import do_update_unit

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


@pytest.mark.parametrize("username", ["admin", "shenji"])
def test_admin_and_auditor_see_every_row(client_as, username):
    page = client_as(username).get("/audit/")
    assert page.status_code == 200
    assert f"共{AuditEvent.objects.count()}条记录" in page.content.decode()


@pytest.mark.parametrize("username", ["chengguan_xxy", "xinxike", "lingdao", "zhiban"])
def test_other_roles_get_403_on_the_page_and_the_api(client_as, api_as, username):
    assert client_as(username).get("/audit/").status_code == 403
    assert api_as(username).get("/api/audit").status_code == 403


def test_the_page_shows_labels_and_names_not_codes(client_as):
    unit = Unit.objects.get(name="城关镇")
    do_update_unit(SYSTEM, unit, duty_phone="0797-7654321")
    page = client_as("shenji").get("/audit/?action=unit.update").content.decode()
    assert "修改单位" in page and "单位 城关镇" in page and "值班电话：" in page
    assert "unit.update" not in page.split("<table")[1] and "orgs.unit:" not in page


def test_each_filter_narrows_the_list(client_as):
    client = client_as("admin")
    chengguan = Unit.objects.get(name="城关镇")
    do_update_unit(SYSTEM, chengguan, duty_phone="0797-7654321")
    client_as("chengguan_xxy")  # signs in: a user.login row of 城关镇
    today = timezone.localdate().isoformat()
    expected = {
        "actor=chengguan_xxy": AuditEvent.objects.filter(actor_name="chengguan_xxy").count(),
        f"unit={chengguan.pk}": AuditEvent.objects.filter(unit__path__startswith=chengguan.path).count(),
        "object_type=orgs.unit": AuditEvent.objects.filter(object_type="orgs.unit").count(),
        f"object_type=orgs.unit&object_id={chengguan.pk}": AuditEvent.objects.filter(
            object_type="orgs.unit", object_id=str(chengguan.pk)).count(),
        "action=user.login": AuditEvent.objects.filter(action="user.login").count(),
        f"date_from={today}&date_to={today}": AuditEvent.objects.filter(at__date__gte=today).count(),
        "date_to=2001-01-01": 0,
    }
    total = AuditEvent.objects.count()
    for query, count in expected.items():
        rows = _sheet(client.get(f"/audit/?{query}&format=xlsx"))[1:]
        assert len(rows) == count, query
        assert count < total or query.startswith("date_from"), query


def test_bad_filters_answer_clearly_and_list_nothing(client_as):
    client = client_as("admin")
    for query, message in [("action=no.such", "操作"), ("date_from=2026-13-40", "起始日期"),
                           ("date_from=2026-05-02&date_to=2026-05-01", "结束日期早于起始日期"),
                           ("unit=999999", "单位"), ("actor=nobody", "操作人")]:
        response = client.get(f"/audit/?{query}")
        page = response.content.decode()
        assert response.status_code == 400, query
        assert "筛选条件有误" in page and message in page and "共0条记录" in page, query


def test_export_has_chinese_headers_and_labels(client_as):
    do_update_unit(SYSTEM, Unit.objects.get(name="城关镇"), duty_phone="0797-7654321")
    rows = _sheet(client_as("admin").get("/audit/?action=unit.update&format=xlsx"))
    assert rows[0] == ("#", "时间", "操作人", "单位", "操作", "对象", "变更内容", "客户端IP")
    newest = rows[1]
    assert newest[2] == "系统" and newest[4] == "修改单位" and newest[5] == "单位 城关镇"
    assert "值班电话：" in newest[6] and "0797-7654321" in newest[6]


def test_the_page_prints(client_as):
    page = client_as("admin").get("/audit/").content.decode()
    assert "data-print" in page and "导出Excel" in page


@pytest.mark.parametrize("query", ["", "?action=user.login&date_from=2020-01-01", "?unit=1&actor=admin&page=2"])
def test_query_count_is_pinned_with_filters(client_as, django_assert_max_num_queries, query):
    """Sign-in (session, user, roles, own unit, session save) plus the page's four: the actor and unit
    choices, the count and one query for the 50 rows with their actors and units."""
    client = client_as("shenji")
    with django_assert_max_num_queries(11):
        assert client.get(f"/audit/{query}").status_code == 200


def test_dashboard_recent_activity_uses_the_labels(client_as):
    client = client_as("chengguan_xxy")
    page = client.get("/").content.decode()
    recent = page.split("最近操作")[1]
    assert "登录" in recent and "用户 " in recent
    assert "user.login" not in recent and "accounts.user:" not in recent


def test_dashboard_shows_an_officer_only_their_own_actions(client_as, user):
    client_as("qingshan_xxy")
    client = client_as("chengguan_xxy")
    page = client.get("/").content.decode().split("最近操作")[1]
    assert str(user("chengguan_xxy")) in page and str(user("qingshan_xxy")) not in page


def test_api_keeps_its_path_and_filters_readably(api_as):
    do_update_unit(SYSTEM, Unit.objects.get(name="城关镇"), duty_phone="0797-7654321")
    body = api_as("shenji").get("/api/audit", {"action": "unit.update", "per_page": 5}).json()
    assert body["count"] == AuditEvent.objects.filter(action="unit.update").count()
    item = body["items"][0]
    assert (item["action_label"], item["object_label"], item["object_type_label"]) == ("修改单位", "城关镇", "单位")
    assert item["actor"] == "系统" and "值班电话" in item["changes"]


def test_api_filters_by_unit_actor_object_and_dates(api_as):
    client = api_as("admin")
    chengguan = Unit.objects.get(name="城关镇")
    today = timezone.localdate().isoformat()
    cases = {
        (("unit_id", chengguan.pk),): AuditEvent.objects.filter(unit__path__startswith=chengguan.path).count(),
        (("actor_name", "admin"),): AuditEvent.objects.filter(actor_name="admin").count(),
        (("object_type", "orgs.unit"), ("object_id", str(chengguan.pk))): AuditEvent.objects.filter(
            object_type="orgs.unit", object_id=str(chengguan.pk)).count(),
        (("date_to", "2001-01-01"),): 0,
        (("date_from", today),): AuditEvent.objects.filter(at__date__gte=today).count(),
    }
    for params, count in cases.items():
        assert client.get("/api/audit", dict(params)).json()["count"] == count, params


def test_api_bad_filters_are_422_naming_the_field(api_as):
    client = api_as("admin")
    for params, field in [({"action": "no.such"}, "action"), ({"unit_id": 999999}, "unit_id"),
                          ({"date_from": "2026-05-02", "date_to": "2026-05-01"}, "date_to"),
                          ({"date_from": "yesterday"}, "date_from")]:
        response = client.get("/api/audit", params)
        assert response.status_code == 422, params
        assert field in response.json()["fields"], params
