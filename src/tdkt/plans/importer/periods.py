"""Periods: quarter headings of the task table, and the "Thời gian hoàn thành" (due) column.

Everything is matched on folded text (lower case, no diacritics), so "QUÝ III", "Quý 3" and
"quy III" read alike. Rules (docs/plan-import.md):

- a quarter's due date is its last day; "đầu quý" is the end of its first month, "giữa quý" of
  its second; a month's is its last day; a half-year's is 30/6 or 31/12; "cả năm" is 31/12;
- "Hàng tháng"/"Hàng quý" are recurrences (no fixed date); "Theo quy định" has no date;
- the period a due text names is the smallest standard period holding every span it names:
  one month → Mnn, one quarter → Qn, one half → Hn, otherwise YEAR.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from tdkt.lib.vntext import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_TOKEN = r"(?:iv|iii|ii|i|[1-4])"

_SECTION = re.compile(
    r"^(?:(?:[ivx]+|[a-d]|\d{1,2})\s*[.)/]?\s+)?"  # the row's own numbering: "I", "A.", "1)"
    r"(?:(?:cac\s+)?(?:nhiem vu|cong viec|noi dung)\s+)?(?:trong\s+|thuc hien\s+(?:trong\s+)?)?"
    r"(?P<what>quy\s*(?P<quarter>" + _QUARTER_TOKEN + r")"
    r"|(?:6|sau)\s+thang\s+(?P<half>dau|cuoi)\s+nam"
    r"|thang\s+(?P<month>1[0-2]|0?[1-9])"
    r"|(?P<year>ca nam|trong nam|thuong xuyen|nhiem vu thuong xuyen)"
    r"|(?P<monthly>hang thang)|(?P<quarterly>hang quy))"
    r"(?:\s*(?:/|nam)\s*\d{4})?"
    r"\s*[:.]?\s*(?:\(\s*(?:gom\s+|co\s+)?(?P<count>\d{1,3})\s*(?:nhiem vu|nv|noi dung|cong viec)\s*\))?"
    r"\s*[.:;]?$"
)


@dataclass(frozen=True)
class Section:
    period: str
    declared: int | None
    label: str
    line: int


def parse_section(text: str, line: int) -> Section | None:
    """A quarter (or half, month, year-round) heading row of the task table, else None."""
    match = _SECTION.match(fold(text))
    if not match:
        return None
    if match["quarter"]:
        period = f"Q{ROMAN[match['quarter']]}"
    elif match["half"]:
        period = "H1" if match["half"] == "dau" else "H2"
    elif match["month"]:
        period = f"M{int(match['month']):02d}"
    elif match["monthly"]:
        period = "MONTHLY"
    elif match["quarterly"]:
        period = "QUARTERLY"
    else:
        period = "YEAR"
    declared = int(match["count"]) if match["count"] else None
    return Section(period, declared, text.strip(), line)


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def period_due(period: str, year: int | None) -> tuple[tuple[datetime.date, ...], str | None]:
    """(dates, recurrence) a row gets from its section when it has no due text of its own."""
    if period == "MONTHLY":
        return (), "monthly"
    if period == "QUARTERLY":
        return (), "quarterly"
    if year is None or period == "AS_REQUIRED":
        return (), None
    if period.startswith("Q"):
        return (month_end(year, int(period[1]) * 3),), None
    if period.startswith("H"):
        return (month_end(year, 6 if period == "H1" else 12),), None
    if period.startswith("M"):
        return (month_end(year, int(period[1:])),), None
    return (datetime.date(year, 12, 31),), None


@dataclass(frozen=True)
class Span:
    """A stretch of one year that a due text names: months first..last, with its due date."""

    year: int
    first: int
    last: int
    due: datetime.date
    quarter_named: bool = False


@dataclass(frozen=True)
class DueReading:
    period: str | None
    dates: tuple[datetime.date, ...]
    recurrence: str | None
    understood: bool
    other_year: int | None = None  # a named year that is not the plan's year


_RECURRING = (("hang thang", "MONTHLY", "monthly"), ("moi thang", "MONTHLY", "monthly"),
              ("hang quy", "QUARTERLY", "quarterly"), ("moi quy", "QUARTERLY", "quarterly"))
_AS_REQUIRED = re.compile(r"theo quy dinh|theo yeu cau|khi co yeu cau|khi co van ban|dot xuat|khi phat sinh|theo huong dan")
_YEAR_IN_TEXT = re.compile(r"(?:/|nam\s*)(\d{4})\b")
_FULL_DATE = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\b(?!\s*/)|ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?")
_QUARTERS = re.compile(
    r"(?P<when>dau|giua|cuoi)?\s*quy\s+(?P<list>" + _QUARTER_TOKEN + r"(?:\s*(?:,|va|-|–)\s*(?:quy\s+)?"
    + _QUARTER_TOKEN + r")*)(?:\s*(?:/|nam)\s*(?P<year>\d{4}))?"
)
_HALF = re.compile(r"(?:6|sau)\s+thang\s+(?P<half>dau|cuoi)\s+nam(?:\s*(?:/|nam)?\s*(?P<year>\d{4}))?")
_MONTHS = re.compile(
    r"thang\s+(?P<list>\d{1,2}(?:\s*(?:,|va|-|–)\s*(?:thang\s+)?\d{1,2})*)(?:\s*(?:/|nam)\s*(?P<year>\d{4}))?"
)
_WHOLE_YEAR = re.compile(r"ca nam|trong nam|thuong xuyen|nam\s+(?P<year>\d{4})")


def read_due(text: str, year: int | None) -> DueReading:
    """What a due cell says: period, dates and recurrence; understood=False when it says nothing known."""
    folded = fold(text)
    for phrase, period, recurrence in _RECURRING:
        if phrase in folded:
            return DueReading(period, (), recurrence, True)
    if _AS_REQUIRED.search(folded):
        return DueReading("AS_REQUIRED", (), None, True)
    named_years = [int(found) for found in _YEAR_IN_TEXT.findall(folded)]
    default_year = named_years[-1] if named_years else year
    if default_year is None:
        return DueReading(None, (), None, False)
    spans, rest = _spans(folded, default_year)
    if not spans or re.search(r"[a-z]{3,}", _strip_fillers(rest)):
        return DueReading(None, (), None, False)
    dates = tuple(sorted({span.due for span in spans}))
    other = next((span.year for span in spans if year is not None and span.year != year), None)
    return DueReading(_enclosing_period(spans), dates, None, True, other)


def _strip_fillers(rest: str) -> str:
    return re.sub(r"\b(truoc|chau nhat|han|ngay|trong|thang|quy|nam|hoan thanh|xong|va|den|tu|cuoi|dau)\b", " ", rest)


def _spans(folded: str, year: int) -> tuple[list[Span], str]:
    spans: list[Span] = []

    def take(pattern: re.Pattern, build) -> None:
        nonlocal folded
        for match in pattern.finditer(folded):
            spans.extend(build(match))
        folded = pattern.sub(" ", folded)

    take(_FULL_DATE, lambda m: _date_span(m, year))
    take(_QUARTERS, lambda m: _quarter_spans(m, year))
    take(_HALF, lambda m: [_half_span(m, year)])
    take(_MONTHS, lambda m: _month_spans(m, year))
    if not spans:
        take(_WHOLE_YEAR, lambda m: [_year_span(int(m["year"]) if m["year"] else year)])
    return spans, folded


def _date_span(match: re.Match, year: int) -> list[Span]:
    day, month, in_year = (match[1], match[2], match[3]) if match[1] else (match[4], match[5], match[6])
    in_year = int(in_year) if in_year else year
    try:
        due = datetime.date(in_year, int(month), int(day))
    except ValueError:
        return []
    return [Span(in_year, due.month, due.month, due)]


def _quarter_spans(match: re.Match, year: int) -> list[Span]:
    in_year = int(match["year"]) if match["year"] else year
    offset = {"dau": 0, "giua": 1}.get(match["when"] or "", 2)  # which month of the quarter is the deadline
    spans = []
    for token in re.findall(_QUARTER_TOKEN, match["list"].replace("quy", " ")):
        quarter = ROMAN[token]
        first = quarter * 3 - 2
        spans.append(Span(in_year, first, first + 2, month_end(in_year, first + offset), quarter_named=True))
    return spans


def _half_span(match: re.Match, year: int) -> Span:
    in_year = int(match["year"]) if match["year"] else year
    first, last = (1, 6) if match["half"] == "dau" else (7, 12)
    return Span(in_year, first, last, month_end(in_year, last))


def _month_spans(match: re.Match, year: int) -> list[Span]:
    in_year = int(match["year"]) if match["year"] else year
    months = [int(token) for token in re.findall(r"\d{1,2}", match["list"])]
    return [Span(in_year, month, month, month_end(in_year, month)) for month in months if 1 <= month <= 12]


def _year_span(year: int) -> Span:
    return Span(year, 1, 12, datetime.date(year, 12, 31))


def _enclosing_period(spans: list[Span]) -> str:
    if len({span.year for span in spans}) > 1:
        return "YEAR"
    first = min(span.first for span in spans)
    last = max(span.last for span in spans)
    if first == last:
        return f"M{first:02d}"
    if (first - 1) // 3 == (last - 1) // 3:
        return f"Q{(first - 1) // 3 + 1}"
    if (first - 1) // 6 == (last - 1) // 6:
        return "H1" if first <= 6 else "H2"
    return "YEAR"
