"""The plan's task annex as Excel (tdkt.lib.sheets) and as Word in the Decree 30 layout (tdkt.lib.nd30).

Both take the plan and its tasks with `leads`/`partners` attached (tdkt.plans.queries.attach_units);
tasks are grouped into the plan's sections (consecutive tasks of one period: "QUÝ I", "HÀNG THÁNG"…).
Document text, so always Vietnamese.
"""

from __future__ import annotations

import datetime

from tdkt.lib import nd30
from tdkt.lib.progress import Progress, Ticker, counted
from tdkt.lib.sheets import XLSX_TYPE as XLSX_TYPE
from tdkt.lib.sheets import SheetWriter
from tdkt.plans.enums import TaskState
from tdkt.plans.importer.result import PERIOD_LABELS

EXCEL_HEADER = ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Tình trạng"]
EXCEL_WIDTHS = [7, 70, 30, 30, 22, 22]
WORD_HEADER = ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]
WORD_WIDTHS_MM = [11, 66, 30, 30, 28]
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
         "XVII", "XVIII", "XIX", "XX", "XXI", "XXII")
STATE_TEXT = {TaskState.NOT_STARTED: "Chưa thực hiện", TaskState.IN_PROGRESS: "Đang thực hiện",
               TaskState.DONE: "Hoàn thành", TaskState.OVERDUE: "Quá hạn", TaskState.CANCELLED: "Dừng thực hiện"}
RECURRENCE_TEXT = {"monthly": "Hàng tháng", "quarterly": "Hàng quý"}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def due_text(task) -> str:
    if task.due_text:
        return task.due_text
    if task.recurrence:
        return RECURRENCE_TEXT.get(task.recurrence, task.recurrence)
    if task.due_date:
        return task.due_date.strftime("%d/%m/%Y")
    return PERIOD_LABELS.get(task.period, "")


def state_text(task, today: datetime.date) -> str:
    if task.state == TaskState.DONE and task.completed_on:
        return f"Hoàn thành ({task.completed_on:%d/%m/%Y})"
    if task.state != TaskState.CANCELLED and task.is_overdue(today):
        return STATE_TEXT[TaskState.OVERDUE]
    return STATE_TEXT[TaskState(task.state)]


def units_text(links) -> str:
    return "\n".join(f"- {link.label}" if len(links) > 1 else link.label for link in links)


def sections(tasks: list) -> list[tuple[str, str, list]]:
    """(roman numeral, heading, tasks) for each run of consecutive tasks of one period."""
    groups: list[tuple[str, str, list]] = []
    for task in tasks:
        if not groups or groups[-1][2][-1].period != task.period:
            roman = ROMAN[len(groups)] if len(groups) < len(ROMAN) else str(len(groups) + 1)
            groups.append((roman, PERIOD_LABELS.get(task.period, task.period).upper(), []))
        groups[-1][2].append(task)
    return groups


def annex_reference(plan) -> str:
    """"(Kèm theo Kế hoạch số 05/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh …)"."""
    number = f" số {plan.number}" if plan.number else " số      /KH"
    day = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
    issuer = f" của {plan.issuer}" if plan.issuer else ""
    return f"(Kèm theo Kế hoạch{number}{day}{issuer})"


def annex_title(plan) -> str:
    return f"NHIỆM VỤ TRỌNG TÂM CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM {plan.year}"


def write_tasks_xlsx(target, plan, tasks: list, *, today: datetime.date, progress: Progress | None = None) -> int:
    """The annex as one sheet, written row by row to `target` (a path or a binary file); the number of tasks."""
    columns = len(EXCEL_HEADER)
    with SheetWriter(target) as book:
        sheet = book.sheet("Phụ lục nhiệm vụ", widths=EXCEL_WIDTHS)
        sheet.title_row(annex_title(plan), book.style(bold=True, size=14, align="center", wrap=False, valign=""))
        sheet.title_row(annex_reference(plan), book.style(italic=True, size=13, align="center", wrap=False,
                                                          valign=""))
        sheet.blank_row()
        sheet.header(EXCEL_HEADER, style=book.style(bold=True, size=13, align="center", valign="vcenter", border=1))
        section = book.style(bold=True, size=13, wrap=False, valign="", border=1)
        body = book.style(size=13, border=1)
        ticker = Ticker(progress, len(tasks))
        for roman, heading, group in sections(tasks):
            sheet.row([roman, heading], section, merge=(1, columns - 1))
            for task in group:
                sheet.row([task.number or "", task.content, units_text(task.leads), units_text(task.partners),
                           due_text(task), state_text(task, today)], body)
                ticker.tick()
        ticker.finish()
    return len(tasks)


def write_tasks_docx(target, plan, tasks: list, *, progress: Progress | None = None) -> int:
    """The annex in the Decree 30 layout (header block, KẾ HOẠCH and its title, the task table), saved to
    `target` (a path or a binary file); the number of tasks."""
    document = nd30.new_document()
    nd30.add_heading_block(document, nd30.Heading(
        issuer=plan.issuer or "Ủy ban nhân dân tỉnh", place=plan.place, date=plan.issued_on, number=plan.number or None,
        doc_type="KẾ HOẠCH", title=plan.title), year=plan.year)
    nd30.add_paragraph(document, "Phụ lục", bold=True, align="center", space_after=0)
    nd30.add_paragraph(document, annex_title(plan), bold=True, align="center", space_after=0)
    nd30.add_paragraph(document, annex_reference(plan), italic=True, align="center", space_after=12)
    rows: list = []
    for roman, heading, group in sections(tasks):
        rows.append(nd30.SectionRow(heading, roman))
        rows += [[task.number or "", task.content, units_text(task.leads), units_text(task.partners), due_text(task)]
                 for task in group]
    nd30.add_table(document, WORD_HEADER, WORD_WIDTHS_MM, counted(rows, progress))
    nd30.save(document, target)
    return len(tasks)
