"""Certificates (Bằng khen, Giấy khen, titles) as PDF: onto the province's pre-printed blanks, or on plain paper.

Framework-free (fpdf2 + segno, the bundled Liberation Serif). A layout says where each field goes, in
millimetres from the top-left corner of the sheet, with its size and style; a pre-printed blank already
carries the border, the national emblem and the fixed headings, so only the fields are printed on it.
On plain paper a double border and the national title are drawn as well.

    pdf_bytes = render_pdf(layout, [CertificateText(values={"recipient": "Ông Nguyễn Văn An", …},
                                                     verify_url="https://…/portal/verify/ABCD-EFGH/")])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import segno
from fpdf import FPDF

from tdkt.lib.fonts import SERIF

PAPER_MM = {"A4": (297, 210), "A3": (420, 297)}  # landscape (width, height)
ORIENTATIONS = ("L", "P")  # landscape, portrait
GIVES = "TẶNG"  # the verb line above the recipient, as on every Bằng khen and Giấy khen
FONT = "LiberationSerif"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Field keys a layout may place, with the Vietnamese label shown in the template editor.
FIELD_LABELS = {
    "issuer_line": "Dòng cơ quan (CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …)",
    "award_title": "Tên hình thức (BẰNG KHEN)",
    "verb": "Chữ “TẶNG”",
    "recipient": "Người, tập thể được khen",
    "position": "Chức vụ, đơn vị",
    "reason": "Thành tích",
    "decision": "Quyết định số, ngày",
    "place_date": "Địa danh, ngày tháng năm",
    "signer_title": "Chức danh người ký",
    "signer_name": "Họ tên người ký",
    "register_number": "Số vào sổ",
    "code": "Mã xác thực",
}


@dataclass(frozen=True)
class FieldBox:
    key: str
    x_mm: float  # left edge of the text box
    y_mm: float  # top of the first line
    width_mm: float
    size_pt: float = 14
    bold: bool = False
    italic: bool = False
    align: str = "C"  # C, L or R
    uppercase: bool = False
    line_height_mm: float = 0  # 0: from the font size

    def style(self) -> str:
        return ("B" if self.bold else "") + ("I" if self.italic else "")


@dataclass(frozen=True)
class Layout:
    paper: str = "A4"
    preprinted: bool = False
    orientation: str = "L"
    fields: tuple[FieldBox, ...] = ()
    qr_x_mm: float = 20
    qr_y_mm: float = 160
    qr_size_mm: float = 24

    @property
    def size(self) -> tuple[float, float]:
        """(width, height) of the sheet as it lies for printing."""
        width, height = PAPER_MM[self.paper]
        return (width, height) if self.orientation == "L" else (height, width)


@dataclass(frozen=True)
class CertificateText:
    values: dict[str, str] = field(default_factory=dict)
    verify_url: str = ""


def _factors(paper: str, orientation: str) -> tuple[float, float, float]:
    """Horizontal, vertical and type scale from the A4 landscape design to the sheet (A3 is √2 larger in
    every direction; a portrait sheet is narrower and taller, so the type follows the narrower side)."""
    width, height = Layout(paper=paper, orientation=orientation).size
    across, down = width / PAPER_MM["A4"][0], height / PAPER_MM["A4"][1]
    return across, down, min(across, down)


def _scaled(boxes: list[tuple], paper: str, orientation: str = "L") -> tuple[FieldBox, ...]:
    across, down, type_scale = _factors(paper, orientation)
    result = []
    for key, x, y, width, size, *style in boxes:
        options = dict(style[0]) if style else {}
        result.append(FieldBox(key, round(x * across, 1), round(y * down, 1), round(width * across, 1),
                               round(size * type_scale, 1), **options))
    return tuple(result)


# A plain certificate designed on A4 landscape; every box scales with the paper.
_PLAIN_BOXES = [
    ("issuer_line", 30, 38, 237, 15, {"bold": True, "uppercase": True}),
    ("award_title", 30, 48, 237, 34, {"bold": True, "uppercase": True}),
    ("verb", 30, 66, 237, 16, {"bold": True, "uppercase": True}),
    ("recipient", 30, 76, 237, 20, {"bold": True}),
    ("position", 30, 90, 237, 14, {"italic": True}),
    ("reason", 45, 102, 207, 14),
    ("decision", 30, 128, 120, 12, {"italic": True, "align": "L"}),
    ("register_number", 30, 136, 120, 12, {"align": "L"}),
    ("place_date", 160, 128, 110, 13, {"italic": True}),
    ("signer_title", 160, 136, 110, 13, {"bold": True, "uppercase": True}),
    ("signer_name", 160, 175, 110, 14, {"bold": True}),
    ("code", 30, 186, 120, 10, {"align": "L"}),
]


# A typical pre-printed A4 landscape blank (phôi) already carries the frame, the emblem, the national title and
# the form's name ("BẰNG KHEN", "GIẤY KHEN") in its top third; the fields go on the blank lines below it, the
# signature block on the right, the decision reference and the register number on the left.
_BLANK_BOXES = [
    ("issuer_line", 30, 62, 237, 14, {"bold": True, "uppercase": True}),
    ("verb", 30, 70, 237, 15, {"bold": True, "uppercase": True}),
    ("recipient", 30, 80, 237, 20, {"bold": True}),
    ("position", 30, 93, 237, 14, {"italic": True}),
    ("reason", 45, 104, 207, 14),
    ("decision", 30, 140, 120, 12, {"italic": True, "align": "L"}),
    ("register_number", 30, 148, 120, 12, {"align": "L"}),
    ("place_date", 160, 135, 110, 13, {"italic": True}),
    ("signer_title", 160, 142, 110, 13, {"bold": True, "uppercase": True}),
    ("signer_name", 160, 178, 110, 14, {"bold": True}),
]


def default_layout(paper: str = "A4", *, preprinted: bool = False, orientation: str = "L") -> Layout:
    """Sensible starting positions: the plain certificate, or the fields of a pre-printed blank."""
    across, down, type_scale = _factors(paper, orientation)
    boxes = _BLANK_BOXES if preprinted else _PLAIN_BOXES
    return Layout(paper=paper, preprinted=preprinted, orientation=orientation,
                  fields=_scaled(boxes, paper, orientation),
                  qr_x_mm=round(30 * across, 1), qr_y_mm=round((160 if preprinted else 150) * down, 1),
                  qr_size_mm=round((22 if preprinted else 26) * type_scale, 1))


def layout_from_config(config: dict) -> Layout:
    """A layout from its stored configuration (JSON of a template); unknown keys are refused."""
    boxes = []
    for item in config.get("fields", []):
        if item.get("key") not in FIELD_LABELS:
            raise ValueError(f"Trường “{item.get('key')}” không có trong mẫu bằng.")
        boxes.append(FieldBox(**item))
    orientation = config.get("orientation", "L")
    if orientation not in ORIENTATIONS:
        raise ValueError(f"Hướng giấy “{orientation}” không hợp lệ.")
    return Layout(paper=config.get("paper", "A4"), preprinted=bool(config.get("preprinted")), fields=tuple(boxes),
                  orientation=orientation,
                  qr_x_mm=config.get("qr_x_mm", 20), qr_y_mm=config.get("qr_y_mm", 160),
                  qr_size_mm=config.get("qr_size_mm", 24))


def layout_to_config(layout: Layout) -> dict:
    return {"paper": layout.paper, "orientation": layout.orientation, "preprinted": layout.preprinted, "qr_x_mm": layout.qr_x_mm,
            "qr_y_mm": layout.qr_y_mm, "qr_size_mm": layout.qr_size_mm,
            "fields": [box.__dict__.copy() for box in layout.fields]}


class _Sheet(FPDF):
    def __init__(self, layout: Layout):
        super().__init__(orientation=layout.orientation, unit="mm", format=layout.paper)
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        for style, path in SERIF.items():
            self.add_font(FONT, style, str(path))
        self.set_title("Bằng khen, Giấy khen")
        self.set_creator("TĐKT")


def _draw_plain_frame(pdf: FPDF, layout: Layout) -> None:
    width, height = layout.size
    factor = min(width, height) / PAPER_MM["A4"][1]
    pdf.set_draw_color(150, 20, 20)
    pdf.set_line_width(1.2 * factor)
    pdf.rect(8 * factor, 8 * factor, width - 16 * factor, height - 16 * factor)
    pdf.set_line_width(0.4 * factor)
    pdf.rect(11 * factor, 11 * factor, width - 22 * factor, height - 22 * factor)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "B", 13 * factor)
    pdf.set_xy(0, 18 * factor)
    pdf.cell(width, 6 * factor, NATIONAL_TITLE, align="C")
    pdf.set_font(FONT, "B", 14 * factor)
    pdf.set_xy(0, 25 * factor)
    pdf.cell(width, 6 * factor, MOTTO, align="C")
    motto_width = pdf.get_string_width(MOTTO)
    pdf.set_line_width(0.3 * factor)
    pdf.line((width - motto_width) / 2, 32 * factor, (width + motto_width) / 2, 32 * factor)


def _draw_qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    """The QR code as vector rectangles (one per run of dark modules in a row): sharp at any printer
    resolution, and much faster than embedding a distinct bitmap on every page."""
    # A fixed mask skips segno's search for the best of eight (most of its time); any mask is valid.
    matrix = segno.make(url, error="m", mask=1, boost_error=False).matrix
    module = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(matrix):
        start = None
        for col_index, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                pdf.rect(x + start * module, y + row_index * module, (col_index - start) * module, module, style="F")
                start = None


def render_pdf(layout: Layout, certificates: list[CertificateText]) -> bytes:
    """One page per certificate, in the given order."""
    pdf = _Sheet(layout)
    for certificate in certificates:
        pdf.add_page()
        if not layout.preprinted:
            _draw_plain_frame(pdf, layout)
        pdf.set_text_color(0, 0, 0)
        for box in layout.fields:
            text = certificate.values.get(box.key, "")
            if not text:
                continue
            if box.uppercase:
                text = text.upper()
            pdf.set_font(FONT, box.style(), box.size_pt)
            pdf.set_xy(box.x_mm, box.y_mm)
            line_height = box.line_height_mm or box.size_pt * 0.45
            if "\n" not in text and pdf.get_string_width(text) <= box.width_mm:
                pdf.cell(box.width_mm, line_height, text, align=box.align)  # one line: no line breaking needed
            else:
                pdf.multi_cell(box.width_mm, line_height, text, align=box.align)
        if certificate.verify_url and layout.qr_size_mm:
            _draw_qr(pdf, certificate.verify_url, layout.qr_x_mm, layout.qr_y_mm, layout.qr_size_mm)
    return bytes(pdf.output())
