"""Export → edit in Excel → import back is an update: the last column is the record's identity (ID); an
unchanged row writes nothing, an edited cell updates its record through the app's update service (audited),
an unknown ID is a bad row, an empty ID creates; a township user cannot update another unit's record."""

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from countydesk.audit.models import AuditEvent
from countydesk.registry.sheets.kit import DATABASES, KEY
from countydesk.registry.hazards.models import Hazard
from countydesk.registry.plans.choices import PlanStatus
from countydesk.registry.plans.models import Plan
from countydesk.registry.supplies.models import StockMovement
from countydesk.registry.teams.models import Team

from .test_cli import REQUIRED, export, rows_of, run, write

pytestmark = pytest.mark.django_db

# database: (the field edited, its new value, the update's audit action)
EDITS = {
    "plans": ("summary", "导入时改过的摘要", "plan.update"),
    "teams": ("leader", "新队长", "team.update"),
    "volunteers": ("skills", "急救、心理疏导", "volunteer.update"),
    "experts": ("title", "正高级工程师", "expert.update"),
    "depots": ("manager", "新管理员", "depot.update"),
    "supplies": ("name", "改名的物资", "supply_item.update"),
    "hazards": ("monitoring", "汛期每日巡查", "hazard.update"),
    "shelters": ("facilities", "供水、供电、医疗点", "shelter.update"),
    "targets": ("phone", "0797-1234567", "protected_target.update"),
    "cases": ("place", "改过的地点", "case.update"),
}


def counts(name):
    return DATABASES[name].queryset().count(), AuditEvent.objects.count(), StockMovement.objects.count()


def test_every_database_has_an_update_or_a_reason_to_refuse_one():
    for name in REQUIRED:
        database = DATABASES[name]
        assert database.update is not None or database.refuse_changes, name
    assert DATABASES["stock"].update is None


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_an_unchanged_export_imports_as_unchanged(tmp_path, name):
    path, count = export(tmp_path, name)
    header = rows_of(path)[0]
    assert header[-1] == str(KEY.header)
    before = counts(name)
    report, ok = run("import", name, str(path))
    assert ok and report["errors"] == []
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, count)
    assert report["rows_imported"] == count
    assert counts(name) == before  # no new rows, no audit noise, no ledger entries


@pytest.mark.parametrize("name", sorted(EDITS))
def test_one_edited_cell_updates_its_record_and_the_audit_shows_it(tmp_path, name):
    field, value, action = EDITS[name]
    database = DATABASES[name]
    path, count = export(tmp_path, name)
    header, *rows = rows_of(path)
    index = 0
    if name == "plans":  # only a draft changes in place; an issued plan changes through a revision
        index = next(i for i, r in enumerate(rows) if Plan.objects.get(pk=r[-1]).status == PlanStatus.DRAFT)
    column = header.index(database.header(field))
    pk, old = rows[index][-1], rows[index][column]
    rows[index][column] = value
    before = counts(name)
    report, ok = run("import", name, str(write(tmp_path / "edited.xlsx", [header, *rows])))
    assert ok and report["errors"] == []
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 1, count - 1)
    assert counts(name)[0] == before[0] and counts(name)[1] == before[1] + 1
    assert getattr(database.queryset().get(pk=pk), field) == value
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.object_id) == (action, str(pk))
    assert event.actor is None  # the CLI acts as the platform (SYSTEM)
    assert event.after[field] == value and event.before[field] == (old or "")


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_an_unknown_id_is_a_bad_row_and_nothing_is_imported(tmp_path, name):
    path, count = export(tmp_path, name)
    header, *rows = rows_of(path)
    rows[0][-1] = 99999999
    before = counts(name)
    report, ok = run("import", name, str(write(tmp_path / "unknown.xlsx", [header, *rows])))
    assert not ok and report["bad_rows"] == [2] and report["rows_imported"] == 0
    [error] = report["errors"]
    assert error["column"] == str(KEY.header) and "99999999" in error["reason"]
    assert counts(name) == before


def test_an_empty_id_creates_and_a_blank_cell_clears_on_update(tmp_path):
    teams = DATABASES["teams"]
    path, count = export(tmp_path, "teams")
    header, *rows = rows_of(path)
    name, phone, lat, lon = (header.index(teams.header(f)) for f in ("name", "phone", "lat", "lon"))
    index = next(i for i, r in enumerate(rows) if r[phone] and r[lat] is not None)
    new = list(rows[index])
    new[name], new[-1] = "导入新建的抢险队", None
    rows[index][phone] = rows[index][lat] = rows[index][lon] = None
    report, ok = run("import", "teams", str(write(tmp_path / "t.xlsx", [header, *rows, new])))
    assert report["errors"] == [] and ok
    assert (report["created"], report["updated"], report["unchanged"]) == (1, 1, count - 1)
    assert Team.objects.filter(name="导入新建的抢险队").count() == 1 and Team.objects.count() == count + 1
    cleared = Team.objects.get(pk=rows[index][-1])
    assert (cleared.phone, cleared.lat, cleared.lon) == ("", None, None)
    event = AuditEvent.objects.filter(action="team.update", object_id=str(cleared.pk)).first()
    assert event.after["phone"] == "" and event.after["lat"] is None and event.before["phone"]


def test_a_changed_stock_balance_is_refused_the_ledger_is_append_only(tmp_path):
    path, count = export(tmp_path, "stock")
    header, *rows = rows_of(path)
    quantity = header.index(DATABASES["stock"].header("quantity"))
    rows[0][quantity] = float(rows[0][quantity]) + 5
    before = counts("stock")
    report, ok = run("import", "stock", str(write(tmp_path / "s.xlsx", [header, *rows])))
    assert not ok and report["bad_rows"] == [2]
    [error] = report["errors"]
    assert error["column"] == header[quantity] and error["reason"] == str(DATABASES["stock"].refuse_changes)
    assert counts("stock") == before


def test_an_edited_issued_plan_is_a_bad_row_naming_the_revision(tmp_path):
    path, _count = export(tmp_path, "plans")
    header, *rows = rows_of(path)
    index = next(i for i, r in enumerate(rows) if Plan.objects.get(pk=r[-1]).status == PlanStatus.ISSUED)
    rows[index][header.index(DATABASES["plans"].header("summary"))] = "不该直接改的摘要"
    report, ok = run("import", "plans", str(write(tmp_path / "p.xlsx", [header, *rows])))
    assert not ok and report["bad_rows"] == [index + 2]
    assert report["errors"][0]["column"] == str(KEY.header)


# --- the browser: the signed-in user acts, within their unit ---

def _download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [list(r) for r in load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)]


def _file(rows, name="edited.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def test_a_township_leader_cannot_update_another_units_record(client_as):
    client = client_as("chengguan_ld")
    header, *rows = _download(client, "/registry/teams/export/")
    unit, leader = header.index(DATABASES["teams"].header("unit")), header.index(DATABASES["teams"].header("leader"))
    own = next(i for i, r in enumerate(rows) if r[unit] == "城关镇")
    other = next(i for i, r in enumerate(rows) if r[unit] not in ("城关镇", None))
    rows[own][leader], rows[other][leader] = "本镇新队长", "越权的队长"
    before = counts("teams")
    page = client.post("/registry/teams/import/", {"file": _file([header, *rows])}).content.decode()
    assert f"第 {other + 2} 行" in page and f"第 {own + 2} 行" not in page
    assert header[unit] in page and "越权的队长" not in Team.objects.values_list("leader", flat=True)
    assert counts("teams") == before and Team.objects.get(pk=rows[own][-1]).leader != "本镇新队长"
    # With --partial the own row is kept, audited as the signed-in user; the other unit's still refused.
    page = client.post("/registry/teams/import/", {"file": _file([header, *rows]), "partial": "1"}).content.decode()
    assert f"第 {other + 2} 行" in page
    assert Team.objects.get(pk=rows[own][-1]).leader == "本镇新队长"
    assert Team.objects.get(pk=rows[other][-1]).leader != "越权的队长"
    event = AuditEvent.objects.filter(action="team.update", object_id=str(rows[own][-1])).first()
    assert event.actor.username == "chengguan_ld" and event.after["leader"] == "本镇新队长"


def test_a_township_leader_cannot_reach_another_units_hidden_record(client_as):
    """Hazards are scoped: another unit's hazard is not in the leader's export, and its ID is no record."""
    client = client_as("chengguan_ld")
    header, *rows = _download(client, "/registry/hazards/export/")
    other = Hazard.objects.exclude(pk__in=[r[-1] for r in rows]).first()
    row = list(rows[0])
    row[-1] = other.pk
    before = counts("hazards")
    page = client.post("/registry/hazards/import/", {"file": _file([header, row])}).content.decode()
    assert "第 2 行" in page and str(KEY.header) in page and str(other.pk) in page
    assert counts("hazards") == before and Hazard.objects.get(pk=other.pk).name == other.name


def test_the_page_reports_created_updated_and_unchanged(client_as):
    client = client_as("yingjiban")
    header, *rows = _download(client, "/registry/shelters/export/")
    facilities = header.index(DATABASES["shelters"].header("facilities"))
    rows[0][facilities] = "网页改过的设施"
    before = counts("shelters")
    page = client.post("/registry/shelters/import/", {"file": _file([header, *rows]), "dry_run": "1"}).content.decode()
    assert f"正确的行中，0 条将新建记录，1 条将更新记录，{len(rows) - 1} 条没有变化。" in page
    assert counts("shelters") == before
    response = client.post("/registry/shelters/import/", {"file": _file([header, *rows])}, follow=True)
    assert response.redirect_chain[-1][0] == "/places/shelters/"
    assert [str(m) for m in response.context["messages"]] == [
        f"已导入 {len(rows)} 行：新建 0 条，更新 1 条，未变 {len(rows) - 1} 条。"]
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "shelter.update" and event.actor.username == "yingjiban"
    assert event.after["facilities"] == "网页改过的设施" and set(event.after) <= {"facilities", "updated"}


def test_an_id_twice_in_one_file_is_a_bad_row(tmp_path):
    path, _count = export(tmp_path, "shelters")
    header, first, *_rest = rows_of(path)
    again = list(first)
    again[header.index(DATABASES["shelters"].header("facilities"))] = "第二行的设施"
    before = counts("shelters")
    report, ok = run("import", "shelters", str(write(tmp_path / "twice.xlsx", [header, first, again])))
    assert not ok and report["bad_rows"] == [3] and report["errors"][0]["column"] == str(KEY.header)
    assert "2" in report["errors"][0]["reason"] and counts("shelters") == before
