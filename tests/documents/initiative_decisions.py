"""Decisions recognising initiatives as provinces write them, made here for the tests (none tidy): a Word
file whose annex table has a merged "Tác giả" header over "Họ và tên" and "Chức vụ, đơn vị", several
authors in one cell (new lines, ";", "và", shares "(60%)"), a co-author on a row of its own, the header
repeated after a page break and a section row; a prose decision for PDFs and scans, with page numbers and a
running header on each page."""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fpdf import FPDF

from tdkt.lib.fonts import SERIF

HEADER = ["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Số: {number}", "Lào Cai, ngày 20 tháng 11 năm 2025", "QUYẾT ĐỊNH",
          "Về việc công nhận sáng kiến cấp tỉnh năm 2025", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
          "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
          "Xét đề nghị của Hội đồng Sáng kiến cấp cơ sở và Sở Khoa học và Công nghệ,", "QUYẾT ĐỊNH:"]

ROWS = [  # STT, title, authors cell, positions cell, field
    ("1", "Ứng dụng phần mềm quản lý hồ sơ thi đua trên nền tảng số",
     "Ông Nguyễn Văn An (60%)\nBà Trần Thị Bình (40%)", "Trưởng phòng Nội vụ\nChuyên viên Sở Y tế", "Quản lý nhà nước"),
    ("2", "Giải pháp nâng cao chất lượng dạy học môn Toán lớp 9", "ThS. Lê Văn Cường và Đồng chí Phạm Thị Dung",
     "Giáo viên Trường THCS Lê Lợi", "Giáo dục"),
    ("3", "Quy trình tiếp nhận hồ sơ một cửa liên thông", "Hoàng Văn Em", "Phó Chánh Văn phòng UBND huyện",
     "Cải cách hành chính"),
    ("", "", "KS. Vũ Thị Giang", "Chuyên viên Văn phòng UBND huyện", ""),  # co-author row of item 3
]


def _merge_right(cell_a, cell_b):
    return cell_a.merge(cell_b)


def _header_rows(table) -> None:
    top, sub = table.rows[0].cells, table.rows[1].cells
    for cell, text in zip(top, ["STT", "Tên sáng kiến", "Tác giả / Đồng tác giả", "", "Lĩnh vực"], strict=True):
        cell.text = text
    for cell, text in zip(sub, ["", "", "Họ và tên", "Chức vụ, đơn vị", ""], strict=True):
        cell.text = text
    top[2].merge(top[3])
    top[2].text = "Tác giả / Đồng tác giả"


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def initiative_docx(*, number="1520/QĐ-UBND", title="Về việc công nhận sáng kiến cấp tỉnh năm 2025",
                    article="Điều 1. Công nhận 03 sáng kiến có hiệu quả áp dụng và phạm vi ảnh hưởng cấp tỉnh năm "
                            "2025 (có danh sách kèm theo).", rows=ROWS) -> bytes:
    document = docx.Document()
    for text in HEADER:
        document.add_paragraph(text.format(number=number) if "{number}" in text else
                               (title if text.startswith("Về việc") else text))
    document.add_paragraph(article)
    document.add_paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    document.add_paragraph("TM. ỦY BAN NHÂN DÂN")
    document.add_paragraph("CHỦ TỊCH")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN CẤP TỈNH NĂM 2025")
    document.add_paragraph(f"(Kèm theo Quyết định số {number} ngày 20/11/2025 của Chủ tịch UBND tỉnh)")
    table = document.add_table(rows=3, cols=5)
    _header_rows(table)
    for cell, text in zip(table.rows[2].cells, ["(1)", "(2)", "(3)", "(4)", "(5)"], strict=True):
        cell.text = text
    _repeat_header(table.rows[0])
    section = table.add_row().cells
    section[0].text = "I"
    merged = section[1].merge(section[4])
    merged.text = "LĨNH VỰC HÀNH CHÍNH"
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    if rows and not rows[-1][0]:  # the co-author row: number and title cells merged down from the row above
        last, above = table.rows[-1].cells, table.rows[-2].cells
        above[0].merge(last[0])
        above[1].merge(last[1])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PROSE_PAGES = [
    ["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Số: 88/QĐ-UBND", "Lào Cai, ngày 05 tháng 6 năm 2025", "QUYẾT ĐỊNH",
     "Công nhận hiệu quả áp dụng và phạm vi ảnh hưởng của sáng kiến", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
     "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", "QUYẾT ĐỊNH:",
     "Điều 1. Công nhận hiệu quả áp dụng và phạm vi ảnh hưởng cấp cơ sở đối với 02 sáng kiến sau:",
     "1. Sáng kiến “Số hóa hồ sơ khen thưởng lưu trữ tại Sở Nội vụ” của ông Nguyễn Văn An,",
     "Trưởng phòng Thi đua - Khen thưởng, Sở Nội vụ (70%) và bà Trần Thị Bình,", "Chuyên viên (30%);", "- 1 -"],
    ["Quyết định số 88/QĐ-UBND", "2. Sáng kiến “Quy trình chấm điểm thi đua cụm, khối” của bà Đặng Thị Đào,",
     "Chuyên viên Văn phòng Sở (lĩnh vực: thi đua, khen thưởng).",
     "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", "TM. ỦY BAN NHÂN DÂN", "- 2 -"],
]


def prose_text(pages=PROSE_PAGES) -> bytes:
    """The prose decision as a text file, a form feed between its pages."""
    return "\f".join("\n".join(page) for page in pages).encode()


def table_pdf(*, extra: int = 14, repeat_header: bool = False) -> bytes:
    """The Word decision as a PDF exported from it would look: the annex a ruled table (a justified, wrapped
    title column; authors on two lines; the co-author row of item 3) running onto a second page, with the
    running header and page numbers; `extra` more initiatives push it over the page."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("serif", "", str(SERIF[""]))
    pdf.add_font("serif", "B", str(SERIF["B"]))
    pdf.set_margins(25, 20, 15)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    pdf.set_font("serif", "", 13)
    for line in [*(text.format(number="1520/QĐ-UBND") for text in HEADER),
                 f"Điều 1. Công nhận {3 + extra:02d} sáng kiến có phạm vi ảnh hưởng cấp tỉnh năm 2025 (có danh "
                 "sách kèm theo).", "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", "KT. CHỦ TỊCH",
                 "PHÓ CHỦ TỊCH", "Nguyễn Thành Sinh"]:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.cell(0, 7, "DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN CẤP TỈNH NĂM 2025", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.cell(0, 7, "(Kèm theo Quyết định số 1520/QĐ-UBND ngày 20/11/2025 của Chủ tịch UBND tỉnh)",
             new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("serif", "", 12)
    rows = [("TT", "Tên sáng kiến", "Tác giả", "Chức vụ, đơn vị"), *[row[:4] for row in ROWS]]
    rows += [(str(4 + n), f"Giải pháp nâng cao hiệu quả công tác thi đua, khen thưởng tại cơ sở số {n + 1} "
                          "trên địa bàn huyện vùng cao", f"Ông Lò Văn Khánh {n + 1}".replace(f" {n + 1}", ""),
              "Chuyên viên, Phòng Nội vụ huyện") for n in range(extra)]
    with pdf.table(col_widths=(10, 70, 45, 45), text_align="LEFT", repeat_headings=int(repeat_header)) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
    return bytes(pdf.output())
