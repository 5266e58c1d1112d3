"""Excel export of the exemplars list (tdkt.lib.sheets: values only, no live formulas)."""

from django.utils import timezone

from tdkt.lib.sheets import SheetWriter


def _date(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y") if moment else ""


def write_exemplars_xlsx(target, exemplars) -> int:
    """One row per exemplar, written row by row. Returns the number of rows."""
    count = 0
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        sheet = book.sheet("Điển hình tiên tiến", widths=[6, 30, 12, 50, 30, 10, 22, 14])
        sheet.row(["TT", "Điển hình", "Loại", "Tiêu đề", "Đơn vị đề xuất", "Kỳ", "Trạng thái", "Ngày đăng"],
                  book.style(bold=True, valign="vcenter"))
        for count, exemplar in enumerate(exemplars.iterator(chunk_size=500), 1):
            sheet.row([count, exemplar.subject_name, exemplar.get_kind_display(), exemplar.headline,
                       exemplar.unit.name, exemplar.period_label, exemplar.get_state_display(),
                       _date(exemplar.published_at)])
    return count
