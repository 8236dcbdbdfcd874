"""The plan pages in the browser: lists, forms, workflow buttons, coverage, exports."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from countydesk.registry.plans.models import Drill, Plan
from countydesk.registry.plans.services.common import visible_plans

from .helpers import unit

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


@pytest.mark.parametrize("url, limit", [
    ("/plans/", 12), ("/plans/drills/", 12), ("/plans/actions/", 10), ("/plans/due/", 16), ("/plans/linkage/", 18),
    ("/plans/coverage/", 18), ("/cases/", 10),
])
def test_list_query_counts_are_pinned(client_as, django_assert_max_num_queries, url, limit):
    client = client_as("yingjiban")
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_plan_list_filters_exports_and_prints(client_as, user):
    client = client_as("zhiban")
    shown = visible_plans(user("zhiban"), Plan.objects.filter(kind="special")).count()
    assert shown >= 14  # about 15 special plans; a draft is its owner's only
    page = client.get("/plans/?kind=special").content.decode()
    assert "应急预案" in page and f"共{shown}条记录" in page and "导出Excel" in page and "data-print" in page
    rows = _sheet(client.get("/plans/?kind=special&format=xlsx"))
    assert rows[0][:3] == ("标题", "类型", "层级") and len(rows) == shown + 1
    assert "云溪县防汛抗旱应急预案" in {r[0] for r in rows[1:]}


def test_detail_shows_the_plan_and_buttons_only_to_managers(client_as):
    plan = Plan.objects.get(title="城关镇突发事件应急预案")
    mine = client_as("chengguan_ld").get(f"/plans/{plan.pk}/").content.decode()
    assert "城关镇突发事件应急预案" in mine and "启动修订" in mine and "备案" in mine
    theirs = client_as("qingshan_xxy").get(f"/plans/{plan.pk}/").content.decode()
    assert "城关镇突发事件应急预案" in theirs and "启动修订" not in theirs
    draft = Plan.objects.get(status="draft", owner__name="杨柳镇")
    assert client_as("chengguan_ld").get(f"/plans/{draft.pk}/").status_code == 404


def test_create_issue_and_file_through_the_forms(client_as):
    client = client_as("chengguan_ld")
    form = {"title": "城关镇防汛专项预案", "kind": "township", "level": "township", "owner": unit("城关镇").pk,
            "event_types": ["101"], "responses": "Ⅳ：一般险情\nⅢ级：较大险情",
            "resources": "Ⅳ | 物资 | 编织袋 | 500 | 条\nⅢ | 队伍 | 防汛抢险队 | 2 | 支"}
    response = client.post("/plans/new/", form)
    assert response.status_code == 302, response.content.decode()[-2000:]
    plan = Plan.objects.get(title="城关镇防汛专项预案")
    assert [r.level for r in plan.responses.all()] == ["III", "IV"] and plan.resources.count() == 2
    bad = client.post("/plans/new/", form | {"resources": "Ⅳ | 物资 | 编织袋"})
    assert bad.status_code == 200 and "名称" in bad.content.decode()
    client.post(f"/plans/{plan.pk}/issue/", {"issued_on": "2026-09-29"})
    client.post(f"/plans/{plan.pk}/filing/", {"filed_on": "2026-11-20"})
    plan.refresh_from_db()
    assert plan.status == "filed" and plan.filings.get().late
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "逾期备案" in page
    refused = client.post(f"/plans/{plan.pk}/issue/", {}, follow=True).content.decode()
    assert "允许的下一状态" in refused
    other = Plan.objects.get(title="青山镇突发事件应急预案")
    assert client.get(f"/plans/{other.pk}/edit/").status_code == 403


def test_coverage_page_and_excel(client_as):
    client = client_as("zhiban")
    page = client.get("/plans/coverage/").content.decode()
    assert 'class="gap"' in page and 'class="covered"' in page and "西坪乡" in page and "data-print" in page
    rows = _sheet(client.get("/plans/coverage/?format=xlsx"))
    assert rows[0][0] == "事件类型" and "西坪乡" in rows[0] and len(rows[0]) == 44
    flood = next(r for r in rows if r[0] and str(r[0]).startswith("101"))
    assert flood[rows[0].index("西坪乡")] == "✗"


def test_linkage_due_and_action_pages(client_as):
    client = client_as("yingjiban")
    linkage = client.get("/plans/linkage/").content.decode()
    assert "县交通运输局" in linkage and "县公安局" in linkage and "石门镇突发事件应急预案" in linkage
    assert "未与本类型的上级预案衔接" in linkage
    rows = _sheet(client.get("/plans/linkage/?format=xlsx"))
    assert any(r[0] == "云溪化工有限公司生产安全事故应急预案" for r in rows)
    due = client.get("/plans/due/?overdue_only=on").content.decode()
    assert "白沙镇突发事件应急预案" in due and "河口镇突发事件应急预案" in due
    actions = client.get("/plans/actions/?overdue_only=on").content.decode()
    assert "共1条记录" in actions


def test_record_a_drill_and_close_its_action(client_as):
    client = client_as("yingjiban")
    plan = Plan.objects.get(title="云溪县地震应急预案")
    form = {"plan": plan.pk, "title": "地震应急疏散演练", "held_on": "2026-11-10", "kind": "field",
            "participants": [unit("县应急管理局").pk], "findings": "疏散用时偏长", "score_execution": "88",
            "actions": "增设疏散指示牌 | 县应急管理局 | 2027-01-31"}
    response = client.post("/plans/drills/new/", form)
    assert response.status_code == 302, response.content.decode()[-1500:]
    drill = Drill.objects.get(title="地震应急疏散演练")
    action = drill.actions.get()
    client.post(f"/plans/drills/actions/{action.pk}/close/", {"note": "已增设"})
    action.refresh_from_db()
    assert action.closed_on is not None
    page = client.get(f"/plans/drills/{drill.pk}/").content.decode()
    assert "执行情况" in page and "88" in page
    edited = client.post(f"/plans/drills/{drill.pk}/edit/", form | {"score_execution": "", "score_equipment": "75",
                                                                     "actions": ""})
    assert edited.status_code == 302
    assert {s.item: s.score for s in drill.scores.all()} == {"equipment": 75} and drill.actions.count() == 1
    assert client_as("chengguan_ld").get(f"/plans/drills/{drill.pk}/edit/").status_code == 403
    assert client_as("chengguan_xxy").get("/plans/drills/new/").status_code == 403


def test_dashboard_card_for_emergency_staff(client_as):
    page = client_as("yingjiban").get("/").content.decode()
    assert "逾期备案" in page and "覆盖缺口" in page
    assert "覆盖缺口" not in client_as("chengguan_xxy").get("/").content.decode()


def test_upload_and_download_the_plan_text_within_scope(client_as, tmp_path):
    from django.core.files.storage import FileSystemStorage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from countydesk.registry.plans.models import PlanDocument

    field = PlanDocument._meta.get_field("file")
    saved, field.storage = field.storage, FileSystemStorage(location=tmp_path)
    try:
        draft = Plan.objects.get(status="draft", owner__name="杨柳镇")
        client = client_as("yingjiban")
        client.post(f"/plans/{draft.pk}/document/", {"file": SimpleUploadedFile("杨柳镇预案.pdf", b"%PDF-1.4 text")})
        document = draft.documents.get()
        response = client.get(f"/plans/documents/{document.pk}/")
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 text"
        assert client_as("qingshan_xxy").get(f"/plans/documents/{document.pk}/").status_code == 404
        refused = client.post(f"/plans/{draft.pk}/document/", {"file": SimpleUploadedFile("x.exe", b"MZ")},
                              follow=True).content.decode()
        assert "请上传 .docx 或 .pdf 文件" in refused and draft.documents.count() == 1
    finally:
        field.storage = saved


def test_drafts_of_other_units_are_not_listed(client_as):
    rows = _sheet(client_as("qingshan_xxy").get("/plans/?status=draft&format=xlsx"))
    assert {r[3] for r in rows[1:]} <= {"青山镇"} | set(unit("青山镇").children.values_list("name", flat=True))
    assert len(_sheet(client_as("yingjiban").get("/plans/?status=draft&format=xlsx"))) >= 2
