"""The plan's header (Decree 30 layout): issuer, "Số: …", place and date, "KẾ HOẠCH" and its title, year.

Tolerates drafts ("Số: /KH-UBND", "ngày tháng 4 năm 2026"), the two header columns flattened onto
one line ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), headers without the issuer (then
the annex "(Kèm theo Kế hoạch … của …)" or the sentence "… ban hành Kế hoạch" names it, with a
warning saying so) and titles over several lines. The year is the plan's year: the "năm …" of its
title first (a 2027 plan may be signed in December 2026), else the year of its date.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .result import PlanHeader, Warning
from .rows import Row
from .units import fold_keep_length

_DOCUMENT_TYPES = ("ke hoach", "chuong trinh", "chuong trinh cong tac", "ke hoach cong tac")
_NATIONAL_MOTTO = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc")
_NOT_ISSUER = re.compile(r"^(?:du thao|mat|toi mat|khan|hoa toc|thuong khan|mau so.*)$")
_NUMBER = re.compile(r"^\s*Số\s*[:.]?\s*(?P<rest>.*)$", re.IGNORECASE)
_DATE = re.compile(r"ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})", re.IGNORECASE)
_SHORT_DATE = re.compile(r"ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})", re.IGNORECASE)
_YEAR_IN_TITLE = re.compile(r"năm\s+(\d{4})", re.IGNORECASE)
# Where the body begins after the title. The weak openers ("Thực hiện …") may also open a title,
# so they end it only after its first line, or when the line is too long to be a title.
_BODY_START = re.compile(r"^(?:căn cứ|[IVX]+\.|1\.|\(kèm theo)", re.IGNORECASE)
_WEAK_BODY_START = re.compile(r"^(?:thực hiện|để|nhằm|theo|phát huy|trên cơ sở)\b", re.IGNORECASE)
_ANNEX = re.compile(r"\(\s*Kèm theo\s+(?:Kế hoạch|KH)\b(?P<ref>[^()]*?)\s+của\s+(?P<issuer>[^()]{3,120}?)\s*\)",
                    re.IGNORECASE)
_ISSUES_PLAN = re.compile(r"\s(?:ban hành|xây dựng)\s+(?:kế hoạch|KH)\b", re.IGNORECASE)
_DECORATION = re.compile(r"^[-_=*.~\s|]*$")


@dataclass
class HeaderReading:
    header: PlanHeader
    warnings: list[Warning] = field(default_factory=list)
    type_line_index: int | None = None
    date_year: int | None = None  # the year of an incomplete date ("ngày tháng 4 năm 2026")


def _header_lines(rows: list[Row]) -> list[tuple[int, str]]:
    """(line, text) of the header rows; a table row gives one entry per cell line (two-column headers)."""
    lines = []
    for row in rows:
        for cell in row.cells:
            lines.extend((row.line, part.strip()) for part in cell.split("\n") if part.strip())
    return lines


def _document_type_index(rows: list[Row]) -> int | None:
    for index, row in enumerate(rows[:80]):
        text = row.text
        folded = fold_keep_length(text).strip()
        if folded in _DOCUMENT_TYPES or (text.startswith("KẾ HOẠCH ") and not row.in_table):
            return index
    return None


def read_header(rows: list[Row]) -> HeaderReading:
    type_index = _document_type_index(rows)
    head_rows = rows[:type_index] if type_index is not None else rows[:20]
    lines = _header_lines(head_rows)
    reading = HeaderReading(PlanHeader(), type_line_index=type_index)
    number_at = _read_number(lines, reading)
    date_at = _read_place_and_date(lines, reading)
    stop = min(position for position in (number_at, date_at, len(lines)) if position is not None)
    issuer = _issuer_from_header(lines[:stop])
    reading.header.issuer = issuer or _issuer_from_body(rows, reading)
    if type_index is None:
        reading.warnings.append(Warning(None, "Không tìm thấy tên loại văn bản (dòng «KẾ HOẠCH») và trích yếu."))
    else:
        reading.header.title = _read_title(rows, type_index)
    reading.header.year = _read_year(reading, rows)
    _compare_annex_number(rows, reading)
    return reading


def _read_number(lines: list[tuple[int, str]], reading: HeaderReading) -> int | None:
    for position, (line, text) in enumerate(lines):
        match = _NUMBER.match(text)
        if not match or not re.match(r"(?:$|\d|/)", match["rest"]):  # "Số lượng …" is not the number line
            continue
        rest = match["rest"]
        number = re.match(r"(?P<n>\d[\w.]*)?\s*(?P<symbol>/\s*[^\s,;]+)?", rest)
        digits, symbol = number["n"], number["symbol"]
        if digits:
            reading.header.number = f"{digits}{re.sub(r'\s+', '', symbol or '')}"
        else:
            shown = f"Số: {re.sub(r'\s+', '', symbol)}" if symbol else text
            reading.warnings.append(Warning(line, f"Số văn bản để trống («{shown}»): văn bản có thể là dự thảo."))
        return position
    reading.warnings.append(Warning(None, "Không tìm thấy số, ký hiệu văn bản («Số: …») ở đầu văn bản."))
    return None


def _read_place_and_date(lines: list[tuple[int, str]], reading: HeaderReading) -> int | None:
    for position, (line, text) in enumerate(lines):
        match = _DATE.search(text) or _SHORT_DATE.search(text)
        if not match:
            continue
        before = re.sub(r"^\s*Số\s*[:.]?\s*\d*[\w.]*\s*(?:/\s*[^\s,;]+)?", "", text[:match.start()], flags=re.I)
        place = _without_motto(before).strip(" ,;:")
        reading.header.place = place or None
        year = int(match["y"])
        written = re.sub(r"\s+", " ", match.group())
        if match["d"] and match["m"]:
            try:
                reading.header.date = datetime.date(year, int(match["m"]), int(match["d"]))
            except ValueError:
                reading.warnings.append(Warning(line, f"Ngày ban hành không hợp lệ («{written}»): bỏ trống ngày."))
        else:
            reading.warnings.append(Warning(
                line, f"Ngày ban hành chưa ghi đủ («{written}»): bỏ trống ngày, lấy năm {year}."))
        reading.date_year = year
        return position
    reading.warnings.append(Warning(None, "Không tìm thấy địa danh, ngày ban hành («…, ngày … tháng … năm …»)."))
    return None


def _without_motto(text: str) -> str:
    folded = fold_keep_length(text)
    pieces, start = [], 0
    for match in _NATIONAL_MOTTO.finditer(folded):
        pieces.append(text[start:match.start()])
        start = match.end()
    pieces.append(text[start:])
    return re.sub(r"\s+", " ", " ".join(pieces)).strip()


def _issuer_from_header(lines: list[tuple[int, str]]) -> str | None:
    parts = []
    for _, text in lines:
        text = _without_motto(text).strip(" |")
        if not text or _DECORATION.match(text) or _NOT_ISSUER.match(fold_keep_length(text).strip()):
            continue
        parts.append(text)
    return " ".join(parts) or None


def _issuer_from_body(rows: list[Row], reading: HeaderReading) -> str | None:
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
    reading.warnings.append(Warning(None, "Không tìm thấy cơ quan ban hành ở đầu văn bản."))
    return None


def _fallback_issuer(reading: HeaderReading, line: int, text: str) -> str:
    issuer = re.sub(r"\s*\([^()]{1,8}\)\s*", " ", text)  # "Ủy ban nhân dân (UBND) tỉnh": drop the abbreviation
    issuer = re.sub(r"\s+", " ", issuer).strip(" .,;")
    reading.warnings.append(Warning(line, f"Đầu văn bản không ghi cơ quan ban hành: lấy theo dòng {line} («{issuer}»)."))
    return issuer


def _read_title(rows: list[Row], type_index: int) -> str | None:
    type_row = rows[type_index]
    parts: list[str] = []
    if type_row.text.startswith("KẾ HOẠCH "):
        parts.append(type_row.text[len("KẾ HOẠCH "):].strip())
    gap = False
    for row in rows[type_index + 1:type_index + 20]:
        text = row.text
        if row.in_table or _BODY_START.match(text) or (text and _DECORATION.match(text)):
            break
        if _WEAK_BODY_START.match(text) and (parts or len(text) > 200):
            break
        if not text:
            gap = bool(parts)
            continue
        if parts and (gap and not text[:1].islower() or sum(map(len, parts)) > 250):
            break
        parts.append(text)
        gap = False
        if text.endswith(":"):
            break
    title = re.sub(r"\s+", " ", " ".join(parts)).strip()
    return title or None


def _read_year(reading: HeaderReading, rows: list[Row]) -> int | None:
    header = reading.header
    if header.title:
        years = _YEAR_IN_TITLE.findall(header.title)
        if years:
            return int(years[-1])
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
