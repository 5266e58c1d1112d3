"""Files the plan import must refuse whole, with the importer's Vietnamese message (exact)."""

from tests.plans.docxmaker import plan_with_table
from tests.plans.pdfmaker import image_only_pdf, text_pdf

HEADER = ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp"]
NO_YEAR = ("ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM\nSố: 05/KH-UBND\nKẾ HOẠCH\nCông tác thi đua, khen thưởng\n"
           "STT\tNội dung\tChủ trì\n1\tHội nghị\tSở Nội vụ\n")


def merged_cells_docx() -> bytes:
    rows = [HEADER, ["1", "Tập huấn", "Sở Nội vụ", "Văn phòng UBND tỉnh"], ["2", "", "Sở Tài chính", ""]]
    return plan_with_table(rows, merges=[((1, 1), (2, 1))])


def long_pdf() -> bytes:
    return text_pdf([[f"Trang {page} năm 2026"] for page in range(1, 202)])


BAD_INPUTS = {
    "binary": ("ke-hoach.txt", lambda: bytes(range(256)) * 20,
               "Tệp không phải văn bản (dữ liệu nhị phân): hãy chọn tệp .docx, .pdf hoặc .txt."),
    "scanned_pdf": ("ke-hoach.pdf", lambda: image_only_pdf(2),
                    "Tệp PDF không có lớp chữ (no text layer: scanned document) — đây là bản quét. Hãy nhập tệp .docx "
                    "hoặc PDF xuất trực tiếp từ Word, hoặc nhận dạng chữ (OCR) trước."),
    "old_word": ("ke-hoach.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
                 "Tệp Word cũ (.doc) không được hỗ trợ: hãy mở bằng Word hoặc LibreOffice và lưu lại dưới dạng .docx "
                 "(hoặc PDF) rồi nhập lại."),
    "200_pages": ("ke-hoach.pdf", long_pdf,
                  "Văn bản có 201 trang, vượt giới hạn 100 trang của một kế hoạch: hãy tách riêng phần kế hoạch và "
                  "phụ lục nhiệm vụ rồi nhập lại."),
    "merged_cells": ("ke-hoach.docx", merged_cells_docx,
                     "Bảng nhiệm vụ có ô gộp dọc ở dòng 9 (cột «Nội dung»): không xác định được ô thuộc nhiệm vụ nào. "
                     "Hãy tách các ô gộp trong bảng (Word: Bố cục › Tách ô) rồi nhập lại; chưa nhập gì từ tệp này."),
    "no_year": ("ke-hoach.txt", lambda: NO_YEAR.encode(),
                "Không xác định được năm của kế hoạch: không thấy «năm …» trong trích yếu, ngày ban hành hay phụ lục. "
                "Hãy ghi năm vào tên kế hoạch hoặc ngày ban hành rồi nhập lại."),
}
