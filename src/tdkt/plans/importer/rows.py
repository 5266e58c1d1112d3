"""One stream of rows for every format: a text line is a row of one cell, a table row keeps its cells.

Also the small recognisers both table readers share: the table header ("TT | Nội dung | Đơn vị
chủ trì …"), page numbers, the end of the table (the next heading of the document, the signature
block, "Nơi nhận").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tdkt.lib.docparse import Document, Table, TextLine
from tdkt.lib.vntext import fold


@dataclass(frozen=True)
class Row:
    line: int
    cells: tuple[str, ...]
    merges: tuple[str | None, ...] = ()
    in_table: bool = False
    page: int | None = None
    page_edge: bool = False

    @property
    def text(self) -> str:
        return " ".join(cell for cell in self.cells if cell).strip()

    @property
    def is_blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


def document_rows(document: Document) -> list[Row]:
    rows: list[Row] = []
    for block in document.blocks:
        if isinstance(block, TextLine):
            rows.append(Row(block.line, (block.text,), (None,), False, block.page, block.page_edge))
        elif isinstance(block, Table):
            for table_row in block.rows:
                merges = table_row.merges or (None,) * len(table_row.cells)
                rows.append(Row(table_row.line, table_row.cells, merges, True))
    return rows


# --- column roles ---------------------------------------------------------------------------------

NUMBER, CONTENT, LEAD, COORDINATING, UNITS, DUE = "number", "content", "lead", "coordinating", "units", "due"


def column_role(label: str) -> str | None:
    """What a header cell names: the number, content, lead/coordinating units, both units, or due."""
    folded = fold(label).strip(" .:")
    if not folded:
        return None
    if re.fullmatch(r"(?:s\s*)?tt|so\s+(?:thu\s+tu|tt)|thu tu|stt\.?", folded):
        return NUMBER
    if re.search(r"thoi gian|thoi han|hoan thanh|tien do|moc thoi gian", folded):
        return DUE
    if re.match(r"(?:noi dung|ten nhiem vu|nhiem vu|cong viec|hoat dong)\b", folded):
        return CONTENT
    if "phoi hop" in folded:
        return COORDINATING
    if "chu tri" in folded:
        return LEAD
    if re.search(r"\b(?:don vi|co quan|bo phan)\b|thuc hien|tham muu|trach nhiem", folded):
        return UNITS
    if re.search(r"noi dung|nhiem vu|cong viec|hoat dong", folded):
        return CONTENT
    return None


MAX_HEADER_CELL_CHARS = 60
_OTHER_HEADER_LABEL = re.compile(r"^(?:ghi chu|ket qua|kinh phi|san pham|du kien san pham|muc tieu)$")


def header_roles(row: Row) -> dict[int, str] | None:
    """Column index → role when the row is a task table header, else None.

    Every filled cell must be a short column label (a task row also mentions "nội dung" or
    "thực hiện" in its text, but in long cells next to a number)."""
    roles: dict[int, str] = {}
    for index, cell in enumerate(row.cells):
        label = cell.strip()
        if not label:
            continue
        role = column_role(label)
        if role is None and not _OTHER_HEADER_LABEL.match(fold(label).strip(" .:")):
            return None
        if len(label) > MAX_HEADER_CELL_CHARS or label.isdigit():
            return None
        if role:
            roles[index] = role
    found = set(roles.values())
    if CONTENT in found and found & {LEAD, COORDINATING, UNITS, DUE, NUMBER}:
        return roles
    return None


_FLAT_HEADER = re.compile(r"^(?:s?tt|so tt)\s+(?:noi dung|ten nhiem vu|nhiem vu|cong viec)\b")


def flat_header_roles(text: str) -> list[str] | None:
    """Roles named by a table header flattened onto one line ("TT Nội dung Cơ quan thực hiện")."""
    folded = fold(text)
    if not _FLAT_HEADER.match(folded) or len(folded) > 160:
        return None
    roles = [NUMBER, CONTENT]
    if "chu tri" in folded:
        roles.append(LEAD)
    if "phoi hop" in folded:
        roles.append(COORDINATING)
    if LEAD not in roles and re.search(r"don vi|co quan|thuc hien|tham muu", folded):
        roles.append(UNITS)
    if re.search(r"thoi gian|thoi han|hoan thanh", folded):
        roles.append(DUE)
    return roles


# --- page furniture and the end of the table ------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:trang\s+)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*/\s*\d{1,3})?$")
_SEPARATOR_CELL = re.compile(r"^[-–—_=:.*\s]*$")


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(fold(text)))


def is_separator(row: Row) -> bool:
    return all(_SEPARATOR_CELL.match(cell) for cell in row.cells)


_DOCUMENT_HEADING = re.compile(r"^(?:[IVX]{1,4}|[A-D])\s*[.)]\s*\S")
_END_WORDS = re.compile(
    r"^(?:noi nhan|tm\.?\s|kt\.?\s|tl\.?\s|tuq\.?\s|chu tich$|pho chu tich$|chanh van phong$|giam doc$|"
    r"ghi chu\s*:|danh muc$)"
)


def ends_table(text: str) -> bool:
    """The document goes on after the table: "III. TỔ CHỨC THỰC HIỆN", "Nơi nhận:", the signature."""
    stripped = text.strip()
    if _DOCUMENT_HEADING.match(stripped) and _mostly_upper(stripped):
        return True
    return bool(_END_WORDS.match(fold(stripped)))


def _mostly_upper(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= 0.7 * len(letters)


def starts_lowercase(text: str) -> bool:
    """The first letter is lower case: the text continues a sentence begun on the row before."""
    for char in text:
        if char.isalpha():
            return char.islower()
        if char.isdigit():
            return False
    return False
