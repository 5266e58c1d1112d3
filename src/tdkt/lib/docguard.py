"""Errors of tdkt.lib.docparse and the limits that make a hostile document cost nothing.

Framework-free, messages in Vietnamese (shown to the specialist as they are). A .docx is checked before
python-docx opens it (its ZIP container and XML parts: tdkt.lib.safezip) and its tables before any is read
(a forged `gridSpan` would make python-docx repeat a cell a billion times); a PDF's objects and declared pages
are counted before its page tree is walked, and pypdf decompresses each stream under PDF_MAX_STREAM_BYTES
(tdkt.lib.docparse.pdf_to_blocks); text files and documents are capped in characters and lines.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from pypdf import PdfReader

from tdkt.lib.safezip import MB, ZipLimitError, ZipLimits, check_zip

# Real provincial plans run 5–30 pages; 100 leaves room for long annexes while refusing the
# 200-page compilations that are never a single plan (and would take long to parse).
MAX_PAGES = 100
# Lines (paragraphs and table rows of a .docx, lines of a text file): 100 pages hold some 5,000; a file of
# empty lines must not become millions of objects.
MAX_LINES = 50_000
# Word tables have at most 63 columns: a cell spanning more is forged (python-docx would repeat it per column).
MAX_GRID_COLUMNS = 63
MAX_TABLE_CELLS = 500_000
# A .docx: its parts are parsed whole by python-docx (lxml), so the XML parts are capped (tdkt.lib.safezip).
DOCX_LIMITS = ZipLimits(max_entries=1_000, max_total_bytes=200 * MB, max_xml_part_bytes=16 * MB)
# A PDF: objects in its cross-reference table (a 100-page text plan has a few thousand), and what one stream may
# decompress to (pypdf's own limit is 75 MB); deeper page trees and more entries than pages are refused too.
PDF_MAX_OBJECTS = 50_000
PDF_MAX_STREAM_BYTES = 16 * MB


class DocumentError(ValueError):
    """A document that cannot be read; `message` is the Vietnamese text shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnsupportedFormatError(DocumentError):
    pass


class OldWordFormatError(DocumentError):
    pass


class BinaryContentError(DocumentError):
    pass


class LegacyEncodingError(DocumentError):
    pass


class UndecodableTextError(DocumentError):
    pass


class NoTextLayerError(DocumentError):
    pass


class ScanNeedsOcrError(NoTextLayerError):
    """An image (a scanned page or a photo): only OCR can read it (tdkt.lib.ocr)."""


class TooLargeError(DocumentError):
    pass


class CorruptDocumentError(DocumentError):
    pass


_ZIP_MESSAGES = {
    "not_zip": "Tệp {name} bị hỏng hoặc không phải tệp Word .docx.",
    "entries": "Tệp {name} có {value} phần, vượt giới hạn {limit} phần của một văn bản Word.",
    "directory": "Mục lục của tệp nén {name} lớn bất thường: đây không phải văn bản Word thông thường.",
    "compression": "Phần «{entry}» của tệp {name} dùng kiểu nén không được chấp nhận; hãy mở và lưu lại tệp.",
    "total": "Tệp {name} giải nén ra hơn {limit_mb} MB: đây không phải văn bản Word thông thường (bom nén).",
    "part": "Phần «{entry}» của tệp {name} giải nén ra {value_mb} MB, vượt giới hạn {limit_mb} MB.",
    "ratio": "Phần «{entry}» của tệp {name} bị nén {value} lần, vượt giới hạn {limit} lần: đây không phải văn "
             "bản Word thông thường (bom nén).",
    "dtd": "Phần «{entry}» của tệp {name} khai báo kiểu tài liệu (DTD), điều văn bản Word không bao giờ có: tệp "
           "bị từ chối.",
}


def check_docx_package(data: bytes, name: str, limits: ZipLimits = DOCX_LIMITS) -> None:
    """Refuse (TooLargeError, CorruptDocumentError) a .docx container before python-docx opens it."""
    try:
        check_zip(data, limits)
    except ZipLimitError as error:
        message = _ZIP_MESSAGES[error.kind].format(
            name=name or "văn bản", entry=error.entry, value=error.value, limit=error.limit,
            value_mb=f"{error.value / MB:.1f}".replace(".", ","), limit_mb=error.limit // MB)
        raise (CorruptDocumentError if error.kind == "not_zip" else TooLargeError)(message) from error


def check_docx_tables(body, name: str, *, max_rows: int) -> None:
    """Refuse forged tables before any is read: a cell spanning more columns than Word allows, a table of
    more rows or cells than a document of this kind holds."""
    def refuse(text: str) -> TooLargeError:
        return TooLargeError(f"Tệp {name}: {text}" if name else text[0].upper() + text[1:])

    cells = 0
    for table_number, table in enumerate(body.iter(qn("w:tbl")), 1):
        for rows, tr in enumerate(table.iterchildren(qn("w:tr")), 1):
            if rows > max_rows:
                raise refuse(f"bảng thứ {table_number} có hơn {_thousands(max_rows)} dòng, vượt giới hạn; hãy tách văn "
                             "bản rồi nhập lại.")
            for tc in tr.iterchildren(qn("w:tc")):
                cells += 1
                span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                value = span.get(qn("w:val"), "1") if span is not None else "1"
                if not value.isdigit() or int(value) > MAX_GRID_COLUMNS:
                    raise refuse(f"dòng {rows} của bảng thứ {table_number} có ô trải trên «{value}» cột, vượt giới "
                                 f"hạn {MAX_GRID_COLUMNS} cột của Word.")
            if cells > MAX_TABLE_CELLS:
                raise refuse(f"các bảng có hơn {_thousands(MAX_TABLE_CELLS)} ô, vượt giới hạn; hãy tách văn bản rồi "
                             "nhập lại.")


def check_page_count(pages: int) -> None:
    if pages > MAX_PAGES:
        raise TooLargeError(
            f"Văn bản có {pages} trang, vượt giới hạn {MAX_PAGES} trang của một kế hoạch: hãy tách riêng "
            "phần kế hoạch và phụ lục nhiệm vụ rồi nhập lại."
        )


PDF_LIMIT_MESSAGE = (f"tệp PDF có luồng dữ liệu giải nén vượt {PDF_MAX_STREAM_BYTES // MB} MB hoặc cấu trúc trang bất "
              "thường (không phải văn bản xuất thông thường); hãy xuất lại PDF từ Word rồi nhập lại.")


_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b[^>]{0,200}?/N\s+(\d{1,9})|/N\s+(\d{1,9})[^>]{0,200}?/Type\s*/ObjStm\b")
_XREF_SIZE = re.compile(rb"/Size\s+(\d{1,9})")
_XREF_SECTION = re.compile(rb"xref\s+\d{1,10}\s+(\d{1,9})\s")


def check_pdf_bytes(data: bytes) -> None:
    """Refuse before pypdf reads the cross-reference table: the objects the file holds or declares, counted in its
    bytes (plain objects, objects packed in object streams, table sizes)."""
    packed = sum(int(a or b) for a, b in _OBJECT_STREAM.findall(data))
    declared = max((int(n) for n in _XREF_SIZE.findall(data) + _XREF_SECTION.findall(data)), default=0)
    _refuse_objects(max(data.count(b"endobj") + packed, declared))


def check_pdf_objects(reader: PdfReader) -> None:
    """Refuse before the page tree is walked: too many objects, or more pages declared than allowed."""
    _refuse_objects(sum(len(entries) for entries in reader.xref.values()) + len(reader.xref_objStm))
    declared = reader.root_object.get("/Pages", {}).get("/Count", 0)
    if isinstance(declared, int) and declared > MAX_PAGES:
        check_page_count(declared)


def _refuse_objects(objects: int) -> None:
    if objects > PDF_MAX_OBJECTS:
        raise TooLargeError(f"Tệp PDF có {_thousands(objects)} đối tượng, vượt giới hạn {_thousands(PDF_MAX_OBJECTS)} "
                            "đối tượng của một văn bản; hãy tách văn bản rồi nhập lại.")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def too_many_lines() -> str:
    return (f"Văn bản có hơn {MAX_LINES:,} dòng (đoạn văn, dòng bảng), vượt giới hạn của một kế hoạch; hãy tách "
            "văn bản rồi nhập lại.").replace(",", ".")
