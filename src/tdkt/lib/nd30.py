"""Word documents in the layout of Decree 30/2020/NĐ-CP (shared/domain/document-format.md).

Framework-free (python-docx only). The pieces a TĐKT document is made of:

    document = new_document()
    add_heading_block(document, Heading(issuer="Ủy ban nhân dân tỉnh Lào Cai", number="05/KH-UBND",
                                        place="Lào Cai", date=date(2026, 1, 5), doc_type="KẾ HOẠCH",
                                        title="Công tác thi đua, khen thưởng năm 2026"))
    add_table(document, ["TT", "Nội dung"], [12, 150], [SectionRow("QUÝ I"), ["1", "…"]])
    add_paragraphs(document, ["1. …", "2. …"], first_line_mm=10)  # many paragraphs of one style, fast
    data = to_bytes(document)

Page set-up: A4 portrait, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New Roman
throughout (body 14 pt, tables 13 pt); page numbers centred in the top margin from page 2 on. The
header block is a borderless two-column table: box 2 (issuer, with a short rule under it) and box 3
(number) on the left, box 1 (national title and motto, with a rule as long as the motto) and box 4
(place and date, italic) on the right; then box 5a (document type and title, centred, bold).
"""

from __future__ import annotations

import copy
import datetime
import io
import os
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
LEFT_BOX_MM = 62  # boxes 2 and 3; the rest of the text width holds boxes 1 and 4
TODO_PREFIX = "[Chuyên viên bổ sung: "  # every place for a report's narrative starts with it (tests and users find them)


@dataclass(frozen=True)
class Heading:
    issuer: str
    place: str = ""
    date: datetime.date | None = None
    number: str | None = None  # "05/KH-UBND"; None or "" leaves the number blank for the registry
    symbol: str = "KH-UBND"  # used when the number is blank: "Số:      /KH-UBND"
    parent: str | None = None  # the parent agency (tên cơ quan chủ quản), above the issuer
    doc_type: str = "KẾ HOẠCH"
    title: str = ""


@dataclass(frozen=True)
class SectionRow:
    """A row merged across the table (a quarter heading): bold, left-aligned."""

    text: str
    label: str = ""  # written in the first column ("I", "II"); the text spans the others


def date_line(place: str, day: datetime.date | None, year: int | None = None) -> str:
    """"Lào Cai, ngày 05 tháng 01 năm 2026": days below 10 and months 1–2 get a leading zero.

    Without a day (a draft), the blanks stay for the registry to fill: "Lào Cai, ngày    tháng    năm 2026"."""
    prefix = f"{place}, " if place else ""
    if day is None:
        return f"{prefix}ngày     tháng     năm {year or ''}".rstrip()
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{prefix}ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(number: str | None, symbol: str = "KH-UBND") -> str:
    """"Số: 05/KH-UBND"; a number below 10 gets a leading zero; blank: "Số:      /KH-UBND"."""
    if not number:
        return f"Số:      /{symbol}"
    head, slash, rest = number.partition("/")
    if head.isdigit() and len(head) == 1:
        head = f"0{head}"
    return f"Số: {head}{slash}{rest}"


def issuer_lines(issuer: str) -> list[str]:
    """The issuer in capitals, broken after the body's name: ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"]."""
    upper = issuer.upper().replace("UỶ", "ỦY").strip()
    for body in ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                 "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG", "VĂN PHÒNG"):
        if upper.startswith(body + " ") and len(upper) > len(body) + 1:
            return [body, upper[len(body) + 1:]]
    return [upper]


_TC, _P, _R, _T = qn("w:tc"), qn("w:p"), qn("w:r"), qn("w:t")
_XML_SPACE = qn("xml:space")
_RUN_SPECIAL = frozenset("\t\r\n")  # python-docx turns these into w:tab / w:br elements


def _fill_run(r, text) -> None:
    """What `paragraph.add_run(text)` puts in the run, fast for plain text."""
    if not text:
        return
    if not isinstance(text, str) or not _RUN_SPECIAL.isdisjoint(text):
        r.text = text  # python-docx's own conversion (tabs, breaks)
        return
    t = etree.SubElement(r, _T)
    t.text = text
    if text[0].isspace() or text[-1].isspace():
        t.set(_XML_SPACE, "preserve")


# --- document and paragraphs ---------------------------------------------------------------------


def _set_run_font(run, size: float | None = None, *, bold=None, italic=None) -> None:
    run.font.name = FONT
    properties = run._element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic


def new_document(*, landscape: bool = False):
    """An empty A4 document with Decree-30 margins and Times New Roman 14 pt as the Normal style."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    section = document.sections[0]
    width, height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    _page_numbers(section)
    return document


def text_width_mm(document) -> float:
    section = document.sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / Mm(1)


def add_paragraph(container, text: str = "", *, size: float = BODY_PT, bold=False, italic=False,
                  align: str = "justify", first_line_mm: float = 0, space_after: float = 6,
                  space_before: float = 0):
    """A paragraph in Times New Roman; `align` is left, center, right or justify."""
    paragraph = container.add_paragraph()
    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(space_before)
    if first_line_mm:
        paragraph.paragraph_format.first_line_indent = Mm(first_line_mm)
    if text:
        _set_run_font(paragraph.add_run(text), size, bold=bold, italic=italic)
    return paragraph


def add_paragraphs(container, texts, **style) -> None:
    """Paragraphs sharing one style (the keywords of `add_paragraph`), with the XML that many `add_paragraph`
    calls write, but fast: one empty paragraph is formatted by python-docx and copied for each text."""
    scratch = add_paragraph(container, "x", **style)._p  # a run, to copy its fonts; removed at the end
    empty_run = scratch.find(_R)
    scratch.remove(empty_run)
    for child in empty_run.findall(_T):
        empty_run.remove(child)
    previous = scratch
    for text in texts:
        paragraph = copy.deepcopy(scratch)
        if text:
            run = copy.deepcopy(empty_run)
            _fill_run(run, text)
            paragraph.append(run)
        previous.addnext(paragraph)
        previous = paragraph
    scratch.getparent().remove(scratch)


# The paragraphs of a report (báo cáo): body text, numbered section headings, places for the narrative.

def add_body(document, text: str):
    """A body paragraph of a report: justified, first line indented 10 mm."""
    return add_paragraph(document, text, first_line_mm=10)


def add_section(document, text: str) -> None:
    """A report's section heading ("I. KẾT QUẢ …"): bold, flush left, space above."""
    add_paragraph(document, text, bold=True, align="left", space_before=12)


def add_todo(document, what: str) -> None:
    """A place for the narrative the specialist writes: in brackets, italic, highlighted, so it cannot be missed
    or sent as is."""
    paragraph = add_paragraph(document, f"{TODO_PREFIX}{what}]", italic=True, first_line_mm=10)
    for run in paragraph.runs:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def vn_count(n: int) -> str:
    """A count with the Vietnamese thousands separator: 1.000."""
    return f"{n:,}".replace(",", ".")


def _rule(cell, width_mm: float, cell_width_mm: float) -> None:
    """A solid line under the previous paragraph: an empty paragraph with a top border, indented so
    that it is `width_mm` long and centred in the cell (a line object, not an underline)."""
    paragraph = cell.add_paragraph()
    side = max(0.0, (cell_width_mm - width_mm) / 2)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(3)
    paragraph.paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def _cell_paragraph(cell, text: str, *, size: float, bold=False, italic=False, align="center", first=False):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    _set_run_font(paragraph.add_run(text), size, bold=bold, italic=italic)
    return paragraph


def _no_borders(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _set_row_widths(row, widths_mm: list[float]) -> None:
    # A merged cell is visited once per grid column it spans, so it ends with the width of the last one.
    for cell, width in zip(row.cells, widths_mm, strict=False):
        cell.width = Mm(width)


def _set_widths(table, widths_mm: list[float], rows=None) -> None:
    """Fixed layout, the grid and the cells' widths (of `rows`, by default all of them)."""
    table.autofit = False
    for row in table.rows if rows is None else rows:
        _set_row_widths(row, widths_mm)
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        column.set(qn("w:w"), str(int(Mm(width).twips)))


def add_heading_block(document, heading: Heading, *, year: int | None = None) -> None:
    """Boxes 1–4 (two columns) and box 5a (document type and title) of page 1."""
    width = text_width_mm(document)
    right = width - LEFT_BOX_MM
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _set_widths(table, [LEFT_BOX_MM, right])
    left_top, right_top = table.rows[0].cells
    first = True
    if heading.parent:
        _cell_paragraph(left_top, heading.parent.upper(), size=13, first=True)
        first = False
    for line in issuer_lines(heading.issuer):
        _cell_paragraph(left_top, line, size=13, bold=True, first=first)
        first = False
    _rule(left_top, LEFT_BOX_MM / 2.5, LEFT_BOX_MM)
    _cell_paragraph(right_top, NATIONAL_TITLE, size=13, bold=True, first=True)
    _cell_paragraph(right_top, MOTTO, size=14, bold=True)
    _rule(right_top, 68, right)
    left_bottom, right_bottom = table.rows[1].cells
    _cell_paragraph(left_bottom, number_line(heading.number, heading.symbol), size=13, first=True)
    _cell_paragraph(right_bottom, date_line(heading.place, heading.date, year), size=14, italic=True, first=True)
    add_paragraph(document, "", space_after=6)
    add_paragraph(document, heading.doc_type.upper(), bold=True, align="center", space_after=0, space_before=6)
    if heading.title:
        add_paragraph(document, heading.title, bold=True, align="center", space_after=0)
        paragraph = add_paragraph(document, "", space_after=12)
        _paragraph_rule(paragraph, width, 40)


def _paragraph_rule(paragraph, text_width: float, length_mm: float) -> None:
    side = max(0.0, (text_width - length_mm) / 2)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    paragraph.paragraph_format.line_spacing = Pt(4)
    paragraph.paragraph_format.space_before = Pt(4)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def add_table(document, header: list[str], widths_mm: list[float], rows: list, *, size: float = TABLE_PT):
    """A bordered table; the header row is bold, centred and repeated on every page. A `SectionRow`
    is merged across all columns but the first.

    Speed: python-docx costs about 10 ms a row (add_row, then a paragraph, a run and fonts per cell), too
    slow for annexes of thousands of lines. So the first row of each kind is built the python-docx way
    (`_RowPrototypes`) and every row is a deep copy of its XML with only the text filled in; the XML is
    the same as cell by cell (pinned by tests/lib/test_nd30.py: golden file and the former builder)."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        _cell_paragraph(cell, label, size=size, bold=True, first=True)
    header_properties = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    prototypes = _RowPrototypes(table, widths_mm, size)
    body = table._tbl
    for row in rows:
        body.append(prototypes.section_row(row) if isinstance(row, SectionRow) else prototypes.row(row))
    _set_widths(table, widths_mm, rows=[table.rows[0]])
    return table


class _RowPrototypes:
    """One empty row of each kind (normal, section), built once with python-docx exactly as the cell-by-cell
    builder did (add_row, _cell_paragraph, merge, widths), then detached and copied for every row."""

    def __init__(self, table, widths_mm: list[float], size: float):
        self.table, self.widths_mm, self.size = table, widths_mm, size
        self.columns = len(table._tbl.tblGrid.findall(qn("w:gridCol")))
        self._row = self._section = None
        self._paragraphs: list = []  # per column: an empty line paragraph, for the second line on

    def _built(self, fill) -> etree._Element:
        row = self.table.add_row()
        fill(row.cells)
        _set_row_widths(row, self.widths_mm)
        tr = row._tr
        tr.getparent().remove(tr)
        return tr

    def row(self, texts) -> etree._Element:
        if self._row is None:
            def empty(cells):
                for index, cell in enumerate(cells):
                    _cell_paragraph(cell, "", size=self.size, align=self._align(index), first=True)
            self._row = self._built(empty)
            self._paragraphs = [copy.deepcopy(tc.find(_P)) for tc in self._row.iterchildren(_TC)]
        texts = tuple(texts)
        if len(texts) != self.columns:
            raise ValueError(f"a row of {len(texts)} cells in a table of {self.columns} columns")
        tr = copy.deepcopy(self._row)
        for tc, text, paragraph in zip(tr.iterchildren(_TC), texts, self._paragraphs, strict=True):
            lines = (text or "").split("\n")
            _fill_run(tc.find(_P).find(_R), lines[0])
            for line in lines[1:]:
                p = copy.deepcopy(paragraph)
                _fill_run(p.find(_R), line)
                tc.append(p)
        return tr

    def section_row(self, section: SectionRow) -> etree._Element:
        if self._section is None:
            def merged(cells):
                _cell_paragraph(cells[0], "", size=self.size, bold=True, first=True)
                span = cells[1].merge(cells[-1]) if len(cells) > 2 else cells[1]
                _cell_paragraph(span, "", size=self.size, bold=True, align="left", first=True)
            self._section = self._built(merged)
        tr = copy.deepcopy(self._section)
        label, text = tr.iterchildren(_TC)
        _fill_run(label.find(_P).find(_R), section.label)
        _fill_run(text.find(_P).find(_R), section.text)
        return tr

    @staticmethod
    def _align(index: int) -> str:
        return "center" if index == 0 else ("justify" if index == 1 else "left")


def _page_numbers(section) -> None:
    """Arabic page numbers centred in the top margin, none on page 1."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _set_run_font(run, BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def save(document, target) -> None:
    """Write the document to `target`, a path or a binary file (no copy of it kept in memory)."""
    document.save(str(target) if isinstance(target, os.PathLike) else target)


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def signature_block(document, *, recipients: list[str], signature: list[str], signer_name: str,
                    signed: bool | None = None) -> None:
    """"Nơi nhận" (left, 12 pt bold italic, recipients 11 pt) beside the signature block (right): the signing
    authority's lines in capitals, room for the signature, then the signer's name. `signed` adds the line
    "(Đã ký)" (True) or keeps its place blank (False) on a copy of a signed document; None leaves it out."""
    width = text_width_mm(document)
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _set_widths(table, [width * 0.5, width * 0.5])
    left, right = table.rows[0].cells
    _cell_paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
    for text in recipients:
        _cell_paragraph(left, text, size=11, align="left")
    for index, text in enumerate(signature or [""]):
        _cell_paragraph(right, text.upper(), size=14, bold=True, first=index == 0)
    for _blank in range(3):
        _cell_paragraph(right, "", size=14)
    if signed is not None:
        _cell_paragraph(right, "(Đã ký)" if signed else "", size=14, italic=True)
    _cell_paragraph(right, signer_name or "", size=14, bold=True)
