"""Time phrases (时间词), statistical periods (统计时段) and figures (数据).

Shared by the freshness and completeness checks.  All offsets refer to the
text after :func:`mask_comparisons`, which keeps the length of the text.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}

# ---------------------------------------------------------------- patterns


def _year(kind: str) -> str:
    """Year prefix with group names unique to ``kind``."""
    return (
        rf"(?:(?P<y_{kind}>(?:19|20)\d{{2}}|[一二][〇零九][〇零一二三四五六七八九]{{2}})年"
        rf"|(?P<yr_{kind}>今年|本年|去年|上年|上一年|前年|明年))度?"
    )

_MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_SEP = r"\s*(?:—{1,2}|－|-|–|~|～|至|到)\s*"
_QNUM = r"[一二三四1-4]"

_TIME_PATTERNS = [
    ("now", r"截[至止](?:到)?目前(?:为止)?|到目前为止|目前|当前|眼下|现阶段|近日|近期|日前|至今|迄今|以来"),
    ("yq_cum", rf"(?:{_year('yq_cum')})?前(?P<qc>[一二三123])(?:个)?季度"),
    ("quarter", rf"(?:{_year('quarter')})?第?(?P<q>{_QNUM})季度"),
    ("rel_quarter", r"(?P<rq>上|本)(?:个)?季度"),
    ("half", rf"(?:{_year('half')})?(?P<h>上|下)半年"),
    ("year_end", rf"(?:{_year('year_end')})年?(?:底|末)"),
    ("month_range", rf"(?:{_year('month_range')})?(?P<m1>{_MON})(?:月份?)?{_SEP}(?P<m2>{_MON})月份?"),
    ("day", rf"(?:{_year('day')})?(?P<dm>{_MON})月(?P<d>{_DAY})[日号]"),
    ("month", rf"(?:{_year('month')})?(?P<m>{_MON})月份?(?:底|末|初|上旬|中旬|下旬)?"),
    ("rel_month", r"(?P<rm>本月|当月|上月|上个月)"),
    ("year", _year("year")),
]
_TIME_RE = re.compile("|".join(f"(?P<{k}>{p})" for k, p in _TIME_PATTERNS))

_CUTOFF_PREFIX = re.compile(r"(?:截[至止]|截止到|到|至)$")
_DEADLINE_SUFFIX = re.compile(r"之前|以前|前")
_SINCE_SUFFIX = re.compile(r"以来|至今")
_PLAN_WORDS = re.compile(r"计划|预计|将|力争|拟|争取|目标|确保|预期")

_CMP_YEAR = rf"(?:去年|上年|上一年|前年|(?:19|20)\d{{2}}年)(?:{_MON}月份?|底|末|年底|年末)?"
_CMP_OTHER = rf"(?:{_MON}月份?|上月|上个月|上季度|年初|同期)"
_COMPARISON_RE = re.compile(
    rf"(?:同比|环比"
    rf"|(?:比|较|与|同|和|跟|对比|相比|相较|相当于|超过|高于|低于){_CMP_YEAR}"
    rf"|(?:比|较|相比|相较){_CMP_OTHER})"
    rf"(?:同期|同月|同季度|全年)?(?:相比|比较|对比|相较)?"
    rf"|(?:去年|上年|上一年|前年|(?:19|20)\d{{2}}年)同(?:期|月|季度)"
)

_UNITS = (
    "个百分点 万千瓦时 千瓦时 平方公里 平方米 立方米 万平方米 万立方米 万元 亿元 万吨 万亩 万人次 万人 万户 "
    "毫米 厘米 美元 公里 千米 公顷 人次 千克 公斤 元 吨 人 户 个 亩 家 起 次 项 辆 台 套 件 处 所 座 条 场 "
    "间 头 只 株 名 位 批 篇 份 倍 张 艘 架 米 斤 箱 支 期 % ％ 万 亿"
).split()
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_FIGURE_RE = re.compile(
    rf"(?<![\d.第])(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)"
    rf"(?:多|余|几)?(?P<mult>[十百千万亿]*)(?:多|余)?(?P<unit>{_UNIT_ALT})"
    rf"(?!月|季度|小时|工作日|星期|年)"
    r"|百分之[零〇一二两三四五六七八九十百点]+"
)
_SLOGAN_UNITS = frozenset("个项条")


@dataclass(frozen=True)
class Period:
    """A statistical period (统计时段); ``current`` for words meaning "now"."""

    start: date
    end: date
    current: bool = False

    @property
    def label(self) -> str:
        """Canonical Chinese label, e.g. "2011年1—2月", "2010年", "2011年3月15日"."""
        s, e = self.start, self.end
        if self.current:
            return f"截至{e.year}年{e.month}月{e.day}日（当前）"
        if s == e:
            return f"{s.year}年{s.month}月{s.day}日"
        if s.day == 1 and e == _month_end(e.year, e.month):
            if s.year != e.year:
                return f"{s.year}年{s.month}月—{e.year}年{e.month}月"
            if (s.month, e.month) == (1, 12):
                return f"{s.year}年"
            if s.month == e.month:
                return f"{s.year}年{s.month}月"
            return f"{s.year}年{s.month}—{e.month}月"
        return f"{s.year}年{s.month}月{s.day}日—{e.year}年{e.month}月{e.day}日"


@dataclass(frozen=True)
class TimePhrase:
    """A time phrase found in a text with the period it names."""

    start: int
    end: int
    phrase: str
    period: Period


@dataclass(frozen=True)
class Figure:
    """A figure (数据): a number with a unit."""

    start: int
    end: int
    phrase: str


def cn_to_int(s: str) -> int:
    """Parse an Arabic or Chinese numeral (十二, 二十三, 二〇一一)."""
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGIT for c in s):
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGIT:
            cur = _CN_DIGIT[c]
        else:
            total += (cur or 1) * _CN_UNIT[c]
            cur = 0
    return total + cur


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, m1: int, m2: int) -> Period:
    return Period(date(year, m1, 1), _month_end(year, m2))


def mask_comparisons(text: str) -> str:
    """Blank out comparison bases (比去年同期, 同比, 较上年 …): they are not periods."""
    return _COMPARISON_RE.sub(lambda m: "\u3000" * len(m.group()), text)


def find_figures(text: str) -> list[Figure]:
    """Figures: numbers with units; years, dates and ordinals are not figures."""
    found = []
    for m in _FIGURE_RE.finditer(text):
        num, unit = m.group("num"), m.group("unit")
        if num is not None and not num[0].isdigit():
            if num == "一" and not m.group("mult"):
                continue
            if len(num) == 1 and unit in _SLOGAN_UNITS:
                continue
        found.append(Figure(m.start(), m.end(), m.group()))
    return found


def find_time_phrases(text: str, as_of: date) -> list[TimePhrase]:
    """Time phrases in ``text`` resolved against ``as_of``; deadlines (6月底前) are skipped."""
    found: list[TimePhrase] = []
    for m in _TIME_RE.finditer(text):
        kind = str(m.lastgroup)
        if found and m.start() < found[-1].end:
            continue
        if kind not in ("now", "year") and _DEADLINE_SUFFIX.match(text, m.end()):
            continue
        period = _resolve(kind, m, as_of, _sentence_has_plan(text, m.start()))
        if period is None:
            continue
        start, end = m.start(), m.end()
        since = _SINCE_SUFFIX.match(text, end)
        if since:
            period, end = Period(period.start, as_of, current=True), since.end()
        cut_prefix = _CUTOFF_PREFIX.search(text[max(0, start - 3) : start])
        if cut_prefix and kind != "now":
            start -= len(cut_prefix.group())
            if not period.current:
                period = Period(date(period.end.year, 1, 1), period.end)
        found.append(TimePhrase(start, end, text[start:end], period))
    return found


def _sentence_has_plan(text: str, pos: int) -> bool:
    left = max(text.rfind(c, 0, pos) for c in "。！？；\n")
    right = min((i for i in (text.find(c, pos) for c in "。！？；\n") if i >= 0), default=len(text))
    return bool(_PLAN_WORDS.search(text, left + 1, right))


def _year_of(kind: str, m: re.Match[str], as_of: date) -> int | None:
    """The explicit year of a match, or None when it names none."""
    if m.group(f"y_{kind}"):
        return cn_to_int(m.group(f"y_{kind}"))
    rel = m.group(f"yr_{kind}")
    if rel is None:
        return None
    offset = {"去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1}.get(rel, 0)
    return as_of.year + offset


def _resolve(kind: str, m: re.Match[str], as_of: date, plan: bool) -> Period | None:
    if kind == "now":
        return Period(as_of, as_of, current=True)
    if kind == "rel_month":
        return _relative_month(m.group("rm"), as_of)
    if kind == "rel_quarter":
        q = (as_of.month - 1) // 3 + 1 - (m.group("rq") == "上")
        return _months(as_of.year - (q == 0), 3 * (q or 4) - 2, 3 * (q or 4))
    year = _year_of(kind, m, as_of)
    period = _absolute(kind, m, year or as_of.year)
    if period is None or year is not None or plan:
        return period
    if period.end > _month_end(as_of.year, as_of.month):
        return _absolute(kind, m, as_of.year - 1)  # not over yet and no plan: last year's
    return period


def _relative_month(word: str, as_of: date) -> Period:
    if word in ("本月", "当月"):
        return _months(as_of.year, as_of.month, as_of.month)
    year, month = (as_of.year, as_of.month - 1) if as_of.month > 1 else (as_of.year - 1, 12)
    return _months(year, month, month)


def _absolute(kind: str, m: re.Match[str], year: int) -> Period | None:
    """Period of a match for a given year; None for impossible dates."""
    try:
        if kind == "yq_cum":
            return _months(year, 1, 3 * cn_to_int(m.group("qc")))
        if kind == "quarter":
            q = cn_to_int(m.group("q"))
            return _months(year, 3 * q - 2, 3 * q)
        if kind == "half":
            return _months(year, 1, 6) if m.group("h") == "上" else _months(year, 7, 12)
        if kind == "year_end":
            return Period(date(year, 12, 31), date(year, 12, 31))
        if kind == "month_range":
            m1, m2 = cn_to_int(m.group("m1")), cn_to_int(m.group("m2"))
            return _months(year, m1, m2) if m1 <= m2 else None
        if kind == "day":
            d = date(year, cn_to_int(m.group("dm")), cn_to_int(m.group("d")))
            return Period(d, d)
        if kind == "month":
            month = cn_to_int(m.group("m"))
            return _months(year, month, month)
        return _months(year, 1, 12)
    except ValueError:
        return None
