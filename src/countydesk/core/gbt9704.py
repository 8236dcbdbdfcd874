"""Word documents in the layout of GB/T 9704 (党政机关公文格式), shared by periodicals and circulars.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; a red masthead with the periodical's
name; the issue number line and a red rule; titles in 方正小标宋简体 2号 (22 pt); text in
仿宋_GB2312 3号 (16 pt) on a grid of 22 lines of 28 characters; page numbers "— 1 —" in 宋体 4号.
"""

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RED = RGBColor(0xE6, 0x00, 0x12)
TITLE_FONT, BODY_FONT, NUMBER_FONT, PAGE_FONT = "方正小标宋简体", "仿宋_GB2312", "仿宋_GB2312", "宋体"
LINE_PITCH_PT = 28.95  # 225 mm of type area / 22 lines
CHAR_PITCH_PT = 15.79  # 156 mm of type area / 28 characters


def _font(run, name: str, size: float, color=None, bold=False):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color is not None:
        run.font.color.rgb = color


def paragraph(doc, text: str, font: str, size: float, *, align=None, color=None, indent=False, exact=True):
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), font, size, color)
    return paragraph


def _page_setup(section):
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    grid.set(qn("w:charSpace"), str(round((CHAR_PITCH_PT - 16) * 4096)))


def _page_numbers(section):
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run("— "), PAGE_FONT, 14)
    run = paragraph.add_run()
    _font(run, PAGE_FONT, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _font(paragraph.add_run(" —"), PAGE_FONT, 14)


def red_rule(doc):
    paragraph = doc.add_paragraph()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "E60012")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def document():
    """An empty A4 document with the standard margins, type grid and page numbers."""
    doc = Document()
    _page_setup(doc.sections[0])
    _page_numbers(doc.sections[0])
    return doc


def masthead(doc, name: str, number_line: str, issuer_and_date: str):
    """The red masthead, the number line, the issuer and date, and the red rule."""
    paragraph(doc, name, TITLE_FONT, 42, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED, exact=False)
    if number_line:
        paragraph(doc, number_line, NUMBER_FONT, 16, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(doc, issuer_and_date, NUMBER_FONT, 16, align=WD_ALIGN_PARAGRAPH.CENTER)
    red_rule(doc)


def to_bytes(doc) -> bytes:
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
