"""Excel export of the inspections register (tdkt.lib.sheets: values only, no live formulas): one row per
recommendation, under its inspection and inspected unit (a unit without recommendations: one row)."""

import datetime

from tdkt.inspections.enums import UNIT_OWES_STATES
from tdkt.lib.sheets import SheetWriter


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def write_register_xlsx(target, records, *, today: datetime.date) -> int:
    """`records`: InspectedUnit rows with inspection, unit and prefetched recommendations. Returns the rows."""
    count = 0
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        sheet = book.sheet("Kiểm tra", widths=[6, 8, 40, 24, 30, 12, 50, 12, 18, 10, 40])
        sheet.row(["TT", "Năm", "Đợt kiểm tra", "Thời gian", "Đơn vị được kiểm tra", "Ngày kiểm tra", "Kiến nghị",
                   "Thời hạn", "Trạng thái", "Quá hạn", "Kết quả đơn vị báo cáo"],
                  book.style(bold=True, valign="vcenter"))
        for record in records:
            inspection = record.inspection
            head = [inspection.year, inspection.title,
                    f"{_date(inspection.starts_on)} - {_date(inspection.ends_on)}", record.unit.name,
                    _date(record.visited_on)]
            items = list(record.recommendations.all()) or [None]
            for item in items:
                count += 1
                if item is None:
                    sheet.row([count, *head, "", "", "", "", ""])
                    continue
                late = "Có" if item.state in UNIT_OWES_STATES and item.due_on < today else ""
                sheet.row([count, *head, item.content, _date(item.due_on), item.get_state_display(), late,
                           item.response])
    return count
