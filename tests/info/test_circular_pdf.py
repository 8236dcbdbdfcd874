"""The circular (通报, A11) and the information products as PDF beside Word: the rankings page offers it,
the PDF reads back as the .docx says, the issuing office names the county; `countydesk info` writes PDF."""

from collections import Counter
from io import BytesIO

import pytest
from django.core.management import call_command
from docx import Document

from countydesk.core.gbt9704 import layout

from ..pdf_reading import embedded_fonts, read

pytestmark = pytest.mark.django_db
QUARTER = "/info/rankings/?year=2026&quarter=4"


def test_the_rankings_page_offers_the_circular_as_pdf(client_as):
    page = client_as("xinxike").get(QUARTER).content.decode()
    assert "format=docx" in page and "format=pdf" in page and "通报（.pdf）" in page


def test_the_circular_pdf_reads_back_as_its_word_document(client_as):
    client = client_as("xinxike")
    response = client.get(QUARTER + "&format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = read(response.content)
    assert all((round(p.width), round(p.height)) == (210, 297) for p in pages)
    text = "".join(p.text() for p in pages)
    word = Document(BytesIO(client.get(QUARTER + "&format=docx").content))
    for paragraph in word.paragraphs[:4]:  # masthead, issuer and date, title, the opening sentence
        assert "".join(paragraph.text.split()) in text
    assert "名次单位采用条数得分扣分事项" in text
    cells = Counter("".join(c.text for table in word.tables for row in table.rows for c in row.cells).replace(" ", ""))
    assert not cells - Counter(text)  # every character of both tables' cells (a long name wraps in its cell)
    assert word.paragraphs[1].text.startswith("云溪县人民政府办公室\t") and "云溪县人民政府办公室" in text
    masthead = [c for c in pages[0].chars if round(c.size) == 42]
    assert "".join(c.text for c in masthead) == "政务信息工作通报"
    assert all(layout.LEFT - 0.1 <= c.left and c.right <= layout.LEFT + layout.TEXT_WIDTH + 0.1
               for p in pages for c in p.chars)  # the tables keep to the type area too
    assert set(embedded_fonts(response.content).values()) == {"FontFile2"}


def test_an_unknown_format_is_the_page_itself(client_as):
    response = client_as("xinxike").get(QUARTER + "&format=odt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_the_cli_writes_the_latest_product_as_pdf(tmp_path, capsys):
    target = tmp_path / "latest.pdf"
    call_command("info", "export-product", "--latest", "-o", str(target))
    pages = read(target.read_bytes())
    assert pages and "政务信息快报" in pages[0].text() and "年第" in pages[0].text()
    assert '"articles": 2' in capsys.readouterr().out
