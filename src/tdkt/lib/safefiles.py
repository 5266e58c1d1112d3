"""The one spreadsheet reader every importer uses: a hostile .xlsx costs nothing.

    with SheetReader(data, name="danh-sach.xlsx", limits=SheetLimits(max_rows=6_000)) as book:
        for number, values in book.rows():        # (row number as in Excel, cell values)
            ...

What it guarantees, whatever the file declares:
- the ZIP container is checked before openpyxl opens it (tdkt.lib.safezip: entries, declared sizes,
  compression ratio, no DTD in any XML part, so no entity can be declared, let alone expanded);
- rows are streamed from the worksheet's XML, one cell element at a time (nothing but the current cell is
  held); the sheet's declared dimension (`<dimension ref="A1:XFD8000"/>`) is never read, so nothing is
  padded to it;
- the row limit counts every row position passed over, empty `<row>` elements and gaps in the numbering
  included (a jump from row 2 to row 2,000,000 stops at the limit without visiting anything); the column
  limit refuses a value beyond it (empty formatted cells beyond it are skipped); every `<c>` element visited
  counts toward the cell cap;
- formulas are never evaluated: `formulas="cached"` reads the value the writing program stored (openpyxl's
  data_only), `"text"` reads the formula as written ("=SUM(A1:A3)"), `"refuse"` refuses the first one;
- each refusal is a `SheetLimitError` whose message names the file, the limit and the row where reading
  stopped; the caller shows it as is, and nothing has been saved yet.

`stats` counts what was visited (rows passed over, `<row>` and `<c>` elements): the tests and the benchmark
collect it with `observe_reading()` around a real import and assert it never exceeds the limits.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import iterparse

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from tdkt.lib.safezip import MB, ZipLimitError, ZipLimits, check_zip

_ROW = f"{{{SHEET_MAIN_NS}}}row"
_CELL = f"{{{SHEET_MAIN_NS}}}c"
_SHEET_DATA = f"{{{SHEET_MAIN_NS}}}sheetData"
FORMULA_MODES = ("cached", "text", "refuse")


@dataclass(frozen=True)
class SheetLimits:
    """Limits of one importer's sheets. Defaults: a list of up to 10,000 rows and 100 columns."""

    max_rows: int = 10_000  # row positions passed over, empty rows included
    max_columns: int = 100
    max_cells: int = 200_000  # <c> elements visited, empty formatted cells included (each costs some µs)
    zip: ZipLimits = ZipLimits(streamed_prefixes=("xl/worksheets/",))


SPREADSHEET_ZIP = ZipLimits(streamed_prefixes=("xl/worksheets/",))
DEFAULT_LIMITS = SheetLimits()


class SheetLimitError(ValueError):
    """A spreadsheet refused as a whole; the message (Vietnamese when the request is) is shown as is."""

    def __init__(self, message: str, *, row: int | None = None):
        super().__init__(message)
        self.message = message
        self.row = row


@dataclass
class ReadStats:
    """What the reader visited: the instrument of the hostile-file tests."""

    rows: int = 0  # row positions passed over (gaps and empty rows included), at most the limit + 1 a reading
    row_elements: int = 0
    cells: int = 0
    elements: int = 0  # XML elements of the sheet that ended, whatever they are


def zip_message(error: ZipLimitError, name: str) -> str:
    """The Vietnamese (through gettext) message of a refused Office container."""
    params = {"name": name, "entry": error.entry, "value": error.value, "limit": error.limit,
              "size": _megabytes(error.value), "limit_size": _megabytes(error.limit)}
    messages = {
        "not_zip": _("%(name)s: the file is damaged or is not an Office file; open it and save it again."),
        "entries": _("%(name)s: the file holds %(value)s parts, more than the limit of %(limit)s; it is not an "
                     "ordinary Office file."),
        "directory": _("%(name)s: the file's table of contents is larger than an ordinary Office file's."),
        "compression": _("%(name)s: part “%(entry)s” uses a compression method that is not accepted; open the "
                         "file and save it again."),
        "total": _("%(name)s: the file unpacks to more than %(limit_size)s MB; it is not an ordinary Office file "
                   "(a “zip bomb”)."),
        "part": _("%(name)s: part “%(entry)s” unpacks to %(size)s MB, more than the limit of %(limit_size)s MB."),
        "ratio": _("%(name)s: part “%(entry)s” is compressed %(value)s times, more than the limit of %(limit)s "
                   "times; it is not an ordinary Office file (a “zip bomb”)."),
        "dtd": _("%(name)s: part “%(entry)s” declares a document type (DTD), which Office files never do; the "
                 "file is refused."),
    }
    return messages[error.kind] % params


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _unreadable(name: str) -> SheetLimitError:
    return SheetLimitError(_("%(name)s: the Excel file cannot be read; open it in Excel and save it again as .xlsx.")
                           % {"name": name})


_observers: ContextVar[tuple[list[ReadStats], ...]] = ContextVar("sheet_read_observers", default=())


@contextmanager
def observe_reading() -> Iterator[list[ReadStats]]:
    """The ReadStats of every SheetReader opened inside the block (for tests and benchmarks of the importers)."""
    seen: list[ReadStats] = []
    token = _observers.set((*_observers.get(), seen))
    try:
        yield seen
    finally:
        _observers.reset(token)


class SheetReader:
    """An .xlsx opened for streaming under `limits`; `close()` (or `with`) releases it."""

    def __init__(self, data: bytes, *, name: str, limits: SheetLimits = DEFAULT_LIMITS, formulas: str = "cached"):
        if formulas not in FORMULA_MODES:
            raise ValueError(f"formulas must be one of {FORMULA_MODES}")
        self.name = name or "tệp"
        self.limits = limits
        self.formulas = formulas
        self.stats = ReadStats()
        for seen in _observers.get():
            seen.append(self.stats)
        try:
            check_zip(data, limits.zip)
        except ZipLimitError as exc:
            raise SheetLimitError(zip_message(exc, self.name)) from exc
        try:
            self.book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=formulas == "cached")
        except Exception as exc:  # noqa: BLE001 — any defect of a foreign file is the same refusal
            raise _unreadable(self.name) from exc
        if not self.book.worksheets:
            self.close()
            raise _unreadable(self.name)

    def __enter__(self) -> SheetReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.book.close()

    @property
    def worksheets(self) -> list:
        return self.book.worksheets

    def rows(self, sheet=None, *, last_row: int | None = None) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values) of each row holding a value, in order; values run from column A to the last
        filled column. `last_row` stops quietly after that row (a header search reads only the top)."""
        sheet = sheet if sheet is not None else self.book.worksheets[0]
        try:
            yield from self._rows(sheet, last_row)
        except SheetLimitError:
            raise
        except Exception as exc:  # noqa: BLE001 — broken XML, a bad cell reference, an unknown shared string
            raise _unreadable(self.name) from exc

    def _rows(self, sheet, last_row: int | None) -> Iterator[tuple[int, list[Any]]]:
        book = self.book
        parser = WorkSheetParser(None, sheet._shared_strings, data_only=book.data_only, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        max_elements = 4 * self.limits.max_cells + 1_000  # <v>, <f>, <is>… inside the cells, and the rest
        number = 0  # the current row's number
        self._passed = self._row_elements = 0  # the row limit holds for each reading of a sheet
        depth = elements = 0
        values: dict[int, Any] = {}
        root = sheet_data = row = None
        with book._archive.open(sheet._worksheet_path) as source:
            # The C parser, for speed: check_zip has already proven with defusedxml that no part of this archive
            # declares a DTD, and without one expat refuses any entity but the five predefined ones.
            for event, element in iterparse(source, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    depth += 1
                    if root is None:
                        root = element
                    elif tag == _ROW:
                        row = element
                        number = self._enter_row(element, number)
                        if last_row is not None and number > last_row:
                            return
                        parser.row_counter, parser.col_counter = number, 0
                        values = {}
                    elif tag == _SHEET_DATA:
                        sheet_data = element
                    continue
                depth -= 1
                self.stats.elements += 1
                elements += 1
                if elements > max_elements:
                    raise self._too_many_cells(number)
                if tag == _CELL:
                    self._cell(parser, element, number, values)
                if row is not None and depth == 3:
                    row.clear()  # a child of the row is read: nothing of the row is kept but its values
                elif tag == _ROW:
                    sheet_data.clear()
                    row = None
                    if values:
                        width = max(values)
                        yield number, [values.get(column) for column in range(1, width + 1)]
                elif tag == _SHEET_DATA:
                    return  # what follows the rows (merged ranges, formatting…) is not needed
                elif depth == 1:
                    root.clear()  # column widths, views…: read and dropped

    def _enter_row(self, element, previous: int) -> int:
        limits, stats = self.limits, self.stats
        declared = element.get("r")
        number = previous + 1
        if declared is not None:
            try:
                number = int(declared)
            except ValueError as exc:
                raise _unreadable(self.name) from exc
        # Every position passed over counts, and a row that goes back (or repeats) still costs one.
        advance = min(number - previous if number > previous else 1, limits.max_rows + 1 - self._passed)
        self._passed += advance
        self._row_elements += 1
        stats.rows += advance
        stats.row_elements += 1
        if self._passed > limits.max_rows or self._row_elements > limits.max_rows or number > limits.max_rows:
            stopped = min(number, limits.max_rows + 1) if number > previous else number
            raise SheetLimitError(
                _("%(name)s: the sheet has more than %(max)s rows, counting empty or formatted rows; reading stopped "
                  "at row %(row)s. Delete the empty rows under the list or split it into several files.")
                % {"name": self.name, "max": f"{limits.max_rows:,}".replace(",", "."), "row": stopped}, row=stopped)
        return number

    def _too_many_cells(self, number: int) -> SheetLimitError:
        return SheetLimitError(
            _("%(name)s: the sheet has more than %(max)s cells (empty formatted cells included); reading stopped "
              "at row %(row)s. Delete the unused rows and columns or split the file.")
            % {"name": self.name, "max": f"{self.limits.max_cells:,}".replace(",", "."), "row": number}, row=number)

    def _cell(self, parser: WorkSheetParser, element, number: int, values: dict[int, Any]) -> None:
        limits, stats = self.limits, self.stats
        stats.cells += 1
        if stats.cells > limits.max_cells:
            raise self._too_many_cells(number)
        reference = element.get("r")
        if len(element) == 0:
            # No <v>, <f> or <is>: an empty (formatted) cell. Only its column is kept, the cheap way.
            try:
                parser.col_counter = column_index_from_string(reference.rstrip("0123456789")) if reference \
                    else parser.col_counter + 1
            except ValueError as exc:
                raise _unreadable(self.name) from exc
            return
        if reference:
            try:
                letters, declared_row = coordinate_from_string(reference)
                column = column_index_from_string(letters)
            except ValueError as exc:
                raise _unreadable(self.name) from exc
            if declared_row != number:
                raise _unreadable(self.name)
        else:
            column = parser.col_counter + 1
        parser.col_counter = column
        has_formula = element.find(f"{{{SHEET_MAIN_NS}}}f") is not None
        if has_formula and self.formulas == "refuse":
            raise SheetLimitError(
                _("%(name)s: cell %(cell)s contains a formula; paste the values instead.")
                % {"name": self.name, "cell": f"{get_column_letter(min(column, 16384))}{number}"}, row=number)
        value = parser.parse_cell(element)["value"]
        parser.col_counter = column  # parse_cell counts a cell without reference once more
        if value is None or value == "":
            return
        if column > limits.max_columns:
            raise SheetLimitError(
                _("%(name)s: cell %(cell)s is beyond the first %(max)s columns that are read; move or delete it.")
                % {"name": self.name, "cell": f"{get_column_letter(min(column, 16384))}{number}",
                   "max": limits.max_columns}, row=number)
        values[column] = value if isinstance(value, str | int | float | bool) or hasattr(value, "year") else str(value)


def read_sheet_rows(data: bytes, *, name: str, limits: SheetLimits = DEFAULT_LIMITS,
                    formulas: str = "cached") -> list[tuple[int, list[Any]]]:
    """Every row holding a value of the first sheet, as (row number, values): for importers of short lists
    that check the whole file before saving anything."""
    with SheetReader(data, name=name, limits=limits, formulas=formulas) as book:
        return list(book.rows())
