"""Reading an uploaded history file, row by row and without loading it whole: Excel (.xlsx, first sheet,
openpyxl read-only with formulas kept as written) or CSV (UTF-8, delimiter sniffed).

Files refused here with a precise message: formulas ("Ô C5 chứa công thức; hãy dán giá trị"), merged
cells in or below the header row, UTF-16 text, unreadable workbooks, no rows. A title block above the
header is allowed: the header is the first of the top rows that holds known headings.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter, range_boundaries

from tdkt.awards.imports.columns import recognised_headings
from tdkt.awards.imports.parsing import cell_text
from tdkt.lib.uploads import SniffedUpload, csv_rows

HEADER_SEARCH_ROWS = 10
MAX_ROWS = 200_000
_CHUNK = 1 << 20
_FORMULA = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3}[0-9]+)"[^>]*>\s*<(?:\w+:)?f\b')
_ROW = re.compile(rb"<(?:\w+:)?row[\s>]")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3}[0-9]+(?::[A-Z]{1,3}[0-9]+)?)"')
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class ImportFileError(ValueError):
    """A file refused as a whole; the message is shown as is."""


@dataclass(frozen=True)
class FileInfo:
    header_row: int  # 1-based, as numbered in the spreadsheet
    header: list[str]
    total_rows: int  # data rows below the header (an estimate for Excel until the rows are read)


def formula_message(cell: str) -> str:
    return _("Cell %(cell)s contains a formula; paste the values instead") % {"cell": cell}


def check_text_encoding(data: bytes, field_label: str) -> None:
    """UTF-16 text (Excel's "Unicode text") is refused with its own message before sniffing."""
    if data[:2] in UTF16_BOMS:
        raise ImportFileError(_("%(field)s: the text file is UTF-16 encoded. Save it again as “CSV UTF-8”.")
                              % {"field": field_label})


def _unreadable() -> ImportFileError:
    return ImportFileError(_("The Excel file cannot be read; open it in Excel and save it again as .xlsx."))


def _open_sheet(data: bytes):
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        if not book.worksheets:
            raise _unreadable()
        return book, book.worksheets[0]
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 — any defect of a foreign file is the same refusal
        raise _unreadable() from exc


def _scan_sheet_xml(book, sheet) -> tuple[str | None, list[str], int | None]:
    """(first formula cell, merged ranges, number of <row> elements) from the sheet's XML, streamed: no cell
    objects are built. The row count is None when the XML cannot be reached."""
    path = getattr(sheet, "_worksheet_path", None)
    archive = getattr(book, "_archive", None)
    if not path or archive is None:
        return None, [], None
    formula, merged, tail, rows = None, [], b"", 0
    with archive.open(path) as stream:
        while chunk := stream.read(_CHUNK):
            rows += len(_ROW.findall(chunk))  # a tag split between two chunks is missed: an estimate
            window = tail + chunk
            if formula is None and (b"<f" in window or b":f" in window):
                found = _FORMULA.search(window)
                formula = found[1].decode() if found else None
            if b"mergeCell" in window:
                merged += [m.decode() for m in _MERGE.findall(window) if m.decode() not in merged]
            tail = window[-512:]
    return formula, merged, rows


def _header_of(rows: list[tuple[int, list[str]]]) -> tuple[int, list[str]]:
    if not rows:
        raise ImportFileError(_("The file has no rows."))
    number, cells = next(((n, c) for n, c in rows if recognised_headings(c) >= 2), rows[0])
    width = max((i + 1 for i, cell in enumerate(cells) if cell), default=0)
    header = [cells[i] or _("Column %(letter)s") % {"letter": get_column_letter(i + 1)} for i in range(width)]
    return number, header


def _merged_problem(ranges: list[str], header_row: int) -> str | None:
    for ref in ranges:
        _min_col, min_row, _max_col, max_row = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        if min_row <= header_row <= max_row:
            return _("Cells %(range)s of the header row are merged; unmerge them so that each column has its "
                     "own heading") % {"range": ref}
        if min_row > header_row:
            return _("Cells %(range)s are merged; unmerge them and fill in every row") % {"range": ref}
    return None


def _texts(values) -> list[str]:
    return [cell_text(value) for value in values]


def _xlsx_top_rows(sheet, last: int = HEADER_SEARCH_ROWS) -> list[tuple[int, list[str]]]:
    top = []
    for number, values in enumerate(sheet.iter_rows(min_row=1, max_row=last, values_only=True), 1):
        cells = _texts(values)
        if any(cells):
            top.append((number, cells))
    return top


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    for number, cells in enumerate(csv_rows(data), 1):
        yield number, [cell_text(cell) for cell in cells]


def _inspect_csv(data: bytes) -> tuple[int, list[str], int]:
    top, filled = [], 0
    for number, cells in _csv_rows(data):
        formula = next((i for i, cell in enumerate(cells) if cell.startswith("=")), None)
        if formula is not None:
            raise ImportFileError(formula_message(f"{get_column_letter(formula + 1)}{number}"))
        if any(cells):
            filled += 1
            if number <= HEADER_SEARCH_ROWS:
                top.append((number, cells))
    header_row, header = _header_of(top)
    return header_row, header, filled - sum(1 for number, _cells in top if number <= header_row)


def inspect_file(upload: SniffedUpload) -> FileInfo:
    """Find the header and refuse what cannot be imported, before any row is read for real."""
    if upload.kind == "xlsx":
        book, sheet = _open_sheet(upload.data)
        try:
            formula, merged, xml_rows = _scan_sheet_xml(book, sheet)
            if formula:
                raise ImportFileError(formula_message(formula))
            header_row, header = _header_of(_xlsx_top_rows(sheet))
            problem = _merged_problem(merged, header_row)
            if problem:
                raise ImportFileError(problem)
            # An estimate (empty rows, a title block); the exact count is taken when the rows are checked.
            if xml_rows:
                total = xml_rows - len(_xlsx_top_rows(sheet, header_row))
            else:
                total = sum(1 for _row in iter_data_rows(upload, header_row))
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise _unreadable() from exc
        finally:
            book.close()
    else:
        header_row, header, total = _inspect_csv(upload.data)
    if total <= 0:
        raise ImportFileError(_("The file has no data rows under the header."))
    if total > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
    return FileInfo(header_row=header_row, header=header, total_rows=total)


def iter_data_rows(upload: SniffedUpload, header_row: int) -> Iterator[tuple[int, list[str]]]:
    """(row number, cell texts) of every non-empty row below the header, streamed."""
    if upload.kind == "xlsx":
        book, sheet = _open_sheet(upload.data)
        try:
            sheet.reset_dimensions()  # some writers store a wrong <dimension>: read every row there is
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1):
                if number > header_row:
                    cells = _texts(values)
                    if any(cells):
                        yield number, cells
        finally:
            book.close()
    else:
        for number, cells in _csv_rows(upload.data):
            if number > header_row and any(cells):
                yield number, cells
