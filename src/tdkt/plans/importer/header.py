"""The plan's header (Decree 30 layout) read by tdkt.lib.docheader, with what only a plan needs.

The header reader finds the document inside page chrome and reads the issuer, "Số: …", place and date,
the type line ("KẾ HOẠCH", "CHƯƠNG TRÌNH") and its title, and the period. Here: headers without the issuer
(then the annex "(Kèm theo Kế hoạch … của …)" or the sentence "… ban hành Kế hoạch" names it, with a warning
saying so), the plan's year — the "năm …" of its title first (a 2027 plan may be signed in December 2026),
else the first year of a period that is not a calendar year ("giai đoạn 2026-2030", "năm học 2026-2027"),
else the year of its date — and the annex's number compared with the header's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tdkt.lib.docheader import ISSUER_NOT_FOUND_MESSAGE, TYPE_NOT_FOUND_MESSAGE, Header, Line
from tdkt.lib.docheader import read_header as read_document_header
from tdkt.lib.docheader.fields import calendar_year_of

from .result import PlanHeader, Warning
from .rows import Row

# Longest first matters not here (docheader sorts them); "công tác" variants keep the title on the next line.
PLAN_TYPES = ("Kế hoạch công tác", "Chương trình công tác", "Kế hoạch", "Chương trình")
PLAN_TYPE_NOT_FOUND_MESSAGE = "Không tìm thấy tên loại văn bản (dòng «KẾ HOẠCH») và trích yếu."
_ANNEX = re.compile(r"\(\s*Kèm theo\s+(?:Kế hoạch|KH)\b(?P<ref>[^()]*?)\s+của\s+(?P<issuer>[^()]{3,120}?)\s*\)",
                    re.IGNORECASE)
_ISSUES_PLAN = re.compile(r"\s(?:ban hành|xây dựng)\s+(?:kế hoạch|KH)\b", re.IGNORECASE)


@dataclass
class HeaderReading:
    header: PlanHeader
    warnings: list[Warning] = field(default_factory=list)
    type_line_index: int | None = None
    date_year: int | None = None  # the year of an incomplete date ("ngày tháng 4 năm 2026")
    lost_diacritics: bool = False
    start_index: int = 0  # rows before it are page chrome (a plan copied from a web page)
    end_index: int | None = None  # rows from it are page chrome (the page's footer)


def header_lines(rows: list[Row]) -> list[Line]:
    """The rows as the header reader's lines: a table row keeps its cells (a two-column header table)."""
    return [Line(row.line, row.text, row.in_table, row.page, row.cells if row.in_table else ()) for row in rows]


def read_header(rows: list[Row]) -> HeaderReading:
    found = read_document_header(header_lines(rows), types=PLAN_TYPES)
    reading = HeaderReading(
        PlanHeader(number=found.number, place=found.place, date=found.date, period=found.period),
        type_line_index=found.type_index, date_year=found.date_year, lost_diacritics=found.lost_diacritics,
        start_index=found.start_index, end_index=found.end_index)
    for warning in found.warnings:
        if warning.message == ISSUER_NOT_FOUND_MESSAGE:
            continue  # the plan's own fallbacks below say it if they fail too
        message = PLAN_TYPE_NOT_FOUND_MESSAGE if warning.message == TYPE_NOT_FOUND_MESSAGE else warning.message
        reading.warnings.append(Warning(warning.line, message))
    reading.header.issuer = found.issuer
    if found.issuer is None:
        reading.header.issuer = _issuer_from_body(rows, reading, quiet=found.lost_diacritics)
    reading.header.title = found.title
    reading.header.year = _read_year(reading, found, rows)
    _compare_annex_number(rows, reading)
    return reading


def _issuer_from_body(rows: list[Row], reading: HeaderReading, *, quiet: bool = False) -> str | None:
    for row in rows:
        match = _ANNEX.search(row.text)
        if match:
            return _fallback_issuer(reading, row.line, match["issuer"])
    for row in rows[:120]:
        if row.in_table:
            continue
        for match in _ISSUES_PLAN.finditer(row.text):
            before = row.text[:match.start()]
            subject = re.split(r"[.;:,]\s", before)[-1].strip()
            if 3 <= len(subject) <= 80 and subject[0].isupper():
                return _fallback_issuer(reading, row.line, subject)
    if not quiet:  # a text without diacritics already says why nothing was found
        reading.warnings.append(Warning(None, ISSUER_NOT_FOUND_MESSAGE))
    return None


def _fallback_issuer(reading: HeaderReading, line: int, text: str) -> str:
    issuer = re.sub(r"\s*\([^()]{1,8}\)\s*", " ", text)  # "Ủy ban nhân dân (UBND) tỉnh": drop the abbreviation
    issuer = re.sub(r"\s+", " ", issuer).strip(" .,;")
    reading.warnings.append(Warning(line, f"Đầu văn bản không ghi cơ quan ban hành: lấy theo dòng {line} («{issuer}»)."))
    return issuer


def _read_year(reading: HeaderReading, found: Header, rows: list[Row]) -> int | None:
    header = reading.header
    calendar = calendar_year_of(header.title) if header.title else None
    if calendar:
        return calendar
    if header.period and found.years:
        return found.years[0]
    if header.date:
        return header.date.year
    if reading.date_year:
        return reading.date_year
    for row in rows:
        annex = _ANNEX.search(row.text)
        if annex:
            years = re.findall(r"\b(20\d{2})\b", annex["ref"])
            if years:
                return int(years[-1])
    return None


def _compare_annex_number(rows: list[Row], reading: HeaderReading) -> None:
    if not reading.header.number:
        return
    for row in rows:
        match = _ANNEX.search(row.text)
        if not match:
            continue
        cited = re.search(r"số\s*:?\s*(\d[\w.]*)\s*(/\s*[^\s,;]+)", match["ref"], re.IGNORECASE)
        if cited:
            number = cited[1] + re.sub(r"\s+", "", cited[2])
            if number != reading.header.number:
                reading.warnings.append(Warning(row.line, f"Số ký hiệu ở phụ lục («{number}») khác số ở đầu văn "
                                                          f"bản («{reading.header.number}»)."))
        return
