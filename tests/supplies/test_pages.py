"""Pages, lists, the API stock list, shortfalls, expiry, the daily task and the demo county's supplies."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from countydesk.accounts.system import SYSTEM
from countydesk.registry.supplies import services, tasks
from countydesk.registry.supplies.choices import TransferStatus
from countydesk.registry.supplies.models import (BatchBalance, Depot, ExpiryWarning, Item, ReserveQuota,
                                                 TransferOrder)

from .conftest import receive

pytestmark = pytest.mark.django_db

PAGES = ["supplies:depots", "supplies:catalogue", "supplies:census", "supplies:shortfalls", "supplies:transfers",
         "supplies:expiry"]


@pytest.mark.parametrize("username", ["yingjiban", "chengguan_ld", "shenji", "chengguan_xxy"])
def test_every_page_opens_in_chinese_for_each_role(client_as, username):
    client = client_as(username)
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    depot = Depot.objects.get(name="城关镇应急物资储备点")
    for url in [f"/supplies/depots/{depot.pk}/", f"/supplies/depots/{depot.pk}/ledger/"]:
        assert client.get(url).status_code == 200
    assert "物资储备库" in client.get(reverse("supplies:depots")).content.decode()


@pytest.mark.parametrize("username, card", [("yingjiban", True), ("chengguan_ld", True), ("shenji", False)])
def test_navigation_and_dashboard_card(client_as, username, card):
    page = client_as(username).get("/").content.decode()
    assert "储备定额缺口" in page
    assert ("项定额缺口" in page) == card


def test_ledger_exports_to_excel(client_as):
    depot = Depot.objects.get(name="云溪县应急物资储备库")
    response = client_as("yingjiban").get(f"/supplies/depots/{depot.pk}/ledger/?format=xlsx&kind=receipt")
    assert response.status_code == 200 and response["content-type"].startswith("application/vnd.openxmlformats")


def test_entry_form_records_a_receipt(client_as):
    depot = Depot.objects.get(name="城关镇应急物资储备点")
    item = Item.objects.get(code="1030103")
    response = client_as("chengguan_ld").post(f"/supplies/depots/{depot.pk}/entry/", {
        "kind": "receipt", "item": item.pk, "quantity": "12", "batch_no": "WEB-1", "production_date": "2026-11-01"})
    assert response.status_code == 302
    assert BatchBalance.objects.get(depot=depot, batch__batch_no="WEB-1").quantity == 12


def test_stock_list_api_is_one_page_of_flat_rows_in_fixed_queries(api_as, django_assert_max_num_queries):
    depot = Depot.objects.get(name="云溪县应急物资储备库")
    client = api_as("yingjiban")
    with django_assert_max_num_queries(8):
        body = client.get(f"/api/supplies/depots/{depot.pk}/stock?per_page=1000").json()
    assert body["count"] == BatchBalance.objects.filter(depot=depot, quantity__gt=0).count() > 10
    row = body["items"][0]
    assert set(row) == {"item_id", "item_code", "item_name", "unit_of_measure", "batch_id", "batch_no",
                        "production_date", "expiry_date", "balance"}


@pytest.mark.parametrize("url_name", ["supplies:depots", "supplies:shortfalls", "supplies:expiry",
                                      "supplies:transfers", "supplies:catalogue"])
def test_list_pages_have_fixed_query_counts(client_as, django_assert_max_num_queries, url_name):
    client = client_as("yingjiban")
    client.get("/")
    with django_assert_max_num_queries(12):
        assert client.get(reverse(url_name)).status_code == 200


def test_ledger_page_query_count_is_fixed(client_as, django_assert_max_num_queries):
    depot = Depot.objects.get(name="云溪县应急物资储备库")
    client = client_as("yingjiban")
    client.get("/")
    with django_assert_max_num_queries(9):
        assert client.get(f"/supplies/depots/{depot.pk}/ledger/").status_code == 200


def test_shortfall_counts_expired_stock_as_unavailable(fresh_depot):
    depot = fresh_depot()
    receive(depot, "1030101", 80, batch_no="STALE", production_date=date(2025, 1, 1))
    receive(depot, "1030101", 30, batch_no="FRESH", production_date=date(2026, 11, 1))
    services.do_set_quota(SYSTEM, depot, Item.objects.get(code="1030101"), 100)
    row = services.shortfalls(ReserveQuota.objects.filter(depot=depot)).get()
    assert (row.usable, row.expired, row.shortfall) == (Decimal(30), Decimal(80), Decimal(70))


def test_expiry_list_and_the_daily_task(fresh_depot):
    depot = fresh_depot()
    today = date.today()
    receive(depot, "1030101", 5, batch_no="SOON", expiry_date=today + timedelta(days=10))
    receive(depot, "1030101", 5, batch_no="LATER", expiry_date=today + timedelta(days=400))
    receive(depot, "1030101", 5, batch_no="GONE", expiry_date=today - timedelta(days=1))
    listed = {b.batch.batch_no for b in services.expiring_batches(BatchBalance.objects.filter(depot=depot))}
    assert listed == {"SOON", "GONE"}
    added = tasks.record_expiry_warnings.call_local()
    assert added >= 2 and tasks.record_expiry_warnings.call_local() == 0  # once a day
    kinds = {w.batch.batch_no: w.kind for w in ExpiryWarning.objects.filter(depot=depot)}
    assert kinds == {"SOON": "expiring", "GONE": "expired"}


def test_the_demo_county_has_supplies_to_show():
    assert Depot.objects.filter(kind="enterprise").exists() and Depot.objects.filter(kind="agreement").exists()
    assert services.shortfalls().exists()
    assert services.expiring_batches().exists()
    assert TransferOrder.objects.filter(status=TransferStatus.REQUESTED).exists()
    assert services.ledger_mismatches() == []


def test_depot_page_shows_stock_and_quota_shortfalls(client_as):
    quota = services.shortfalls().filter(depot__name="云溪县应急物资储备库").first()
    page = client_as("yingjiban").get(f"/supplies/depots/{quota.depot_id}/").content.decode()
    assert quota.item.name in page and 'class="warn"' in page and "登记出入库" in page
    assert "登记出入库" not in client_as("shenji").get(f"/supplies/depots/{quota.depot_id}/").content.decode()
