"""The import and export pages of the registry databases: template, upload with a per-row report,
the whole database as .xlsx; by role and unit."""

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from countydesk.audit.models import AuditEvent
from countydesk.registry.sheets.kit import DATABASES
from countydesk.registry.hazards.models import Hazard
from countydesk.registry.places.models import Shelter
from countydesk.registry.supplies.models import Depot
from countydesk.registry.teams.models import Volunteer

pytestmark = pytest.mark.django_db


def _upload(client, name, rows):
    response = client.get(f"/registry/{name}/import/?template=1")
    assert response.status_code == 200
    header = next(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = f"{name}.xlsx"
    return buffer


HAZARD_OWN = ["城关镇滑坡点甲", "landslide", "general", "城关镇", "", "", None, None]
HAZARD_OTHER = ["青山镇滑坡点乙", "landslide", "major", "青山镇", "", "", None, None]


def test_a_township_leader_imports_only_into_its_own_unit(client_as):
    client = client_as("chengguan_ld")
    url = "/registry/hazards/import/"
    counts = Hazard.objects.count(), AuditEvent.objects.count()
    page = client.post(url, {"file": _upload(client, "hazards", [HAZARD_OWN, HAZARD_OTHER])}).content.decode()
    assert "第 3 行" in page and "第 2 行" not in page and DATABASES["hazards"].header("unit") in page
    assert (Hazard.objects.count(), AuditEvent.objects.count()) == counts
    page = client.post(url, {"file": _upload(client, "hazards", [HAZARD_OWN, HAZARD_OTHER]), "partial": "1"})
    assert page.status_code == 200 and "第 3 行" in page.content.decode()
    assert Hazard.objects.filter(name="城关镇滑坡点甲").exists() and not Hazard.objects.filter(name="青山镇滑坡点乙").exists()


def test_a_clean_file_is_imported_and_goes_back_to_the_list(client_as):
    client = client_as("yingjiban")
    row = ["新建避难场所丙", "城关镇", 500, 3000, "供水", "城关镇二中", 29.1, 114.6, "", "open"]
    response = client.post("/registry/shelters/import/", {"file": _upload(client, "shelters", [row])})
    assert response.status_code == 302 and response["Location"] == "/places/shelters/"
    assert Shelter.objects.get(name="新建避难场所丙").capacity == 500


def test_a_dry_run_from_the_browser_imports_nothing(client_as):
    client = client_as("yingjiban")
    row = ["新建避难场所丁", "城关镇", 500, 3000, "", "", None, None, "", ""]
    page = client.post("/registry/shelters/import/", {"file": _upload(client, "shelters", [row]), "dry_run": "1"})
    assert page.status_code == 200 and not Shelter.objects.filter(name="新建避难场所丁").exists()


@pytest.mark.parametrize("name", ["hazards", "shelters", "cases", "supplies", "stock"])
def test_an_unprivileged_role_may_not_import(client_as, name):
    client = client_as("chengguan_xxy")
    assert client.get(f"/registry/{name}/import/").status_code == 403
    assert client.get(f"/registry/{name}/import/?template=1").status_code == 403
    assert client.post(f"/registry/{name}/import/", {}).status_code == 403


def test_list_pages_offer_import_and_export_by_role(client_as):
    leader, officer = client_as("chengguan_ld"), client_as("chengguan_xxy")
    assert "/registry/hazards/import/" in leader.get("/hazards/").content.decode()
    page = officer.get("/hazards/").content.decode()
    assert "/registry/hazards/import/" not in page and "/registry/hazards/export/" in page
    depots = client_as("yingjiban").get("/supplies/").content.decode()
    assert "/registry/depots/import/" in depots and "/registry/stock/import/" in depots
    for url, name in [("/plans/", "plans"), ("/cases/", "cases"), ("/supplies/catalogue/", "supplies"),
                      ("/teams/volunteers/", "volunteers"), ("/places/targets/", "targets")]:
        assert f"/registry/{name}/export/" in client_as("yingjiban").get(url).content.decode()


def test_the_export_holds_what_the_user_may_see(client_as):
    rows = lambda response: list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))  # noqa: E731
    everything = rows(client_as("yingjiban").get("/registry/volunteers/export/"))
    assert len(everything) - 1 == Volunteer.objects.count()
    own = rows(client_as("chengguan_ld").get("/registry/volunteers/export/"))
    township = DATABASES["volunteers"].header("unit")
    column = own[0].index(township)
    assert 0 < len(own) - 1 < len(everything) - 1 and {r[column] for r in own[1:]} == {"城关镇"}
    depots = rows(client_as("yingjiban").get("/registry/depots/export/"))
    assert len(depots) - 1 == Depot.objects.count()
    assert client_as("yingjiban").get("/registry/nothing/export/").status_code == 404


def test_the_old_import_addresses_still_work(client_as):
    client = client_as("admin")
    response = client.post("/teams/experts/import/",
                           {"file": _upload(client, "experts", [["吴专家", "高级工程师", "县水利局", "101", ""]])})
    assert response.status_code == 302


def test_stock_receipts_from_the_browser_stay_in_the_users_depots(client_as):
    from countydesk.registry.supplies.models import Item, StockMovement

    client = client_as("chengguan_ld")
    own = Depot.objects.filter(unit__name="城关镇").first()
    other = Depot.objects.exclude(unit__path__startswith=own.unit.path).first()
    item = Item.objects.filter(active=True).first()
    movements = StockMovement.objects.count()
    rows = [[own.name, item.code, "IMP-1", None, None, 5, ""], [other.name, item.code, "IMP-1", None, None, 5, ""]]
    page = client.post("/registry/stock/import/", {"file": _upload(client, "stock", rows)}).content.decode()
    assert "第 3 行" in page and "第 2 行" not in page and StockMovement.objects.count() == movements
    assert client.get("/registry/supplies/import/").status_code == 403  # the catalogue is the county's
