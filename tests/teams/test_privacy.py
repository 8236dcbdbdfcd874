"""个人信息保护法: contact details of people outside the viewer's unit only for the emergency roles.

Per demo role: the phones of teams, experts and volunteers of other units are masked in the list pages,
the record pages, the API, the map layer and the Excel exports; the emergency roles (duty officer,
emergency office, commander) and the superuser read them all; everyone reads their own unit's.
"""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from countydesk.accounts.choices import CONTACT_ROLES
from countydesk.demo.generator import DEMO_ACCOUNTS
from countydesk.orgs.models import Unit
from countydesk.orgs.privacy import mask_phone
from countydesk.registry.sheets.kit import get_database, run_import
from countydesk.registry.teams.models import Expert, Team

pytestmark = pytest.mark.django_db


def _reads_all(username, role):
    return role in CONTACT_ROLES or username == "admin"  # the demo administrator is a superuser


def _outside(user, model):
    """A record of another unit than `user`'s subtree."""
    return model.objects.exclude(unit__path__startswith=user.unit.path).exclude(phone="").order_by("pk").first()


def test_mask_keeps_the_first_three_and_last_four():
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("0571-88881234") == "057****1234"
    assert mask_phone("12345") == "*****"
    assert mask_phone("") == ""


@pytest.mark.parametrize("username, role, unit_name, display", DEMO_ACCOUNTS)
def test_pages_api_and_map_mask_other_units_phones(user, client_as, api_as, username, role, unit_name, display):
    viewer = user(username)
    team, expert = _outside(viewer, Team), _outside(viewer, Expert)
    shown = (lambda phone: phone) if _reads_all(username, role) else mask_phone
    page, api = client_as(username), api_as(username)

    detail = page.get(f"/teams/{team.pk}/").content.decode()
    assert shown(team.phone) in detail and (shown is mask_phone) == (team.phone not in detail)
    listing = page.get("/teams/", {"name": team.name}).content.decode()
    assert shown(team.phone) in listing
    expert_page = page.get(f"/teams/experts/{expert.pk}/").content.decode()
    assert shown(expert.phone) in expert_page and (shown is mask_phone) == (expert.phone not in expert_page)

    assert api.get(f"/api/teams/{team.pk}").json()["phone"] == shown(team.phone)
    rows = {r["id"]: r for r in api.get("/api/teams", {"per_page": 1000}).json()["items"]}
    assert rows[team.pk]["phone"] == shown(team.phone)
    experts = {r["id"]: r for r in api.get("/api/teams/experts", {"per_page": 1000}).json()["items"]}
    assert experts[expert.pk]["phone"] == shown(expert.phone)
    layer = api.get("/api/geo/teams").json()["features"]
    assert {f["properties"]["url"]: f["properties"]["phone"] for f in layer}[f"/teams/{team.pk}/"] == shown(team.phone)


@pytest.mark.parametrize("username", ["chengguan_xxy", "duizhang"])
def test_own_units_phones_stay_readable(user, client_as, api_as, username):
    viewer = user(username)
    own = Team.objects.filter(unit__path__startswith=viewer.unit.path).exclude(phone="").first()
    assert own is not None
    assert own.phone in client_as(username).get(f"/teams/{own.pk}/").content.decode()
    assert api_as(username).get(f"/api/teams/{own.pk}").json()["phone"] == own.phone


def _sheet_phones(content: bytes, phone_title="电话") -> dict:
    sheet = load_workbook(BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    return {row[-1]: row[header.index(phone_title)] for row in rows[1:]}


@pytest.mark.parametrize("username, masked", [("xinxike", True), ("shenji", True), ("zhiban", False)])
def test_excel_exports_mask_other_units_phones(user, client_as, username, masked):
    viewer = user(username)
    team, expert = _outside(viewer, Team), _outside(viewer, Expert)
    shown = mask_phone if masked else (lambda phone: phone)
    client = client_as(username)
    assert _sheet_phones(client.get("/registry/teams/export/").content)[team.pk] == shown(team.phone)
    assert _sheet_phones(client.get("/registry/experts/export/").content)[expert.pk] == shown(expert.phone)
    listing = load_workbook(BytesIO(client.get("/teams/", {"format": "xlsx"}).content)).active
    phones = {row[0]: row[-1] for row in listing.iter_rows(min_row=2, values_only=True)}
    assert phones[team.name] == shown(team.phone)


def test_the_command_line_export_keeps_every_phone():
    content, _ = get_database("teams").export()
    team = Team.objects.exclude(phone="").first()
    assert _sheet_phones(content)[team.pk] == team.phone


def test_a_masked_export_imports_back_unchanged(user):
    """A unit leader's export (other units masked) read back in changes nothing, and a masked number
    on a new row is refused as a phone number."""
    leader = user("chengguan_ld")
    content, _ = get_database("teams").export(leader)
    phones = dict(Team.objects.values_list("pk", "phone"))
    report = run_import(get_database("teams"), leader, BytesIO(content), filename="teams.xlsx").as_dict()
    assert (report["bad_rows"], report["updated"], report["unchanged"]) == ([], 0, len(phones))
    assert dict(Team.objects.values_list("pk", "phone")) == phones

    book = load_workbook(BytesIO(content))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    masked_row = next(r for r in sheet.iter_rows(min_row=2) if "*" in str(r[header.index("电话")].value))
    masked_row[-1].value = None  # no ID: a new team carrying someone's masked number
    masked_row[header.index("所属单位")].value = "城关镇"
    edited = BytesIO()
    book.save(edited)
    edited.seek(0)
    report = run_import(get_database("teams"), leader, edited, filename="teams.xlsx").as_dict()
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(masked_row[0].row, "电话")]
    assert Team.objects.count() == len(phones)


def test_edit_forms_are_refused_to_those_who_may_not_change_the_record(client_as):
    expert = Expert.objects.exclude(unit__name="城关镇").exclude(phone="").first()
    answer = client_as("xinxike").get(f"/teams/experts/{expert.pk}/edit/")
    assert answer.status_code == 403 and expert.phone not in answer.content.decode()
    team = Team.objects.exclude(unit=Unit.objects.get(name="城关镇")).exclude(phone="").first()
    assert client_as("chengguan_ld").get(f"/teams/{team.pk}/edit/").status_code == 403


def test_search_results_carry_no_phone(client_as):
    team = Team.objects.exclude(phone="").first()
    page = client_as("xinxike").get("/search/", {"q": team.name}).content.decode()
    assert team.name in page and team.phone not in page
