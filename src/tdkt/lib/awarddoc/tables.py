"""Recipients written in tables: a header row with a name column ("Họ và tên", "Tên tập thể", "Tập thể, cá
nhân"), possibly split over two rows (a merged "Năm sinh" over "Nam" and "Nữ"), a column-number row "(1) (2)
(3)", section rows ("I. TẬP THỂ", "II. CÁ NHÂN", "A. Bằng khen của …"), the header repeated on each page and
rows continued on the next page."""

from __future__ import annotations

import dataclasses
import re

from tdkt.lib.docparse import Table, TableRow

from .checks import Numbering
from .model import Finding, Recipient
from .recipients import kind_hint_of, parse_entry
from .text import capitalised, heading_award, key, tidy

_NAME_LABELS = ("ho va ten", "ho ten", "ten tap the", "tap the, ca nhan", "tap the/ca nhan", "tap the ca nhan",
                "ten don vi", "ten ca nhan", "ca nhan, tap the", "ten")
_SUB_HEADER_WORDS = ("chuc vu", "don vi", "nam", "nu", "sinh", "ghi chu", "noi cong tac", "co quan", "que quan")
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_SECTION_MARK = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ])\.?$")


@dataclasses.dataclass
class Columns:
    width: int
    name: int
    labels: list[str]
    number: int | None = None
    position: int | None = None
    unit: int | None = None
    position_unit: int | None = None
    births: tuple[int, ...] = ()
    award: int | None = None
    header_keys: tuple[str, ...] = ()


def _name_column(cells: tuple[str, ...]) -> int | None:
    keys = [key(tidy(cell)) for cell in cells]
    for label in _NAME_LABELS:
        for index, cell in enumerate(keys):
            if cell == label or (label != "ten" and label in cell) or (label == "ten" and cell.startswith("ten ")):
                return index
    return None


def _is_sub_header(row: TableRow, name_at: int) -> bool:
    cells = [key(cell) for cell in row.cells]
    filled = [cell for cell in cells if cell]
    if not filled or any(_COLUMN_NUMBER.match(cell) for cell in filled):
        return False
    return all(any(word in cell for word in _SUB_HEADER_WORDS) for cell in filled) and (
        name_at >= len(cells) or not cells[name_at] or any(w in cells[name_at] for w in _SUB_HEADER_WORDS))


def find_columns(table: Table) -> tuple[Columns, int] | None:
    """The columns and the index of the first row after the header, or None without a name column."""
    for index, row in enumerate(table.rows[:4]):
        name_at = _name_column(row.cells)
        if name_at is None:
            continue
        labels = list(row.cells)
        for at in range(1, len(labels)):  # a cell spanning several columns labels each of them
            if not labels[at] and at < len(row.merges) and row.merges[at] == "h+":
                labels[at] = labels[at - 1]
        keys = [tuple(key(cell) for cell in row.cells)]
        after = index + 1
        if after < len(table.rows) and _is_sub_header(table.rows[after], name_at):
            sub = table.rows[after].cells
            for at in range(len(labels)):
                if at < len(sub) and sub[at]:
                    base = labels[at] or next((labels[j] for j in range(at - 1, -1, -1) if labels[j]), "")
                    labels[at] = f"{base} {sub[at]}".strip()
            keys.append(tuple(key(cell) for cell in sub))
            after += 1
        return _roles(labels, name_at, tuple(k for group in keys for k in group)), after
    return None


def _roles(labels: list[str], name_at: int, header_keys: tuple[str, ...]) -> Columns:
    columns = Columns(width=len(labels), name=name_at, labels=labels, header_keys=header_keys)
    births = []
    for index, label in enumerate(labels):
        folded = key(tidy(label))
        if index == name_at or not folded:
            continue
        if folded in ("tt", "stt", "so tt", "so thu tu") or folded.startswith("stt"):
            columns.number = index
        elif "sinh" in folded:
            births.append(index)
        elif "chuc vu" in folded and ("don vi" in folded or "noi cong tac" in folded or "co quan" in folded):
            columns.position_unit = index
        elif "chuc vu" in folded or "chuc danh" in folded:
            columns.position = index
        elif "don vi" in folded or "noi cong tac" in folded or "co quan" in folded or "dia chi" in folded:
            columns.unit = index
        elif "hinh thuc" in folded or "danh hieu" in folded or "khen thuong" in folded:
            columns.award = index
    columns.births = tuple(births)
    return columns


class TableReader:
    """Reads the recipient tables of one document in order; a table without a header continues the previous
    one when it has as many columns (a list split across pages)."""

    def __init__(self, findings: list[Finding], numbering: Numbering):
        self.findings = findings
        self.numbering = numbering
        self.columns: Columns | None = None

    def read(self, table: Table, *, award: str, group: str, kind_hint: str, page: int | None,
             last_block: bool) -> tuple[list[Recipient], str, str, str]:
        """The recipients of `table`, and the award, group and kind hint in force after it."""
        found = find_columns(table)
        if found is not None:
            self.columns, start = found
            self.numbering.new_list()
        elif self.columns is not None and table.rows and len(table.rows[0].cells) == self.columns.width:
            start = 0
        else:
            return [], award, group, kind_hint
        columns = self.columns
        recipients: list[Recipient] = []
        filled_counts: list[int] = []
        for row in table.rows[start:]:
            # A Word cell's paragraphs ("Ông Lê Văn An" / "Trưởng phòng") are parts of one entry.
            cells = [tidy(", ".join(part for part in cell.split("\n") if part.strip())) for cell in row.cells]
            cells += [""] * max(0, columns.width - len(cells))
            keys = tuple(key(cell) for cell in row.cells)
            filled = [cell for cell in cells if cell]
            if not filled or all(_COLUMN_NUMBER.match(cell) for cell in filled):
                continue
            if keys and all(k in columns.header_keys for k in keys if k) and key(cells[columns.name]) in columns.header_keys:
                continue  # the header repeated on the next page
            number_cell = cells[columns.number] if columns.number is not None else ""
            name_cell = cells[columns.name]
            if _is_section(cells, columns, number_cell, name_cell):
                text = name_cell or next(cell for cell in cells if cell and cell != number_cell)
                award = heading_award(text) or award
                kind_hint = kind_hint_of(text) or kind_hint
                group = tidy(f"{number_cell}. {text}" if number_cell else text)
                self.numbering.heading()
                continue
            if not name_cell:
                if recipients and not number_cell:  # a row continued on the next page
                    recipients[-1] = _continue(recipients[-1], cells, columns)
                    continue
                self.findings.append(Finding(row.line, f"Dòng {row.line}: hàng {number_cell or '(không số)'} của "
                                                       "bảng không có họ tên hay tên tập thể.", page))
                continue
            if number_cell.isdigit():
                self.numbering.see(int(number_cell), row.line, page)
            filled_counts.append(len(filled))
            recipient = self._row(cells, columns, award=award, group=group, kind_hint=kind_hint, line=row.line,
                                  page=page)
            if isinstance(recipient, Finding):
                self.findings.append(recipient)
            elif recipient is not None:
                recipients.append(recipient)
        if last_block and len(filled_counts) > 1 and filled_counts[-1] < max(filled_counts[:-1]):
            line = table.rows[-1].line
            self.findings.append(Finding(line, f"Dòng {line}: văn bản dừng giữa bảng danh sách (hàng cuối thiếu "
                                               "cột): danh sách có thể bị cắt.", page))
        return recipients, award, group, kind_hint

    def _row(self, cells, columns: Columns, **context):
        name = cells[columns.name]
        if columns.position_unit is not None and cells[columns.position_unit]:
            name = f"{name}, {cells[columns.position_unit]}"
        award = context.pop("award")
        if columns.award is not None and cells[columns.award]:
            award = capitalised(cells[columns.award])
        recipient = parse_entry(name, award=award, confidence=1.0, **context)
        if not isinstance(recipient, Recipient):
            return recipient
        changes = {}
        if columns.position is not None and cells[columns.position]:
            changes["position"] = cells[columns.position]
        if columns.unit is not None and cells[columns.unit]:
            changes["unit"] = cells[columns.unit]
        birth = next((cells[at] for at in columns.births if cells[at]), "")
        if birth:
            changes["birth"] = birth
        if columns.position_unit is None:
            changes["confidence"] = 1.0
        return dataclasses.replace(recipient, **changes) if changes else recipient


def _is_section(cells, columns: Columns, number_cell: str, name_cell: str) -> bool:
    if number_cell and _SECTION_MARK.match(number_cell) and not number_cell.isdigit():
        return True
    filled = [cell for cell in cells if cell]
    if len(set(filled)) != 1:
        return False
    text = filled[0]
    if _SECTION_MARK.match(text.split(" ")[0].rstrip(".")) and re.match(r"^(?:[IVXLC]{1,6}|[A-ZĐ])[.)]\s", text):
        return True
    return bool(kind_hint_of(text) or heading_award(text) or (text.isupper() and not name_cell))


def _continue(recipient: Recipient, cells, columns: Columns) -> Recipient:
    changes = {}
    for field, at in (("position", columns.position), ("unit", columns.unit)):
        if at is not None and cells[at]:
            changes[field] = f"{getattr(recipient, field)} {cells[at]}".strip()
    if columns.position_unit is not None and cells[columns.position_unit]:
        changes["unit"] = f"{recipient.unit} {cells[columns.position_unit]}".strip()
    return dataclasses.replace(recipient, **changes)
