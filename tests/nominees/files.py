"""Nominee lists built in memory, in the shapes units send: an Excel sheet under a title block, a Word table."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADER = ["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức đề nghị"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def xlsx_bytes(rows, *, header=HEADER, title_rows=("SỞ Y TẾ", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025", "")) -> bytes:
    book = Workbook()
    sheet = book.active
    for text in title_rows:
        sheet.append([text] if text else [])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx_bytes(rows, *, header=HEADER, title="DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", sections=None) -> bytes:
    """A Word list: a merged title row, the header, then rows; `sections` maps a row index to a section
    row ("I. TẬP THỂ") merged across the table, inserted before that row."""
    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH")
    table = document.add_table(rows=0, cols=len(header))
    title_cells = table.add_row().cells
    title_cells[0].merge(title_cells[-1]).text = title
    for cell, text in zip(table.add_row().cells, header, strict=True):
        cell.text = text
    for index, row in enumerate(rows):
        if sections and index in sections:
            cells = table.add_row().cells
            cells[0].merge(cells[-1]).text = sections[index]
        for cell, text in zip(table.add_row().cells, row, strict=False):
            cell.text = str(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name="danh-sach.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=DOCX if name.endswith(".docx") else XLSX)
