"""The annex table of a PDF (or an OCR'd scan) whose text layer lost its cells: rebuilt from the page's text as
pypdf lays it out ("layout" extraction keeps each word at its column), for the list of a decision recognising
initiatives, whose title column wraps over several lines and so interleaves with the authors' column in plain
extraction.

Framework-free. The header line (a title label and an author label: "TT  Tên sáng kiến  Tác giả  Chức vụ, đơn
vị") gives the column starts; each later word belongs to the column it starts in (2 characters of slack: a
justified cell may begin a little left of its label). Rows are the blocks of lines between blank lines — the
cell padding of a ruled table leaves one — so a title wrapped over three lines stays one cell. A page after the
header's page continues the table when its words fall under the same columns. A table without ruled rows (no
blank line between entries) reads as one row per block: the reader then warns of a wrong count or a missing
author, and the officer reads the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tdkt.lib.awarddoc.text import key, tidy
from tdkt.lib.docblocks import Table, TableRow, TextLine
from tdkt.lib.names import strip_name

SLACK = 2
_TITLE_HEADER = re.compile(r"\bten (?:sang kien|giai phap|de tai)\b")
_AUTHOR_HEADER = re.compile(r"\b(?:tac gia|ho va ten|ho ten|chu nhiem)\b")
_LABEL = re.compile(r"\S+(?: \S+)*")  # a header label: words one space apart
_WORD = re.compile(r"\S+")


def is_header(text: str) -> bool:
    folded = key(text)
    return bool(_TITLE_HEADER.search(folded) and _AUTHOR_HEADER.search(folded))


@dataclass(frozen=True)
class _Columns:
    starts: list[int]

    @property
    def width(self) -> int:
        return len(self.starts)


def _columns(header: str) -> _Columns | None:
    starts = [match.start() for match in _LABEL.finditer(header)]
    return _Columns(starts) if len(starts) >= 3 else None


def _column_of(position: int, columns: _Columns) -> int:
    index = 0
    for at, start in enumerate(columns.starts):
        if position + SLACK >= start:
            index = at
    return index


def _joined(lines: list[str]) -> str:
    """A cell's lines: a wrapped line goes on after a space; a line beginning with an honorific or a degree
    ("Bà Trần Thị Bình", "ThS. Lê Văn C") is the next author, so a new line (a trailing "và" dropped)."""
    text = ""
    for line in lines:
        if text and strip_name(line) != tidy(line):
            text = re.sub(r"\s+(?:và|va)$", "", text, flags=re.IGNORECASE) + "\n" + line
        else:
            text = f"{text} {line}" if text else line
    return text


def _rows(lines: list[str], columns: _Columns, first_line: int) -> list[TableRow]:
    rows, block, block_start = [], [], None
    for offset, text in enumerate([*lines, ""]):
        if text.strip():
            block_start = first_line + offset if block_start is None else block_start
            block.append(text)
            continue
        if block:
            cells: list[list[str]] = [[] for _ in range(columns.width)]  # per column, the text of each line
            for line in block:
                words: list[list[str]] = [[] for _ in range(columns.width)]
                for word in _WORD.finditer(line):
                    words[_column_of(word.start(), columns)].append(word.group())
                for index, found in enumerate(words):
                    if found:
                        cells[index].append(" ".join(found))
            rows.append(TableRow(block_start, tuple("\n".join(tidy(part) for part in _joined(cell).split("\n"))
                                                    for cell in cells)))
        block, block_start = [], None
    return rows


def _inferred(lines: list[str], width: int) -> _Columns | None:
    """The column starts of a page continuing a table (pypdf lays each page out at its own scale, so the header
    page's offsets do not carry over): the `width` offsets where most cell texts begin — a line's first word,
    or a word after a gap of 3 spaces or more."""
    starts: dict[int, int] = {}
    for line in lines:
        for match in re.finditer(r"(?:^|\s{3,})(\S)", line):
            starts[match.start(1)] = starts.get(match.start(1), 0) + 1
    clusters: list[list[int]] = []  # [start, count], offsets within SLACK merged
    for start in sorted(starts):
        if clusters and start - clusters[-1][0] <= SLACK:
            clusters[-1][1] += starts[start]
        else:
            clusters.append([start, starts[start]])
    best = sorted(sorted(clusters, key=lambda c: -c[1])[:width])
    return _Columns([start for start, _count in best]) if len(best) == width else None


def layout_tables(pages: list[str], first_lines: list[int], chrome: Callable[[str], bool]
                  ) -> dict[int, tuple[Table, bool]]:
    """{page number (1-based): (the table read from it, whether the page holds its header)} for the page holding
    an initiatives table header and the pages that continue it. `first_lines`: the document line number of each
    page's first line (the rows' line numbers); `chrome(line)`: a page number or running header, left out."""
    found: dict[int, tuple[Table, bool]] = {}
    columns = None
    for index, text in enumerate(pages):
        lines = ["" if chrome(line) else line for line in text.split("\n")]
        header_at = next((at for at, line in enumerate(lines) if is_header(line)), None)
        if header_at is not None:
            columns = _columns(lines[header_at])
            if columns is None:
                continue
            body, start = lines[header_at:], first_lines[index] + header_at
        elif columns is not None and (inferred := _inferred(lines, columns.width)) is not None:
            columns, body, start = inferred, lines, first_lines[index]
        else:
            columns = None
            continue
        if rows := _rows(body, columns, start):
            found[index + 1] = (Table(start, rows), header_at is not None)
    return found


def with_layout_tables(blocks: list[TextLine | Table], pages: list[str], chrome: Callable[[str], bool]
                       ) -> list[TextLine | Table]:
    """`blocks` (a PDF's plain lines, page chrome already left out) with each page's table lines replaced by
    the table read from the page's layout text: from the header line — or, on a page continuing the table, from
    its first line — to the page's end. Unchanged when no initiatives table header is found."""
    first_lines = []
    for page in range(1, len(pages) + 1):
        on_page = [block.line for block in blocks if isinstance(block, TextLine) and block.page == page]
        first_lines.append(on_page[0] if on_page else 0)
    tables = layout_tables(pages, first_lines, chrome)
    result: list[TextLine | Table] = []
    replacing = None
    for block in blocks:
        page = getattr(block, "page", None)
        if replacing is not None and page != replacing:
            replacing = None
        if replacing is None and isinstance(block, TextLine) and page in tables and block.text.strip() \
                and (is_header(block.text) or not tables[page][1]):
            result.append(tables.pop(page)[0])
            replacing = page
        if replacing is None:
            result.append(block)
    return result
