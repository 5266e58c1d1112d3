"""Reading a task table flattened one cell per line (PDF text extracted page by page).

Lạng Sơn's layout: the header on one line ("TT Nội dung Cơ quan thực hiện"), a quarter heading,
then per task its number alone on a line (or followed by the content), the content over several
lines, and the units as bullet lines ("- UBND tỉnh.", "- Các cơ quan, đơn vị" / "liên quan.").
At a page break the page number stands alone and the header is repeated; a lone number followed by
the repeated header (or equal to its page's number at the page's edge) is a page number, not a task.
"""

from __future__ import annotations

import re

from .assemble import RawTask, TableReading
from .periods import Section, parse_section, read_due
from .result import Warning
from .rows import COORDINATING, DUE, LEAD, UNITS, Row, ends_table, flat_header_roles, starts_lowercase
from .units import UNIT_HEAD

_LONE_NUMBER = re.compile(r"^(\d{1,3})[.)]?$")
_NUMBERED_TEXT = re.compile(r"^(\d{1,3})[.)]?\s+(?=[A-ZĐÀ-Ỹ“\"(])(.+)$")
_BULLET_UNIT = re.compile(r"^[-+•]\s*(.+)$")
MAX_UNIT_LINE_WORDS = 8
MAX_DUE_LINE_CHARS = 40


class FlatTableReader:
    def __init__(self, rows: list[Row], header_index: int, unit_names: tuple[str, ...]):
        self.rows = rows
        self.index = header_index
        roles = flat_header_roles(rows[header_index].text) or []
        self.reading = TableReading(roles=set(roles))
        self.unit_role = UNITS if UNITS in roles or LEAD not in roles else LEAD
        self.unit_names = {name.casefold() for name in unit_names}
        self.section: Section | None = None
        self.task: RawTask | None = None
        self.in_units = False
        self.last_number = 0
        if LEAD in roles and COORDINATING in roles:
            self.reading.warnings.append(Warning(rows[header_index].line, "Bảng bị dàn phẳng mỗi ô một dòng: không tách "
                                                 "được cột chủ trì và cột phối hợp, mọi đơn vị được ghi là chủ trì."))

    def read(self) -> TableReading:
        for position in range(self.index + 1, len(self.rows)):
            row = self.rows[position]
            text = row.text
            if not text or flat_header_roles(text):
                continue
            if ends_table(text):
                break
            self._line(row, text, position)
        return self.reading

    def _line(self, row: Row, text: str, position: int) -> None:
        if self.task is not None and self._is_due_line(text) and not text.isupper():
            self.task.add(DUE, text)  # "Quý II/2026" under a task is its due; "QUÝ II" alone is a heading
            return
        section = parse_section(text, row.line)
        if section:
            self.section, self.task, self.in_units = section, None, False
            self.reading.sections.append(section)
            return
        lone = _LONE_NUMBER.match(text)
        if lone:
            if not self._is_page_number(row, int(lone[1]), position):
                self._start_task(row.line, lone[1], None)
            return
        numbered = _NUMBERED_TEXT.match(text)
        if numbered and self._plausible_number(int(numbered[1])):
            self._start_task(row.line, numbered[1], numbered[2])
            return
        if self.task is None:
            self.reading.warnings.append(Warning(row.line, f"Dòng trong bảng nhiệm vụ không thuộc nhiệm vụ nào: bỏ qua "
                                                           f"«{text[:80]}»."))
            return
        self._task_line(row, text)

    def _task_line(self, row: Row, text: str) -> None:
        task = self.task
        if self._is_due_line(text):
            task.add(DUE, text)
        elif self._is_unit_line(text):
            self.in_units = True
            task.add(self.unit_role, text)
        elif self.in_units:
            if starts_lowercase(text):
                task.add(self.unit_role, text)  # a unit name wrapped onto the next line: "liên quan."
            else:
                self.reading.warnings.append(Warning(row.line, f"Dòng sau phần đơn vị thực hiện không đọc được: bỏ qua "
                                                               f"«{text[:80]}»."))
        else:
            task.content.append(text)

    def _is_due_line(self, text: str) -> bool:
        # Whether a text reads as a due does not depend on the year (any year will do here); the
        # dates are computed later with the plan's year.
        return DUE in self.reading.roles and len(text) <= MAX_DUE_LINE_CHARS and read_due(text, 2000).understood

    def _is_unit_line(self, text: str) -> bool:
        bullet = _BULLET_UNIT.match(text)
        if bullet:
            return bool(UNIT_HEAD.match(bullet[1]) or bullet[1].casefold().rstrip(" .;") in self.unit_names)
        short = len(text.split()) <= MAX_UNIT_LINE_WORDS and bool(self.task and self.task.content)
        return short and (bool(UNIT_HEAD.match(text)) or text.casefold().rstrip(" .;") in self.unit_names)

    def _start_task(self, line: int, number: str, content: str | None) -> None:
        self.task = RawTask(line, number, self.section)
        if content:
            self.task.content.append(content)
        self.reading.raw_tasks.append(self.task)
        self.in_units = False
        self.last_number = int(number)

    def _plausible_number(self, number: int) -> bool:
        """"18 Hướng dẫn …" starts task 18; "7 tỉnh miền núi …" inside a content does not."""
        return number == 1 or self.last_number < number <= self.last_number + 5

    def _is_page_number(self, row: Row, number: int, position: int) -> bool:
        following = next((r for r in self.rows[position + 1:] if r.text), None)
        if following is not None and flat_header_roles(following.text):
            return True
        return row.page_edge and row.page == number
