"""A document read by tdkt.lib.docparse as the header reader's lines (kept apart: docparse pulls in docx and pypdf)."""

from __future__ import annotations

from tdkt.lib.docparse import Document, Table, TextLine

from . import Line


def document_lines(document: Document) -> list[Line]:
    """Every text line and table row in reading order; a table row keeps its cells (a two-column header)."""
    lines: list[Line] = []
    for block in document.blocks:
        if isinstance(block, TextLine):
            lines.append(Line(block.line, block.text, False, block.page))
        elif isinstance(block, Table):
            lines += [Line(row.line, " ".join(cell for cell in row.cells if cell).strip(), True, None, row.cells)
                      for row in block.rows]
    return lines
