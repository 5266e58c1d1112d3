"""The importer's entry points: a file (or bytes, or a read document) in, a `PlanImport` out.

`import_plan_file(path)` reads the file with tdkt.lib.docparse, finds the header and the task table,
and returns the header, the tasks and the warnings. It raises a `PlanImportError` subclass when the
file cannot be imported at all (unreadable, year unknown — or a text that lost its diacritics, which says
so —, ambiguous merged cells): then nothing is returned, so nothing can be half-imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tdkt.lib.docheader import LOST_DIACRITICS_MESSAGE
from tdkt.lib.docparse import Document, DocumentError, read_bytes, read_document

from .assemble import TableReading, build_tasks
from .errors import UnreadableDocumentError, YearNotFoundError
from .flat import FlatTableReader
from .header import read_header
from .result import PlanImport, Warning, sorted_warnings
from .rows import Row, document_rows, flat_header_roles, header_roles
from .table import CellTableReader

NO_TABLE_MESSAGE = ("Văn bản không có bảng nhiệm vụ (bảng có cột «Nội dung» và cột đơn vị thực hiện hoặc thời gian): "
                    "không nhập nhiệm vụ nào.")


def import_plan_file(path: str | Path, unit_names: Iterable[str] = ()) -> PlanImport:
    try:
        document = read_document(path)
    except DocumentError as error:
        raise UnreadableDocumentError(error.message) from error
    return parse_plan(document, unit_names)


def import_plan_bytes(data: bytes, name: str, unit_names: Iterable[str] = ()) -> PlanImport:
    try:
        document = read_bytes(data, name)
    except DocumentError as error:
        raise UnreadableDocumentError(error.message) from error
    return parse_plan(document, unit_names)


def parse_plan(document: Document, unit_names: Iterable[str] = ()) -> PlanImport:
    """Header, tasks and warnings of a document already read; `unit_names` are registry names
    (and short names) that must never be split ("Sở Văn hóa, Thể thao và Du lịch")."""
    names = tuple(name for name in unit_names if name)
    rows = document_rows(document)
    header_reading = read_header(rows)
    header = header_reading.header
    # A plan copied from a web page: its tasks are between the page's navigation and its footer.
    rows = rows[header_reading.start_index:header_reading.end_index]
    if header.year is None and header_reading.lost_diacritics:
        raise YearNotFoundError(LOST_DIACRITICS_MESSAGE)
    if header.year is None:
        raise YearNotFoundError(
            "Không xác định được năm của kế hoạch: không thấy «năm …» trong trích yếu, ngày ban hành hay phụ lục. "
            "Hãy ghi năm vào tên kế hoạch hoặc ngày ban hành rồi nhập lại."
        )
    warnings: list[Warning] = list(header_reading.warnings)
    table = read_task_table(rows, names)
    if table is None:
        warnings.append(Warning(None, NO_TABLE_MESSAGE))
        return PlanImport(header, [], sorted_warnings(warnings))
    tasks, task_warnings = build_tasks(table, header.year, names)
    warnings += table.warnings + task_warnings
    if not tasks:
        warnings.append(Warning(None, "Bảng nhiệm vụ không có dòng nhiệm vụ nào đọc được."))
    return PlanImport(header, tasks, sorted_warnings(warnings))


def read_task_table(rows: list[Row], unit_names: tuple[str, ...]) -> TableReading | None:
    """The first task table: a header row with cells, or a header flattened onto one line."""
    for index, row in enumerate(rows):
        if row.in_table and header_roles(row):
            return CellTableReader(rows, index).read()
        if not row.in_table and flat_header_roles(row.text):
            return FlatTableReader(rows, index, unit_names).read()
    return None
