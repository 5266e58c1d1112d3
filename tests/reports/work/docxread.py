"""Reading a generated report back with python-docx: paragraphs and tables as plain text."""

import io

import docx


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def tables(document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def table_after(document, caption: str) -> list[list[str]]:
    """The table that follows the paragraph `caption`."""
    body = document.element.body
    found = False
    for child in body.iterchildren():
        if child.tag.endswith("}p") and "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")) == caption:
            found = True
        elif found and child.tag.endswith("}tbl"):
            return [[cell.text for cell in row.cells] for row in docx.table.Table(child, document).rows]
    raise AssertionError(f"no table after {caption!r}")
