"""Reading an uploaded history file, row by row and without loading it whole: Excel (.xlsx, first sheet,
streamed by tdkt.lib.safefiles with formulas kept as written) or CSV (UTF-8, delimiter sniffed), both under
HISTORY_LIMITS whatever the file declares.

Files refused here with a precise message: formulas ("Ô C5 chứa công thức; hãy dán giá trị"), merged
cells in or below the header row, UTF-16 text, unreadable workbooks, no rows. A title block above the
header is allowed: the header is the first of the top rows that holds known headings.
"""

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter, range_boundaries

from tdkt.awards.imports.columns import recognised_headings
from tdkt.awards.imports.parsing import cell_text
from tdkt.lib.safefiles import SheetLimitError, SheetLimits, SheetReader
from tdkt.lib.safezip import MB, ZipLimits
from tdkt.lib.uploads import SniffedUpload, UploadError, csv_rows

HEADER_SEARCH_ROWS = 10
MAX_ROWS = 200_000
# What is read of a history file at most: the rows above plus a title block and empty or formatted rows, some
# thirty columns filled, and an unpacked size that a 200,000-row sheet with its shared strings needs.
HISTORY_LIMITS = SheetLimits(
    max_rows=MAX_ROWS + 10_000, max_columns=100, max_cells=5_000_000,
    zip=ZipLimits(max_total_bytes=600 * MB, max_xml_part_bytes=96 * MB, streamed_prefixes=("xl/worksheets/",)))
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


def _open_sheet(upload: SniffedUpload) -> tuple[SheetReader, object]:
    try:
        reader = SheetReader(upload.data, name=upload.name, limits=HISTORY_LIMITS, formulas="text")
    except SheetLimitError as exc:
        raise ImportFileError(exc.message) from exc
    return reader, reader.worksheets[0]


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


def _xlsx_top_rows(reader: SheetReader, sheet, last: int = HEADER_SEARCH_ROWS) -> list[tuple[int, list[str]]]:
    top = []
    for number, values in reader.rows(sheet, last_row=last):
        cells = _texts(values)
        if any(cells):
            top.append((number, cells))
    return top


def _csv_rows(upload: SniffedUpload) -> Iterator[tuple[int, list[str]]]:
    rows = csv_rows(upload.data, name=upload.name, max_rows=HISTORY_LIMITS.max_rows,
                    max_columns=HISTORY_LIMITS.max_columns)
    for number, cells in enumerate(rows, 1):
        yield number, [cell_text(cell) for cell in cells]


def _inspect_csv(upload: SniffedUpload) -> tuple[int, list[str], int]:
    top, filled = [], 0
    for number, cells in _csv_rows(upload):
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
        reader, sheet = _open_sheet(upload)
        try:
            formula, merged, xml_rows = _scan_sheet_xml(reader.book, sheet)
            if formula:
                raise ImportFileError(formula_message(formula))
            header_row, header = _header_of(_xlsx_top_rows(reader, sheet))
            problem = _merged_problem(merged, header_row)
            if problem:
                raise ImportFileError(problem)
            # An estimate (empty rows, a title block); the exact count is taken when the rows are checked.
            if xml_rows:
                total = xml_rows - len(_xlsx_top_rows(reader, sheet, header_row))
            else:
                total = sum(1 for _row in iter_data_rows(upload, header_row))
        except SheetLimitError as exc:
            raise ImportFileError(exc.message) from exc
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise _unreadable() from exc
        finally:
            reader.close()
    else:
        try:
            header_row, header, total = _inspect_csv(upload)
        except UploadError as exc:
            raise ImportFileError(str(exc)) from exc
    if total <= 0:
        raise ImportFileError(_("The file has no data rows under the header."))
    if total > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
    return FileInfo(header_row=header_row, header=header, total_rows=total)


def iter_data_rows(upload: SniffedUpload, header_row: int) -> Iterator[tuple[int, list[str]]]:
    """(row number, cell texts) of every non-empty row below the header, streamed."""
    if upload.kind == "xlsx":
        reader, sheet = _open_sheet(upload)
        try:
            for number, values in reader.rows(sheet):  # the declared <dimension> is never read
                if number > header_row:
                    cells = _texts(values)
                    if any(cells):
                        yield number, cells
        except SheetLimitError as exc:
            raise ImportFileError(exc.message) from exc
        finally:
            reader.close()
    else:
        for number, cells in _csv_rows(upload):
            if number > header_row and any(cells):
                yield number, cells
