"""The Decree-30 layout of tdkt.lib.nd30 drawn directly as a PDF (fpdf2), without LibreOffice.

Framework-free, the twin of the Word builder: the same Heading, page set-up and typography
(shared/domain/document-format.md), so a document built from the same data looks the same in both:

    pdf = new_pdf()
    heading_block(pdf, nd30.Heading(issuer="Ủy ban nhân dân tỉnh Lào Cai", doc_type="QUYẾT ĐỊNH", …))
    paragraph(pdf, "Căn cứ …;", first_line_mm=10)
    paragraph(pdf, [("Điều 1. ", "B"), ("Tặng …", "")], first_line_mm=10)
    signature_block(pdf, recipients=[…], signature=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], signer_name="…")
    new_page(pdf); table(pdf, ["TT", "Họ và tên"], [12, 150], rows)
    data = to_bytes(pdf)

Page set-up: A4 portrait, margins 20/20/30/15 mm (nd30.MARGINS_MM); the page number in Arabic numerals,
14 pt, centred in the top margin from page 2 on, none on page 1. Font: the bundled Liberation Serif,
embedded — metric-compatible with Times New Roman (the Decree's font, which Debian does not ship), so
lines break where Word breaks them with Times New Roman and Vietnamese prints on any machine.

What a paginating word processor does by itself is done here on purpose: the two header columns and the
two signature columns start at the same height; the signature block is never split (it moves whole to
the next page); `keep_room` moves a heading to the next page rather than leave it alone at the foot of
one; a table's header row is repeated on every page it runs onto (fpdf2's repeat_headings)."""

from __future__ import annotations

import datetime
import io

from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from tdkt.lib import nd30
from tdkt.lib.fonts import SERIF

FAMILY = "Serif"
MM_PER_PT = 25.4 / 72
LINE = 1.2  # line height as a multiple of the font size: single spacing (the Decree allows up to 1.5)
PAGE_NUMBER_PT = 14
PAGE_NUMBER_Y_MM = 9  # top of the number's line, inside the 20 mm top margin
ISSUER_RULE_FRACTION = 1 / 2.5  # of the left box (nd30._rule: LEFT_BOX_MM / 2.5)
TITLE_RULE_MM = 40  # the short rule under box 5a (nd30.add_heading_block)
ALIGN = {"left": "L", "center": "C", "right": "R", "justify": "J"}


def pt(points: float) -> float:
    """Points to millimetres (the unit of the page)."""
    return points * MM_PER_PT


def line_mm(size: float) -> float:
    return pt(size) * LINE


class Nd30Pdf(FPDF):
    """A4 with the Decree-30 margins; header() prints the page number from page 2 on."""

    def __init__(self):
        super().__init__(orientation="P", unit="mm", format="A4")
        margins = nd30.MARGINS_MM
        self.set_margins(margins["left"], margins["top"], margins["right"])
        self.set_auto_page_break(True, margin=margins["bottom"])
        for style, path in SERIF.items():
            self.add_font(FAMILY, style, str(path))
        self.set_font(FAMILY, "", nd30.BODY_PT)
        self.set_lang("vi")

    def header(self):
        if self.page_no() < 2:
            return
        self.set_font(FAMILY, "", PAGE_NUMBER_PT)
        self.set_xy(self.l_margin, PAGE_NUMBER_Y_MM)
        self.cell(self.epw, line_mm(PAGE_NUMBER_PT), str(self.page_no()), align="C")
        self.set_xy(self.l_margin, self.t_margin)


def new_pdf(*, title: str = "", created: datetime.datetime | None = None) -> Nd30Pdf:
    """An empty document with its first page. `created` fixes the creation date (the same data gives the
    same bytes); without it fpdf2 stamps the present time."""
    pdf = Nd30Pdf()
    if title:
        pdf.set_title(title)
    if created is not None:
        pdf.set_creation_date(created)
    pdf.add_page()
    return pdf


def to_bytes(pdf: FPDF) -> bytes:
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def new_page(pdf: FPDF) -> None:
    pdf.add_page()


def room_left(pdf: FPDF) -> float:
    return pdf.page_break_trigger - pdf.get_y()


def keep_room(pdf: FPDF, height: float) -> None:
    """A new page unless `height` mm still fit on this one (a heading with its first line, a block)."""
    if height > room_left(pdf) and pdf.get_y() > pdf.t_margin + 0.5:
        pdf.add_page()


def text_height(pdf: FPDF, text: str, width: float, *, size: float, style: str = "",
                first_line_mm: float = 0) -> float:
    """The height of `text` set in `width` mm (an upper bound when the first line is indented: every line
    is measured at the indented width)."""
    pdf.set_font(FAMILY, style, size)
    lines = pdf.multi_cell(width - first_line_mm, line_mm(size), text, dry_run=True, output="LINES")
    return len(lines) * line_mm(size)


def _centred_lines(pdf: FPDF, x: float, width: float, texts, *, size: float, style: str = "") -> float:
    """Each text centred in the box [x, x+width] from the current y, wrapped; returns the new y."""
    pdf.set_font(FAMILY, style, size)
    for text in texts:
        pdf.set_x(x)
        pdf.multi_cell(width, line_mm(size), text, align="C", new_x="LEFT", new_y="NEXT")
    return pdf.get_y()


def _rule(pdf: FPDF, centre_x: float, y: float, length: float) -> None:
    """A solid line object (the Decree: drawn, not an underline), 0.3 mm thick."""
    pdf.set_line_width(0.3)
    pdf.line(centre_x - length / 2, y, centre_x + length / 2, y)


def heading_block(pdf: FPDF, heading: nd30.Heading, *, year: int | None = None) -> dict[str, tuple[float, float]]:
    """Boxes 1–4 side by side (issuer and number left, national title, motto, place and date right), then box
    5a (type and title) centred. Returns the boxes' top y and height in mm, for whoever wants to check them."""
    left_x, left_w = pdf.l_margin, nd30.LEFT_BOX_MM
    right_x, right_w = left_x + left_w, pdf.epw - nd30.LEFT_BOX_MM
    top = pdf.get_y()
    pdf.set_xy(left_x, top)
    if heading.parent:
        _centred_lines(pdf, left_x, left_w, [heading.parent.upper()], size=13)
    left_end = _centred_lines(pdf, left_x, left_w, nd30.issuer_lines(heading.issuer), size=13, style="B")
    _rule(pdf, left_x + left_w / 2, left_end + 1, left_w * ISSUER_RULE_FRACTION)
    pdf.set_xy(right_x, top)
    _centred_lines(pdf, right_x, right_w, [nd30.NATIONAL_TITLE], size=13, style="B")
    right_end = _centred_lines(pdf, right_x, right_w, [nd30.MOTTO], size=14, style="B")
    pdf.set_font(FAMILY, "B", 14)
    _rule(pdf, right_x + right_w / 2, right_end + 1, pdf.get_string_width(nd30.MOTTO))
    second = max(left_end, right_end) + 4
    pdf.set_xy(left_x, second)
    number_end = _centred_lines(pdf, left_x, left_w, [nd30.number_line(heading.number, heading.symbol)], size=13)
    pdf.set_xy(right_x, second)
    date_end = _centred_lines(pdf, right_x, right_w, [nd30.date_line(heading.place, heading.date, year)],
                              size=14, style="I")
    pdf.set_xy(left_x, max(number_end, date_end) + pt(12))
    boxes = {"issuer": (top, left_end - top), "national": (top, right_end - top),
             "number": (second, number_end - second), "date": (second, date_end - second)}
    paragraph(pdf, heading.doc_type.upper(), style="B", align="center", space_after=0)
    if heading.title:
        paragraph(pdf, heading.title, style="B", align="center", space_after=0)
        _rule(pdf, pdf.l_margin + pdf.epw / 2, pdf.get_y() + 1.5, TITLE_RULE_MM)
        pdf.set_y(pdf.get_y() + 1.5 + pt(12))
    return boxes


def paragraph(pdf: FPDF, text, *, size: float = nd30.BODY_PT, style: str = "", align: str = "justify",
              first_line_mm: float = 0, space_before: float = 0, space_after: float = 6) -> None:
    """One paragraph; `text` is a string or runs [(text, style)] ("Điều 1. " bold, then the article).
    Spaces are in points, as in nd30.add_paragraph; the page breaks inside the paragraph where needed."""
    paragraphs(pdf, [text], size=size, style=style, align=align, first_line_mm=first_line_mm,
               space_before=space_before, space_after=space_after)


def paragraphs(pdf: FPDF, texts, *, size: float = nd30.BODY_PT, style: str = "", align: str = "justify",
               first_line_mm: float = 0, space_before: float = 0, space_after: float = 6) -> None:
    """Paragraphs sharing one style, set in one text region (fast for an annex of thousands of lines)."""
    pdf.set_font(FAMILY, style, size)
    with pdf.text_columns(text_align=ALIGN[align], line_height=LINE) as region:
        for text in texts:
            runs = [(text, style)] if isinstance(text, str) else text
            with region.paragraph(first_line_indent=first_line_mm, top_margin=pt(space_before),
                                  bottom_margin=pt(space_after)) as par:
                for run_text, run_style in runs:
                    pdf.set_font(FAMILY, run_style, size)
                    par.write(run_text or " ")
    pdf.set_font(FAMILY, style, size)


def signature_block(pdf: FPDF, *, recipients: list[str], signature: list[str], signer_name: str,
                    signed: bool | None = None) -> dict[str, tuple[float, float]]:
    """"Nơi nhận" (left half: 12 pt bold italic, recipients 11 pt) beside the signature block (right half:
    the authority's lines in capitals, room for the signature, the signer's name), both from the same
    height, never split across pages. `signed` as nd30.signature_block: "(Đã ký)", a blank line, or none.
    Returns each column's top y and height in mm (on the page where the block lands)."""
    half = pdf.epw / 2
    left_x, right_x = pdf.l_margin, pdf.l_margin + half
    left_h = line_mm(12) + sum(text_height(pdf, text, half, size=11) for text in recipients)
    right_lines = [text.upper() for text in signature or [""]]
    right_h = (sum(text_height(pdf, text, half, size=14, style="B") for text in right_lines)
               + 3 * line_mm(14) + (line_mm(14) if signed is not None else 0) + line_mm(14))
    keep_room(pdf, max(left_h, right_h))
    top = pdf.get_y()
    pdf.set_xy(left_x, top)
    pdf.set_font(FAMILY, "BI", 12)
    pdf.multi_cell(half, line_mm(12), "Nơi nhận:", align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_font(FAMILY, "", 11)
    for text in recipients:
        pdf.multi_cell(half, line_mm(11), text, align="L", new_x="LEFT", new_y="NEXT")
    left_end = pdf.get_y()
    pdf.set_xy(right_x, top)
    _centred_lines(pdf, right_x, half, right_lines, size=14, style="B")
    pdf.set_y(pdf.get_y() + 3 * line_mm(14))
    if signed is not None:
        pdf.set_x(right_x)
        _centred_lines(pdf, right_x, half, ["(Đã ký)" if signed else " "], size=14, style="I")
    right_end = _centred_lines(pdf, right_x, half, [signer_name or " "], size=14, style="B")
    pdf.set_xy(pdf.l_margin, max(left_end, right_end))
    return {"recipients": (top, left_end - top), "signature": (top, right_end - top)}


def table(pdf: FPDF, header: list[str], widths_mm: list[float], rows, *, size: float = nd30.TABLE_PT) -> None:
    """A bordered table as nd30.add_table: the header row bold and centred, repeated on every page; a
    `nd30.SectionRow` bold, its text spanning all columns but the first; the first column centred, the
    second justified, the others left (nd30._RowPrototypes._align). Centred in the text area (fpdf2's own
    centring is on the page, which the wider left margin would shift)."""
    margin = pdf.l_margin
    pdf.set_left_margin(margin + max(0.0, (pdf.epw - sum(widths_mm)) / 2))
    try:
        _table(pdf, header, widths_mm, rows, size)
    finally:
        pdf.set_left_margin(margin)


def _table(pdf: FPDF, header: list[str], widths_mm: list[float], rows, size: float) -> None:
    pdf.set_font(FAMILY, "", size)
    columns = len(header)
    aligns = ["CENTER", "JUSTIFY", *["LEFT"] * (columns - 2)][:columns]
    bold = FontFace(emphasis="BOLD")
    with pdf.table(width=sum(widths_mm), col_widths=widths_mm, line_height=line_mm(size), repeat_headings=1, align="LEFT",
                   headings_style=bold, text_align=aligns, padding=(0.8, 1.2), v_align="TOP",
                   cell_fill_mode=TableCellFillMode.NONE) as grid:
        head = grid.row()
        for label in header:
            head.cell(label, align="CENTER")
        for row in rows:
            line = grid.row()
            if isinstance(row, nd30.SectionRow):
                line.cell(row.label, style=bold, align="CENTER")
                line.cell(row.text, style=bold, align="LEFT", colspan=columns - 1)
                continue
            texts = tuple(row)
            if len(texts) != columns:
                raise ValueError(f"a row of {len(texts)} cells in a table of {columns} columns")
            for text, align in zip(texts, aligns, strict=True):
                line.cell(text or "", align=align)
