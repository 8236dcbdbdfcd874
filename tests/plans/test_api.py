"""The plans API per role: reading, scoping, writing, workflow errors and reports."""

import json

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from countydesk.audit.models import AuditEvent
from countydesk.registry.plans.models import Drill, Plan, PlanDocument

from .helpers import make_plan, unit

pytestmark = pytest.mark.django_db
ERROR_KEYS = {"error", "message", "fields"}


def _json(client, method, url, body=None):
    return getattr(client, method)(url, data=json.dumps(body or {}), content_type="application/json")


def _new_plan(owner_id, **extra):
    return {"title": "城关镇防汛预案", "kind": "township", "level": "township", "owner_id": owner_id,
            "event_types": ["101"], "responses": [{"level": "IV", "trigger": "一般险情"}],
            "resources": [{"level": "IV", "kind": "supply", "name": "编织袋", "quantity": "500", "unit_of_measure": "条"}],
            **extra}


@pytest.mark.parametrize("username", ["chengguan_xxy", "qingshan_xxy", "shenji", "zhiban", "yingjiban"])
def test_everyone_signed_in_reads_plans_but_not_others_drafts(api_as, username):
    draft = Plan.objects.filter(status="draft", owner__name="杨柳镇").get()
    page = api_as(username).get("/api/plans?per_page=500").json()
    ids = {p["id"] for p in page["items"]}
    assert Plan.objects.filter(status="filed").count() <= page["count"]
    county_wide = username in ("shenji", "yingjiban")
    assert (draft.pk in ids) == county_wide
    response = api_as(username).get(f"/api/plans/{draft.pk}")
    assert response.status_code == (200 if county_wide else 404)


def test_filters_and_detail(api_as):
    client = api_as("zhiban")
    flood = client.get("/api/plans?event_type=101&kind=special").json()
    assert [p["title"] for p in flood["items"]] == ["云溪县防汛抗旱应急预案"]
    detail = client.get(f"/api/plans/{flood['items'][0]['id']}").json()
    assert detail["event_types"] == ["101"] and len(detail["responses"]) == 4 and detail["filings"]
    assert detail["owner_name"] == "云溪县人民政府"


def test_unit_leader_creates_own_plan_and_is_refused_elsewhere(api_as):
    client = api_as("chengguan_ld")
    created = _json(client, "post", "/api/plans", _new_plan(unit("城关镇").pk))
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft" and body["resources"][0]["name"] == "编织袋"
    counts = Plan.objects.count(), AuditEvent.objects.count()
    assert _json(client, "post", "/api/plans", _new_plan(unit("青山镇").pk)).status_code == 403
    other = Plan.objects.get(title="青山镇突发事件应急预案")
    assert _json(client, "patch", f"/api/plans/{other.pk}", {"title": "x"}).status_code == 403
    hidden = make_plan("青山镇草稿", "township", "township", unit("青山镇"), issued=None)
    assert _json(client, "patch", f"/api/plans/{hidden.pk}", {"title": "x"}).status_code == 404
    assert (Plan.objects.count(), AuditEvent.objects.count()) == (counts[0] + 1, counts[1] + 1)


@pytest.mark.parametrize("username", ["chengguan_xxy", "shenji", "zhiban"])
def test_readers_cannot_write(api_as, username):
    response = _json(api_as(username), "post", "/api/plans", _new_plan(unit("城关镇").pk))
    assert response.status_code == 403 and set(response.json()) == ERROR_KEYS


@pytest.mark.parametrize("body, field", [
    ({"owner_id": 987654}, "owner_id"), ({"kind": "palace"}, "kind"), ({"event_types": ["999"]}, "event_types"),
    ({"supporting_unit_ids": [987654]}, "supporting_unit_ids"), ({"upper_plan_ids": [987654]}, "upper_plan_ids"),
    ({"responses": [{"level": "V", "trigger": "x"}]}, "responses.0.level"), ({"title": ""}, "title"),
])
def test_bad_input_is_422_and_changes_nothing(api_as, body, field):
    client = api_as("yingjiban")
    counts = Plan.objects.count(), AuditEvent.objects.count()
    response = _json(client, "post", "/api/plans", _new_plan(unit("城关镇").pk) | body)
    assert response.status_code == 422, response.content
    assert field in response.json()["fields"]
    assert (Plan.objects.count(), AuditEvent.objects.count()) == counts


def test_workflow_through_the_api_and_409s(api_as):
    client = api_as("yingjiban")
    plan = _json(client, "post", "/api/plans", _new_plan(unit("城关镇").pk)).json()
    url = f"/api/plans/{plan['id']}"
    wrong = _json(client, "post", f"{url}/filings", {"recipient": "县应急管理局"})
    assert wrong.status_code == 409 and wrong.json()["fields"]["allowed"] == ["abolished", "issued"]
    issued = _json(client, "post", f"{url}/issue", {"issued_on": "2026-09-29"}).json()
    assert issued["status"] == "issued" and issued["allowed_next"] == ["abolished", "filed", "revising"]
    assert _json(client, "patch", url, {"title": "x"}).status_code == 409
    filing = _json(client, "post", f"{url}/filings", {"filed_on": "2026-10-30"})
    assert filing.status_code == 201 and filing.json()["deadline"] == "2026-11-02" and not filing.json()["late"]
    listed = client.get(f"/api/plans/filings?plan_id={plan['id']}").json()
    assert listed["count"] == 1
    filing_url = f"/api/plans/filings/{listed['items'][0]['id']}"
    corrected = _json(client, "patch", filing_url, {"filed_on": "2026-11-04", "recipient": "县应急管理局"})
    assert corrected.status_code == 200 and corrected.json()["late"] and client.get(filing_url).json()["late"]
    assert _json(client, "patch", filing_url, {"filed_on": "2026-01-01"}).status_code == 422
    assert _json(api_as("qingshan_xxy"), "patch", filing_url, {"note": "x"}).status_code == 403
    assert _json(client, "post", f"{url}/issue").status_code == 409
    revised = _json(client, "post", f"{url}/revise", {"reason": "risk", "note": "新增风险点"})
    assert revised.status_code == 201 and revised.json()["version"] == 2 and revised.json()["previous_id"] == plan["id"]
    assert _json(client, "post", f"{url}/revise", {"reason": "bogus"}).status_code == 422


def test_document_upload_via_api(api_as, tmp_path):
    field = PlanDocument._meta.get_field("file")
    saved, field.storage = field.storage, FileSystemStorage(location=tmp_path)
    try:
        plan = make_plan("城关镇上传", "township", "township", unit("城关镇"), issued=None)
        client = api_as("chengguan_ld")
        ok = client.post(f"/api/plans/{plan.pk}/documents", {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")})
        assert ok.status_code == 201 and ok.json()["revision"] == 1
        bad = client.post(f"/api/plans/{plan.pk}/documents", {"file": SimpleUploadedFile("a.txt", b"hello")})
        assert bad.status_code == 422 and "file" in bad.json()["fields"]
    finally:
        field.storage = saved


def test_reports_as_json(api_as):
    client = api_as("chengguan_xxy")
    coverage = client.get("/api/plans/coverage").json()
    assert len(coverage["units"]) == 43 and coverage["gaps"] > 0
    assert {c["state"] for row in coverage["rows"] for c in row["cells"]} >= {"covered", "gap", ""}
    linkage = client.get("/api/plans/linkage").json()
    assert {i["kind"] for i in linkage["issues"]} >= {"orphan", "missing_link", "parent_not_covering"}
    assert any(g["conflict"] for g in linkage["groups"])
    due = client.get("/api/plans/due?overdue_only=true").json()
    assert due and all(r["filing_state"] in ("late", "overdue") or r["evaluation_overdue"] or r["drill_overdue"]
                       for r in due)


def test_drills_api(api_as):
    plan = Plan.objects.get(title="云溪县地震应急预案")
    client = api_as("yingjiban")
    body = {"plan_id": plan.pk, "title": "地震桌面推演", "held_on": "2026-11-20", "kind": "tabletop",
            "participant_ids": [unit("县应急管理局").pk], "scores": {"execution": 90, "coordination": 75},
            "actions": [{"description": "完善避难场所标识", "unit_id": unit("县应急管理局").pk, "due_on": "2027-03-01"}]}
    created = _json(client, "post", "/api/drills", body)
    assert created.status_code == 201, created.content
    drill = created.json()
    assert drill["scores"] == {"coordination": 75, "execution": 90}
    assert client.get(f"/api/plans/{plan.pk}").json()["last_drilled_on"] == "2026-11-20"
    patched = _json(client, "patch", f"/api/drills/{drill['id']}", {"findings": "通讯良好", "scores": {"equipment": 80}})
    assert patched.json()["scores"]["equipment"] == 80 and patched.json()["findings"] == "通讯良好"
    action = drill["actions"][0]["id"]
    assert _json(client, "post", f"/api/drills/actions/{action}/close", {"note": "已完成"}).status_code == 200
    assert _json(client, "post", f"/api/drills/actions/{action}/close").status_code == 409
    bad = _json(client, "post", "/api/drills", body | {"scores": {"execution": 120}})
    assert bad.status_code == 422
    assert _json(api_as("chengguan_ld"), "post", "/api/drills", body).status_code == 403
    assert api_as("zhiban").get(f"/api/drills?plan_id={plan.pk}").json()["count"] == Drill.objects.filter(plan=plan).count()


@pytest.mark.parametrize("url, limit", [("/api/plans?per_page=500", 6), ("/api/drills?per_page=500", 6),
                                        ("/api/plans/filings?per_page=500", 6)])
def test_list_query_counts_are_fixed(api_as, django_assert_max_num_queries, url, limit):
    client = api_as("zhiban")
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_openapi_documents_the_plan_and_case_endpoints(client_as):
    paths = client_as("admin").get("/api/openapi.json").json()["paths"]
    assert {"/api/plans", "/api/plans/{plan_id}", "/api/plans/coverage", "/api/drills", "/api/cases/import"} <= set(paths)


def test_the_document_size_rule_row_decides_the_largest_upload(api_as, tmp_path):
    """The largest plan document is the PlanNumberRule row max_document_mb (20 by default)."""
    from countydesk.registry.plans import rules as plan_rules
    from countydesk.registry.plans.models import PlanNumberRule

    assert plan_rules.max_document_bytes() == 20 * 1024 * 1024
    field = PlanDocument._meta.get_field("file")
    saved, field.storage = field.storage, FileSystemStorage(location=tmp_path)
    try:
        plan = make_plan("城关镇上传规则", "township", "township", unit("城关镇"), issued=None)
        client = api_as("chengguan_ld")
        PlanNumberRule.objects.filter(key="max_document_mb").update(value=0)
        refused = client.post(f"/api/plans/{plan.pk}/documents", {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")})
        assert refused.status_code == 413 and plan.documents.count() == 0
        PlanNumberRule.objects.filter(key="max_document_mb").update(value=1)
        ok = client.post(f"/api/plans/{plan.pk}/documents", {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")})
        assert ok.status_code == 201
    finally:
        field.storage = saved
