"""A GovDocument as PDF (fpdf2), drawn from the same layout as its Word document: lines set on the
22-line grid of the type area, 3号 text on the 28-character grid, the distribution record at the foot of
the last page, page numbers "— 1 —" outside (odd pages right, even pages left)."""

import math
import tempfile
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from . import layout as L
from .blocks import Ends, GovDocument, Record, Rule, Table, Text, chinese_date, record_lines
from .fonts import embeddable, locate

PDF_MIMETYPE = "application/pdf"
ALIGN = {"left": "L", "center": "C", "right": "R"}
PAGE_NUMBER_CHARACTERS = set("— 0123456789")
EPSILON = 0.01  # points: rounding in 22 × 10.23 mm must not push the last line of a page over


def mm(length: float) -> float:
    return length * L.PT_PER_MM


class _Pages(FPDF):
    families: dict[str, str]  # face key -> the embedded family that draws it

    def use(self, style: L.Style):
        self.set_font(self.families[style.face], size=style.size)
        self.set_char_spacing(style.char_spacing)
        self.set_text_color(*style.color)

    def footer(self):
        style = L.STYLES["page_number"]
        inset = style.size  # one character
        self.use(style)
        self.set_xy(mm(L.LEFT) + inset, mm(L.TOP + L.TEXT_HEIGHT + L.PAGE_NUMBER_GAP))
        self.cell(mm(L.TEXT_WIDTH) - 2 * inset, style.size, f"— {self.page_no()} —",
                  align="R" if self.page_no() % 2 else "L")


class _Writer:
    def __init__(self, doc: GovDocument, font_dir: Path):
        self.pdf = pdf = _Pages(unit="pt", format="A4")
        pdf.set_margins(mm(L.LEFT), mm(L.TOP), mm(L.RIGHT))
        pdf.set_auto_page_break(True, mm(L.BOTTOM) - EPSILON)
        pdf.c_margin = 0  # text starts at the type area's edge, not fpdf2's default 1 mm inside a cell
        pdf.set_title(doc.title)
        pdf.set_lang("zh-CN")
        pdf.set_creator("CountyDesk")
        self._embed_faces(_characters(doc), font_dir)
        pdf.add_page()
        self.y = self.top = mm(L.TOP)
        self.bottom = mm(L.TOP + L.TEXT_HEIGHT)
        self.text_bottom = self.y  # the foot of the ideographs last drawn

    def _embed_faces(self, characters: set[str], font_dir: Path):
        """Each font once: faces the same file draws share its subset."""
        self.pdf.families, families = {}, {}
        for key in L.FACES:
            source = locate(key)
            if source not in families:
                families[source] = key
                path = font_dir / f"{key}.ttf"
                path.write_bytes(embeddable(key, characters))
                self.pdf.add_font(key, fname=path)
            self.pdf.families[key] = families[source]

    def write(self, doc: GovDocument) -> bytes:
        draw = {Text: self._text, Ends: self._ends, Rule: self._rule, Table: self._table}
        for block in doc.blocks:
            draw[type(block)](block)
        if doc.record:
            self._record(doc.record)
        return bytes(self.pdf.output())

    # --- placing lines on the grid ---

    def _use(self, style: L.Style):
        self.pdf.use(style)

    def _room(self, height: float) -> float:
        """The top of the next line of `height`, on a new page when this one is full."""
        if self.y + height > self.bottom + EPSILON:
            self.pdf.add_page()
            self.y = self.top
        top, self.y = self.y, self.y + height
        return top

    def _cell(self, x: float, y: float, width: float, text: str, style: L.Style, align: str | None = None):
        self._use(style)
        self.pdf.set_xy(x, y)
        self.pdf.cell(width, mm(style.line_height), text, align=ALIGN[align or style.align])
        # fpdf2 sets the baseline 0.3 em below the cell's middle; ideographs reach 0.12 em below it.
        self.text_bottom = y + mm(style.line_height) / 2 + 0.42 * style.size

    def _wrap(self, text: str, width: float, first_indent: float = 0.0) -> list[str]:
        """Break a paragraph into lines at any character; a closing mark never begins a line (避头)."""
        lines, line, room = [], "", width - first_indent
        for char in text:
            if line and self.pdf.get_string_width(line + char) > room + EPSILON:
                if char in L.NO_LINE_START and len(line) > 1:
                    lines.append(line[:-1])
                    line = line[-1]
                else:
                    lines.append(line)
                    line = ""
                room = width
            line += char
        return lines + [line]

    def _character(self, style: L.Style) -> float:
        return style.size + style.char_spacing

    # --- blocks ---

    def _text(self, block: Text):
        style = L.STYLES[block.style]
        self._use(style)
        indent = style.indent * self._character(style)
        for n, line in enumerate(self._wrap(block.text, mm(L.TEXT_WIDTH), indent)):
            offset = indent if n == 0 else 0.0
            self._cell(mm(L.LEFT) + offset, self._room(mm(style.line_height)), mm(L.TEXT_WIDTH) - offset, line, style)

    def _ends(self, block: Ends):
        style = L.STYLES[block.style]
        inset, width = self._character(style), mm(L.TEXT_WIDTH) - 2 * self._character(style)
        top = self._room(mm(style.line_height))
        self._cell(mm(L.LEFT) + inset, top, width, block.left, style, "left")
        self._cell(mm(L.LEFT) + inset, top, width, block.right, style, "right")

    def _rule(self, _block: Rule):
        """The red rule 4 mm below the line above it; the rule takes that line's following grid line."""
        y = self.text_bottom + mm(L.RULE_GAP)
        self._hline(y, L.RULE_WIDTH, L.RED)
        self._room(mm(L.LINE_PITCH))

    def _hline(self, y: float, width: float, color: tuple):
        self.pdf.set_draw_color(*color)
        self.pdf.set_line_width(mm(width))
        self.pdf.line(mm(L.LEFT), y, mm(L.LEFT + L.TEXT_WIDTH), y)

    def _table(self, block: Table):
        style = L.STYLES["table"]
        self._use(style)
        self.pdf.set_xy(mm(L.LEFT), self.y)
        self.pdf.set_draw_color(*L.BLACK)
        self.pdf.set_line_width(mm(L.RECORD_RULES[1]))
        with self.pdf.table(width=mm(L.TEXT_WIDTH), col_widths=block.widths, text_align="CENTER",
                            line_height=mm(style.line_height), headings_style=FontFace(emphasis="")) as table:
            for values in [block.header, *block.rows]:
                row = table.row()
                for value in values:
                    row.cell(value)
        # Back onto the grid: the next line starts at the first grid line below the table.
        lines = math.ceil((self.pdf.get_y() - self.top) / mm(L.LINE_PITCH) - EPSILON)
        self.y = self.top + lines * mm(L.LINE_PITCH)

    def _record(self, record: Record):
        """版记: the record's lines at the foot of the last page, between a thick rule above the first and below
        the last, with thin rules between them; names that run over align after the colon."""
        style = L.STYLES["record"]
        self._use(style)
        inset, pitch = self._character(style), mm(style.line_height)
        elements = []
        for label, names in record_lines(record):
            label_width = self.pdf.get_string_width(label)
            lines = self._wrap(names, mm(L.TEXT_WIDTH) - 2 * inset - label_width)
            elements.append([(label if n == 0 else "", label_width, line) for n, line in enumerate(lines)])
        height = (sum(map(len, elements)) + 1) * pitch
        if self.y + height > self.bottom + EPSILON:
            self.pdf.add_page()
        y = self.bottom - height
        thick, thin = L.RECORD_RULES
        self._hline(y, thick, L.BLACK)
        width = mm(L.TEXT_WIDTH) - 2 * inset
        for element in elements:
            for label, label_width, line in element:
                self._cell(mm(L.LEFT) + inset, y, label_width, label, style)
                self._cell(mm(L.LEFT) + inset + label_width, y, width - label_width, line, style)
                y += pitch
            self._hline(y, thin, L.BLACK)
        self._cell(mm(L.LEFT) + inset, y, width, record.issuer, style, "left")
        self._cell(mm(L.LEFT) + inset, y, width, f"{chinese_date(record.issued)}印发", style, "right")
        self._hline(y + pitch, thick, L.BLACK)
        self.y = self.bottom


def _characters(doc: GovDocument) -> set[str]:
    texts = [doc.title]
    for block in doc.blocks:
        if isinstance(block, Text):
            texts.append(block.text)
        elif isinstance(block, Ends):
            texts += [block.left, block.right]
        elif isinstance(block, Table):
            texts += block.header + [value for row in block.rows for value in row]
    if doc.record:
        texts += [label + names for label, names in record_lines(doc.record)]
        texts += [doc.record.issuer, chinese_date(doc.record.issued) + "印发"]
    return set("".join(texts)) | PAGE_NUMBER_CHARACTERS


def to_pdf(doc: GovDocument) -> bytes:
    with tempfile.TemporaryDirectory(prefix="gbt9704-") as font_dir:
        return _Writer(doc, Path(font_dir)).write(doc)
