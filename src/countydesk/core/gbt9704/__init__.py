"""Documents in the layout of GB/T 9704 (党政机关公文格式), as Word and as PDF from one description.

A chapter builds a `GovDocument` of blocks once (`blocks.py`); `to_docx` and `to_pdf` draw it from the
one layout (`layout.py`: A4, margins 37/28 mm, type area 156 × 225 mm, 22 lines of 28 characters, 3号
仿宋 text, 2号小标宋 titles, red masthead and rule, page numbers 4号 "— 1 —").
"""

from . import layout
from .blocks import Ends, GovDocument, Record, Rule, Table, Text, chinese_date, masthead, record_lines
from .pdf import PDF_MIMETYPE, to_pdf
from .word import DOCX_MIMETYPE, to_docx

FORMATS = {"docx": (to_docx, DOCX_MIMETYPE), "pdf": (to_pdf, PDF_MIMETYPE)}


def render(doc: GovDocument, fmt: str) -> tuple[bytes, str]:
    """The document's bytes and media type in one of FORMATS."""
    write, mimetype = FORMATS[fmt]
    return write(doc), mimetype


__all__ = ["DOCX_MIMETYPE", "FORMATS", "PDF_MIMETYPE", "Ends", "GovDocument", "Record", "Rule", "Table", "Text",
           "chinese_date", "layout", "masthead", "record_lines", "render", "to_docx", "to_pdf"]
