"""Excel exports of the training register: the counts by unit and a class's trainee list (tdkt.lib.sheets:
values only, no live formulas)."""

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


def write_trainees_xlsx(target, training, rows, *, days: int, title: str) -> int:
    """The class's trainee list (danh sách học viên): one row per (trainee, days present), with the result,
    score and certificate number. Returns the number of trainees."""
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        sheet = book.sheet("Học viên", widths=[6, 30, 40, 14, 14, 10, 20])
        sheet.row([title], book.style(bold=True))
        sheet.row([f"Thời gian: {training.starts_on:%d/%m/%Y} – {training.ends_on:%d/%m/%Y}"
                   f"{'; địa điểm: ' + training.place if training.place else ''}"])
        header = book.style(bold=True, valign="vcenter")
        sheet.row(["TT", "Họ và tên", "Đơn vị", "Số ngày có mặt", "Kết quả", "Điểm", "Số giấy chứng nhận"], header)
        for index, (trainee, present) in enumerate(rows, 1):
            sheet.row([index, trainee.person.full_name, trainee.unit.name, f"{present}/{days}",
                       trainee.get_result_display() if trainee.result else "",
                       trainee.score if trainee.score is not None else "", trainee.certificate_number])
    return len(rows)
