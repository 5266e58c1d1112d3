"""Reading a task table whose rows have cells (.docx tables, tab-separated text, markdown, HTML).

The table runs from its header row to the next heading of the document. Inside it:
quarter headings start sections; repeated headers, page numbers and separator rows are skipped; a
row with no number whose text continues a sentence (lower-case start) is the rest of the row before
it, split by a page break; a row with no number that starts a new sentence is an unnumbered task
(kept, with a warning). A row that cannot be read is reported with its line and never made a task.
"""

from __future__ import annotations

import re

from .assemble import RawTask, TableReading
from .errors import MergedCellsError
from .periods import Section, parse_section
from .result import Warning
from .rows import (
    CONTENT,
    COORDINATING,
    DUE,
    LEAD,
    NUMBER,
    UNITS,
    Row,
    column_role,
    ends_table,
    flat_header_roles,
    header_roles,
    is_page_number,
    is_separator,
    starts_lowercase,
)

ROLE_LABELS = {NUMBER: "Số thứ tự", CONTENT: "Nội dung", LEAD: "Đơn vị chủ trì", COORDINATING: "Đơn vị phối hợp",
               UNITS: "Đơn vị thực hiện", DUE: "Thời gian hoàn thành"}
_NO_NUMBER = re.compile(r"^[-–—*•+.]*$")
_GROUP_NUMBER = re.compile(r"^(?:[IVX]{1,4}|[A-Da-d])[.)]?$")
_OPEN_ENDING = re.compile(r"(?:[,;:\-–(]|\bvà|\bcủa|\bvề|\bcho|\bvới)$")
LOOKAHEAD_ROWS = 6


class CellTableReader:
    def __init__(self, rows: list[Row], header_index: int):
        self.rows = rows
        self.roles, self.index = _with_continued_header(rows, header_index, header_roles(rows[header_index]) or {})
        self.reading = TableReading(roles=set(self.roles.values()))
        self.section: Section | None = None
        self.last_task: RawTask | None = None
        self.previous_cells: dict[int, str] = {}
        self.warned_vertical: set[int] = set()

    def read(self) -> TableReading:
        position = self.index + 1
        while position < len(self.rows):
            row = self.rows[position]
            if not row.in_table:
                if not self._text_row(row, position):
                    break
            elif not (row.is_blank or is_separator(row) or header_roles(row)):
                self._table_row(row)
            position += 1
        return self.reading

    # --- rows outside the table cells: page furniture, headings, or the end of the table ----------

    def _text_row(self, row: Row, position: int) -> bool:
        """False when the table has ended."""
        text = row.text
        if not text or is_page_number(text) or flat_header_roles(text):
            return True
        if ends_table(text):
            return False
        section = parse_section(text, row.line)
        if section:
            self._start_section(section)
            return True
        if not self._table_resumes(position):
            return False
        self.reading.warnings.append(Warning(row.line, f"Dòng chữ nằm giữa bảng nhiệm vụ, không thuộc ô nào: bỏ qua "
                                                       f"«{_short(text)}»."))
        return True

    def _table_resumes(self, position: int) -> bool:
        seen = 0
        for row in self.rows[position + 1:]:
            if row.is_blank:
                continue
            if row.in_table:
                return not is_separator(row)
            if ends_table(row.text):
                return False
            seen += 1
            if seen >= LOOKAHEAD_ROWS:
                return False
        return False

    def _start_section(self, section: Section) -> None:
        self.section = section
        self.reading.sections.append(section)
        self.last_task = None

    # --- table rows --------------------------------------------------------------------------------

    def _table_row(self, row: Row) -> None:
        filled = [cell.strip() for cell in row.cells if cell.strip()]
        if 1 <= len(filled) <= 2:
            section = parse_section(" ".join(filled), row.line)
            if section:
                label = next((cell for cell in filled if not _GROUP_NUMBER.match(cell)), section.label)
                self._start_section(Section(section.period, section.declared, label, section.line))
                return
        cells = self._cells_by_role(row)
        number = _number(cells.get(NUMBER, ""))
        content = cells.get(CONTENT, "")
        if number is None and self._continues(content, cells):
            self._append(self.last_task, cells)
            return
        if number and _GROUP_NUMBER.match(number) and content and not any(
                cells.get(role) for role in (LEAD, COORDINATING, UNITS, DUE)):
            self.reading.warnings.append(Warning(row.line, f"Dòng tiêu đề nhóm «{_short(row.text)}» không phải nhiệm "
                                                           "vụ: bỏ qua."))
            return
        if not content:
            self.reading.warnings.append(Warning(row.line, f"Dòng trong bảng không có nội dung nhiệm vụ: bỏ qua "
                                                           f"«{_short(row.text)}»."))
            return
        task = RawTask(row.line, number, self.section)
        self._append(task, cells)
        self.reading.raw_tasks.append(task)
        self.last_task = task

    def _continues(self, content: str, cells: dict[str, str]) -> bool:
        if self.last_task is None:
            return False
        if not content:
            return any(cells.get(role) for role in (LEAD, COORDINATING, UNITS, DUE))
        previous = " ".join(self.last_task.content).strip()
        return starts_lowercase(content) or bool(_OPEN_ENDING.search(previous))

    def _append(self, task: RawTask, cells: dict[str, str]) -> None:
        if cells.get(CONTENT):
            task.content.append(cells[CONTENT])
        for role in (LEAD, COORDINATING, UNITS, DUE):
            task.add(role, cells.get(role, ""))

    def _cells_by_role(self, row: Row) -> dict[str, str]:
        """Text per role; merged cells: a vertical merge in a unit or due column repeats the cell
        above (warned once per column); any other merge in a task row is refused."""
        cells: dict[str, str] = {}
        for index, role in self.roles.items():
            text = row.cells[index].strip() if index < len(row.cells) else ""
            merge = row.merges[index] if index < len(row.merges) else None
            if merge == "v":
                if role in (NUMBER, CONTENT):
                    raise MergedCellsError(_merge_message(row.line, role, "gộp dọc"))
                text = self.previous_cells.get(index, "")
                if index not in self.warned_vertical:
                    self.warned_vertical.add(index)
                    self.reading.warnings.append(Warning(row.line, f"Cột «{ROLE_LABELS[role]}» có ô gộp dọc: đã chép "
                                                                   "nội dung ô phía trên cho từng dòng, hãy kiểm tra."))
            elif merge in ("h", "h+"):
                raise MergedCellsError(_merge_message(row.line, role, "gộp ngang"))
            self.previous_cells[index] = text
            cells[role] = text if role not in cells else f"{cells[role]} {text}".strip()
        return cells


def _with_continued_header(rows: list[Row], header_index: int, roles: dict[int, str]) -> tuple[dict[int, str], int]:
    """Two-row headers ("Đơn vị" over "Chủ trì" | "Phối hợp"): the second row refines the roles.
    Returns the roles and the index of the last header row."""
    following = rows[header_index + 1] if header_index + 1 < len(rows) else None
    if following is None or not following.in_table:
        return roles, header_index
    refined = {index: role for index, cell in enumerate(following.cells) if (role := column_role(cell))}
    if refined and not any(_number(cell) for cell in following.cells[:1]) and set(refined.values()) <= {
            LEAD, COORDINATING, DUE, UNITS}:
        return {**roles, **refined}, header_index + 1
    return roles, header_index


def _number(text: str) -> str | None:
    text = text.strip()
    if _NO_NUMBER.match(text):
        return None
    return re.sub(r"[.)]+$", "", text).strip() or None


def _merge_message(line: int, role: str, kind: str) -> str:
    return (f"Bảng nhiệm vụ có ô {kind} ở dòng {line} (cột «{ROLE_LABELS[role]}»): không xác định được ô thuộc nhiệm "
            "vụ nào. Hãy tách các ô gộp trong bảng (Word: Bố cục › Tách ô) rồi nhập lại; chưa nhập gì từ tệp này.")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
