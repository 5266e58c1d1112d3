"""Excel export of the training counts by unit (tdkt.lib.sheets: values only, no live formulas)."""

from tdkt.lib.sheets import SheetWriter


def write_counts_xlsx(target, rows, *, title: str) -> int:
    """One row per unit (tdkt.training.figures.UnitCounts) and a total row. Returns the number of unit rows."""
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        sheet = book.sheet("Tập huấn", widths=[6, 50, 14, 16, 16, 16])
        sheet.row([title], book.style(bold=True))
        header = book.style(bold=True, valign="vcenter")
        sheet.row(["TT", "Đơn vị", "Số lớp tổ chức", "Số học viên cử đi", "Số học viên có mặt", "Số học viên đạt"],
                  header)
        for index, row in enumerate(rows, 1):
            sheet.row([index, row.name, row.classes, row.trainees, row.attended, row.passed])
        sheet.row(["", "Tổng cộng", sum(r.classes for r in rows), sum(r.trainees for r in rows),
                   sum(r.attended for r in rows), sum(r.passed for r in rows)], header)
    return len(rows)
