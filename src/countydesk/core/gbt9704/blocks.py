"""A document in the GB/T 9704 layout as a list of blocks, written once by each chapter and drawn by both
writers (`word.to_docx`, `pdf.to_pdf`)."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Text:
    """A paragraph in one of the layout's styles."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Ends:
    """Two texts on one line, one character in from either edge (the issuer and the date under the masthead)."""

    left: str
    right: str
    style: str = "number"


@dataclass(frozen=True)
class Rule:
    """The red separator under the masthead (分隔线)."""


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: tuple[float, ...]  # relative column widths


@dataclass(frozen=True)
class Record:
    """The distribution record (版记) at the foot of the last page: "报：…。" lines, then the issuing office
    and the date of issue (印发)."""

    lines: list[tuple[str, list[str]]]  # (label, names), e.g. ("报", ["市政府办公室"])
    issuer: str
    issued: date


@dataclass
class GovDocument:
    title: str
    blocks: list = field(default_factory=list)
    record: Record | None = None


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def masthead(name: str, number_line: str, issuer: str, day: date) -> list:
    """The red masthead, the number line, the issuer and the date, and the red rule."""
    blocks = [Text(name, "masthead")]
    if number_line:
        blocks.append(Text(number_line, "number"))
    return blocks + [Ends(issuer, chinese_date(day)), Rule()]


def record_lines(record: Record) -> list[tuple[str, str]]:
    """The record's lines as (label with its colon, names closed with a full stop), GB/T 9704 7.4."""
    return [(f"{label}：", "，".join(names) + "。") for label, names in record.lines if names]
