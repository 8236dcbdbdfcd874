"""Excel in and out, safely: text that looks like a formula stays text; a decompression bomb is refused
before it is parsed, on every upload path, with nothing stored."""

import zipfile
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from countydesk.audit.models import AuditEvent
from countydesk.base.errors import ValidationFailed
from countydesk.core.workbooks import check_zip, sheet_rows
from countydesk.news.models import NewsItem
from countydesk.registry.places.models import Shelter

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.invalid/","点击")'
DDE = "=cmd|' /C calc'!A0"


def _workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _bomb(member="xl/sharedStrings.xml", size=8 * 2**20) -> bytes:
    """A real .xlsx whose shared strings unpack to `size` bytes of one repeated letter (ratio ~1000:1)."""
    good = zipfile.ZipFile(BytesIO(_workbook([["标题"]])))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in good.infolist():
            if info.filename != member:
                out.writestr(info, good.read(info))
        with out.open(member, "w") as big:
            for _ in range(size // 2**20):
                big.write(b"a" * 2**20)
    return buffer.getvalue()


def _upload(content: bytes, name="file.xlsx") -> BytesIO:
    buffer = BytesIO(content)
    buffer.name = name
    return buffer


def test_formula_cells_are_read_as_their_text():
    rows = sheet_rows(_workbook([["a", FORMULA, DDE]]))
    assert rows == [("a", FORMULA, DDE)]


def test_text_that_looks_like_a_formula_is_exported_as_text(client_as):
    """Imported through the registry kit, exported from the list page: the cell is a string, not a formula."""
    client = client_as("yingjiban")
    template = client.get("/registry/shelters/import/?template=1").content
    header = next(load_workbook(BytesIO(template)).active.iter_rows(values_only=True))
    row = [FORMULA, "城关镇", 10, 100, DDE, "城关镇二中", None, None, "", ""]
    response = client.post("/registry/shelters/import/", {"file": _upload(_workbook([list(header), row]))})
    assert response.status_code == 302
    shelter = Shelter.objects.get(name=FORMULA)
    assert shelter.facilities == DDE
    export = client.get("/registry/shelters/export/")
    cells = [c for r in load_workbook(BytesIO(export.content)).active.iter_rows() for c in r if c.value in (FORMULA, DDE)]
    assert len(cells) == 2 and {c.data_type for c in cells} == {"s"}
    listed = client.get("/places/shelters/?format=xlsx")
    cells = [c for r in load_workbook(BytesIO(listed.content)).active.iter_rows() for c in r if c.value == FORMULA]
    assert cells and {c.data_type for c in cells} == {"s"}


def test_a_bomb_is_refused_before_parsing():
    with pytest.raises(ValidationFailed) as refused:
        check_zip(_bomb())
    assert "解压" in refused.value.message or "decompression" in refused.value.message
    check_zip(_workbook([["a"]] * 100))


def test_a_file_over_the_unpacked_size_is_refused(settings):
    settings.MAX_UNZIPPED_BYTES = 2**16
    with pytest.raises(ValidationFailed):
        sheet_rows(_workbook([[f"行{i}", "x" * 50] for i in range(2000)]))


def test_the_registry_import_page_refuses_a_bomb_and_stores_nothing(client_as):
    client = client_as("yingjiban")
    counts = AuditEvent.objects.count(), Shelter.objects.count()
    response = client.post("/registry/shelters/import/", {"file": _upload(_bomb())})
    assert response.status_code == 200 and "解压" in response.content.decode()
    assert (AuditEvent.objects.count(), Shelter.objects.count()) == counts


def test_the_census_upload_refuses_a_bomb_and_stores_nothing(client_as, user):
    from countydesk.registry.supplies.models import CensusUpload

    client = client_as("chengguan_ld")
    counts = AuditEvent.objects.count(), CensusUpload.objects.count()
    response = client.post("/supplies/census/upload/", {"file": _upload(_bomb()), "mode": "clean",
                                                        "unit": user("chengguan_ld").unit_id}, follow=True)
    assert "解压" in response.content.decode()
    assert (AuditEvent.objects.count(), CensusUpload.objects.count()) == counts


def test_the_news_api_refuses_a_bomb(api_as):
    client = api_as("xinxike")
    counts = AuditEvent.objects.count(), NewsItem.objects.count()
    response = client.post("/api/news/import", {"file": _upload(_bomb(), "news.xlsx")})
    assert response.status_code == 422 and response.json()["error"] == "validation_error"
    assert (AuditEvent.objects.count(), NewsItem.objects.count()) == counts
