"""Plan workflow through the services: versions, filing, revision, documents, drills, audit."""

from datetime import date

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from countydesk.accounts.system import SYSTEM
from countydesk.audit.models import AuditEvent
from countydesk.base.errors import Conflict, Forbidden, TransitionNotAllowed, ValidationFailed
from countydesk.registry.plans import services
from countydesk.registry.plans.models import Plan, PlanDocument

from .helpers import make_plan, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage(tmp_path):
    field = PlanDocument._meta.get_field("file")
    saved = field.storage
    field.storage = FileSystemStorage(location=tmp_path)
    yield tmp_path
    field.storage = saved


@pytest.fixture
def draft():
    return make_plan("城关镇测试预案", "township", "township", unit("城关镇"), types=["101"], issued=None,
                     lead=unit("城关镇"))


def test_create_records_everything_and_an_audit_row(user):
    before = AuditEvent.objects.count()
    plan = services.do_create_plan(
        user("yingjiban"), title="测试专项预案", kind="special", level="county", owner=unit("县应急管理局"),
        lead_unit=unit("县应急管理局"), supporting_units=[unit("县水利局")], event_types=["101", "102"],
        responses=[{"level": "IV", "trigger": "一般"}, {"level": "III", "trigger": "较大"}],
        resources=[{"level": "IV", "kind": "team", "name": "防汛抢险队", "quantity": 2, "unit_of_measure": "支"}])
    assert plan.status == "draft" and plan.type_codes == ["101", "102"]
    assert [r.level for r in plan.responses.all()] == ["III", "IV"]
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == before + 1 and event.action == "plan.create"
    assert event.after["event_types"] == ["101", "102"] and event.after["resources"][0]["name"] == "防汛抢险队"


@pytest.mark.parametrize("extra, field", [
    ({"event_types": ["999"]}, "event_types"),
    ({"responses": [{"level": "V", "trigger": "x"}]}, "responses.0.level"),
    ({"responses": [{"level": "IV", "trigger": "a"}, {"level": "IV", "trigger": "b"}]}, "responses"),
    ({"resources": [{"level": "IV", "kind": "team", "name": "队", "quantity": -1, "unit_of_measure": "支"}]},
     "resources.0.quantity"),
])
def test_bad_related_rows_change_nothing(extra, field):
    counts = Plan.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as error:
        services.do_create_plan(SYSTEM, title="坏预案", kind="special", level="county", owner=unit("县水利局"), **extra)
    assert field in error.value.fields
    assert (Plan.objects.count(), AuditEvent.objects.count()) == counts


def test_full_life_cycle_with_revision_and_superseding(draft, user):
    leader = user("chengguan_ld")
    plan = services.do_issue_plan(leader, draft, date(2026, 9, 29))
    filing = services.do_record_filing(leader, plan, filed_on=date(2026, 11, 3))
    assert filing.deadline == date(2026, 11, 2) and filing.late and filing.recipient == "县人民政府（经县应急管理局）"
    plan.refresh_from_db()
    assert plan.status == "filed"
    second = services.do_record_filing(leader, plan, recipient="县应急管理局", filed_on=date(2026, 11, 3))
    assert second.plan_id == plan.pk
    new = services.do_start_revision(leader, plan, "command", "镇领导班子调整")
    plan.refresh_from_db()
    assert plan.status == "revising" and new.status == "draft" and new.version == 2 and new.previous_id == plan.pk
    assert new.type_codes == ["101"] and plan.revision_triggers.get().reason == "command"
    services.do_update_plan(leader, new, title="城关镇测试预案（2026年修订）", event_types=["101", "105"])
    services.do_issue_plan(leader, new, date(2026, 11, 20))
    plan.refresh_from_db()
    assert plan.status == "superseded"
    actions = list(AuditEvent.objects.filter(object_type="plans.plan", object_id=str(plan.pk)).order_by("seq")
                   .values_list("action", flat=True))
    assert actions == ["plan.create", "plan.issued", "plan.filed", "plan.revising", "plan.superseded"]


def test_wrong_transitions_are_409_naming_the_allowed_states(draft):
    with pytest.raises(TransitionNotAllowed) as error:
        services.do_record_filing(SYSTEM, draft)
    assert error.value.status == 409 and error.value.allowed == ["abolished", "issued"]
    services.do_abolish_plan(SYSTEM, draft)
    with pytest.raises(TransitionNotAllowed) as error:
        services.do_issue_plan(SYSTEM, draft)
    assert error.value.allowed == []


def test_issued_plans_change_only_through_a_revision(draft):
    plan = services.do_issue_plan(SYSTEM, draft, date(2026, 5, 6))
    with pytest.raises(Conflict):
        services.do_update_plan(SYSTEM, plan, title="改名")


def test_unit_leader_manages_only_own_unit(user, draft):
    with pytest.raises(Forbidden):
        services.do_update_plan(user("chengguan_ld"), make_plan(
            "青山镇预案", "township", "township", unit("青山镇"), issued=None), title="x")
    with pytest.raises(Forbidden):
        services.do_create_plan(user("chengguan_ld"), title="x", kind="township", level="township",
                                owner=unit("青山镇"))
    with pytest.raises(Forbidden):
        services.do_update_plan(user("chengguan_xxy"), draft, title="x")  # an information officer
    with pytest.raises(Forbidden):
        services.do_issue_plan(user("shenji"), draft)  # the auditor reads only


def test_drafts_are_visible_to_owner_unit_and_county_roles_only(user, draft):
    for name in ("chengguan_ld", "chengguan_xxy", "yingjiban", "shenji", "admin"):
        assert services.visible_plans(user(name)).filter(pk=draft.pk).exists(), name
    assert not services.visible_plans(user("qingshan_xxy")).filter(pk=draft.pk).exists()
    services.do_issue_plan(SYSTEM, draft)
    assert services.visible_plans(user("qingshan_xxy")).filter(pk=draft.pk).exists()


def _docx(size=100):
    return b"PK\x03\x04" + b"0" * size


def test_document_upload_keeps_revisions(storage, draft, user):
    leader = user("chengguan_ld")
    first = services.do_upload_document(leader, draft, SimpleUploadedFile("预案.docx", _docx()))
    second = services.do_upload_document(leader, draft, SimpleUploadedFile("预案.pdf", b"%PDF-1.7 test"))
    assert (first.revision, second.revision) == (1, 2) and first.name == "预案.docx"
    assert (storage / first.file.name).read_bytes() == _docx()


@pytest.mark.parametrize("name, content, status", [
    ("plan.exe", b"MZ...", 422), ("plan.docx", b"%PDF-1.7", 422), ("plan.pdf", b"", 422),
    ("plan.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), 413),
])
def test_bad_uploads_are_refused_and_change_nothing(storage, draft, name, content, status):
    counts = PlanDocument.objects.count(), AuditEvent.objects.count()
    with pytest.raises(Exception) as error:
        services.do_upload_document(SYSTEM, draft, SimpleUploadedFile(name, content))
    assert error.value.status == status
    assert (PlanDocument.objects.count(), AuditEvent.objects.count()) == counts
    assert not list(storage.rglob("*.*"))


def test_drill_updates_last_drill_and_actions_close_once(user):
    plan = make_plan("测试专项", "special", "county", unit("县水利局"), types=["101"], issued=date(2025, 1, 6))
    staff = user("yingjiban")
    drill = services.do_create_drill(
        staff, plan, title="防汛演练", held_on=date(2026, 6, 1), kind="field", findings="通讯不畅",
        participants=[unit("县水利局"), unit("城关镇")], scores={"execution": 85, "equipment": 70},
        actions=[{"description": "补充卫星电话", "unit": unit("县水利局"), "due_on": date(2026, 9, 1)}])
    plan.refresh_from_db()
    assert plan.last_drilled_on == date(2026, 6, 1)
    assert {s.item: s.score for s in drill.scores.all()} == {"execution": 85, "equipment": 70}
    action = drill.actions.get()
    services.do_close_action(staff, action, date(2026, 8, 20), "已配备")
    with pytest.raises(Conflict):
        services.do_close_action(staff, action)
    with pytest.raises(ValidationFailed):
        services.do_update_drill(staff, drill, scores={"execution": 101})
    with pytest.raises(ValidationFailed):
        services.do_create_drill(staff, plan, title="早", held_on=date(2024, 1, 1), kind="tabletop")


def test_drafts_cannot_be_drilled(draft):
    with pytest.raises(Conflict):
        services.do_create_drill(SYSTEM, draft, title="x", held_on=date(2026, 6, 1), kind="tabletop")
