"""A GovDocument as a Word document (python-docx), drawn from the same layout as its PDF: the page and
type grid of the section, each block in its style with the faces a Chinese Word installation has, the
distribution record in a frame at the foot of the last page's type area, page numbers outside."""

from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import layout as L
from .blocks import Ends, GovDocument, Record, Rule, Table, Text, chinese_date, record_lines

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
TWIPS_PER_MM = 1440 / 25.4
# The children of w:pPr after w:framePr and after w:pBdr, in the schema's order (Word refuses others).
AFTER_FRAME = ("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr")
AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                "w:rPr", "w:sectPr", "w:pPrChange")


def _hex(color: tuple) -> str:
    return "".join(f"{c:02X}" for c in color)


def _font(run, style: L.Style):
    name = L.FACES[style.face].word
    run.font.name = name
    run.font.size = Pt(style.size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if style.color != L.BLACK:
        run.font.color.rgb = RGBColor(*style.color)


def _paragraph(container, text: str, style: L.Style, align: str | None = None):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    if style.grid:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(L.LINE_PITCH * L.PT_PER_MM)
    fmt.space_before = fmt.space_after = Pt(0)
    if style.indent:
        fmt.first_line_indent = Pt(style.indent * style.size)
    paragraph.alignment = ALIGN[align or style.align]
    if text:
        _font(paragraph.add_run(text), style)
    return paragraph


def _border(paragraph, edges: dict[str, tuple[float, tuple]], space_pt: float = 1):
    """Rules on the paragraph's edges: {"top" | "bottom" | "between": (thickness in mm, colour)}."""
    borders = OxmlElement("w:pBdr")
    for edge in ("top", "bottom", "between"):
        if edge in edges:
            width, color = edges[edge]
            element = OxmlElement(f"w:{edge}")
            for key, value in (("val", "single"), ("sz", round(width * L.PT_PER_MM * 8)), ("space", round(space_pt)),
                               ("color", _hex(color))):
                element.set(qn(f"w:{key}"), str(value))
            borders.append(element)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *AFTER_BORDER)


def _page_setup(section):
    section.page_width, section.page_height = Mm(L.PAGE_WIDTH), Mm(L.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Mm(L.TOP), Mm(L.BOTTOM)
    section.left_margin, section.right_margin = Mm(L.LEFT), Mm(L.RIGHT)
    number = L.STYLES["page_number"]
    section.footer_distance = Mm(L.BOTTOM - L.PAGE_NUMBER_GAP - number.size / L.PT_PER_MM)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    body = L.STYLES["body"]
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(L.LINE_PITCH * L.PT_PER_MM * 20)))
    grid.set(qn("w:charSpace"), str(round(body.char_spacing * 4096)))


def _page_number(paragraph, odd: bool):
    style = L.STYLES["page_number"]
    paragraph.alignment = ALIGN["right" if odd else "left"]
    setattr(paragraph.paragraph_format, "right_indent" if odd else "left_indent", Pt(style.size))
    _font(paragraph.add_run("— "), style)
    run = paragraph.add_run()
    _font(run, style)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _font(paragraph.add_run(" —"), style)


def _ends(doc, block: Ends):
    style = L.STYLES[block.style]
    paragraph = _paragraph(doc, "", style, "left")
    inset = Pt(style.size + style.char_spacing)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = inset
    fmt.tab_stops.add_tab_stop(Mm(L.TEXT_WIDTH) - inset, WD_TAB_ALIGNMENT.RIGHT)
    _font(paragraph.add_run(f"{block.left}\t{block.right}"), style)
    return paragraph


def _rule(doc, _block: Rule):
    """The red rule 4 mm below the paragraph above it, then the rule's own grid line."""
    _border(doc.paragraphs[-1], {"bottom": (L.RULE_WIDTH, L.RED)}, space_pt=L.RULE_GAP * L.PT_PER_MM)
    _paragraph(doc, "", L.STYLES["body"])


def _table(doc, block: Table):
    style = L.STYLES["table"]
    table = doc.add_table(rows=0, cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(block.widths)
    for values in [block.header, *block.rows]:
        cells = table.add_row().cells
        for cell, value, width in zip(cells, values, block.widths):
            cell.width = Mm(L.TEXT_WIDTH * width / total)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = ALIGN[style.align]
            _font(paragraph.add_run(value), style)


def _record(doc, record: Record):
    """版记 in one frame anchored to the foot of the type area; Word draws the thin rule between its
    paragraphs and the thick ones above the first and below the last."""
    style = L.STYLES["record"]
    inset = style.size
    thick, thin = L.RECORD_RULES
    paragraphs = []
    for label, names in record_lines(record):
        paragraph = _paragraph(doc, "", style)
        fmt = paragraph.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Pt(inset + len(label) * style.size), Pt(-len(label) * style.size)
        _font(paragraph.add_run(label + names), style)
        paragraphs.append(paragraph)
    last = _paragraph(doc, "", style)
    last.paragraph_format.left_indent = last.paragraph_format.right_indent = Pt(inset)
    last.paragraph_format.tab_stops.add_tab_stop(Mm(L.TEXT_WIDTH) - Pt(inset), WD_TAB_ALIGNMENT.RIGHT)
    _font(last.add_run(f"{record.issuer}\t{chinese_date(record.issued)}印发"), style)
    for paragraph in [*paragraphs, last]:
        _border(paragraph, {"top": (thick, L.BLACK), "between": (thin, L.BLACK), "bottom": (thick, L.BLACK)})
        frame = OxmlElement("w:framePr")
        for key, value in (("w", round(L.TEXT_WIDTH * TWIPS_PER_MM)), ("wrap", "notBeside"), ("vAnchor", "margin"),
                           ("hAnchor", "margin"), ("yAlign", "bottom"), ("xAlign", "center")):
            frame.set(qn(f"w:{key}"), str(value))
        paragraph._p.get_or_add_pPr().insert_element_before(frame, *AFTER_FRAME, *AFTER_BORDER)


def to_docx(doc: GovDocument) -> bytes:
    word = Document()
    word.core_properties.title = doc.title
    section = word.sections[0]
    _page_setup(section)
    word.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)
    word._body.clear_content()  # the template's empty first paragraph
    draw = {Text: lambda d, b: _paragraph(d, b.text, L.STYLES[b.style]), Ends: _ends, Rule: _rule, Table: _table}
    for block in doc.blocks:
        draw[type(block)](word, block)
    if doc.record:
        _record(word, doc.record)
    buffer = BytesIO()
    word.save(buffer)
    return buffer.getvalue()
