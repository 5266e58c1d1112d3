"""The entry points: a file (path or bytes) in, an `AwardDocument` out.

`read_award_document(path, ocr=True)`, `read_award_bytes(data, name, ocr=True)`: the text comes from
tdkt.lib.docparse (a scan or an image goes through OCR first, tdkt.lib.ocr; with `ocr=False` the
NoTextLayerError is raised for callers that must not OCR within a request), the header from
tdkt.lib.docheader, the body (articles, award forms, recipients) from body.py. A file that grants no award,
lists nobody and is not a plan raises NotAnAwardDocumentError. See docs/award-documents.md.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from tdkt.lib import ocr as ocr_module
from tdkt.lib.docblocks import conversion_notice
from tdkt.lib.docheader import Header, Line, read_header
from tdkt.lib.docparse import Document, DocumentError, NoTextLayerError, Table, TextLine, pdf_layout_pages, read_bytes

from .body import read_body
from .checks import count_findings, duplicate_findings
from .initiatives import is_chrome_line, is_initiative_decision, read_initiatives, without_chrome
from .layout import is_header as is_table_header
from .layout import with_layout_tables
from .model import DECISION, INITIATIVE_DECISION, NOMINATION_LIST, OTHER, PLAN, AwardDocument, Finding
from .tables import find_columns
from .text import heading_award, key

# Glyphs a PDF's text layer gives for Vietnamese letters that look the same (Icelandic eth for đ).
_WRONG_GLYPHS = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"})
_AUTHORITY = re.compile(r"^(?:chu tich|pho chu tich|giam doc|bo truong|uy ban|ubnd|thu truong|truong ban|hoi dong|"
                        r"tong giam doc|cuc truong|chi cuc truong|hieu truong|thu tuong)\b")
_KINDS = {"quyet dinh": DECISION, "danh sach": NOMINATION_LIST, "ke hoach": PLAN, "chuong trinh": PLAN}
_NOT_AWARD = ("Tệp không phải văn bản khen thưởng: không thấy hình thức khen thưởng, danh sách tập thể, cá nhân "
              "hay kế hoạch thi đua nào.")


class NotAnAwardDocumentError(DocumentError):
    """The file was read but is not an award document (or nothing of one could be read)."""


def read_award_document(path: str | Path, *, ocr: bool = True) -> AwardDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"Không mở được tệp {path.name}: {error.strerror or error}.") from error
    return read_award_bytes(data, path.name, ocr=ocr)


def read_award_bytes(data: bytes, name: str, *, ocr: bool = True) -> AwardDocument:
    """A scan, an image, or a PDF with some scanned pages is read through OCR (only the pages without text
    are recognised: tdkt.lib.ocr); the OCR's doubts and docparse's notices (converted legacy encoding,
    unreadable glyphs) become warnings."""
    ocr_result = None
    try:
        document = read_bytes(data, name)
    except NoTextLayerError:
        if not ocr:
            raise
        document = None
    if ocr and (document is None or document.scanned_pages):
        ocr_result = ocr_module.searchable_pdf(data, name=name)
        document = read_bytes(ocr_result.pdf, Path(name).with_suffix(".pdf").name)
    ocr_warnings = [Finding(None, message) for message in ocr_result.warnings] if ocr_result else []
    document = _with_pdf_tables(document, ocr_result.pdf if ocr_result is not None else data)
    reading = read_award(document, ocr_warnings)
    if ocr_result is not None:
        reading.ocr, reading.ocr_pdf = True, ocr_result.pdf
    return reading


def _with_pdf_tables(document: Document, pdf: bytes) -> Document:
    """A PDF listing initiatives in a table ("Tên sáng kiến | Tác giả …"): its plain text interleaves the wrapped
    title column with the authors', so the table is rebuilt from the page layout (layout.py). Other PDFs and
    other files as read."""
    if document.kind != "pdf" or not any(isinstance(block, TextLine) and is_table_header(block.text)
                                         for block in document.blocks):
        return document
    blocks = with_layout_tables(without_chrome(document.blocks), pdf_layout_pages(pdf), is_chrome_line)
    return dataclasses.replace(document, blocks=blocks)


def read_award(document: Document, extra_warnings: list[Finding] = ()) -> AwardDocument:
    """A document docparse has already read (callers that first look for a table in it read the file once);
    docparse's notices (a converted legacy encoding, unreadable glyphs, scanned pages) and `extra_warnings`
    lead the warnings."""
    reading = read_document_blocks(document)
    notices = [Finding(notice.line, notice.message, notice.page) for notice in document.notices]
    if converted := conversion_notice(document):
        notices.insert(0, Finding(None, converted))
    reading.warnings[:0] = notices + list(extra_warnings)
    return reading


def read_document_blocks(document: Document) -> AwardDocument:
    warnings: list[Finding] = []
    blocks = _fix_glyphs(document.blocks, warnings)
    lines = header_lines(blocks)
    header = read_header(lines)
    result = AwardDocument(page_count=document.page_count, doc_type=header.doc_type, number=header.number,
                           date=header.date, place=header.place, issuer=header.issuer, title=header.title,
                           period=header.period, years=header.years,
                           year=header.years[0] if header.years else None)
    result.warnings += [Finding(warning.line, warning.message) for warning in header.warnings] + warnings
    body_start = lines[header.body_index].line if 0 < header.body_index < len(lines) else 0
    if header.type_index is not None and header.body_index >= len(lines):
        body_start = lines[-1].line + 1
    body_blocks = [block for block in blocks if block.line >= body_start]
    type_kind = _KINDS.get(key(header.doc_type or ""))
    if type_kind in (DECISION, None) and is_initiative_decision(header.title, body_blocks):
        return _initiative_decision(result, body_blocks, header, pdf=document.kind == "pdf")
    title_award = heading_award(header.title or "") or ""
    body = read_body(body_blocks, pdf=document.kind == "pdf", award=title_award,
                     collecting=type_kind == NOMINATION_LIST)
    result.kind = _kind(type_kind, header, body)
    result.award_forms = body.award_forms
    if result.kind == PLAN:
        # A plan lists tasks, not recipients: its numbered items are not read as names.
        body.recipients, body.findings, body.grants = [], [], []
    result.recipients = body.recipients
    result.warnings += body.findings
    if result.issuer is None:
        _issuer_from_authority(result, body_blocks)
    counts = count_findings(body.grants, body.recipients)
    result.warnings += counts
    if body.attached_line and not body.recipients and not counts:
        result.warnings.append(Finding(body.attached_line, f"Dòng {body.attached_line}: văn bản ghi có danh sách "
                                                           "kèm theo nhưng tệp không có danh sách."))
    result.warnings += duplicate_findings(body.recipients)
    if result.kind != PLAN and not result.award_forms and not result.recipients:
        raise NotAnAwardDocumentError(_NOT_AWARD)
    return result


def _initiative_decision(result: AwardDocument, body_blocks, header: Header, *, pdf: bool) -> AwardDocument:
    """A decision recognising initiatives: its scope and initiatives instead of award lines."""
    reading = read_initiatives(body_blocks, title=header.title, pdf=pdf)
    result.kind, result.scope, result.initiatives = INITIATIVE_DECISION, reading.scope, reading.initiatives
    result.warnings += reading.findings
    if result.issuer is None:
        _issuer_from_authority(result, body_blocks)
    return result


def header_lines(blocks: list[TextLine | Table]) -> list[Line]:
    """The lines the header reader sees, in reading order. A table without a name column near the top is the
    two-column header of a Word document: its cells are read column by column (the agency and number, then
    the motto and date); other tables give one line per row."""
    lines: list[Line] = []
    for block in blocks:
        if isinstance(block, TextLine):
            lines.append(Line(block.line, block.text, False, block.page))
        elif (len(lines) < 40 and len(block.rows) <= 6 and max((len(row.cells) for row in block.rows), default=0) <= 3
              and find_columns(block) is None):
            width = max(len(row.cells) for row in block.rows) if block.rows else 0
            for column in range(width):
                for row in block.rows:
                    if column < len(row.cells) and row.cells[column].strip():
                        for part in row.cells[column].split("\n"):
                            lines.append(Line(row.line, part.strip(), True))
        else:
            lines += [Line(row.line, " | ".join(cell for cell in row.cells if cell), True) for row in block.rows]
    return lines


def _fix_glyphs(blocks, warnings: list[Finding]):
    fixed = []
    for block in blocks:
        if isinstance(block, TextLine) and block.text != (text := block.text.translate(_WRONG_GLYPHS)):
            if not warnings:
                warnings.append(Finding(block.line, f"Dòng {block.line}: chữ «Ð» (sai phông khi trích văn bản) "
                                                    "được đọc là «Đ».", block.page))
            block = dataclasses.replace(block, text=text)
        fixed.append(block)
    return fixed


def _issuer_from_authority(result: AwardDocument, blocks) -> None:
    """No issuer in the header: the deciding authority written just above the legal bases ("CHỦ TỊCH ỦY BAN
    NHÂN DÂN TỈNH LÀO CAI" before "Căn cứ …"), with a warning saying so."""
    previous = None
    for block in blocks:
        if not isinstance(block, TextLine) or not block.text.strip():
            continue
        if key(block.text).startswith("can cu"):
            if previous is not None and _AUTHORITY.match(key(previous.text)) and previous.text.isupper():
                result.issuer = previous.text.strip()
                result.warnings.append(Finding(previous.line, f"Dòng {previous.line}: phần đầu văn bản không ghi cơ "
                                                              "quan ban hành; lấy theo người có thẩm quyền ghi trên "
                                                              "phần căn cứ.", previous.page))
            return
        previous = block


def _kind(type_kind: str | None, header: Header, body) -> str:
    if type_kind is not None:
        return type_kind
    if header.doc_type is not None:  # Tờ trình, Thông báo, Công văn…: a list of nominees when it has one
        return NOMINATION_LIST if body.recipients else OTHER
    if body.has_grant and body.award_forms:
        return DECISION
    return NOMINATION_LIST if body.recipients else OTHER
