"""The form as a PDF in the official layout: fpdf2 (as the certificates and the decisions' reading copies)
with the bundled Liberation Serif, embedded, so Vietnamese prints on any machine."""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from tdkt.lib.fonts import SERIF
from tdkt.reports.statistics import layout
from tdkt.reports.statistics.compute import FormResult

PDF_TYPE = "application/pdf"


def render_form(result: FormResult) -> bytes:
    columns = result.definition.columns
    landscape = len(columns) > 5
    pdf = FPDF(orientation="L" if landscape else "P", format="A4")
    pdf.set_margins(15, 12, 12)
    pdf.set_auto_page_break(True, margin=15)
    for style, path in SERIF.items():
        pdf.add_font("Serif", style, str(path))
    pdf.add_page()
    for line in layout.header_lines(result):
        style = {"left": "B", "title": "B", "italic": "I"}.get(line.kind, "")
        pdf.set_font("Serif", style, 14 if line.kind == "title" else 11)
        align = "C" if line.kind in ("title", "centre") else "L"
        pdf.multi_cell(0, 6, line.text, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    width = pdf.epw
    numbers = len(columns)
    label_width = width * (0.34 if landscape else 0.5)
    code_width = 12
    number_width = (width - label_width - code_width) / numbers
    widths = (label_width, code_width, *[number_width] * numbers)
    pdf.set_font("Serif", "", 9 if landscape else 10)
    top, below = layout.table_head(result)
    head_style = FontFace(emphasis="BOLD")
    with pdf.table(col_widths=widths, text_align="CENTER", first_row_as_headings=False, line_height=5) as table:
        header = table.row()
        column = 0
        for text, span in top:
            merged_down = span == 1 and below[column] is None
            header.cell(text, colspan=span, rowspan=2 if merged_down else 1, style=head_style)
            column += span
        second = table.row()
        for text in below:
            if text is not None:
                second.cell(text, style=head_style)
        letters = table.row()
        for text in layout.letters_row(result):
            letters.cell(text, style=FontFace(emphasis="ITALICS"))
        for values, heading in layout.body_rows(result):
            row = table.row()
            style = FontFace(emphasis="BOLD") if heading else None
            row.cell(values[0], align="LEFT", style=style)
            row.cell(values[1], style=style)
            for value in values[2:]:
                row.cell(str(value), align="RIGHT", style=style)
    pdf.ln(6)
    pdf.set_font("Serif", "I", 11)
    half = width / 2
    pdf.cell(half, 6, "")
    pdf.cell(half, 6, layout.DATE_LINE, align="C", new_x="LMARGIN", new_y="NEXT")
    for index, style in ((0, "B"), (1, "I")):
        pdf.set_font("Serif", style, 11)
        pdf.cell(half, 6, layout.SIGNATURES[0][index], align="C")
        pdf.cell(half, 6, layout.SIGNATURES[1][index], align="C", new_x="LMARGIN", new_y="NEXT")
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()

