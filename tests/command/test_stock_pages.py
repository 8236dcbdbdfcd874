"""The allocation and requisition pages: lists with Excel export, record pages taking their steps, the dashboard
card of decisions due, the navigation entries, and the demo's partly delivered allocation and excavator."""

from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from countydesk.accounts.system import SYSTEM
from countydesk.command.models import Allocation, AllocationStatus, Requisition, RequisitionStatus
from countydesk.command.services import allocations as services

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_partly_delivered_allocation_and_an_excavator():
    allocation = Allocation.objects.get(status=AllocationStatus.PARTLY_DELIVERED)
    assert allocation.incident.status in ("received", "verified", "responding")
    requisition = Requisition.objects.get(lines__description__contains="挖掘机")
    assert requisition.status == RequisitionStatus.IN_USE and requisition.decided_at is None


def test_allocation_pages_take_the_steps_and_export(client_as, stocked, incident):
    depot, item = stocked(20)
    client = client_as("zhihui")
    made = client.post("/command/allocations/", {"incident": incident.pk, "depot": depot.pk, "item": item.pk,
                                                 "quantity": "6", "destination": "现场"})
    allocation = Allocation.objects.get(depot=depot)
    assert made.status_code == 302 and made["Location"] == f"/command/allocations/{allocation.pk}/"
    assert "出库发运" in client.get(made["Location"]).content.decode()
    client.post(made["Location"], {"action": "ship"})
    client.post(made["Location"], {"action": "deliver_part", f"deliver_part_{item.pk}": "2"})
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.PARTLY_DELIVERED
    page = client.get(made["Location"]).content.decode()
    assert "部分送达" in page and "-6" in page
    client.post(made["Location"], {"action": "return", f"return_{item.pk}": "4"})
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.CLOSED and allocation.lines.get().returned == 4
    sheet = load_workbook(BytesIO(client.get("/command/allocations/?format=xlsx").content)).active
    assert any(row[0] == allocation.pk for row in sheet.iter_rows(values_only=True))


def test_a_township_lists_only_its_own(client_as, stocked):
    from .conftest import open_incident

    depot, item = stocked(5)
    elsewhere = services.do_allocate(SYSTEM, open_incident(outside="城关镇"), depot, [(item, 1)])
    client = client_as("chengguan_xxy")
    assert client.get(f"/command/allocations/{elsewhere.pk}/").status_code == 404
    assert client.get("/command/allocations/").status_code == 200
    assert client_as("zhiban").get("/command/allocations/").content.decode().count("name=\"incident\"") == 0


def test_requisition_pages_return_pay_and_documents(client_as, incident):
    client = client_as("yingjiban")
    made = client.post("/command/requisitions/", {
        "incident": incident.pk, "owner_name": "王强", "owner_kind": "person", "owner_contact": "13800001234",
        "owner_id_code": "360926198001011234", "purpose": "运送物资", "description_0": "农用货车", "quantity_0": "1",
        "condition_0": "完好", "value_0": "60000", "age_0": "4"})
    assert made.status_code == 302, made.content.decode()[:2000]
    requisition = Requisition.objects.get(owner_name="王强")
    line = requisition.lines.get()
    assert "剩余" in client.get(made["Location"]).content.decode()  # the decision's countdown
    client.post(made["Location"], {"action": "decide"})
    client.post(made["Location"], {"action": "return", f"condition_{line.pk}": "车厢变形", f"outcome_{line.pk}": "lost"})
    requisition.refresh_from_db()
    assert requisition.compensation == 36000 and requisition.decided_at  # 60,000 × (100 − 4 × 10) %
    client.post(made["Location"], {"action": "approve"})
    client.post(made["Location"], {"action": "pay"})
    requisition.refresh_from_db()
    assert requisition.payment_status == "paid"
    note = Document(BytesIO(client.get(f"/command/requisitions/{requisition.pk}/compensation.docx").content))
    assert "36,000.00" in "".join(c.text for t in note.tables for r in t.rows for c in r.cells)
    assert client.get("/command/requisitions/?format=xlsx").status_code == 200


def test_the_dashboard_shows_decisions_due_and_the_navigation_the_pages(client_as):
    page = client_as("zhihui").get("/").content.decode()
    assert "/command/requisitions/" in page and "/command/allocations/" in page
    assert "鑫达" in page  # the demo excavator's owner, decision still due
    assert "/command/allocations/" not in client_as("xinxike").get("/").content.decode()


def test_the_openapi_schema_lists_the_endpoints(api_as):
    paths = api_as("zhihui").get("/api/openapi.json").json()["paths"]
    assert {"/api/command/allocations", "/api/command/allocations/{allocation_id}/deliveries",
            "/api/command/requisitions", "/api/command/requisitions/{requisition_id}/payment"} <= set(paths)


def test_changes_are_announced_on_the_live_topic(stocked, incident):
    from countydesk.core.events.models import Event

    depot, item = stocked(5)
    before = Event.objects.filter(topic="command.stock").count()
    allocation = services.do_allocate(SYSTEM, incident, depot, [(item, 2)])
    services.do_ship(SYSTEM, allocation)
    events = list(Event.objects.filter(topic="command.stock").order_by("-id")[:2])
    assert Event.objects.filter(topic="command.stock").count() == before + 2
    assert [e.data["status"] for e in events] == ["shipped", "reserved"] and events[0].data["id"] == allocation.pk


def test_list_pages_keep_their_query_count(client_as, stocked, incident, django_assert_max_num_queries):
    depot, item = stocked(30)
    for _ in range(5):
        services.do_allocate(SYSTEM, incident, depot, [(item, 1)])
    client = client_as("zhihui")
    client.get("/command/allocations/")
    with django_assert_max_num_queries(30):
        assert client.get("/command/allocations/").status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get("/command/requisitions/").status_code == 200


def test_the_incident_panel_context_renders(rf, user, stocked, incident):
    from django.template.loader import render_to_string

    from countydesk.command.views.stock import stock_panel

    depot, item = stocked(5)
    services.do_allocate(SYSTEM, incident, depot, [(item, 2)])
    request = rf.get("/")
    request.user = user("zhihui")
    html = render_to_string("command/stock_panel.html", stock_panel(request, incident), request=request)
    assert depot.name in html and item.name in html


def test_the_depot_page_shows_what_is_reserved(client_as, stocked, incident):
    depot, item = stocked(9)
    allocation = services.do_allocate(SYSTEM, incident, depot, [(item, 3)])
    page = client_as("yingjiban").get(f"/supplies/depots/{depot.pk}/").content.decode()
    assert "已为现场预留" in page and f"调配单 {allocation.pk}" in page
