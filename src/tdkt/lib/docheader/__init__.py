"""The header of an administrative document (Decree 30/2020 layout), as documents really come.

`read_header(lines)` over the document's lines in reading order → `Header`. It first finds the document inside
the page (`strip_chrome`: navigation, banners, breadcrumbs, "Ngày đăng", footers of a web page around it), then
reads the header before the type line: the agency lines of the left column (also flattened onto one line with
the national motto, repeated, or in a two-column table), "Số: …" (blank → number None and a warning), the
place and date line (blank day → date None, a warning and `date_year`), the type line and the title after it,
and the period the title covers. No date is taken from anywhere but that date line. Where no header survives,
the deciding authority above the legal bases names the issuer, with a warning. A text without any diacritic
sets `lost_diacritics` and says so (LOST_DIACRITICS_MESSAGE) instead of blaming the fields it could not read.
Framework-free; messages are in Vietnamese.

For other readers: `strip_chrome(texts) -> (start, end)` (the document is `texts[start:end]`), `is_chrome(text)`,
`is_footer(text)`; `tdkt.lib.docheader.lines.document_lines(document)` turns a docparse `Document` into `Line`s
(table rows keep their `cells`, which a two-column header needs). `Header.start_index`/`end_index` give the
same slice as `strip_chrome`; `Header.body_index` is where the body begins after the title.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

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
    cells: tuple[str, ...] = ()  # a table row's cells, left to right (a two-column header); `text` joins them


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
    start_index: int = 0  # index in `lines` where the document starts (page chrome before it)
    end_index: int | None = None  # index in `lines` where page chrome after the document starts (None: at the end)
    warnings: list[HeaderWarning] = field(default_factory=list)




NUMBER_NOT_FOUND_MESSAGE = "Không tìm thấy số, ký hiệu văn bản («Số: …») ở đầu văn bản."
DATE_NOT_FOUND_MESSAGE = "Không tìm thấy địa danh, ngày ban hành («…, ngày … tháng … năm …»)."
ISSUER_NOT_FOUND_MESSAGE = "Không tìm thấy cơ quan ban hành ở đầu văn bản."
TYPE_NOT_FOUND_MESSAGE = "Không tìm thấy tên loại văn bản (dòng «QUYẾT ĐỊNH», «KẾ HOẠCH», …)."
# What cannot be read in a text that lost its diacritics is the loss's fault: one warning says so instead.
_NOT_FOUND = (NUMBER_NOT_FOUND_MESSAGE, DATE_NOT_FOUND_MESSAGE, ISSUER_NOT_FOUND_MESSAGE, TYPE_NOT_FOUND_MESSAGE)

from .chrome import is_chrome, is_footer, strip_chrome  # noqa: E402 — they import DOCUMENT_TYPES from here
from .reader import read_header  # noqa: E402

__all__ = ["DATE_NOT_FOUND_MESSAGE", "DOCUMENT_TYPES", "ISSUER_NOT_FOUND_MESSAGE", "LOST_DIACRITICS_MESSAGE",
           "NUMBER_NOT_FOUND_MESSAGE", "TYPE_NOT_FOUND_MESSAGE", "Header", "HeaderWarning", "Line", "is_chrome",
           "is_footer", "read_header", "strip_chrome"]
