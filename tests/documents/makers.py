"""Header fixtures that are generated rather than written: a Word file whose header is the Decree 30 two-column
table (made with tdkt.lib.nd30, as the project writes its own documents), and a PDF whose title is hard-wrapped
the way text extraction gives it back."""

from __future__ import annotations

import datetime

from tdkt.lib import nd30
from tests.plans.pdfmaker import text_pdf


def header_table_docx() -> bytes:
    document = nd30.new_document()
    nd30.add_heading_block(document, nd30.Heading(
        issuer="Sở Nội vụ", parent="Ủy ban nhân dân tỉnh Lào Cai", number="15/QĐ-SNV", place="Lào Cai",
        date=datetime.date(2025, 12, 5), doc_type="QUYẾT ĐỊNH",
        title="Về việc tặng Giấy khen cho các tập thể có thành tích năm 2025"))
    nd30.add_paragraph(document, "GIÁM ĐỐC SỞ NỘI VỤ TỈNH LÀO CAI", bold=True, align="center")
    nd30.add_paragraph(document, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    return nd30.to_bytes(document)


def blank_date_docx() -> bytes:
    """A draft from the project's own template: the number and the day left for the registry."""
    document = nd30.new_document()
    nd30.add_heading_block(document, nd30.Heading(
        issuer="Ủy ban nhân dân tỉnh Lào Cai", number=None, symbol="KH-UBND", place="Lào Cai", date=None,
        title="Công tác thi đua, khen thưởng giai đoạn 2026-2030"), year=2026)
    nd30.add_paragraph(document, "I. MỤC ĐÍCH, YÊU CẦU")
    return nd30.to_bytes(document)


WRAPPED_TITLE_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 1520/QĐ-UBND",
    "Lào Cai, ngày 28 tháng 11 năm 2025",
    "QUYẾT ĐỊNH",
    "Về việc tặng danh hiệu Tập thể lao động xuất sắc cho các tập",
    "thể đã có thành tích trong phong trào thi đua năm",
    "2025",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
]


def wrapped_title_pdf() -> bytes:
    return text_pdf([WRAPPED_TITLE_LINES])


PRINTED_PAGE_TOP = "14/03/2025, 10:15 Quyết định 125/QĐ-SNV - Cổng thông tin điện tử Sở Nội vụ"


def printed_web_page_pdf() -> bytes:
    """A portal's page printed to PDF by a browser: its time and address on every page, the menu, then the
    document, then the footer."""
    return text_pdf([
        [PRINTED_PAGE_TOP, "Trang chủ | Giới thiệu | Tin tức | Văn bản", "Ngày đăng: 14/03/2025 10:15",
         "UBND TỈNH LÀO CAI", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Số: 125/QĐ-SNV", "Lào Cai, ngày 12 tháng 3 năm 2025", "QUYẾT ĐỊNH",
         "Về việc tặng Giấy khen năm 2024", "https://snv.laocai.gov.vn/van-ban/125 1/2"],
        [PRINTED_PAGE_TOP, "GIÁM ĐỐC SỞ NỘI VỤ", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
         "Điều 1. Tặng Giấy khen cho 02 tập thể.", "Nơi nhận:", "- Lưu: VT.", "Bản quyền © 2025 Sở Nội vụ",
         "https://snv.laocai.gov.vn/van-ban/125 2/2"],
    ])
