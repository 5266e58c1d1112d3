"""The official layout shared by the Excel and the PDF form: the header block (form number top-left, the
circular, the receipt date, the title and period, the reporting and receiving units, the status), the table
head (merged column groups, then the row of column letters and numbers) and the signature blocks."""

from __future__ import annotations

from dataclasses import dataclass

from tdkt.orgs.enums import UnitKind
from tdkt.orgs.models import Unit
from tdkt.reports.statistics.compute import FormResult

INDENT = "    "


@dataclass(frozen=True)
class HeaderLine:
    text: str
    kind: str  # "left" (bold, top-left), "title", "centre", "italic"


def reporting_unit_name(unit) -> str:
    """The unit's name, or for the province its People's Committee (the root of the unit tree)."""
    if unit is not None:
        return unit.name

    root = Unit.objects.filter(parent__isnull=True, kind=UnitKind.PEOPLES_COMMITTEE).order_by("pk").first()
    return root.name if root else "Ủy ban nhân dân tỉnh"


def receipt_date(result: FormResult) -> str:
    return f"{result.definition.circular.receipt_day}/{result.period.end.year}"


def header_lines(result: FormResult) -> list[HeaderLine]:
    definition, circular = result.definition, result.definition.circular
    return [
        HeaderLine(f"Biểu số: {definition.code}", "left"),
        HeaderLine(f"Ban hành kèm theo {circular.title}", "small"),
        HeaderLine(f"Ngày nhận báo cáo: {receipt_date(result)}", "small"),
        HeaderLine(definition.title.upper(), "title"),
        HeaderLine(f"Năm {result.year} (từ ngày {result.period.start:%d/%m/%Y} đến ngày {result.period.end:%d/%m/%Y})",
                   "centre"),
        HeaderLine(f"Đơn vị báo cáo: {reporting_unit_name(result.unit)}", "small"),
        HeaderLine(f"Đơn vị nhận báo cáo: {circular.receiving_unit}", "small"),
        HeaderLine(circular.status, "italic"),
        HeaderLine(f"Đơn vị tính: {definition.unit_of_count}", "small"),
    ]


def table_head(result: FormResult) -> tuple[list, list]:
    """Two header levels for SheetWriter.header: a column group spans its columns over their labels; a column
    without a group is merged down over both levels."""
    top: list = [("Chỉ tiêu", 1), ("Mã số", 1)]
    below: list = [None, None]
    columns = result.definition.columns
    index = 0
    while index < len(columns):
        column = columns[index]
        if column.group:
            span = 1
            while index + span < len(columns) and columns[index + span].group == column.group:
                span += 1
            top.append((column.group, span))
            below.extend(c.label.split(" — ")[-1] for c in columns[index:index + span])
            index += span
        else:
            top.append((column.label, 1))
            below.append(None)
            index += 1
    return top, below


def letters_row(result: FormResult) -> list[str]:
    return ["A", "B", *[column.number for column in result.definition.columns]]


def body_rows(result: FormResult) -> list[tuple[list, bool]]:
    """([label, code, counts…], is_heading) for each row of the form."""
    rows = []
    for row, cells in result.table():
        label = INDENT * row.indent + row.label
        rows.append(([label, row.code, *[("" if count is None else count) for _column, count in cells]],
                     row.filter is None or row.indent == 0))
    return rows


SIGNATURES = (("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"),
              ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu, ghi rõ họ tên)"))
DATE_LINE = "…, ngày … tháng … năm …"
