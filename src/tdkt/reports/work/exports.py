"""Which units have sent their work report, as Excel (tdkt.lib.sheets: no live formulas). Document text, so
always Vietnamese."""

from __future__ import annotations

from django.utils import timezone

from tdkt.lib.sheets import SheetWriter
from tdkt.reports.enums import ReportKind

HEADER = ["STT", "Đơn vị", "Tình trạng", "Ngày gửi", "Người gửi", "Tệp", "Số lần gửi"]
WIDTHS = [7, 45, 18, 18, 28, 40, 12]
KIND_TEXT = {ReportKind.HALF_YEAR: "BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM", ReportKind.YEAR_END: "BÁO CÁO TỔNG KẾT NĂM"}


def sender_name(user) -> str:
    return str(user) if user is not None else ""


def write_status_xlsx(target, *, kind: str, year: int, rows) -> int:
    with SheetWriter(target) as book:
        sheet = book.sheet("Tình hình gửi báo cáo", widths=WIDTHS)
        sheet.title_row(f"TÌNH HÌNH GỬI {KIND_TEXT[kind]} {year} CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
                        book.style(bold=True, size=14, align="center", wrap=False, valign=""))
        sheet.blank_row()
        sheet.header(HEADER, style=book.style(bold=True, align="center", valign="vcenter", border=1))
        body = book.style(border=1)
        for number, row in enumerate(rows, start=1):
            current = row.current
            sheet.row([number, row.unit.name, "Đã gửi" if current else "Chưa gửi",
                       timezone.localtime(current.sent_at).strftime("%d/%m/%Y %H:%M") if current else "",
                       sender_name(current.sent_by) if current else "", current.file_name if current else "",
                       row.versions], body)
    return len(rows)
