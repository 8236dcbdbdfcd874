"""GB/T 9704 documents: the PDF read back (page, grid, faces, record, page numbers) and the Word document
drawn from the same layout."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from countydesk.base.errors import Unavailable
from countydesk.core.gbt9704 import GovDocument, Record, Table, Text, layout, masthead, to_docx, to_pdf

from ..pdf_reading import embedded_fonts, read

PARAGRAPH = "城关镇坚持群众点单部门接单今年以来完成老旧小区改造惠及居民三千余户一是摸清底数逐户走访收集意见" * 3


def _red(color) -> bool:
    return all(abs(a - b / 255) < 0.005 for a, b in zip(color, layout.RED))


def _document(paragraphs=30, recipients=("市政府办公室信息科",)) -> GovDocument:
    doc = GovDocument("政务信息快报（2026年第3期）",
                      masthead("政务信息快报", "2026年第3期", "云溪县人民政府办公室", date(2026, 12, 3)))
    for n in range(paragraphs):
        doc.blocks += [Text(f"第{n}篇", "title"), Text(PARAGRAPH), Text("（城关镇　王伟）", "source")]
    doc.record = Record([("报", list(recipients)), ("送", ["县委办公室"])], "云溪县人民政府办公室", date(2026, 12, 3))
    return doc


@pytest.fixture(scope="module")
def pages():
    return read(to_pdf(_document()))


def test_every_page_is_a4_with_its_text_in_the_type_area(pages):
    assert len(pages) > 2
    right, bottom = layout.LEFT + layout.TEXT_WIDTH, layout.TOP + layout.TEXT_HEIGHT
    for number, page in enumerate(pages, start=1):
        assert (round(page.width, 1), round(page.height, 1)) == (210, 297)
        inside = [c for c in page.chars if c.top < bottom]
        assert all(c.top >= layout.TOP - 0.1 and c.left >= layout.LEFT - 0.1 for c in inside)
        assert all(c.left + c.size / 72 * 25.4 <= right + 0.1 for c in inside)
        assert "".join(c.text for c in page.chars if c.top >= bottom).replace(" ", "") == f"—{number}—"


def test_body_sits_on_the_grid_of_22_lines_of_28_characters(pages):
    lines = read(to_pdf(GovDocument("正文", [Text(PARAGRAPH)])))[0].lines(size=16)
    assert [len(text) for _top, text, _left in lines] == [26, 28, 28, 28, 28, 3]  # 首行缩进两字, then 28
    assert abs(lines[0][2] - (layout.LEFT + 2 * layout.CHAR_PITCH)) < 0.1
    assert all(abs(left - layout.LEFT) < 0.1 for _top, _text, left in lines[1:])
    for page in pages:
        inside = [line for line in page.lines() if line[0] < layout.TOP + layout.TEXT_HEIGHT]
        assert len(inside) <= 22
        tops = [top for top, _text, _left in page.lines(size=16)]
        pitches = [(b - a) / layout.LINE_PITCH for a, b in zip(tops, tops[1:])]
        assert all(abs(p - round(p)) < 0.001 and round(p) >= 1 for p in pitches)  # whole grid lines (titles between)
    assert len(pages[1].lines()) - 1 == 22  # a full page: 22 lines and its page number


def test_faces_sizes_and_the_red_masthead(pages):
    chars = pages[0].chars
    masthead = [c for c in chars if round(c.size) == 42]
    assert "".join(c.text for c in masthead) == "政务信息快报" and all(_red(c.color) for c in masthead)
    assert {c.font.split("+")[1] for c in masthead} == {"NotoSerifCJKSCBold"}  # 小标宋 → Noto Serif CJK SC Bold
    title = [c for c in chars if round(c.size) == 22]
    assert "".join(c.text for c in title[:3]) == "第0篇" and {c.font.split("+")[1] for c in title} == {"NotoSerifCJKSCBold"}
    body = [c for c in chars if round(c.size) == 16]
    assert {c.font.split("+")[1] for c in body} == {"NotoSerifCJKSC"}  # 仿宋 → Noto Serif CJK SC
    assert {c.color for c in body} == {(0, 0, 0)}


def test_fonts_are_embedded_as_truetype_subsets():
    fonts = embedded_fonts(to_pdf(_document(paragraphs=2)))
    assert set(fonts.values()) == {"FontFile2"}
    assert {name.split("+")[1] for name in fonts} == {"NotoSerifCJKSC", "NotoSerifCJKSCBold"}
    assert all(len(name.split("+")[0]) == 6 for name in fonts)  # a subset tag: only the characters used


def test_page_numbers_outside_one_character_in(pages):
    below = layout.TOP + layout.TEXT_HEIGHT + layout.PAGE_NUMBER_GAP
    for number, page in enumerate(pages, start=1):
        (top, text, left), = [line for line in page.lines(size=14) if line[0] > layout.TOP + layout.TEXT_HEIGHT]
        assert text == f"—{number}—" and abs(top - below) < 1
        characters = [c for c in page.chars if round(c.size) == 14 and c.top > below - 1]
        one = 14 / 72 * 25.4
        if number % 2:  # 单页码居右空一字
            assert abs(characters[-1].right - (layout.LEFT + layout.TEXT_WIDTH - one)) < 0.1
        else:  # 双页码居左空一字
            assert abs(left - (layout.LEFT + one)) < 0.1


def test_record_at_the_foot_of_the_last_page(pages):
    last = pages[-1].lines(size=14)
    record = [(top, text, left) for top, text, left in last if top < layout.TOP + layout.TEXT_HEIGHT]
    assert [text for _top, text, _left in record] == ["报：市政府办公室信息科。", "送：县委办公室。",
                                                      "云溪县人民政府办公室2026年12月3日印发"]
    bottom = layout.TOP + layout.TEXT_HEIGHT
    assert bottom - layout.LINE_PITCH < record[-1][0] < bottom - 14 / 72 * 25.4  # on the type area's last line
    assert all(abs(left - (layout.LEFT + 14 / 72 * 25.4)) < 0.1 for _top, _text, left in record)  # 左空一字


def test_record_names_running_over_align_after_the_colon():
    names = [f"县直第{n}单位办公室" for n in range(12)]
    page = read(to_pdf(_document(paragraphs=1, recipients=names)))[-1]
    record = [c for c in page.chars if round(c.size) == 14 and c.top < layout.TOP + layout.TEXT_HEIGHT]
    rows = {}
    for c in record:
        rows.setdefault(round(c.top, 1), []).append(c)
    first, second = [sorted(rows[top], key=lambda c: c.left) for top in sorted(rows)[:2]]
    assert first[0].text == "报" and first[1].text == "："
    assert abs(second[0].left - first[2].left) < 0.1  # 回行时与冒号后的首字对齐
    assert "".join(c.text for c in first + second).startswith("报：县直第0单位办公室，县直第1单位办公室")


def test_a_closing_mark_never_begins_a_line():
    doc = GovDocument("测试", [Text("一" * 26 + "，" + "二" * 10)])  # 26 characters fill the indented first line
    lines = read(to_pdf(doc))[0].lines(size=16)
    assert [text for _top, text, _left in lines] == ["一" * 25, "一，" + "二" * 10]


def test_tables_are_drawn_in_the_type_area():
    doc = GovDocument("通报", [Text("情况如下："), Table(["名次", "单位", "得分"], [["1", "城关镇", "12"]], (1, 4, 2)),
                             Text("特此通报。")])
    page = read(to_pdf(doc))[0]
    assert "名次单位得分1城关镇12特此通报。" in page.text()
    (before, _, _), (after, _, _) = page.lines(size=16)
    lines = (after - before) / layout.LINE_PITCH
    assert abs(lines - round(lines)) < 0.001 and round(lines) >= 3  # below the table, back on the grid


def test_the_word_document_draws_the_same_layout():
    word = Document(BytesIO(to_docx(_document(paragraphs=2))))
    section = word.sections[0]
    assert [round(x.mm) for x in (section.page_width, section.page_height, section.top_margin, section.left_margin,
                                  section.bottom_margin, section.right_margin)] == [210, 297, 37, 28, 35, 26]
    assert word.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert "PAGE" in odd._p.xml and "PAGE" in even._p.xml
    assert (odd.alignment, even.alignment) == (2, 0)  # right on odd pages, left on even ones
    masthead, number, ends = word.paragraphs[:3]
    assert masthead.runs[0].font.size == Pt(42) and str(masthead.runs[0].font.color.rgb) == "E60012"
    assert masthead.runs[0].font.name == "方正小标宋简体" and number.text == "2026年第3期"
    assert ends.text == "云溪县人民政府办公室\t2026年12月3日"
    assert ends._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "E60012"
    body = next(p for p in word.paragraphs if p.text == PARAGRAPH)
    assert body.runs[0].font.name == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)
    record = [p for p in word.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:framePr")) is not None]
    assert [p.text for p in record] == ["报：市政府办公室信息科。", "送：县委办公室。",
                                        "云溪县人民政府办公室\t2026年12月3日印发"]
    frame = record[0]._p.pPr.find(qn("w:framePr"))
    assert (frame.get(qn("w:yAlign")), frame.get(qn("w:vAnchor"))) == ("bottom", "margin")  # foot of the type area
    # w:pPr's children in the schema's order, or Word refuses the file
    children = [child.tag.split("}")[1] for child in record[0]._p.pPr]
    assert children.index("framePr") < children.index("pBdr") < children.index("spacing") < children.index("ind")


def test_a_missing_font_is_a_clear_error(settings, tmp_path):
    default_dirs = settings.GBT9704_FONT_DIRS
    settings.GBT9704_FONT_DIRS = [str(tmp_path)]
    with pytest.raises(Unavailable) as missing:
        to_pdf(_document(paragraphs=1))
    assert missing.value.status == 503
    assert "Noto Serif CJK SC" in missing.value.message and "fonts-noto-cjk" in missing.value.message
    settings.GBT9704_FONT_DIRS = default_dirs
    settings.GBT9704_FONTS = {"fangsong": str(tmp_path / "fangsong.ttf")}
    with pytest.raises(Unavailable, match="fangsong.ttf"):
        to_pdf(_document(paragraphs=1))


def test_an_office_can_name_its_own_font_file(settings):
    """A licensed 仿宋 the office owns, by path; here Debian's Noto Sans CJK stands in for it."""
    settings.GBT9704_FONTS = {"fangsong": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"}
    pdf = to_pdf(_document(paragraphs=1))
    body = [c for c in read(pdf)[0].chars if round(c.size) == 16]
    assert {c.font.split("+")[1] for c in body} == {"NotoSansCJKJP"}  # the collection's first face
    assert len(embedded_fonts(pdf)) == 3  # 仿宋 now its own file; 宋体 and 小标宋 as before
