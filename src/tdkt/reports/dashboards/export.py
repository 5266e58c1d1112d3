"""The dashboard as an Excel workbook: one sheet per section, holding the figures of its table (numbers stay
numbers; tdkt.lib.sheets writes no formula)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from tdkt.lib.sheets import SheetWriter
from tdkt.reports.dashboards.page import Dashboard

SHEET_NAMES = {  # Excel allows 31 characters in a sheet name
    "awards_by_year": "Theo năm, cấp", "awards_by_form": "Theo hình thức", "equity": "Tỷ lệ ưu tiên",
    "dossiers": "Hồ sơ theo trạng thái", "step_times": "Thời gian xử lý", "scoring": "Chấm điểm cụm khối",
}


def _cell(value):
    return float(value) if isinstance(value, Decimal) else value


def write_dashboard_xlsx(target, dashboard: Dashboard, *, scope_name: str) -> int:
    """Every section of the dashboard to `target` (a path or binary file); the number of sheets."""
    with SheetWriter(target) as book:
        title = book.style(bold=True, size=14, wrap=False, valign="")
        subtitle = book.style(italic=True, wrap=False, valign="")
        head = book.style(bold=True, align="center", valign="vcenter", border=1)
        body = book.style(border=1)
        for section in dashboard.sections:
            widths = [40] + [16] * (len(section.columns) - 1)
            sheet = book.sheet(SHEET_NAMES.get(section.key, section.key), widths=widths)
            sheet.title_row(section.title, title, columns=1)
            sheet.title_row(_("%(scope)s · statistical year %(year)s (%(period)s)") % {
                "scope": scope_name, "year": dashboard.year, "period": dashboard.period.label()}, subtitle,
                columns=1)
            if section.note:
                sheet.title_row(section.note, subtitle, columns=1)
            sheet.blank_row()
            sheet.header(section.columns, style=head)
            for row in section.rows:
                sheet.row([_cell(value) for value in row], body)
    return len(dashboard.sections)
