"""The dashboard of the person who must act shows what waits for them (issue 11, item 7), per role."""

from decimal import Decimal

import pytest
from django.utils import timezone

from countydesk.accounts.system import SYSTEM
from countydesk.incidents import services as incidents
from countydesk.info.models import Submission
from countydesk.periodicals import services as periodicals
from countydesk.periodicals.models import Periodical

pytestmark = pytest.mark.django_db


def _dashboard(client_as, username) -> str:
    response = client_as(username).get("/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def pending_issue(user):
    issue = periodicals.do_create_issue(user("xinxike"), Periodical.objects.get(name="政务信息快报"))
    periodicals.do_add_item(user("xinxike"), issue, title="待审签的一篇", body="正文。", writer="王伟")
    return periodicals.do_submit(user("xinxike"), issue)


def test_the_leader_sees_the_issue_waiting_for_sign_off(pending_issue, client_as):
    html = _dashboard(client_as, "lingdao")
    assert 'id="card-issues-to-sign"' in html and f'href="/periodicals/{pending_issue.pk}/"' in html
    assert "待审签期刊" in html
    assert 'id="card-issues-to-sign"' not in _dashboard(client_as, "xinxike")  # the compiler does not sign


def test_the_demo_issue_waits_for_the_leader_and_the_card_goes_once_signed(client_as, user):
    from countydesk.periodicals.models import Issue

    waiting = Issue.objects.filter(status="pending")
    assert waiting.exists() and 'id="card-issues-to-sign"' in _dashboard(client_as, "lingdao")
    for issue in waiting:
        periodicals.do_sign(user("lingdao"), issue)
    assert 'id="card-issues-to-sign"' not in _dashboard(client_as, "lingdao")


def test_the_demo_first_report_waits_for_the_commander(client_as):
    from countydesk.incidents.models import Report

    report = Report.objects.get(status="pending", kind="initial")
    assert f'href="/incidents/reports/{report.pk}/"' in _dashboard(client_as, "zhihui")


@pytest.fixture
def initial_report(user):
    intake = incidents.IntakeData(received_at=timezone.now(), lat=29.1, lon=114.7, address="云溪县城关镇人民路",
                                  description="人民路两车相撞，有人受伤", category_hint="交通事故", deaths=0,
                                  seriously_injured=1, direct_loss=Decimal(0))
    incident = incidents.do_import_intakes(SYSTEM, [intake])[0].incident
    return incidents.do_draft_report(user("zhiban"), incident, "initial")


def test_the_duty_officer_sends_the_first_report_to_the_commander(initial_report, client_as, user):
    link = f'href="/incidents/reports/{initial_report.pk}/"'
    duty = _dashboard(client_as, "zhiban")
    assert 'id="card-reports"' in duty and link in duty and "草稿" in duty  # his draft and its state
    assert link not in _dashboard(client_as, "zhihui")  # a draft waits for nobody's signature yet
    page = client_as("zhiban").get(f"/incidents/reports/{initial_report.pk}/").content.decode()
    assert "送审签" in page
    client_as("zhiban").post(f"/incidents/reports/{initial_report.pk}/", {"action": "submit"})
    assert "待审签" in _dashboard(client_as, "zhiban")
    commander = _dashboard(client_as, "zhihui")
    assert link in commander and "份报告等待您签发" in commander
    leader = _dashboard(client_as, "lingdao")  # the office leader signs county reports too, and may open them
    assert link in leader and client_as("lingdao").get(f"/incidents/reports/{initial_report.pk}/").status_code == 200
    assert link not in _dashboard(client_as, "chengguan_ld")  # a township leader signs only his unit's
    incidents.do_sign_report(user("zhihui"), initial_report)
    assert link not in _dashboard(client_as, "zhihui") and link not in _dashboard(client_as, "zhiban")


def test_the_commander_returns_a_report_for_changes(initial_report, client_as, user):
    incidents.do_submit_report(user("zhiban"), initial_report)
    client_as("zhihui").post(f"/incidents/reports/{initial_report.pk}/", {"action": "send_back"})
    initial_report.refresh_from_db()
    assert initial_report.status == "draft"
    assert "退回修改" in " ".join(initial_report.incident.timeline.values_list("text", flat=True))


def test_returned_for_changes_is_a_link_to_the_filtered_list(make_returned, client_as, api_as):
    from tests.info.conftest import call, draft_body

    returned = make_returned()
    call(api_as("chengguan_xxy"), "post", "/api/info/submissions", draft_body(title="还没送出的草稿"))
    expected = Submission.objects.filter(unit=returned.unit, status="draft").exclude(review_comment="")
    assert returned in expected
    html = _dashboard(client_as, "chengguan_xxy")
    assert f'<a href="/info/?returned=on">退回修改: {expected.count()}</a>' in html
    body = client_as("chengguan_xxy").get("/info/?returned=on").content.decode()
    assert all(s.title in body for s in expected)
    plain_drafts = Submission.objects.filter(unit=returned.unit, status="draft", review_comment="")
    assert plain_drafts.exists() and all(d.title not in body for d in plain_drafts)


@pytest.fixture
def make_returned(api_as):
    from tests.info.conftest import call, draft_body

    def make():
        officer = api_as("chengguan_xxy")
        pk = call(officer, "post", "/api/info/submissions", draft_body(title="被退回的稿件"))
        pk = pk.json()["id"]
        for who, action, body in [("chengguan_xxy", "send", None), ("chengguan_ld", "unit_signoff", None),
                                  ("xinxike", "return", {"comment": "请补充数字"})]:
            assert call(api_as(who), "post", f"/api/info/submissions/{pk}/{action}", body).status_code == 200
        return Submission.objects.get(pk=pk)

    return make
