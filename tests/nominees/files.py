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


# --- a Sở Y tế list as clerks write it: honorifics, birth dates split Nam | Nữ, page chrome -------------

SPLIT_TOP = ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Chức vụ, đơn vị công tác", "Hình thức đề nghị"]
SPLIT_BOTTOM = [None, None, "Nam", "Nữ", None, None]
CHROME_ABOVE = ("SỞ Y TẾ TỈNH HÀ GIANG", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025",
                "(Kèm theo Tờ trình số 45/TTr-SYT ngày 10/12/2025 của Sở Y tế)")
CHROME_BELOW = (["", "Người lập biểu", "", "", "", "GIÁM ĐỐC"], ["", "(Ký, ghi rõ họ tên)", "", "", "", "(Ký tên, đóng dấu)"],
                ["", "Vương Thị Lập", "", "", "", "Hầu Văn Giám"])


def split_xlsx_bytes(rows) -> bytes:
    """Rows [STT, name, birth if male, birth if female, position, award] under a two-row header whose "Ngày,
    tháng, năm sinh" is merged over "Nam" | "Nữ" and whose other headings are merged down."""
    book = Workbook()
    sheet = book.active
    for text in CHROME_ABOVE:
        sheet.append([text])
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=6)
    sheet.append([""])
    sheet.append(SPLIT_TOP)
    top = sheet.max_row
    sheet.append(SPLIT_BOTTOM)
    sheet.merge_cells(start_row=top, start_column=3, end_row=top, end_column=4)
    for column in (1, 2, 5, 6):
        sheet.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)
    for row in rows:
        sheet.append(list(row))
    sheet.append([])
    for row in CHROME_BELOW:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def split_docx_bytes(rows) -> bytes:
    """The same list as a Word table: the header cells merged as in the spreadsheet."""
    document = docx.Document()
    for text in CHROME_ABOVE:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=6)
    top, bottom = table.rows[0].cells, table.rows[1].cells
    for column in (0, 1, 4, 5):
        top[column].merge(bottom[column]).text = SPLIT_TOP[column]
    top[2].merge(top[3]).text = SPLIT_TOP[2]
    bottom[2].text, bottom[3].text = "Nam", "Nữ"
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=False):
            cell.text = "" if text is None else str(text)
    for line in ("Người lập biểu                GIÁM ĐỐC", "Vương Thị Lập                Hầu Văn Giám"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
