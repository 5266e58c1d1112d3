"""Property tests of the header reader: on any lines — header fragments as documents write them, page chrome,
shuffled and mixed with arbitrary text — it never crashes and keeps its contract."""

from __future__ import annotations

import datetime
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.lib.docheader import DOCUMENT_TYPES, Line, is_chrome, read_header, strip_chrome
from tdkt.lib.vntext import fold

PROPERTY_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
FRAGMENTS = st.sampled_from([
    "ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "UBND TỈNH LÀO CAI", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HÒA XÃ HỘI", "Độc lập - Tự do - Hạnh phúc", "Số: 125/QĐ-UBND", "Số: /KH-UBND", "Số:125 /QĐ- UBND", "Số",
    "Số:", "/", "Lào Cai, ngày 12 tháng 3 năm 2025", "ngày   tháng 3 năm 2025", "ngày 31 tháng 2 năm 2025",
    "ngày 12/3/2025", "ngày 0 tháng 13 năm 0000", "QUYẾT ĐỊNH", "QUYẾT ĐỊNH:", "Q U Y Ế T  Đ Ị N H", "KẾ HOẠCH",
    "KẾ HOẠCH Tổ chức", "Về việc khen thưởng", "giai đoạn 2021-2025", "năm học 2025-2026", "năm 2026",
    "2030-2020", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "Căn cứ Luật Thi đua, khen thưởng;", "Trang chủ | Giới thiệu",
    "Trang chủ > Văn bản > Quyết định", "Ngày đăng: 12/03/2025 10:15", "Lượt xem: 123", "Bản quyền © 2025",
    "Tin liên quan", "Chia sẻ", "Nơi nhận:", "UY BAN NHAN DAN", "QUYET DINH", "So: 89/QD-UBND", "Số 45-QĐ/TU",
    "ĐẢNG CỘNG SẢN VIỆT NAM", "\t", "|", "---",
    "DỰ THẢO", "\n",
])
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), min_size=0, max_size=4).map(" ".join)
LINES = st.lists(st.tuples(TEXTS, st.booleans(), st.lists(TEXTS, max_size=3)), max_size=30).map(
    lambda rows: [Line(number, text, in_table, None, tuple(cells) if in_table else ())
                  for number, (text, in_table, cells) in enumerate(rows, start=1)])
NUMBER = re.compile(r"^\d[\w.]*(?:-\w+)?/\S+$")


@PROPERTY_SETTINGS
@given(LINES)
def test_any_lines_keep_the_contract(lines):
    header = read_header(lines)
    assert header.date is None or isinstance(header.date, datetime.date)
    assert header.date is None or header.date.year == header.date_year
    assert header.number is None or NUMBER.match(header.number)
    assert header.number is None or header.number.endswith(header.symbol)
    for agency in (header.issuer, header.parent_issuer):
        assert agency is None or ("cong hoa xa hoi" not in fold(agency) and "doc lap" not in fold(agency))
        assert agency is None or not is_chrome(agency)
    assert header.doc_type is None or header.doc_type in DOCUMENT_TYPES
    assert header.years is None or header.years[0] <= header.years[1]
    assert 0 <= header.start_index <= (header.end_index if header.end_index is not None else len(lines))
    assert all(warning.message.strip() for warning in header.warnings)
    assert all(warning.line is None or warning.line in {line.line for line in lines} for warning in header.warnings)


@PROPERTY_SETTINGS
@given(st.lists(TEXTS, max_size=40))
def test_strip_chrome_gives_a_slice_of_the_text(texts):
    start, end = strip_chrome(texts)
    assert 0 <= start <= end <= len(texts)


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(["Trang chủ | Giới thiệu", "Ngày đăng: 14/03/2025 10:15", "Lượt xem: 9",
                                 "Trang chủ > Văn bản", "Cập nhật ngày 15/03/2025"]), max_size=6))
def test_the_portals_date_never_becomes_the_documents(chrome):
    header = read_header([Line(number, text) for number, text in enumerate(
        [*chrome, "UBND TỈNH LÀO CAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: /QĐ-UBND",
         "Lào Cai, ngày    tháng 3 năm 2025", "QUYẾT ĐỊNH", "Về việc khen thưởng"], start=1)])
    assert (header.date, header.date_year, header.issuer, header.start_index) == (None, 2025, "UBND TỈNH LÀO CAI",
                                                                                  len(chrome))
