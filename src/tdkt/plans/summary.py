"""The six-month and year-end progress summary of a plan: Vietnamese paragraphs the standing body can
paste into its report (báo cáo sơ kết 6 tháng / tổng kết năm).

Pure over what it is given: the plan and its tasks with `leads` attached (tdkt.plans.queries.attach_units).
Document text, so always Vietnamese whatever the interface language.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from tdkt.plans.enums import YEAR_ROUND_COLUMN, TaskState, board_column
from tdkt.plans.importer.result import PERIOD_LABELS

HALF_YEAR = "h1"
YEAR_END = "year"
KINDS = (HALF_YEAR, YEAR_END)
QUARTER_NAMES = {"Q1": "Quý I", "Q2": "Quý II", "Q3": "Quý III", "Q4": "Quý IV"}


@dataclass
class Counts:
    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0
    cancelled: int = 0

    def add(self, task, today) -> None:
        self.total += 1
        if task.state == TaskState.DONE:
            self.done += 1
        elif task.state == TaskState.CANCELLED:
            self.cancelled += 1
        elif task.is_overdue(today) or task.state == TaskState.OVERDUE:
            self.overdue += 1
        elif task.state == TaskState.IN_PROGRESS:
            self.in_progress += 1
        else:
            self.not_started += 1


def _date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "0%"
    value = round(100 * part / whole, 1)
    return f"{value:g}%".replace(".", ",")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".;,")


def plan_reference(plan) -> str:
    """"Kế hoạch số 157/KH-UBND ngày 22/01/2026 của UBND tỉnh …", as far as the plan says."""
    parts = ["Kế hoạch"]
    if plan.number:
        parts.append(f"số {plan.number}")
    if plan.issued_on:
        parts.append(f"ngày {_date(plan.issued_on)}")
    if plan.issuer:
        parts.append(f"của {plan.issuer}")
    reference = " ".join(parts)
    return f"{reference} về {plan.title[:1].lower()}{plan.title[1:]}" if plan.title else reference


def _label(task) -> str:
    where = PERIOD_LABELS.get(task.period, task.period)
    return f"{where}, nhiệm vụ số {task.number}" if task.number else f"{where}, nhiệm vụ không số"


def _leads(task) -> str:
    return ", ".join(link.label for link in getattr(task, "leads", [])) or "chưa xác định"


def _status_sentence(counts: Counts) -> str:
    parts = [f"đã hoàn thành {counts.done} nhiệm vụ ({_percent(counts.done, counts.total)})",
             f"đang thực hiện {counts.in_progress}", f"chưa triển khai {counts.not_started}",
             f"quá hạn chưa hoàn thành {counts.overdue}"]
    if counts.cancelled:
        parts.append(f"dừng thực hiện {counts.cancelled}")
    return ", ".join(parts)


def progress_summary(plan, tasks: list, *, kind: str = HALF_YEAR, today: datetime.date) -> str:
    """The summary text: paragraphs separated by blank lines, lists as "- …" lines."""
    if kind not in KINDS:
        raise ValueError(kind)
    quarters = ("Q1", "Q2") if kind == HALF_YEAR else ("Q1", "Q2", "Q3", "Q4")
    in_scope = [task for task in tasks if board_column(task.period) in quarters]
    year_round = [task for task in tasks if board_column(task.period) == YEAR_ROUND_COLUMN]
    if kind == YEAR_END:
        in_scope += year_round
    totals = Counts()
    per_quarter = {quarter: Counts() for quarter in quarters}
    per_lead: dict[str, Counts] = {}
    for task in in_scope:
        totals.add(task, today)
        column = board_column(task.period)
        if column in per_quarter:
            per_quarter[column].add(task, today)
        for link in getattr(task, "leads", []) or [None]:
            per_lead.setdefault(link.label if link else "Chưa xác định đơn vị chủ trì", Counts()).add(task, today)

    span = "6 tháng đầu năm" if kind == HALF_YEAR else "năm"
    heading = (f"KẾT QUẢ THỰC HIỆN KẾ HOẠCH CÔNG TÁC THI ĐUA, KHEN THƯỞNG {span.upper()} {plan.year}")
    scope = ("có thời hạn trong 6 tháng đầu năm" if kind == HALF_YEAR else "của cả năm")
    paragraphs = [heading, (
        f"Thực hiện {plan_reference(plan)}, tính đến ngày {_date(today)}, trong tổng số {totals.total} nhiệm vụ "
        f"{scope}: {_status_sentence(totals)}.")]
    by_quarter = [f"{QUARTER_NAMES[q]} hoàn thành {c.done}/{c.total} nhiệm vụ"
                  + (f" (quá hạn {c.overdue})" if c.overdue else "") for q, c in per_quarter.items()]
    if kind == YEAR_END and year_round:
        recurring = Counts()
        for task in year_round:
            recurring.add(task, today)
        by_quarter.append(f"nhiệm vụ thường xuyên, cả năm hoàn thành {recurring.done}/{recurring.total} nhiệm vụ")
    paragraphs.append("Theo quý: " + "; ".join(by_quarter) + ".")
    if kind == HALF_YEAR and year_round:
        done = sum(1 for task in year_round if task.state == TaskState.DONE)
        paragraphs.append(f"Ngoài ra, {len(year_round)} nhiệm vụ thường xuyên, hàng tháng, hàng quý hoặc cả năm "
                          f"tiếp tục được triển khai (đã hoàn thành {done}).")
    if per_lead:
        leads = sorted(per_lead.items(), key=lambda item: (-item[1].total, item[0]))
        paragraphs.append("Theo đơn vị chủ trì: " + "; ".join(
            f"{name} hoàn thành {c.done}/{c.total} nhiệm vụ" + (f", quá hạn {c.overdue}" if c.overdue else "")
            for name, c in leads) + ".")
    done = [task for task in in_scope if task.state == TaskState.DONE]
    if done:
        paragraphs.append("\n".join(["Các nhiệm vụ đã hoàn thành:"] + [
            f"- {_clean(task.content)} ({_label(task)}; hoàn thành ngày {_date(task.completed_on)})." for task in done]))
    else:
        paragraphs.append("Chưa có nhiệm vụ nào hoàn thành.")
    overdue = [task for task in in_scope if task.state != TaskState.DONE and task.state != TaskState.CANCELLED
               and (task.is_overdue(today) or task.state == TaskState.OVERDUE)]
    if overdue:
        paragraphs.append("\n".join(["Các nhiệm vụ quá hạn, chưa hoàn thành:"] + [
            f"- {_clean(task.content)} ({_label(task)}; hạn {_date(task.due_date)}; chủ trì: {_leads(task)})."
            for task in overdue]))
    else:
        paragraphs.append("Không có nhiệm vụ nào quá hạn.")
    return "\n\n".join(paragraphs)
