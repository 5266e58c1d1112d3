"""From the rows a table reader gathered to tasks: content, units, period and due; then the checks.

Both table readers (cells, and a table flattened one cell per line) produce `RawTask`s: the parts of
each cell of one task, as read. Here they become `Task`s by the period rule of the JSON contract:
the section the row stands in, or, when the table has no sections, the period its due column names.
The checks compare what the document says with what it holds: declared counts ("QUÝ III (04 NHIỆM
VỤ)"), numbering gaps, unnumbered rows, tasks without a lead unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .periods import Section, period_due, read_due
from .result import PERIOD_LABELS, Due, Task, Warning
from .rows import COORDINATING, DUE, LEAD, NUMBER, UNITS
from .units import split_unit_cell

MAX_LISTED_MISSING = 10
_NO_SECTION_YET = object()


@dataclass
class RawTask:
    line: int
    number: str | None
    section: Section | None
    content: list[str] = field(default_factory=list)
    cells: dict[str, list[str]] = field(default_factory=dict)

    def add(self, role: str, text: str) -> None:
        if text and text.strip():
            self.cells.setdefault(role, []).append(text.strip())

    def text_of(self, role: str) -> str:
        return " ".join(self.cells.get(role, []))


@dataclass
class TableReading:
    raw_tasks: list[RawTask] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)


def build_tasks(reading: TableReading, year: int | None, unit_names: tuple[str, ...]) -> tuple[list[Task], list[Warning]]:
    warnings: list[Warning] = []
    tasks: list[Task] = []
    for raw in reading.raw_tasks:
        content = _tidy(" ".join(raw.content))
        if not content:
            label = f"số {raw.number} " if raw.number else ""
            warnings.append(Warning(raw.line, f"Dòng {label}không có nội dung nhiệm vụ: không nhập dòng này."))
            continue
        lead, coordinating = _units(raw, unit_names)
        if (LEAD in reading.roles or UNITS in reading.roles) and not lead:
            label = f"số {raw.number}" if raw.number else "không số"
            warnings.append(Warning(raw.line, f"Nhiệm vụ {label} không ghi đơn vị chủ trì."))
        period, due = _period_and_due(raw, year, reading, warnings)
        tasks.append(Task(period, raw.number, content, tuple(lead), tuple(coordinating), due, raw.line))
    if not reading.sections and DUE not in reading.roles and tasks:
        warnings.append(Warning(None, "Bảng nhiệm vụ không chia theo quý và không có cột thời gian hoàn thành: "
                                      "mọi nhiệm vụ được xếp vào «Cả năm»."))
    warnings += _count_warnings(reading)
    if NUMBER in reading.roles:  # a table without a number column has nothing to check
        warnings += _numbering_warnings(reading.raw_tasks)
    return tasks, warnings


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"([“(\[]) ", r"\1", re.sub(r" ([”)\]])", r"\1", text))


def _units(raw: RawTask, unit_names: tuple[str, ...]) -> tuple[list[str], list[str]]:
    lead: list[str] = []
    coordinating: list[str] = []
    for role in (LEAD, UNITS, COORDINATING):
        found_lead, found_coordinating = split_unit_cell(raw.text_of(role), unit_names)
        if role == COORDINATING:
            found_coordinating = found_lead + found_coordinating
            found_lead = []
        lead += [name for name in found_lead if name not in lead]
        coordinating += [name for name in found_coordinating if name not in coordinating]
    return lead, coordinating


def _period_and_due(raw: RawTask, year: int | None, reading: TableReading, warnings: list[Warning]) -> tuple[str, Due]:
    due_text = _tidy(raw.text_of(DUE)) or None
    due = read_due(due_text, year) if due_text else None
    if due is not None and not due.understood:
        where = f"lấy hạn theo mục «{raw.section.label}»" if raw.section else "xếp vào «Cả năm», chưa có ngày hạn"
        warnings.append(Warning(raw.line, f"Không hiểu thời hạn «{due_text}»: {where}."))
    if due is not None and due.other_year:
        warnings.append(Warning(raw.line, f"Thời hạn «{due_text}» thuộc năm {due.other_year}, khác năm của kế hoạch "
                                          f"({year})."))
    if raw.section is not None:
        period = raw.section.period
    elif due is not None and due.understood:
        period = due.period or "YEAR"
    else:
        period = "YEAR"
        if reading.sections and due is None:
            warnings.append(Warning(raw.line, "Nhiệm vụ đứng trước mục quý đầu tiên và không ghi thời hạn: xếp vào "
                                              "«Cả năm»."))
    if due is not None and due.understood:
        return period, Due(due_text, due.dates, due.recurrence)
    dates, recurrence = period_due(period, year) if (raw.section or due is None) else ((), None)
    return period, Due(due_text, dates, recurrence)


def _count_warnings(reading: TableReading) -> list[Warning]:
    warnings = []
    for section in reading.sections:
        if section.declared is None:
            continue
        count = sum(1 for raw in reading.raw_tasks if raw.section is section and " ".join(raw.content).strip())
        if count != section.declared:
            warnings.append(Warning(section.line, f"Mục «{section.label}» ghi {section.declared} nhiệm vụ nhưng bảng "
                                                  f"có {count} nhiệm vụ."))
    return warnings


def _as_int(number: str | None) -> int | None:
    return int(number) if number and number.isdigit() else None


def _missing(first: int, last: int) -> str:
    numbers = [str(n) for n in range(first, last + 1)]
    if len(numbers) > MAX_LISTED_MISSING:
        numbers = [*numbers[:MAX_LISTED_MISSING], "…"]
    return ", ".join(numbers)


def _numbering_warnings(raw_tasks: list[RawTask]) -> list[Warning]:
    """Gaps and reversals within a section; numbering may restart at 1 or run on across sections."""
    warnings: list[Warning] = []
    last_overall = 0
    last: int | None = None
    section: Section | None | object = _NO_SECTION_YET
    restarts = False
    for raw in raw_tasks:
        if not " ".join(raw.content).strip():
            continue
        if raw.section is not section:
            section, last = raw.section, None
        if raw.number is None:
            warnings.append(Warning(raw.line, "Dòng nhiệm vụ không có số thứ tự: đã nhập thành nhiệm vụ không số, "
                                              "hãy kiểm tra."))
            continue
        number = _as_int(raw.number)
        if number is None:
            continue
        if last is None:
            if number == 1 and last_overall:
                restarts = True
            elif number not in (1, last_overall + 1):
                start = 1 if restarts or not last_overall else last_overall + 1
                label = PERIOD_LABELS.get(raw.section.period, raw.section.label) if raw.section else "Bảng"
                if number > start:
                    warnings.append(Warning(raw.line, f"{label} bắt đầu từ số {number} (thiếu số "
                                                      f"{_missing(start, number - 1)})."))
                else:
                    warnings.append(Warning(raw.line, f"Số thứ tự {number} không tiếp nối số {last_overall} của mục "
                                                      "trước."))
        elif number > last + 1:
            warnings.append(Warning(raw.line, f"Số thứ tự nhảy từ {last} lên {number} (thiếu số "
                                              f"{_missing(last + 1, number - 1)})."))
        elif number <= last:
            warnings.append(Warning(raw.line, f"Số thứ tự {number} không tăng (sau số {last})."))
        last = number
        last_overall = number
    return warnings
