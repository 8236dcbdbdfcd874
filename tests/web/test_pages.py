from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from countydesk.orgs.models import Person, Unit

pytestmark = pytest.mark.django_db


def test_healthz_answers_when_the_database_does():
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_officer_dashboard_shows_own_unit_and_staffing(client_as):
    page = client_as("chengguan_xxy").get("/").content.decode()
    assert "工作台" in page and "本单位" in page and "城关镇" in page
    assert "信息员队伍" in page and "应急管理" in page and "政务信息" in page
    assert "审计日志" not in page  # no audit link for an officer


def test_county_dashboard_shows_staffing_gaps(client_as):
    page = client_as("xinxike").get("/").content.decode()
    assert "信息员配备情况" in page and "未登记值班电话" in page


@pytest.mark.parametrize("username", ["chengguan_xxy", "xinxike", "admin", "shenji"])
def test_dashboard_query_count_is_bounded(client_as, user, django_assert_max_num_queries, username):
    """The dashboard's own queries are fixed; each app's card may add at most four."""
    from countydesk.core.ui.cards import CARDS

    cards = sum(1 for card in CARDS if card.visible(user(username)))
    client = client_as(username)
    with django_assert_max_num_queries(18 + 4 * cards):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("url, limit", [("/units/", 10), ("/people/", 12), ("/staffing/", 12), ("/duty-phones/", 10),
                                        ("/audit/", 10)])
def test_list_query_counts_are_pinned(client_as, django_assert_max_num_queries, url, limit):
    client = client_as("admin")
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_unit_list_filters_exports_and_prints(client_as):
    client = client_as("xinxike")
    page = client.get("/units/?kind=township").content.decode()
    assert "共12条记录" in page and "打印" in page and "导出Excel" in page and "data-print" in page
    export = client.get("/units/?kind=township&format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("单位名称", "类型", "代码")
    assert len(rows) == 13
    assert {r[0] for r in rows[1:]} == set(Unit.objects.filter(kind="township").values_list("name", flat=True))


def test_people_list_is_scoped_in_the_browser_too(client_as):
    page = client_as("chengguan_xxy").get("/people/?format=xlsx")
    rows = list(load_workbook(BytesIO(page.content)).active.iter_rows(values_only=True))[1:]
    assert {r[1] for r in rows} <= {"城关镇"} | set(Unit.objects.get(name="城关镇").children.values_list("name", flat=True))
    assert len(rows) == Person.objects.filter(unit__name="城关镇").count()


def test_staffing_report_names_units_short_of_officers(client_as):
    page = client_as("xinxike").get("/staffing/?gaps_only=on&format=xlsx")
    rows = list(load_workbook(BytesIO(page.content)).active.iter_rows(values_only=True))[1:]
    assert rows and all(r[4] for r in rows)
    from countydesk.orgs.rules import staffing

    expected = {s.unit.name for s in staffing(Unit.objects.filter(kind__in=["township", "department"])) if not s.compliant}
    assert {r[0] for r in rows} == expected


def test_unit_leader_edits_contacts_in_the_browser(client_as):
    own = Unit.objects.get(name="城关镇")
    client = client_as("chengguan_ld")
    response = client.post(f"/units/{own.pk}/", {"duty_phone": "0797-6543210", "address": "新地址", "lat": "", "lon": ""})
    assert response.status_code == 302
    assert Unit.objects.get(pk=own.pk).duty_phone == "0797-6543210"
    bad = client.post(f"/units/{own.pk}/", {"duty_phone": "call me", "address": "", "lat": "29", "lon": ""})
    assert bad.status_code == 200 and "电话号码只能包含" in bad.content.decode()
    assert Unit.objects.get(pk=own.pk).duty_phone == "0797-6543210"
    other = Unit.objects.get(name="青山镇")
    assert client.post(f"/units/{other.pk}/", {"duty_phone": "0797-1"}).status_code == 403
    assert "保存" not in client.get(f"/units/{other.pk}/").content.decode()


def test_english_is_switchable(client_as):
    client = client_as("chengguan_xxy")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Dashboard" in page and "My unit" in page and 'lang="en"' in page


def test_unknown_page_is_a_readable_404(client_as):
    response = client_as("chengguan_xxy").get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_session_api_writes_need_csrf(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("chengguan_ld"))
    own = Unit.objects.get(name="城关镇")
    response = client.patch(f"/api/units/{own.pk}", data='{"duty_phone": "0797-1"}', content_type="application/json")
    assert response.status_code in (401, 403)
    assert Unit.objects.get(pk=own.pk).duty_phone == own.duty_phone


def test_pages_stay_light(client_as):
    client = client_as("xinxike")
    for url in ["/", "/units/", "/staffing/"]:
        assert len(client.get(url).content) < 60_000, url
    css = Client().get("/static/web/site.css")
    assert css.status_code == 200


def test_service_errors_in_pages_become_error_pages(rf, user):
    from countydesk.base.errors import NotFound
    from countydesk.core.ui.errors import ServiceErrorMiddleware

    request = rf.get("/somewhere/")
    request.user = user("chengguan_xxy")
    response = ServiceErrorMiddleware(lambda r: None).process_exception(request, NotFound("没有这条记录。"))
    assert response.status_code == 404 and "没有这条记录" in response.content.decode()
    api_request = rf.get("/api/somewhere")
    assert ServiceErrorMiddleware(lambda r: None).process_exception(api_request, NotFound("x")) is None
