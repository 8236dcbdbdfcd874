"""The import's caps are rows of the SheetRule table: changing a row changes what the browser and the CLI accept."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from countydesk.audit.models import AuditEvent
from countydesk.registry.places.models import Shelter
from countydesk.registry.sheets import rules
from countydesk.registry.sheets.models import SheetRule

from .test_web import _upload

pytestmark = pytest.mark.django_db

ROWS = [[f"新建避难场所{n}", "城关镇", 500, 3000, "", "", None, None, "", ""] for n in "甲乙丙"]


def _set(key: str, value: int):
    SheetRule.objects.filter(key=key).update(value=value)


def test_seeded_caps_are_todays_values():
    assert (rules.web_max_rows(), rules.cli_max_rows(), rules.max_upload_bytes()) == (5000, 200_000, 10 * 1024 * 1024)


def test_the_web_row_cap_row_decides_how_many_rows_a_browser_file_may_hold(client_as):
    client = client_as("yingjiban")
    _set("web_max_rows", 2)
    counts = Shelter.objects.count(), AuditEvent.objects.count()
    page = client.post("/registry/shelters/import/", {"file": _upload(client, "shelters", ROWS)})
    assert page.status_code == 200 and "每次最多导入 2 行" in page.content.decode()
    assert (Shelter.objects.count(), AuditEvent.objects.count()) == counts
    _set("web_max_rows", 3)
    response = client.post("/registry/shelters/import/", {"file": _upload(client, "shelters", ROWS)})
    assert response.status_code == 302 and Shelter.objects.count() == counts[0] + 3


def test_the_upload_size_row_decides_the_largest_browser_file(client_as):
    client = client_as("yingjiban")
    _set("max_upload_mb", 0)
    counts = Shelter.objects.count(), AuditEvent.objects.count()
    page = client.post("/registry/shelters/import/", {"file": _upload(client, "shelters", ROWS[:1])})
    assert page.status_code == 200 and "文件大于 0 MB" in page.content.decode()
    assert (Shelter.objects.count(), AuditEvent.objects.count()) == counts


def test_the_cli_row_cap_row_decides_how_many_rows_the_command_takes(client_as, tmp_path):
    path = tmp_path / "shelters.xlsx"
    path.write_bytes(_upload(client_as("yingjiban"), "shelters", ROWS).getvalue())
    _set("cli_max_rows", 2)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "shelters", str(path), "--dry-run", stdout=out)
    assert "file" in json.loads(out.getvalue())["fields"]
    _set("cli_max_rows", 3)
    out = StringIO()
    call_command("import", "shelters", str(path), "--dry-run", stdout=out)
    assert json.loads(out.getvalue())["rows_valid"] == 3
