"""The header of an administrative document (Decree 30/2020 layout), as documents really come.

INTERFACE FIRST CUT (to be replaced by the full reader): `read_header(lines)` over the document's lines in
reading order. The full reader strips page chrome (navigation, banners, breadcrumbs of a web page around the
document), reads headers flattened onto one line or repeated, blanks for the number or the day, periods that
are not calendar years, and says when a text lost its diacritics.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from tdkt.lib.vntext import fold

# Decree 30/2020, Appendix III: the types of administrative documents, as their type line writes them.
DOCUMENT_TYPES = ("Nghị quyết", "Quyết định", "Chỉ thị", "Quy chế", "Quy định", "Thông cáo", "Thông báo",
                  "Hướng dẫn", "Chương trình", "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo", "Biên bản",
                  "Tờ trình", "Hợp đồng", "Công văn", "Công điện", "Bản ghi nhớ", "Bản thỏa thuận",
                  "Giấy ủy quyền", "Giấy mời", "Giấy giới thiệu", "Giấy nghỉ phép", "Phiếu gửi", "Phiếu chuyển",
                  "Phiếu báo", "Thư công", "Danh sách")
LOST_DIACRITICS_MESSAGE = "Văn bản mất dấu tiếng Việt, cần bản gốc hoặc bản quét."


@dataclass(frozen=True)
class Line:
    line: int  # as numbered by tdkt.lib.docparse
    text: str
    in_table: bool = False
    page: int | None = None


@dataclass(frozen=True)
class HeaderWarning:
    line: int | None
    message: str


@dataclass
class Header:
    doc_type: str | None = None  # one of DOCUMENT_TYPES
    number: str | None = None  # "125/QĐ-UBND"; None when blank ("Số: /QĐ-UBND")
    symbol: str | None = None  # "QĐ-UBND", also when the number is blank
    date: datetime.date | None = None  # None when the day or month is blank
    date_year: int | None = None  # the year of the date line, even when day or month is blank
    place: str | None = None
    issuer: str | None = None  # the agency as the header names it, without page chrome or the national motto
    parent_issuer: str | None = None  # the line above the issuer ("UBND TỈNH LÀO CAI" above "SỞ NỘI VỤ")
    title: str | None = None
    period: str | None = None  # a period that is not a calendar year, as written
    years: tuple[int, int] | None = None  # the first and last year the title (else the date) covers
    type_index: int | None = None  # index in `lines` of the type line
    body_index: int = 0  # index in `lines` where the body (after the title) begins
    lost_diacritics: bool = False
    warnings: list[HeaderWarning] = field(default_factory=list)


_NUMBER = re.compile(r"Số\s*[:.]?\s*(\d[\w.]*)?\s*/\s*([^\s,;]+)", re.IGNORECASE)
_DATE = re.compile(r"ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})", re.IGNORECASE)


def read_header(lines: list[Line], *, types: tuple[str, ...] = DOCUMENT_TYPES) -> Header:
    header = Header()
    folded_types = {fold(name): name for name in types}
    for index, line in enumerate(lines[:60]):
        text = line.text.strip()
        if header.type_index is None and fold(text) in folded_types:
            header.doc_type, header.type_index = folded_types[fold(text)], index
            header.body_index = index + 1
            if index + 1 < len(lines):
                header.title = lines[index + 1].text.strip() or None
                header.body_index = index + 2
        if header.number is None and (match := _NUMBER.search(text)):
            header.symbol = match[2]
            header.number = f"{match[1]}/{match[2]}" if match[1] else None
        if header.date_year is None and (match := _DATE.search(text)):
            header.date_year = int(match[3])
            if match[1] and match[2]:
                try:
                    header.date = datetime.date(int(match[3]), int(match[2]), int(match[1]))
                except ValueError:
                    header.warnings.append(HeaderWarning(line.line, f"Ngày không hợp lệ («{match.group()}»)."))
    return header
