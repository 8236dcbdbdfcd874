"""Requisitions and compensation (征用与补偿): the paperwork deadline from the rule table, the return against the
list with damage and loss → compensation from the depreciation rules, the payment flow, the GB/T 9704 documents
opened back with python-docx, 422s with nothing changed, and the roles."""

import json
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from docx import Document
from django.utils import timezone

from countydesk.accounts.system import SYSTEM
from countydesk.command.models import PaymentStatus, Requisition, RequisitionLine, RequisitionRule, RequisitionStatus
from countydesk.command.rules.requisitions import DEPRECIATION_PERCENT, PAPERWORK_HOURS
from countydesk.command.services import requisitions as services

from .conftest import counts, open_incident

pytestmark = pytest.mark.django_db

OWNER = {"owner_name": "云溪县鑫达土石方有限公司", "owner_kind": "company", "owner_contact": "李建国 13900001111",
         "owner_id_code": "91360722MA35R7QB2K"}
EXCAVATOR = {"description": "挖掘机（三一SY215C）", "quantity": 1, "condition_before": "完好，可正常作业",
             "value": Decimal("400000"), "age_years": 3}
PUMP = {"description": "柴油抽水泵", "quantity": 2, "condition_before": "完好", "value": Decimal("12000"), "age_years": 12}


def post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def _requisition(incident, **kwargs):
    return services.do_requisition(SYSTEM, incident, OWNER, "清理塌方路段", [EXCAVATOR, PUMP], **kwargs)


def _text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_decision_is_due_within_the_rule_hours(incident):
    at = timezone.now() - timedelta(hours=1)
    requisition = _requisition(incident, requisitioned_at=at)
    assert requisition.paperwork_due_at == at + timedelta(hours=48)
    assert list(services.open_paperwork(Requisition.objects.filter(pk=requisition.pk))) == [requisition]
    RequisitionRule.objects.filter(key=PAPERWORK_HOURS).update(value=24)
    assert _requisition(incident, requisitioned_at=at).paperwork_due_at == at + timedelta(hours=24)
    services.do_issue_decision(SYSTEM, requisition)
    assert requisition.decided_at and not services.open_paperwork(Requisition.objects.filter(pk=requisition.pk))


def test_return_with_damage_and_loss_computes_compensation_from_the_rules(incident):
    requisition = _requisition(incident)
    excavator, pump = requisition.lines.all()
    services.do_return_requisition(SYSTEM, requisition, {
        excavator.pk: {"condition_after": "液压臂油缸渗漏", "outcome": "damaged", "repair_cost": "18500"},
        pump.pk: {"condition_after": "被洪水冲走", "outcome": "lost"},
    })
    excavator.refresh_from_db(), pump.refresh_from_db()
    assert excavator.compensation == Decimal("18500.00")  # repairable: the repair cost
    assert pump.compensation == Decimal("1200.00")  # lost, 12 years × 10 % → the 10 % floor of 12,000
    assert requisition.status == RequisitionStatus.RETURNED
    assert requisition.compensation == Decimal("19700.00") and requisition.payment_status == PaymentStatus.DUE
    RequisitionRule.objects.filter(key=DEPRECIATION_PERCENT).update(value=5)
    assert services.line_compensation(pump) == Decimal("4800.00")  # 12 × 5 % = 60 % lost


def test_repair_is_capped_at_the_depreciated_value_and_intact_owes_nothing(incident):
    requisition = _requisition(incident)
    excavator, pump = requisition.lines.all()
    services.do_return_requisition(SYSTEM, requisition, {
        excavator.pk: {"condition_after": "完好", "outcome": "intact"},
        pump.pk: {"condition_after": "电机烧毁", "outcome": "damaged", "repair_cost": "5000"},
    })
    assert [line.compensation for line in requisition.lines.all()] == [0, Decimal("1200.00")]


def test_nothing_owed_means_no_payment(incident):
    requisition = services.do_requisition(SYSTEM, incident, OWNER, "照明", [PUMP])
    line = requisition.lines.get()
    services.do_return_requisition(SYSTEM, requisition, {line.pk: {"condition_after": "完好", "outcome": "intact"}})
    assert requisition.payment_status == PaymentStatus.NONE and requisition.compensation == 0


def test_payment_flow_through_the_api(incident, api_as):
    requisition = _requisition(incident)
    excavator, pump = requisition.lines.all()
    client = api_as("zhihui")
    url = f"/api/command/requisitions/{requisition.pk}"
    assert post(client, f"{url}/payment", {"action": "approve"}).status_code == 409  # nothing due yet
    answer = post(client, f"{url}/return", {"lines": [
        {"line_id": excavator.pk, "condition_after": "履带断裂", "outcome": "damaged", "repair_cost": 9000},
        {"line_id": pump.pk, "condition_after": "完好", "outcome": "intact"}]})
    assert answer.status_code == 200, answer.content
    assert answer.json()["payment_status"] == "due" and answer.json()["compensation"] == "9000.00"
    wrong = post(client, f"{url}/payment", {"action": "pay"})
    assert wrong.status_code == 409 and wrong.json()["fields"]["allowed"] == ["approved"]
    assert post(client, f"{url}/payment", {"action": "approve"}).json()["payment_status"] == "approved"
    paid = post(client, f"{url}/payment", {"action": "pay"}).json()
    assert paid["payment_status"] == "paid" and paid["paid_at"]
    assert post(client, f"{url}/return", {"lines": []}).status_code == 409


def test_the_documents_open_back_with_their_text(incident, api_as):
    requisition = _requisition(incident)
    client = api_as("yingjiban")
    decision = client.get(f"/api/command/requisitions/{requisition.pk}/decision.docx")
    assert decision.status_code == 200
    text = _text(decision.content)
    assert "应急征用决定书" in text and OWNER["owner_name"] in text and "挖掘机（三一SY215C）" in text
    assert "清理塌方路段" in text and "400,000.00" in text
    excavator, pump = requisition.lines.all()
    services.do_return_requisition(SYSTEM, requisition, {
        excavator.pk: {"condition_after": "斗齿断裂", "outcome": "damaged", "repair_cost": "3200"},
        pump.pk: {"condition_after": "丢失", "outcome": "lost"}})
    note = _text(client.get(f"/api/command/requisitions/{requisition.pk}/compensation.docx").content)
    assert "补偿通知书" in note and "斗齿断裂" in note and "4,400.00" in note and "3,200.00" in note


@pytest.mark.parametrize("body, field", [
    ({"owner_name": ""}, "owner_name"),
    ({"lines": []}, "lines"),
    ({"owner_id_code": "", "owner_contact": ""}, "owner_id_code"),
])
def test_a_requisition_without_owner_or_items_is_422_and_nothing_changes(incident, api_as, body, field):
    client = api_as("zhihui")
    before = counts(Requisition, RequisitionLine)
    payload = {"incident_id": incident.pk, "purpose": "清理塌方路段", "lines": [
        {k: str(v) if isinstance(v, Decimal) else v for k, v in EXCAVATOR.items()}]} | OWNER | body
    answer = post(client, "/api/command/requisitions", payload)
    assert answer.status_code == 422, answer.content
    assert field in answer.json()["fields"]
    assert counts(Requisition, RequisitionLine) == before


def test_a_return_must_cover_the_whole_list(incident):
    requisition = _requisition(incident)
    excavator, pump = requisition.lines.all()
    before = counts(Requisition, RequisitionLine)
    with pytest.raises(Exception) as refused:
        services.do_return_requisition(SYSTEM, requisition, {
            excavator.pk: {"condition_after": "坏了", "outcome": "damaged"}})  # no repair cost, pump missing
    assert set(refused.value.fields) == {f"lines.{pump.pk}", f"lines.{excavator.pk}.repair_cost"}
    requisition.refresh_from_db()
    assert requisition.status == RequisitionStatus.IN_USE and counts(Requisition, RequisitionLine) == before


@pytest.mark.parametrize("name, allowed", [("zhihui", True), ("yingjiban", True), ("zhiban", False),
                                           ("duizhang", False), ("chengguan_xxy", False)])
def test_roles(incident, api_as, name, allowed):
    client = api_as(name)
    before = counts(Requisition)
    payload = {"incident_id": incident.pk, "purpose": "清理塌方路段", "lines": [
        {k: str(v) if isinstance(v, Decimal) else v for k, v in EXCAVATOR.items()}]} | OWNER
    answer = post(client, "/api/command/requisitions", payload)
    assert answer.status_code == (201 if allowed else 403) or (not allowed and answer.status_code == 422), answer.content
    assert (counts(Requisition)[2] == before[2] + 1) is allowed


def test_another_townships_requisition_is_404(api_as):
    elsewhere = open_incident(outside="城关镇")
    requisition = _requisition(elsewhere)
    assert api_as("chengguan_xxy").get(f"/api/command/requisitions/{requisition.pk}").status_code == 404
    assert api_as("duizhang").get(f"/api/command/requisitions/{requisition.pk}").status_code == 404
    assert api_as("zhiban").get(f"/api/command/requisitions/{requisition.pk}").status_code == 200
    assert post(api_as("zhiban"), f"/api/command/requisitions/{requisition.pk}/decision").status_code == 403
