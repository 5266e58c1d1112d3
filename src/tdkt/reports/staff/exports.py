"""The register as Excel (tdkt.lib.sheets: streamed, no live formula); document text in Vietnamese."""

from __future__ import annotations

import datetime

from tdkt.lib.sheets import SheetWriter
from tdkt.people.enums import Gender
from tdkt.reports.enums import OfficeStructure, TrainingLevel

WIDTHS = [6, 30, 8, 8, 14, 30, 36, 16, 14, 14, 14]


def write_staff_xlsx(target, offices, rows, *, on: datetime.date) -> int:
    """Two sheets: the organisations, and the civil servants with their age and years in TĐKT work on `on`.
    Returns the number of civil servants written."""
    sexes = {value: str(label) for value, label in Gender.choices}
    trainings = {value: str(label) for value, label in TrainingLevel.choices}
    structures = {value: str(label) for value, label in OfficeStructure.choices}
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        bold = book.style(bold=True, wrap=False, valign="")
        sheet = book.sheet("Cong chuc lam TDKT", widths=WIDTHS)
        sheet.row([f"Công chức làm công tác thi đua, khen thưởng (tuổi và thâm niên tính đến {on:%d/%m/%Y})"],
                  styles=[bold])
        sheet.row(["STT", "Họ và tên", "Giới tính", "Tuổi", "Trình độ đào tạo", "Đơn vị", "Tổ chức",
                   "Số năm làm TĐKT", "Làm TĐKT từ", "Giữ vị trí từ", "Thôi vị trí ngày"])
        for number, row in enumerate(rows, start=1):
            post = row.post
            sheet.row([number, post.person.full_name, sexes.get(post.person.gender, ""), row.age,
                       trainings.get(post.training, post.training), post.unit.name,
                       post.office.name if post.office_id else "", row.years_in_tdkt, post.tdkt_work_since,
                       post.started_on, post.ended_on])
        offices_sheet = book.sheet("To chuc lam TDKT", widths=[6, 40, 40, 40, 14, 14])
        offices_sheet.row(["STT", "Tên tổ chức", "Đơn vị", "Cơ cấu", "Thành lập", "Giải thể"], styles=[bold] * 6)
        for number, office in enumerate(offices, start=1):
            offices_sheet.row([number, office.name, office.unit.name, structures.get(office.structure, ""),
                               office.established_on, office.dissolved_on])
    return len(rows)
