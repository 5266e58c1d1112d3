"""Excel export of the register (tdkt.lib.sheets: values only, no live formulas)."""

from tdkt.lib.sheets import SheetWriter


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def write_works_xlsx(target, works) -> int:
    """One row per work, its authors with their shares; written row by row. Returns the number of rows."""
    count = 0
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        sheet = book.sheet("Sáng kiến, đề tài", widths=[6, 50, 16, 40, 30, 24, 14, 14, 16, 14, 18])
        sheet.row(["TT", "Tên", "Loại", "Tác giả (tỷ lệ đóng góp)", "Đơn vị", "Lĩnh vực", "Ngày áp dụng",
                   "Trạng thái", "Phạm vi ảnh hưởng", "Năm công nhận", "Quyết định công nhận"],
                  book.style(bold=True, valign="vcenter"))
        for count, work in enumerate(works, 1):
            authors = "; ".join(f"{a.person.full_name} ({a.share}%)" for a in work.authors.all())
            decision = " ".join(part for part in (work.decision_number, _date(work.decision_date)) if part)
            sheet.row([count, work.title, work.get_kind_display(), authors, work.unit.name if work.unit else "",
                       work.field, _date(work.applied_on), work.get_state_display(),
                       work.get_scope_display() if work.scope else "", work.year or "", decision])
    return count
