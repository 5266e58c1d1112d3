"""The document header reader (tdkt.lib.docheader) over the fixture folder tests/documents/headers/ and the
generated Word and PDF headers: every field of every fixture asserted exactly, then the single rules."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tdkt.lib.docheader import (
    LOST_DIACRITICS_MESSAGE,
    Header,
    Line,
    is_chrome,
    is_footer,
    read_header,
    strip_chrome,
)
from tdkt.lib.docheader.lines import document_lines
from tdkt.lib.docparse import read_bytes, read_document
from tests.documents.makers import blank_date_docx, header_table_docx, printed_web_page_pdf, wrapped_title_pdf

HEADERS = Path(__file__).parents[1] / "documents" / "headers"
FIELDS = ("doc_type", "number", "symbol", "date", "date_year", "place", "issuer", "parent_issuer", "title", "period",
          "years", "lost_diacritics", "start_index", "end_index", "warnings")
NO_NUMBER = (None, "Không tìm thấy số, ký hiệu văn bản («Số: …») ở đầu văn bản.")
NO_DATE = (None, "Không tìm thấy địa danh, ngày ban hành («…, ngày … tháng … năm …»).")
NO_TYPE = (None, "Không tìm thấy tên loại văn bản (dòng «QUYẾT ĐỊNH», «KẾ HOẠCH», …).")


def expected(doc_type, number, symbol, date, place, issuer, parent_issuer, title, period, years, *, date_year=None,
             lost_diacritics=False, start_index=0, end_index=None, warnings=()):
    return {"doc_type": doc_type, "number": number, "symbol": symbol, "date": date,
            "date_year": date_year or (date.year if date else None), "place": place, "issuer": issuer,
            "parent_issuer": parent_issuer, "title": title, "period": period, "years": years,
            "lost_diacritics": lost_diacritics, "start_index": start_index, "end_index": end_index,
            "warnings": list(warnings)}


CASES = {
    # Copied from a portal: navigation, breadcrumbs, "Ngày đăng", share buttons before; related links, copyright
    # and a cookie notice after. The portal's dates (13/03, 14/03) are not the document's (12/03).
    "web_portal.txt": expected(
        "Quyết định", "125/QĐ-SNV", "QĐ-SNV", datetime.date(2025, 3, 12), "Lào Cai", "SỞ NỘI VỤ",
        "UBND TỈNH LÀO CAI",
        "Về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc trong công tác năm 2024",
        None, (2024, 2024), start_index=9, end_index=38),
    "web_portal.html": expected(
        "Kế hoạch", "45/KH-UBND", "KH-UBND", datetime.date(2026, 2, 18), "Yên Bái", "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI",
        None, "Tổ chức phong trào thi đua “Chung sức xây dựng nông thôn mới” giai đoạn 2026-2030",
        "giai đoạn 2026-2030", (2026, 2030), start_index=9, end_index=17),
    "flattened.txt": expected(
        "Quyết định", "310/QĐ-UBND", "QĐ-UBND", datetime.date(2026, 2, 5), "Lào Cai", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        None, "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", None, (2026, 2026)),
    "flattened_columns.txt": expected(
        "Thông báo", "18/TB-HĐTĐKT", "TB-HĐTĐKT", datetime.date(2025, 10, 9), "Hà Giang",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "UBND TỈNH HÀ GIANG",
        "Kết quả xét khen thưởng nhân dịp tổng kết 5 năm (2021-2025)", "5 năm (2021-2025)", (2021, 2025)),
    "repeated.txt": expected(
        "Kế hoạch", "56/KH-THPT", "KH-THPT", datetime.date(2025, 9, 3), "Bảo Thắng", "TRƯỜNG THPT SỐ 1 BẢO THẮNG",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Thi đua, khen thưởng năm học 2025-2026", "năm học 2025-2026", (2025, 2026)),
    "blank_number_day.txt": expected(
        "Kế hoạch", None, "KH-UBND", None, "Bảo Yên", "ỦY BAN NHÂN DÂN HUYỆN BẢO YÊN", None,
        "Công tác thi đua, khen thưởng năm 2026", None, (2026, 2026), date_year=2026, start_index=1, warnings=[
            (6, "Số văn bản để trống («Số: /KH-UBND»): văn bản có thể là dự thảo."),
            (7, "Ngày ban hành chưa ghi đủ («ngày tháng 3 năm 2026»): bỏ trống ngày, lấy năm 2026.")]),
    "spaced_type.txt": expected(
        "Nghị quyết", "07/NQ-HĐND", "NQ-HĐND", datetime.date(2025, 3, 12), "Lào Cai",
        "HỘI ĐỒNG NHÂN DÂN TỈNH LÀO CAI", None, "Về kết quả thi đua nhiệm kỳ 2021-2026", "nhiệm kỳ 2021-2026",
        (2021, 2026)),
    "lost_diacritics.txt": expected(
        "Quyết định", "89/QD-UBND", "QD-UBND", datetime.date(2025, 4, 20), "Lao Cai", "UY BAN NHAN DAN TINH LAO CAI",
        None, "Ve viec khen thuong cac tap the, ca nhan co thanh tich trong phong trao thi dua nam 2024", None,
        (2024, 2024), lost_diacritics=True, warnings=[(None, LOST_DIACRITICS_MESSAGE)]),
    # A letter (công văn) has no type line: its "V/v …" subject under the number is its title.
    "letter_subject.txt": expected(
        "Công văn", "215/BTĐKT-NV", "BTĐKT-NV", datetime.date(2025, 6, 2), "Lào Cai", "BAN THI ĐUA - KHEN THƯỞNG",
        "SỞ NỘI VỤ", "V/v đề nghị khen thưởng tổng kết năm học 2024-2025", "năm học 2024-2025", (2024, 2025)),
    # A Party committee: "ĐẢNG CỘNG SẢN VIỆT NAM" stands in the motto's place; its number is "45-QĐ/TU".
    "party_committee.txt": expected(
        "Quyết định", "45-QĐ/TU", "QĐ/TU", datetime.date(2025, 2, 3), "Lào Cai", "BAN THƯỜNG VỤ", "TỈNH ỦY LÀO CAI",
        "về khen thưởng tổ chức cơ sở đảng", None, (2025, 2025)),
    # No header survived: the deciding authority above the legal bases names the issuer; the dates of the legal
    # bases are not the document's.
    "no_header.txt": expected(
        None, None, None, None, None, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI", None,
        "Về việc tặng Bằng khen cho các tập thể, cá nhân đã có thành tích xuất sắc", None, None, warnings=[
            NO_NUMBER, NO_DATE,
            (2, "Đầu văn bản không ghi cơ quan ban hành: lấy theo dòng 2 («CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI»)."),
            NO_TYPE]),
}
GENERATED = {
    "header_table.docx": (header_table_docx, expected(
        "Quyết định", "15/QĐ-SNV", "QĐ-SNV", datetime.date(2025, 12, 5), "Lào Cai", "SỞ NỘI VỤ",
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Về việc tặng Giấy khen cho các tập thể có thành tích năm 2025", None,
        (2025, 2025))),
    "blank_date.docx": (blank_date_docx, expected(
        "Kế hoạch", None, "KH-UBND", None, "Lào Cai", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", None,
        "Công tác thi đua, khen thưởng giai đoạn 2026-2030", "giai đoạn 2026-2030", (2026, 2030), date_year=2026,
        warnings=[(2, "Số văn bản để trống («Số: /KH-UBND»): văn bản có thể là dự thảo."),
                  (2, "Ngày ban hành chưa ghi đủ («ngày tháng năm 2026»): bỏ trống ngày, lấy năm 2026.")])),
    "wrapped_title.pdf": (wrapped_title_pdf, expected(
        "Quyết định", "1520/QĐ-UBND", "QĐ-UBND", datetime.date(2025, 11, 28), "Lào Cai",
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", None,
        "Về việc tặng danh hiệu Tập thể lao động xuất sắc cho các tập thể đã có thành tích trong phong trào thi "
        "đua năm 2025", None, (2025, 2025))),
    "printed_web_page.pdf": (printed_web_page_pdf, expected(
        "Quyết định", "125/QĐ-SNV", "QĐ-SNV", datetime.date(2025, 3, 12), "Lào Cai", "SỞ NỘI VỤ",
        "UBND TỈNH LÀO CAI", "Về việc tặng Giấy khen năm 2024", None, (2024, 2024), start_index=3, end_index=19)),
}


def fields(header: Header) -> dict:
    values = {name: getattr(header, name) for name in FIELDS}
    values["warnings"] = [(warning.line, warning.message) for warning in header.warnings]
    return values


def test_the_fixture_folder_is_covered_exactly():
    assert sorted(path.name for path in HEADERS.iterdir() if path.is_file()) == sorted(CASES)


@pytest.mark.parametrize("name", list(CASES))
def test_every_field_of_every_fixture(name):
    assert fields(read_header(document_lines(read_document(HEADERS / name)))) == CASES[name]


@pytest.mark.parametrize("name", list(GENERATED))
def test_every_field_of_the_generated_documents(name):
    make, fields_expected = GENERATED[name]
    assert fields(read_header(document_lines(read_bytes(make(), name)))) == fields_expected


def lines_of(*texts: str) -> list[Line]:
    return [Line(number, text) for number, text in enumerate(texts, start=1)]


HEAD = ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


@pytest.mark.parametrize(("number_line", "number", "symbol"), [
    ("Số: 125/QĐ-UBND", "125/QĐ-UBND", "QĐ-UBND"),
    ("Số 125/QĐ-UBND", "125/QĐ-UBND", "QĐ-UBND"),
    ("Số:125 /QĐ- UBND", "125/QĐ-UBND", "QĐ-UBND"),
    ("Số: 12/2025/NQ-HĐND", "12/2025/NQ-HĐND", "2025/NQ-HĐND"),
    ("Số 45-QĐ/TU", "45-QĐ/TU", "QĐ/TU"),
    ("Số: …/QĐ-UBND", None, "QĐ-UBND"),
    ("Số:        /QĐ-UBND", None, "QĐ-UBND"),
])
def test_number_and_symbol_as_written(number_line, number, symbol):
    header = read_header(lines_of(*HEAD, number_line, "Lào Cai, ngày 12 tháng 3 năm 2025", "QUYẾT ĐỊNH", "Về việc"))
    assert (header.number, header.symbol) == (number, symbol)
    blank = [(w.line, w.message) for w in header.warnings]
    assert blank == ([] if number else [(3, f"Số văn bản để trống («Số: /{symbol}»): văn bản có thể là dự thảo.")])


@pytest.mark.parametrize(("date_line", "date", "year", "message"), [
    ("Lào Cai, ngày 12 tháng 3 năm 2025", datetime.date(2025, 3, 12), 2025, None),
    ("Lào Cai, ngày 12/3/2025", datetime.date(2025, 3, 12), 2025, None),
    ("Lào Cai, ngày   tháng 3 năm 2025", None, 2025,
     "Ngày ban hành chưa ghi đủ («ngày tháng 3 năm 2025»): bỏ trống ngày, lấy năm 2025."),
    ("Lào Cai, ngày 31 tháng 2 năm 2025", None, 2025,
     "Ngày ban hành không hợp lệ («ngày 31 tháng 2 năm 2025»): bỏ trống ngày."),
])
def test_date_line_as_written(date_line, date, year, message):
    header = read_header(lines_of(*HEAD, "Số: 1/QĐ-UBND", date_line, "QUYẾT ĐỊNH", "Về việc khen thưởng"))
    assert (header.date, header.date_year, header.place) == (date, year, "Lào Cai")
    assert [(w.line, w.message) for w in header.warnings] == ([(4, message)] if message else [])


def test_no_date_is_taken_from_the_portal_the_body_or_the_legal_bases():
    header = read_header(lines_of(
        "Trang chủ > Văn bản > Kế hoạch", "Ngày đăng: 14/03/2025 10:15", "Cập nhật ngày 15/03/2025", *HEAD,
        "Số: /KH-UBND", "Lào Cai, ngày    tháng    năm 2025", "KẾ HOẠCH", "Công tác thi đua năm 2025",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", "Ngày 20 tháng 3 năm 2025 tổ chức hội nghị."))
    assert (header.date, header.date_year, header.start_index) == (None, 2025, 3)


@pytest.mark.parametrize(("type_lines", "doc_type", "title"), [
    (["QUYẾT ĐỊNH", "Về việc khen thưởng năm 2025"], "Quyết định", "Về việc khen thưởng năm 2025"),
    (["Q U Y Ế T  Đ Ị N H", "Về việc khen thưởng", "năm 2025"], "Quyết định", "Về việc khen thưởng năm 2025"),
    (["QUYẾT ĐỊNH Về việc khen thưởng năm 2025"], "Quyết định", "Về việc khen thưởng năm 2025"),
    (["KẾ HOẠCH Tổ chức phong trào thi đua", "năm 2025"], "Kế hoạch", "Tổ chức phong trào thi đua năm 2025"),
    (["TỜ TRÌNH", "Về việc đề nghị khen thưởng"], "Tờ trình", "Về việc đề nghị khen thưởng"),
])
def test_type_line_as_written(type_lines, doc_type, title):
    header = read_header(lines_of(*HEAD, "Số: 1/QĐ-UBND", "Lào Cai, ngày 2 tháng 3 năm 2025", *type_lines,
                                  "Căn cứ Luật Thi đua, khen thưởng;"))
    assert (header.doc_type, header.title, header.type_index) == (doc_type, title, 4)


def test_the_decisions_own_quyet_dinh_colon_is_not_its_type_line():
    header = read_header(lines_of("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "Căn cứ Luật;", "QUYẾT ĐỊNH:", "Điều 1. Tặng"))
    assert (header.doc_type, header.type_index, header.issuer) == (None, None, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")


@pytest.mark.parametrize(("title", "period", "years"), [
    ("Kế hoạch thi đua giai đoạn 2021-2025", "giai đoạn 2021-2025", (2021, 2025)),
    ("Thi đua năm học 2025-2026", "năm học 2025-2026", (2025, 2026)),
    ("Tổng kết nhiệm kỳ 2020-2025", "nhiệm kỳ 2020-2025", (2020, 2025)),
    ("Tổng kết 5 năm (2021-2025)", "5 năm (2021-2025)", (2021, 2025)),
    ("Công tác thi đua, khen thưởng năm 2026", None, (2026, 2026)),
    ("Công tác thi đua, khen thưởng", None, (2025, 2025)),  # no year in the title: the date's
])
def test_period_of_the_title(title, period, years):
    header = read_header(lines_of(*HEAD, "Số: 1/KH-UBND", "Lào Cai, ngày 2 tháng 12 năm 2025", "KẾ HOẠCH", title,
                                  "I. MỤC ĐÍCH"))
    assert (header.title, header.period, header.years) == (title, period, years)


def test_strip_chrome_finds_the_document_between_menu_and_footer():
    texts = ["Trang chủ", "Giới thiệu", "Văn bản | Quyết định | Kế hoạch", "Quyết định", "Kế hoạch", "Liên hệ",
             "Tìm kiếm", "UBND TỈNH LÀO CAI", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 1/QĐ-SNV",
             "QUYẾT ĐỊNH", "Về việc", "Nơi nhận:", "- Lưu: VT.", "Chia sẻ", "Bản quyền © 2025"]
    assert strip_chrome(texts) == (7, 15)
    assert strip_chrome([]) == (0, 0)


@pytest.mark.parametrize(("text", "chrome", "footer"), [
    ("Trang chủ | Giới thiệu | Tin tức", True, False),
    ("Trang chủ > Văn bản > Quyết định", True, False),
    ("Ngày đăng: 12/03/2025 10:15", True, False),
    ("Lượt xem: 123", True, False),
    ("12/03/2025, 10:15 Quyết định 125/QĐ-SNV - Cổng thông tin điện tử", True, False),  # a browser's print header
    ("https://snv.laocai.gov.vn/van-ban/125 1/2", True, False),
    ("Bản quyền © 2025 Sở Nội vụ", True, True),
    ("Tin liên quan", True, True),
    ("Quyết định", False, False),  # a menu item only among others; alone it may be a type line
    ("SỞ NỘI VỤ", False, False),
    ("Chia sẻ kinh nghiệm giữa các đơn vị trong phong trào thi đua", True, False),
])
def test_chrome_lines(text, chrome, footer):
    assert (is_chrome(text), is_footer(text)) == (chrome, footer)


def test_a_text_with_diacritics_is_not_lost():
    header = read_header(document_lines(read_document(HEADERS / "web_portal.txt")))
    assert header.lost_diacritics is False and LOST_DIACRITICS_MESSAGE not in [w.message for w in header.warnings]


def test_a_text_without_diacritics_says_so_instead_of_blaming_the_fields():
    header = read_header(lines_of("Ve viec khen thuong cac tap the va ca nhan cua tinh nam 2025",
                                  "Can cu Luat Thi dua, khen thuong ngay 15 thang 6 nam 2022 cua Quoc hoi;",
                                  "Dieu 1. Tang Bang khen cho cac tap the, ca nhan thuc hien tot nhiem vu."))
    assert (header.lost_diacritics, header.date, header.number) == (True, None, None)
    assert [(w.line, w.message) for w in header.warnings] == [(None, LOST_DIACRITICS_MESSAGE)]
