"""Reading a PDF back in tests (pdfminer.six): pages in mm, their characters with position, size, font and
colour, lines of text, and the fonts each page embeds."""

from dataclasses import dataclass
from io import BytesIO

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1

MM = 72 / 25.4


@dataclass(frozen=True)
class Char:
    text: str
    left: float  # mm from the page's left edge
    right: float
    top: float  # mm from the page's top edge
    size: float  # pt
    font: str
    color: tuple


@dataclass
class Page:
    width: float
    height: float
    chars: list[Char]

    def text(self) -> str:
        """The page's text in reading order, line by line, without spaces."""
        return "".join(text for _top, text, _left in self.lines())

    def lines(self, size: float | None = None) -> list[tuple[float, str, float]]:
        """(top, text, left) of each line, top to bottom, of characters of `size` (any when None)."""
        rows: dict[float, list[Char]] = {}
        for c in self.chars:
            if size is None or round(c.size) == size:
                rows.setdefault(round(c.top, 1), []).append(c)
        return [(row[0].top, "".join(c.text for c in sorted(row, key=lambda c: c.left) if not c.text.isspace()),
                 min(c.left for c in row)) for _top, row in sorted(rows.items())]


def _chars(layout):
    for item in layout:
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            yield from _chars(item)


def read(content: bytes) -> list[Page]:
    pages = []
    for layout in extract_pages(BytesIO(content), laparams=None):  # characters in the order they are drawn
        x0, y0, x1, y1 = layout.bbox
        color = lambda c: tuple(c) if isinstance(c, (tuple, list)) else (c, c, c)  # noqa: E731
        chars = [Char(c.get_text(), c.x0 / MM, c.x1 / MM, (y1 - c.y1) / MM, round(c.size, 1), c.fontname,
                      color(c.graphicstate.ncolor)) for c in _chars(layout)]
        pages.append(Page((x1 - x0) / MM, (y1 - y0) / MM, chars))
    return pages


def text(content: bytes) -> str:
    return "".join(page.text() for page in read(content))


def embedded_fonts(content: bytes) -> dict[str, str]:
    """{font name: the stream that embeds it (FontFile, FontFile2 or FontFile3)} over every page."""
    fonts = {}
    for page in PDFPage.get_pages(BytesIO(content)):
        for font in resolve1(resolve1(page.resources).get("Font", {})).values():
            font = resolve1(font)
            for descendant in resolve1(font.get("DescendantFonts", [font])):
                descriptor = resolve1(resolve1(descendant).get("FontDescriptor", {}))
                embedded = [key for key in ("FontFile", "FontFile2", "FontFile3") if key in descriptor]
                fonts[resolve1(font["BaseFont"]).name] = embedded[0] if embedded else ""
    return fonts
