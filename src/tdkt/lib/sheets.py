"""The one spreadsheet writer every Excel/CSV export uses: streaming, styles made once, no live formulas.

An export writes rows in order into a file (never a whole sheet held in memory, never a scan of what
was written): `XlsxWriter` in constant-memory mode flushes each row to a temporary file as soon as the
next one starts. Values a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, carriage
return at the start: CSV/formula injection) are always written as text; numbers stay numbers and dates
are real dates shown dd/mm/yyyy.

    with SheetWriter(path) as book:
        sheet = book.sheet("Danh sách", widths=[7, 32, 40])
        sheet.title_row("DANH SÁCH …", style=book.style(bold=True, size=14, align="center"))
        sheet.header(["STT", "Họ và tên", "Chức vụ, đơn vị"], style=book.style(bold=True, border=1))
        for line in lines:
            sheet.row([number, name, position], style=body)

Framework-free: no Django import here.
"""

from __future__ import annotations

import csv
import datetime
import decimal
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_range

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DEFAULT_FONT = "Times New Roman"
DATE_FORMAT = "dd/mm/yyyy"


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def csv_safe(value: Any) -> str:
    """A CSV cell that no spreadsheet evaluates: text that starts like a formula gets a leading quote
    (OWASP's advice for CSV, where a cell has no type); numbers and dates are written plainly."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float | decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return "'" + text if starts_like_formula(text) else text


def write_csv(stream: IO[str], rows: Iterable[Sequence[Any]]) -> None:
    """Rows to CSV (UTF-8 with BOM so Excel reads Vietnamese), every cell through `csv_safe`."""
    stream.write("\ufeff")
    writer = csv.writer(stream)
    for row in rows:
        writer.writerow([csv_safe(value) for value in row])


class SheetWriter:
    """An .xlsx workbook written row by row to `target` (a path or a binary file object)."""

    def __init__(self, target: str | Path | IO[bytes], *, font: str = DEFAULT_FONT, font_size: int = 12,
                 tmpdir: str | None = None):
        options: dict[str, Any] = {"constant_memory": True, "strings_to_formulas": False,
                                   "strings_to_numbers": False, "strings_to_urls": False}
        if tmpdir:
            options["tmpdir"] = tmpdir
        self.workbook = xlsxwriter.Workbook(str(target) if isinstance(target, Path) else target, options)
        self.font = font
        self.font_size = font_size
        self._styles: dict[tuple, Any] = {}
        self._date_styles: dict[int, Any] = {}

    def __enter__(self) -> SheetWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.workbook.close()

    def style(self, *, bold: bool = False, italic: bool = False, size: int | None = None, align: str = "",
              valign: str = "top", wrap: bool = True, border: int = 0, num_format: str = "",
              bg_color: str = "", font: str | None = None):
        """One cell format per distinct set of options, created once for the workbook."""
        key = (bold, italic, size, align, valign, wrap, border, num_format, bg_color, font)
        if key not in self._styles:
            spec: dict[str, Any] = {"font_name": font or self.font, "font_size": size or self.font_size,
                                    "bold": bold, "italic": italic, "text_wrap": wrap, "border": border}
            if valign:
                spec["valign"] = valign
            if align:
                spec["align"] = align
            if num_format:
                spec["num_format"] = num_format
            if bg_color:
                spec["bg_color"] = bg_color
            self._styles[key] = self.workbook.add_format(spec)
        return self._styles[key]

    def date_style_for(self, style) -> Any:
        """The same format showing dates as dd/mm/yyyy (made once per base format); an unstyled cell keeps
        the workbook's default font."""
        key = id(style)
        if key not in self._date_styles:
            base = next((options for options, made in self._styles.items() if made is style), None)
            if base is None:
                self._date_styles[key] = self.workbook.add_format({"num_format": DATE_FORMAT})
            else:
                bold, italic, size, align, valign, wrap, border, _num, bg_color, font = base
                self._date_styles[key] = self.style(bold=bold, italic=italic, size=size, align=align,
                                                    valign=valign, wrap=wrap, border=border,
                                                    num_format=DATE_FORMAT, bg_color=bg_color, font=font)
        return self._date_styles[key]

    def sheet(self, name: str, *, widths: Sequence[float | None] = (), landscape: bool = False) -> Sheet:
        """A new worksheet; `widths` in Excel's character units, column by column (None: the default)."""
        worksheet = self.workbook.add_worksheet(name[:31])
        for column, width in enumerate(widths):
            if width is not None:
                worksheet.set_column(column, column, width)
        if landscape:
            worksheet.set_landscape()
        worksheet.set_paper(9)  # A4
        return Sheet(self, worksheet, len(widths))


class Sheet:
    """One worksheet; rows are appended in order (constant-memory mode cannot go back)."""

    def __init__(self, book: SheetWriter, worksheet, columns: int):
        self.book = book
        self.worksheet = worksheet
        self.columns = columns
        self.next_row = 0  # zero-based index of the row the next call writes

    @property
    def rows_written(self) -> int:
        return self.next_row

    def write_cell(self, row: int, column: int, value: Any, style=None) -> None:
        worksheet = self.worksheet
        if value is None or value == "":
            if style is not None:
                worksheet.write_blank(row, column, None, style)
        elif isinstance(value, bool):
            worksheet.write_boolean(row, column, value, style)
        elif isinstance(value, int | float | decimal.Decimal):
            worksheet.write_number(row, column, value, style)
        elif isinstance(value, datetime.datetime | datetime.date):
            if not isinstance(value, datetime.datetime):
                value = datetime.datetime.combine(value, datetime.time())
            worksheet.write_datetime(row, column, value, self.book.date_style_for(style))
        else:
            # Always a text cell: a name like "=HYPERLINK(…)" or "-cmd" stays text, never a formula.
            worksheet.write_string(row, column, str(value), style)

    @staticmethod
    def _text(value: Any) -> Any:
        """Merged cells take their value through XlsxWriter's generic write, which keeps strings as text
        because the workbook is opened with strings_to_formulas off."""
        return "" if value is None else value

    def _merge_down(self, row: int, column: int) -> None:
        """Merge (row, column) with the cell below. XlsxWriter's merge_range would write the blank below
        at once, which in constant-memory mode flushes this row before its other cells are written; so
        the range is recorded the way merge_range records it and the blank comes with the next row."""
        cell_range = xl_range(row, column, row + 1, column)
        for merged_row in (row, row + 1):
            self.worksheet.merged_cells[(merged_row, column)] = cell_range
        self.worksheet.merge.append([row, column, row + 1, column])

    def row(self, values: Sequence[Any], style=None, *, styles: Sequence[Any] | None = None,
            height: float | None = None, merge: tuple[int, int] | None = None) -> int:
        """Append one row; `styles` gives one format per column, else `style` is used for every cell
        (and, when there are fewer values than columns, for the blank rest so borders are drawn).
        `merge=(first, last)` merges those columns into one cell holding values[first]."""
        row = self.next_row
        count = max(len(values), self.columns if (style is not None or styles) else 0)
        first, last = merge if merge else (count, count)
        for column in range(count):
            if first < column <= last:
                continue
            value = values[column] if column < len(values) else None
            cell_style = styles[column] if styles and column < len(styles) else style
            if column == first:
                self.worksheet.merge_range(row, first, row, last, self._text(value), cell_style)
            else:
                self.write_cell(row, column, value, cell_style)
        if height is not None:
            self.worksheet.set_row(row, height)
        self.next_row += 1
        return row

    def title_row(self, text: str, style=None, *, columns: int | None = None, height: float | None = None) -> int:
        """A line of text merged across the sheet's columns (titles, subtitles)."""
        row = self.next_row
        last = (columns or self.columns or 1) - 1
        if last > 0:
            self.worksheet.merge_range(row, 0, row, last, self._text(text), style)
        else:
            self.write_cell(row, 0, text, style)
        if height is not None:
            self.worksheet.set_row(row, height)
        self.next_row += 1
        return row

    def blank_row(self) -> int:
        self.next_row += 1
        return self.next_row - 1

    def header(self, *levels: Sequence[Any], style=None, freeze: bool = True) -> int:
        """Header rows, one per argument. A cell `(text, span)` spans `span` columns; a top cell of span 1
        above a `None` in the next row is merged down over both rows:

            sheet.header([("STT", 1), ("Họ và tên", 1), ("Ngày, tháng, năm sinh", 2)],
                         [None, None, "Nam", "Nữ"], style=bold)
        """
        first = self.next_row
        depth = len(levels)
        for level, cells in enumerate(levels):
            row = first + level
            below = levels[level + 1] if level + 1 < depth else ()
            column = 0
            for cell in cells:
                text, span = cell if isinstance(cell, tuple) else (cell, 1)
                if text is None:  # under a cell merged down: a bordered blank
                    for offset in range(span):
                        self.write_cell(row, column + offset, None, style)
                elif span == 1 and column < len(below) and below[column] is None:
                    self.write_cell(row, column, text, style)
                    self._merge_down(row, column)
                elif span > 1:
                    self.worksheet.merge_range(row, column, row, column + span - 1, self._text(text), style)
                else:
                    self.write_cell(row, column, text, style)
                column += span
        self.next_row = first + depth
        if freeze:
            self.worksheet.freeze_panes(self.next_row, 0)
        return first

    def dropdown(self, column: int, options: Sequence[str], *, first_row: int | None = None,
                 last_row: int | None = None, source_sheet: Sheet | None = None, source_column: int = 0,
                 title: str = "", message: str = "") -> None:
        """A drop-down list on `column` for rows first_row..last_row (default: the next 1,000 rows).
        Long lists (over Excel's 255-character inline limit) are referenced from `source_sheet`."""
        first = self.next_row if first_row is None else first_row
        last = first + 999 if last_row is None else last_row
        validation: dict[str, Any] = {"validate": "list", "ignore_blank": True, "show_error": False}
        inline = ",".join(options)
        if source_sheet is None and len(inline) <= 255 and not any("," in option for option in options):
            validation["source"] = list(options)
        else:
            if source_sheet is None:
                raise ValueError("A long list of options needs a source sheet")
            name = source_sheet.worksheet.get_name().replace("'", "''")
            letter = xl_col_to_name(source_column)
            validation["source"] = f"='{name}'!${letter}$1:${letter}${max(len(options), 1)}"
        if title:
            validation["input_title"] = title[:32]
        if message:
            validation["input_message"] = message[:255]
        self.worksheet.data_validation(first, column, last, column, validation)
