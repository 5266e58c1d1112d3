"""Excel export of the contribution tracker (tdkt.lib.sheets: values only, no live formulas)."""

from tdkt.lib.sheets import SheetWriter

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def write_tracker_xlsx(target, rows, kinds, *, title: str) -> int:
    """One row per unit asked (tdkt.news.tracker.TrackerRow): asked, sent per kind, total, missing."""
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        sheet = book.sheet("Tin bài", widths=[6, 50, 12, *([16] * len(kinds)), 12, 12])
        sheet.row([title], book.style(bold=True))
        header = book.style(bold=True, valign="vcenter")
        sheet.row(["TT", "Đơn vị", "Số được giao", *[str(kind.label) for kind in kinds], "Tổng số đã gửi", "Còn thiếu"],
                  header)
        for index, row in enumerate(rows, 1):
            sheet.row([index, row.name, row.asked, *row.counts([kind.key for kind in kinds]), row.total, row.missing])
        sheet.row(["", "Tổng cộng", sum(r.asked for r in rows),
                   *[sum(r.sent.get(kind.key, 0) for r in rows) for kind in kinds],
                   sum(r.total for r in rows), sum(r.missing for r in rows)], header)
    return len(rows)
