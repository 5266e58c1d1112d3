"""The entry points: a file (path or bytes) in, an `AwardDocument` out.

FIRST CUT (to be replaced by the full header and body readers): the number, date and issuer of a Decree 30
header, the award forms of "Điều 1", and the recipients of a table with a name column. The interface —
`read_award_document(path, ocr=True)`, `read_award_bytes(data, name, ocr=True)`, `NotAnAwardDocumentError` — is
the one callers use.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from tdkt.lib import ocr as ocr_module
from tdkt.lib.docparse import Document, DocumentError, NoTextLayerError, Table, TextLine, read_bytes
from tdkt.lib.names import strip_name
from tdkt.lib.vntext import fold

from .model import COLLECTIVE, DECISION, INDIVIDUAL, NOMINATION_LIST, OTHER, PLAN, AwardDocument, Finding, Recipient

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
_NUMBER = re.compile(r"Số\s*[:.]?\s*(\d[\w.]*\s*/\s*[^\s,;]+)", re.IGNORECASE)
_DATE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_AWARD = re.compile(r"\b(?:Tặng|Công nhận|Khen thưởng)\b\s*(?P<award>.+?)(?:\s+(?:cho|đối với|đạt)\b|[:.]|$)",
                    re.IGNORECASE)


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
    ocr_pdf = None
    try:
        if Path(name).suffix.lower() in IMAGE_SUFFIXES:
            raise NoTextLayerError("ảnh")
        document = read_bytes(data, name)
    except NoTextLayerError:
        if not ocr:
            raise
        result = ocr_module.searchable_pdf(data, name=name)
        ocr_pdf = result.pdf
        document = read_bytes(result.pdf, Path(name).with_suffix(".pdf").name)
    reading = read_document_blocks(document)
    if ocr_pdf is not None:
        reading.ocr, reading.ocr_pdf = True, ocr_pdf
    return reading


def read_document_blocks(document: Document) -> AwardDocument:
    lines = [(block.line, block.text) for block in document.blocks if isinstance(block, TextLine)]
    result = AwardDocument(page_count=document.page_count)
    for line, text in lines[:40]:
        folded = fold(text)
        if result.number is None and (match := _NUMBER.search(text)):
            result.number = re.sub(r"\s+", "", match[1])
        if result.date is None and (match := _DATE.search(text)):
            try:
                result.date = datetime.date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                result.warnings.append(Finding(line, f"Ngày ban hành không hợp lệ («{match.group()}»)."))
        if result.doc_type is None and folded in ("quyet dinh", "danh sach", "ke hoach", "to trinh"):
            result.doc_type = text.strip().capitalize()
        if result.issuer is None and folded.startswith(("uy ban nhan dan", "ubnd", "chu tich")):
            result.issuer = text.strip()
    result.kind = {"quyet dinh": DECISION, "danh sach": NOMINATION_LIST, "ke hoach": PLAN}.get(
        fold(result.doc_type or ""), OTHER)
    for _line, text in lines:
        if fold(text).startswith("dieu 1") and (match := _AWARD.search(text)):
            result.award_forms.append(match["award"].strip())
    award = result.award_forms[0] if result.award_forms else ""
    for block in document.blocks:
        if isinstance(block, Table):
            result.recipients += _table_recipients(block, award)
    if result.number is None and not result.recipients and result.kind == OTHER:
        raise NotAnAwardDocumentError("Tệp không phải văn bản khen thưởng: không thấy số, ngày hay danh sách.")
    return result


def _table_recipients(table: Table, award: str) -> list[Recipient]:
    header = [fold(cell) for cell in table.rows[0].cells] if table.rows else []
    name_at = next((i for i, cell in enumerate(header) if "ten" in cell), None)
    if name_at is None:
        return []
    unit_at = next((i for i, cell in enumerate(header) if "don vi" in cell or "chuc vu" in cell), None)
    recipients = []
    for row in table.rows[1:]:
        name = strip_name(row.cells[name_at]) if name_at < len(row.cells) else ""
        if not name:
            continue
        unit = row.cells[unit_at] if unit_at is not None and unit_at < len(row.cells) else ""
        kind = COLLECTIVE if fold(name).startswith(("phong", "truong", "tap the", "ban", "so")) else INDIVIDUAL
        recipients.append(Recipient(name=name, kind=kind, award=award, line=row.line, confidence=0.9, unit=unit))
    return recipients
