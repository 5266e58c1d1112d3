"""Blank Excel workbooks to download beside the imports that expect a table of a given layout.

The first sheet holds the header row only, so a workbook filled in from it imports as is; the second sheet ("Ví
dụ") shows the same header with an example row, kept off the first sheet so that an example is never imported by
mistake (every importer reads the first sheet). The headings are those each importer recognises (people:
tdkt.people.imports.HEADERS; award history: tdkt.awards.imports.columns.HEADINGS; criteria:
tdkt.movements.scoring.importing); tests/core/test_import_templates.py imports each blank workbook back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tdkt.lib.sheets import SheetWriter


@dataclass(frozen=True)
class Layout:
    filename: str
    header: tuple[str, ...]
    example: tuple[tuple[str, ...], ...]


LAYOUTS: dict[str, Layout] = {
    "ca-nhan": Layout("mau-nhap-ca-nhan.xlsx",
                      ("Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Chức vụ", "Đối tượng", "Số CCCD"),
                      (("Nguyễn Văn An", "Nam", "04/03/1985", "Kinh", "Chuyên viên", "Công chức", ""),)),
    "khen-thuong": Layout("mau-nhap-lich-su-khen-thuong.xlsx",
                          ("Họ và tên", "Ngày sinh", "Đơn vị", "Danh hiệu", "Năm", "Số quyết định",
                           "Ngày quyết định"),
                          (("Nguyễn Văn An", "04/03/1985", "Sở Y tế", "Chiến sĩ thi đua cơ sở", "2024",
                            "45/QĐ-UBND", "15/01/2025"),)),
    "xep-loai": Layout("mau-nhap-xep-loai.xlsx", ("Họ và tên", "Năm sinh", "Đơn vị", "Năm", "Xếp loại"),
                       (("Nguyễn Văn An", "1985", "Sở Y tế", "2024", "Hoàn thành xuất sắc nhiệm vụ"),)),
    "sang-kien": Layout("mau-nhap-sang-kien.xlsx",
                        ("Họ và tên", "Ngày sinh", "Đơn vị", "Tên sáng kiến", "Năm", "Phạm vi", "Số quyết định"),
                        (("Nguyễn Văn An", "04/03/1985", "Sở Y tế", "Số hóa hồ sơ bệnh án", "2024", "Cấp cơ sở",
                          "12/QĐ-SYT"),)),
    "tieu-chi": Layout("mau-nhap-tieu-chi-cham-diem.xlsx",
                       ("Mã", "Tiêu chí", "Điểm tối đa", "Loại", "Minh chứng", "Hệ số"),
                       (("1", "Công tác chỉ đạo, điều hành", "20", "thường", "", "1"),
                        ("1.1", "Ban hành kế hoạch thi đua năm", "10", "thường", "x", "1"),
                        ("2", "Sáng kiến được áp dụng", "5", "thưởng", "x", "1"))),
}


def write_template(path: Path, layout: Layout) -> None:
    widths = [max(14, len(heading) + 4) for heading in layout.header]
    with SheetWriter(path) as book:
        bold = book.style(bold=True, border=1, bg_color="#EEF1F5")
        book.sheet("Danh sách", widths=widths).row(list(layout.header), bold)
        example = book.sheet("Ví dụ", widths=widths)
        example.row(list(layout.header), bold)
        for row in layout.example:
            example.row(list(row))
