"""Builds the binary fixtures of this folder (.docx with python-docx, .pdf with tests/plans/pdfmaker.py) from the
texts below; the built files are committed beside the text fixtures, and the regression suite reads them.

    .venv/bin/python -m tests.documents.awards.build     # rewrites decision_table.docx, merged_header.docx,
                                                         # hard_wrapped.pdf
"""

from __future__ import annotations

from pathlib import Path

import docx
from tests.plans.docxmaker import add_table, save
from tests.plans.pdfmaker import text_pdf

FOLDER = Path(__file__).resolve().parent

DECISION_TABLE_BODY = [
    "QUYẾT ĐỊNH",
    "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2024",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Xét đề nghị của Giám đốc Sở Nội vụ.",
    "QUYẾT ĐỊNH:",
    "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể và 03 cá nhân (có danh sách kèm "
    "theo) đã có thành tích xuất sắc trong công tác năm 2024.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ và các tập thể, cá nhân có tên tại Điều 1 "
    "chịu trách nhiệm thi hành Quyết định này./.",
    "Nơi nhận:",
    "- Như Điều 3;",
    "- Lưu: VT.",
    "CHỦ TỊCH",
    "Trịnh Xuân Trường",
    "DANH SÁCH",
    "tập thể, cá nhân được tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "(Kèm theo Quyết định số 140/QĐ-UBND ngày 20/01/2025 của Chủ tịch Ủy ban nhân dân tỉnh Lào Cai)",
]
DECISION_TABLE_ROWS = [
    ["TT", "Họ và tên", "Chức vụ, đơn vị công tác"],
    ["I", "TẬP THỂ", ""],
    ["1", "Phòng Tư pháp huyện Mường Khương", ""],
    ["2", "Trường Tiểu học Bình Minh, thành phố Lào Cai", ""],
    ["II", "CÁ NHÂN", ""],
    ["1", "Ông Tẩn Văn Sơn", "Phó Trưởng phòng Tư pháp, Ủy ban nhân dân huyện Mường Khương"],
    ["2", "Bà Hầu Thị Pà", "Giáo viên, Trường Tiểu học Bình Minh"],
    ["3", "Đồng chí Phùng Văn Lợi", "Chuyên viên, Sở Nội vụ"],
]


def header_table(document, agency: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join(agency)
    table.cell(0, 1).text = "\n".join(right)


def decision_table() -> bytes:
    document = docx.Document()
    header_table(document, ["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Số: 140/QĐ-UBND"],
                 ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "Lào Cai, ngày 20 tháng 01 năm 2025"])
    for line in DECISION_TABLE_BODY:
        document.add_paragraph(line)
    table = add_table(document, DECISION_TABLE_ROWS)
    for row in (1, 4):  # the section rows span the whole table
        table.cell(row, 1).merge(table.cell(row, 2))
    return save(document)


MERGED_ROWS = [
    ["TT", "Họ và tên", "Năm sinh", "", "Chức vụ", "Đơn vị"],
    ["", "", "Nam", "Nữ", "", ""],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
    ["A", "KHỐI SỞ, BAN, NGÀNH", "", "", "", ""],
    ["1", "Ông Ma Văn Thắng", "1975", "", "Trưởng phòng", "Sở Nông nghiệp và Phát triển nông thôn"],
    ["2", "Bà Sần Thị Lý", "", "1988", "Kế toán", "Chi cục Kiểm lâm tỉnh"],
    ["TT", "Họ và tên", "Năm sinh", "", "Chức vụ", "Đơn vị"],
    ["", "", "Nam", "Nữ", "", ""],
    ["", "", "", "", "", "Lào Cai"],
    ["B", "KHỐI HUYỆN, THỊ XÃ, THÀNH PHỐ", "", "", "", ""],
    ["3", "Ông Chảo Láo Lở", "1970", "", "Chủ tịch", "Ủy ban nhân dân xã Y Tý"],
]


def merged_header() -> bytes:
    document = docx.Document()
    header_table(document, ["UBND TỈNH LÀO CAI", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "Số: 61/TTr-SNN"],
                 ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "Lào Cai, ngày 03 tháng 3 năm 2025"])
    for line in ("DANH SÁCH", "Đề nghị tặng Bằng khen của Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn năm 2024"):
        document.add_paragraph(line)
    table = add_table(document, MERGED_ROWS)
    for first in (0, 6):  # "Năm sinh" spans Nam and Nữ; TT and Họ và tên span both header rows
        table.cell(first, 2).merge(table.cell(first, 3))
        table.cell(first, 0).merge(table.cell(first + 1, 0))
        table.cell(first, 1).merge(table.cell(first + 1, 1))
        table.cell(first, 4).merge(table.cell(first + 1, 4))
        table.cell(first, 5).merge(table.cell(first + 1, 5))
    for row in (3, 9):
        table.cell(row, 1).merge(table.cell(row, 5))
    document.add_paragraph("GIÁM ĐỐC")
    return save(document)


HARD_WRAPPED_PAGES = [
    [
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "Số: 233/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lào Cai, ngày 14 tháng 3 năm 2025",
        "QUYẾT ĐỊNH",
        "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2024",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 03 cá nhân đã",
        "có thành tích xuất sắc trong công tác năm 2024, gồm:",
        "1. Ông Ðinh Công Ðức, Phó Trưởng phòng Quản lý xây dựng, Sở Xây dựng tỉnh",
        "Lào Cai;",
        "2. Bà Lý Thị Hồng, Chuyên viên Phòng Tổ chức cán bộ, Văn phòng Ủy ban nhân",
        "dân tỉnh;",
    ],
    [
        "3. Ông Cao Văn Tuấn, Kỹ sư, Ban Quản lý dự án đầu tư xây dựng các công trình",
        "dân dụng và công nghiệp tỉnh.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
        "CHỦ TỊCH",
    ],
]


def hard_wrapped() -> bytes:
    return text_pdf(HARD_WRAPPED_PAGES)


BUILT = {"decision_table.docx": decision_table, "merged_header.docx": merged_header, "hard_wrapped.pdf": hard_wrapped}


def main() -> None:
    for name, build in BUILT.items():
        (FOLDER / name).write_bytes(build())
        print(name)


if __name__ == "__main__":
    main()
