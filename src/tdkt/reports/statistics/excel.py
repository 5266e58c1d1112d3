"""The form as an Excel file in the official layout (tdkt.lib.sheets.SheetWriter: values only, no formula)."""

from __future__ import annotations

from typing import IO

from tdkt.lib.sheets import SheetWriter
from tdkt.reports.statistics import layout
from tdkt.reports.statistics.compute import FormResult


def write_form(result: FormResult, target: IO[bytes]) -> None:
    columns = len(result.definition.columns) + 2
    with SheetWriter(target, font_size=12) as book:
        sheet = book.sheet(result.definition.number, widths=[56, 8, *[12] * (columns - 2)],
                           landscape=columns > 7)
        styles = {"left": book.style(bold=True, wrap=False), "small": book.style(wrap=False),
                  "title": book.style(bold=True, size=14, align="center"), "centre": book.style(align="center"),
                  "italic": book.style(italic=True, wrap=False)}
        for line in layout.header_lines(result):
            if line.kind in ("title", "centre"):
                sheet.title_row(line.text, styles[line.kind])
            else:
                sheet.row([line.text], styles[line.kind])
        sheet.blank_row()
        head = book.style(bold=True, border=1, align="center", valign="vcenter")
        top, below = layout.table_head(result)
        sheet.header(top, below, style=head)
        sheet.row(layout.letters_row(result), book.style(italic=True, border=1, align="center"), height=None)
        body = book.style(border=1)
        bold = book.style(border=1, bold=True)
        number = book.style(border=1, align="right")
        bold_number = book.style(border=1, align="right", bold=True)
        for values, heading in layout.body_rows(result):
            sheet.row(values, styles=[bold if heading else body, book.style(border=1, align="center"),
                                      *[bold_number if heading else number] * (columns - 2)])
        sheet.blank_row()
        centre_bold = book.style(bold=True, align="center")
        centre_italic = book.style(italic=True, align="center")
        last = columns - 1
        sheet.row(["", *[""] * (last - 1), layout.DATE_LINE], styles=[None] * last + [centre_italic])
        (left_title, left_note), (right_title, right_note) = layout.SIGNATURES
        sheet.row([left_title, *[""] * (last - 1), right_title], styles=[centre_bold] + [None] * (last - 1)
                  + [centre_bold])
        sheet.row([left_note, *[""] * (last - 1), right_note], styles=[centre_italic] + [None] * (last - 1)
                  + [centre_italic])
