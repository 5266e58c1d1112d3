"""Word documents built with python-docx for the reader tests: a seed's text as paragraphs, its
tab-separated rows as a real Word table, and tables with merged cells."""

from __future__ import annotations

import io

import docx


def seed_to_docx(text: str, header_table: list[list[str]] | None = None) -> bytes:
    """Non-tab lines become paragraphs; each run of tab-separated lines becomes one table."""
    document = docx.Document()
    if header_table:
        add_table(document, header_table)
    rows: list[list[str]] = []
    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if not line.strip():
            continue  # Word has no empty lines between paragraphs; a blank line inside a table is dropped too
        if rows:
            add_table(document, rows)
            rows = []
        document.add_paragraph(line)
    if rows:
        add_table(document, rows)
    return save(document)


def add_table(document, rows: list[list[str]]):
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def plan_with_table(rows: list[list[str]], merges=()) -> bytes:
    """A small plan; `merges` are ((row, col), (row, col)) pairs merged with python-docx."""
    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM", "Số: 12/KH-UBND", "Thử Nghiệm, ngày 05 tháng 01 năm 2026",
                 "KẾ HOẠCH", "Công tác thi đua, khen thưởng năm 2026", "Căn cứ Luật Thi đua, khen thưởng;"):
        document.add_paragraph(line)
    table = add_table(document, rows)
    for start, end in merges:
        table.cell(*start).merge(table.cell(*end))
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    return save(document)
