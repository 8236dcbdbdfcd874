"""The census workbook's caps are SupplyRule rows, and the catalogue's class filter offers the catalogue's top level."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from countydesk.audit.models import AuditEvent
from countydesk.registry.supplies import rules
from countydesk.registry.supplies.models import Category, CensusUpload, SupplyRule

from .test_census import GOOD, _filled, _upload, taoyuan  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def _set(key: str, value: int):
    SupplyRule.objects.filter(key=key).update(value=value)


def test_seeded_caps_are_todays_values():
    assert (rules.census_max_rows(), rules.census_max_upload_bytes()) == (5000, 5 * 2**20)


def test_the_row_cap_row_decides_how_many_rows_a_census_workbook_may_hold(api_as, client_as, taoyuan):  # noqa: F811
    data, api = _filled(client_as("yingjiban"), taoyuan, GOOD), api_as("yingjiban")
    _set("census_max_rows", 1)
    counts = CensusUpload.objects.count(), AuditEvent.objects.count()
    refused = _upload(api, taoyuan, data)
    assert refused.status_code == 422 and "1" in refused.json()["message"] and "file" in refused.json()["fields"]
    assert (CensusUpload.objects.count(), AuditEvent.objects.count()) == counts
    _set("census_max_rows", 2)
    assert _upload(api, taoyuan, data).status_code == 201


def test_the_template_offers_the_code_list_on_as_many_rows_as_the_rule_allows(client_as, taoyuan):  # noqa: F811
    _set("census_max_rows", 40)
    book = load_workbook(BytesIO(client_as("yingjiban").get(f"/supplies/census/template/?unit={taoyuan.pk}").content))
    assert str(book.worksheets[0].data_validations.dataValidation[0].sqref) == "B2:B41"


def test_the_upload_size_row_decides_the_largest_census_workbook(api_as, client_as, taoyuan):  # noqa: F811
    data = _filled(client_as("yingjiban"), taoyuan, GOOD)
    _set("census_max_upload_mb", 0)
    assert _upload(api_as("yingjiban"), taoyuan, data).status_code == 413
    _set("census_max_upload_mb", 5)
    assert _upload(api_as("yingjiban"), taoyuan, data).status_code == 201


def test_the_class_filter_offers_the_catalogues_top_level(client_as):
    page = client_as("yingjiban").get("/supplies/catalogue/").content.decode()
    assert all(f'value="{c.code}"' in page for c in Category.objects.filter(parent__isnull=True))
    Category.objects.filter(code="3").update(name="工程材料（改名）")
    assert "工程材料（改名）" in client_as("yingjiban").get("/supplies/catalogue/").content.decode()
    assert client_as("yingjiban").get("/supplies/catalogue/?klass=2").status_code == 200
