"""The shared sheet writer: text never becomes a formula, numbers and dates keep their type, headers merge."""

import datetime
import io

import openpyxl
import pytest

from tdkt.lib.sheets import SheetWriter, csv_safe

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-cmd", "@SUM(A1)", "\tx", "\rx", "=cmd|' /C calc'!A0"]


def _book(write) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    with SheetWriter(buffer) as book:
        write(book)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize("value", HOSTILE)
def test_text_that_looks_like_a_formula_is_written_as_text(value):
    def write(book):
        sheet = book.sheet("S", widths=[10, 10])
        sheet.title_row(value)
        sheet.row([value, 1])
    cells = [cell for row in _book(write).active.iter_rows() for cell in row if cell.value is not None]
    # XlsxWriter stores a carriage return as Excel's escape _x000D_, which openpyxl leaves as it is.
    read_back = value.replace("\r", "_x000D_")
    assert [(cell.value, cell.data_type) for cell in cells] == [(read_back, "s"), (read_back, "s"), (1, "n")]


def test_numbers_and_dates_keep_their_type():
    def write(book):
        sheet = book.sheet("S", widths=[10, 10, 10])
        sheet.row([-5, 2.5, datetime.date(1980, 1, 2)], book.style(border=1))
    row = next(_book(write).active.iter_rows())
    assert [(cell.value, cell.data_type) for cell in row] == [
        (-5, "n"), (2.5, "n"), (datetime.datetime(1980, 1, 2), "d")]
    assert row[2].number_format == "dd/mm/yyyy"


def test_two_level_header_merges_across_and_down():
    def write(book):
        sheet = book.sheet("S", widths=[5, 20, 12, 12])
        sheet.header([("STT", 1), ("Họ và tên", 1), ("Ngày, tháng, năm sinh", 2)], [None, None, "Nam", "Nữ"],
                     style=book.style(bold=True, border=1))
        sheet.row([1, "Nguyễn Văn A", datetime.date(1980, 1, 2), None])
    sheet = _book(write).active
    assert sorted(str(merged) for merged in sheet.merged_cells.ranges) == ["A1:A2", "B1:B2", "C1:D1"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows(max_row=2)] == [
        ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None], [None, None, "Nam", "Nữ"]]
    assert sheet.freeze_panes == "A3"


def test_dropdown_inline_and_from_a_source_sheet():
    options = [f"Hình thức khen thưởng số {n}" for n in range(40)]

    def write(book):
        sheet = book.sheet("Danh sách", widths=[30, 30])
        source = book.sheet("Danh mục", widths=[40])
        sheet.dropdown(0, ["Cá nhân", "Tập thể"], first_row=1, last_row=10)
        sheet.dropdown(1, options, first_row=1, last_row=10, source_sheet=source)
        for option in options:
            source.row([option])
    validations = _book(write)["Danh sách"].data_validations.dataValidation
    assert [(str(v.sqref), v.formula1) for v in validations] == [
        ("A2:A11", '"Cá nhân,Tập thể"'), ("B2:B11", "'Danh mục'!$A$1:$A$40")]


def test_a_long_inline_list_needs_a_source_sheet():
    with SheetWriter(io.BytesIO()) as book, pytest.raises(ValueError, match="^A long list of options needs a source sheet$"):
        book.sheet("S").dropdown(0, ["x" * 200, "y" * 100])


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+2", "'=1+2"), ("-cmd", "'-cmd"), ("@SUM(A1)", "'@SUM(A1)"), ("Nguyễn Văn A", "Nguyễn Văn A"),
    (-3, "-3"), (None, ""), (datetime.date(2026, 12, 2), "02/12/2026")])
def test_csv_cells_never_start_like_a_formula(value, expected):
    assert csv_safe(value) == expected


def test_a_row_merges_columns_and_default_widths_are_left_alone():
    def write(book):
        sheet = book.sheet("S", widths=[7, None, 30])
        sheet.row(["I", "QUÝ I"], book.style(bold=True, border=1), merge=(1, 2))
        sheet.row(["1", "=1+1", "-x"], book.style(border=1))
    sheet = _book(write).active
    assert [str(merged) for merged in sheet.merged_cells.ranges] == ["B1:C1"]
    assert [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()] == [
        [("I", "s"), ("QUÝ I", "s"), (None, "n")], [("1", "s"), ("=1+1", "s"), ("-x", "s")]]
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["C"].width) == (7.7109375, 30.7109375)
    assert "B" not in sheet.column_dimensions
