"""Reading administrative documents (.txt, .md, .html, .docx, .pdf) into numbered lines and tables.

Framework-free. `read_document(path)` returns a `Document`: blocks in reading order, each either a
`TextLine` (one line of running text, with the line number of the source) or a `Table` (rows of
cells, each row with its own line number). What "line" means per format:

- .txt/.md: the physical line of the file (1-based). Tab-separated lines and `| a | b |` lines
  are tables; `\\f` (form feed) starts a new page.
- .html: the line of the file where the block or table row starts.
- .docx: the position in the body: every paragraph and every table row is one line.
- .pdf: the line of the extracted text, counted across pages (page breaks are not lines).

Markup left over from conversions (HTML tags, markdown emphasis and headings) is stripped from every
line and cell. Anything that cannot be read honestly raises a `DocumentError` whose message is in
Vietnamese (the callers show it to a specialist as it is): old Word files, binaries, files over the size or
page limits; scans — a PDF without a text layer (`NoTextLayerError`) or an image (`ScanNeedsOcrError`, a
`NoTextLayerError` too) — are refused so that the caller decides whether to run OCR (tdkt.lib.ocr) first.

What is converted or repaired rather than refused, and recorded on the `Document`:
- Vietnamese in the legacy encodings TCVN3 (ABC) and VNI-Windows (tdkt.lib.vnlegacy), as bytes, as text already
  mis-read as Latin-1, or as .docx runs in ".VnTime"/"VNI-Times" fonts: converted to Unicode, and
  `converted_from` says "TCVN3" or "VNI" (`conversion_notice` gives the sentence to show). Only text that still
  looks legacy after conversion is refused (`LegacyEncodingError`).
- PDF text-extraction artefacts (tdkt.lib.pdftext): NFC with detached or spacing accents joined, ligatures
  spelt out, soft hyphens removed, Symbol-font bullets as "•", syllables split after their first consonants
  ("Q uyết đ ịnh") joined where that is unambiguous; glyphs the font could not map (U+FFFD, private use) are
  kept as U+FFFD and each such line gets a `Notice`.
- A partly scanned PDF (a Word export with the signed page scanned in): its text pages are read, the pages that
  are images without text are listed in `scanned_pages`, with a `Notice` each.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
from docx.oxml.ns import qn
from pypdf import PdfReader
from pypdf.errors import LimitReachedError

from tdkt.lib import pdftext, vnlegacy
from tdkt.lib.docblocks import (  # noqa: F401 — the blocks are part of this module's interface
    Document,
    Notice,
    Table,
    TableRow,
    TextLine,
    clean_inline,
    conversion_notice,
    document_text,
)
from tdkt.lib.docguard import (  # noqa: F401 — the errors and limits are part of this module's interface
    DOCX_LIMITS,
    MAX_GRID_COLUMNS,
    MAX_LINES,
    MAX_PAGES,
    PDF_LIMIT_MESSAGE,
    PDF_MAX_STREAM_BYTES,
    BinaryContentError,
    CorruptDocumentError,
    DocumentError,
    LegacyEncodingError,
    NoTextLayerError,
    OldWordFormatError,
    ScanNeedsOcrError,
    TooLargeError,
    UndecodableTextError,
    UnsupportedFormatError,
    check_docx_package,
    check_docx_tables,
    check_page_count,
    check_pdf_bytes,
    check_pdf_objects,
    too_many_lines,
)
from tdkt.lib.vnlegacy import legacy_encoding_of  # noqa: F401 — part of this module's interface

MAX_FILE_BYTES = 20 * 1024 * 1024
# About 100 dense A4 pages of text (≈ 5,000 characters a page): the same limit for formats
# without pages (.txt, .docx, .html).
MAX_TEXT_CHARS = 500_000
# A PDF page with less extractable text than this is an image (a scan), not a text layer.
MIN_CHARS_PER_TEXT_PAGE = 20
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
# Images a scanner or a phone gives (by their first bytes): read through OCR, never here.
IMAGE_MAGICS = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"II*\x00": "TIFF", b"MM\x00*": "TIFF"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


# --- legacy encodings -----------------------------------------------------------------------------

def _convert_legacy(document: Document) -> None:
    """Convert a document written in TCVN3 or VNI (detected on its whole text) to Unicode, in place; refuse
    what still looks legacy afterwards."""
    if document.converted_from is None:
        legacy = legacy_encoding_of(document_text(document))
        if legacy is None:
            return
        for index, block in enumerate(document.blocks):
            if isinstance(block, TextLine):
                document.blocks[index] = replace(block, text=vnlegacy.to_unicode(block.text, legacy))
            else:
                block.rows = [replace(row, cells=tuple(vnlegacy.to_unicode(cell, legacy) for cell in row.cells))
                              for row in block.rows]
        document.converted_from = legacy
    left = legacy_encoding_of(document_text(document))
    if left:
        raise LegacyEncodingError(
            f"Văn bản mã {left} cũ không chuyển được hết sang Unicode — hãy chuyển mã (ví dụ bằng Unikey: Công cụ "
            "chuyển mã) rồi nhập lại."
        )


def decode_text(data: bytes) -> str:
    """Text of a plain-text file: UTF-8 (with or without BOM) or UTF-16 (with BOM, or plainly so)."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(data) >= 4 and data[1::2].count(0) > len(data) // 4 and data[0] != 0:
        encoding = "utf-16-le"  # UTF-16 written without a BOM: every other byte is 0
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        if _looks_binary(data):
            raise BinaryContentError("Tệp không phải văn bản (dữ liệu nhị phân): hãy chọn tệp .docx, .pdf hoặc .txt.")
        # TCVN3 and VNI bytes are Latin-1 characters one for one: read so, converted with the whole document.
        legacy_text = data.decode("latin-1")
        if legacy_encoding_of(legacy_text):
            return legacy_text
        raise UndecodableTextError(
            "Không đọc được bảng mã của văn bản: hãy lưu lại dưới dạng Unicode (UTF-8) rồi nhập lại."
        )
    if _looks_binary(text.encode("utf-8", errors="ignore")):
        raise BinaryContentError("Tệp không phải văn bản (dữ liệu nhị phân): hãy chọn tệp .docx, .pdf hoặc .txt.")
    return unicodedata.normalize("NFC", text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


# --- plain text and markdown ----------------------------------------------------------------------

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _split_table_line(raw: str) -> tuple[str, ...] | None:
    if "\t" in raw:
        return tuple(clean_inline(cell) for cell in raw.rstrip("\r\n").split("\t"))
    if _PIPE_ROW.match(raw) and raw.count("|") >= 3:
        inner = raw.strip()[1:-1]
        return tuple(clean_inline(cell) for cell in re.split(r"(?<!\\)\|", inner))
    return None


def lines_to_blocks(text: str) -> tuple[list[TextLine | Table], int | None]:
    """Blocks of a plain-text file; tables gather tab/pipe rows, also across blank lines."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    has_pages = any("\f" in raw for raw in raw_lines)
    page = 1
    entries: list[tuple[int, int, str]] = []
    for number, raw in enumerate(raw_lines, start=1):
        parts = raw.split("\f")
        for index, part in enumerate(parts):
            if index:
                page += 1
            entries.append((number, page, part))
    edges = _page_edges(entries) if has_pages else set()
    blocks: list[TextLine | Table] = []
    table: Table | None = None
    pending_blank: list[TextLine] = []
    for number, on_page, raw in entries:
        if _PIPE_SEPARATOR.match(raw) and table is not None:
            continue
        cells = _split_table_line(raw)
        if cells is not None:
            if table is None:
                blocks.extend(pending_blank)
                table = Table(line=number)
                blocks.append(table)
            pending_blank = []
            table.rows.append(TableRow(line=number, cells=cells, merges=(None,) * len(cells)))
            continue
        line = TextLine(number, clean_inline(raw), on_page if has_pages else None, (number, on_page) in edges)
        if table is not None and not line.text:
            pending_blank.append(line)  # a blank line inside a table does not end it
            continue
        blocks.extend(pending_blank)
        pending_blank = []
        table = None
        blocks.append(line)
    blocks.extend(pending_blank)
    return blocks, (page if has_pages else None)


def _page_edges(entries: list[tuple[int, int, str]]) -> set[tuple[int, int]]:
    edges: set[tuple[int, int]] = set()
    by_page: dict[int, list[int]] = {}
    for number, page, raw in entries:
        if raw.strip():
            by_page.setdefault(page, []).append(number)
    for page, numbers in by_page.items():
        edges.update({(numbers[0], page), (numbers[-1], page)})
    return edges


# --- HTML -----------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "table", "section",
               "article", "header", "footer", "blockquote", "pre", "ul", "ol"}


class _HtmlBlocks(HTMLParser):
    """Block elements become lines; <table> becomes a Table; <br> inside a cell is a new line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[TextLine | Table] = []
        self.text: list[str] = []
        self.text_line = 1
        self.tables: list[Table] = []
        self.row: list[str] | None = None
        self.row_line = 0
        self.cell: list[str] | None = None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag == "table":
            self._flush_text()
            table = Table(line=self.getpos()[0])
            self.tables.append(table)
            if len(self.tables) == 1:
                self.blocks.append(table)
        elif tag == "tr" and self.tables:
            self.row, self.row_line = [], self.getpos()[0]
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif (tag == "br" and self.cell is not None) or (tag in _BLOCK_TAGS and self.cell):
            # A <br>, or a paragraph after text in the cell ("<td><p>ỦY BAN NHÂN DÂN</p><p>TỈNH …</p>"), is a new line.
            self.cell.append("\n")
        elif tag in _BLOCK_TAGS and self.cell is None and not self.tables:
            self._flush_text()

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("\n".join(clean_inline(part) for part in "".join(self.cell).split("\n")).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None and self.tables:
            if len(self.tables) == 1:
                cells = tuple(self.row)
                self.tables[0].rows.append(TableRow(self.row_line, cells, (None,) * len(cells)))
            self.row = None
        elif tag == "table" and self.tables:
            self.tables.pop()
        elif tag in _BLOCK_TAGS and self.cell is None and not self.tables:
            self._flush_text()

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif not self.tables:
            if not self.text:
                self.text_line = self.getpos()[0]
            self.text.append(data)

    def _flush_text(self):
        text = clean_inline(" ".join("".join(self.text).split("\n")))
        if text:
            self.blocks.append(TextLine(self.text_line, text))
        self.text = []

    def close(self):
        super().close()
        self._flush_text()


def html_to_blocks(text: str) -> list[TextLine | Table]:
    parser = _HtmlBlocks()
    parser.feed(text)
    parser.close()
    return parser.blocks


# --- .docx ----------------------------------------------------------------------------------------

def docx_to_blocks(data: bytes, name: str = "") -> list[TextLine | Table]:
    """Paragraphs and tables of the body in document order; merged cells are marked, not guessed."""
    return _docx_blocks(data, name)[0]


def _docx_blocks(data: bytes, name: str) -> tuple[list[TextLine | Table], str | None]:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for a broken package
        raise CorruptDocumentError(f"Tệp .docx bị hỏng hoặc không phải Word: {error.__class__.__name__}.") from error
    check_docx_tables(document.element.body, name, max_rows=MAX_LINES)
    fonts = vnlegacy.DocxRunFonts(document.styles.element, document.element.body)
    blocks: list[TextLine | Table] = []
    position = 0
    for child in document.element.body.iterchildren():
        if position > MAX_LINES:
            raise TooLargeError(too_many_lines())
        if child.tag == qn("w:p"):
            position += 1
            for part in _paragraph_text(child, qn, fonts).split("\n"):
                blocks.append(TextLine(position, clean_inline(part)))
        elif child.tag == qn("w:tbl"):
            table = Table(line=position + 1)
            for tr in child.iterchildren(qn("w:tr")):
                position += 1
                cells, merges = _docx_row(tr, qn, fonts)
                table.rows.append(TableRow(position, cells, merges))
            blocks.append(table)
    return blocks, ", ".join(sorted(fonts.found)) or None


def _paragraph_text(paragraph, qn, fonts: vnlegacy.DocxRunFonts | None = None) -> str:
    parts = []
    paragraph_font = fonts.paragraph_font(paragraph) if fonts else None
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            parts.append(fonts.text(node, paragraph_font) if fonts else node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _docx_row(tr, qn, fonts: vnlegacy.DocxRunFonts | None = None) -> tuple[tuple[str, ...], tuple[str | None, ...]]:
    cells: list[str] = []
    merges: list[str | None] = []
    for tc in tr.iterchildren(qn("w:tc")):
        properties = tc.find(qn("w:tcPr"))
        span, merge = 1, None
        if properties is not None:
            grid_span = properties.find(qn("w:gridSpan"))
            if grid_span is not None:
                span = max(1, int(grid_span.get(qn("w:val"), "1")))
            v_merge = properties.find(qn("w:vMerge"))
            span = min(span, MAX_GRID_COLUMNS)  # check_docx_tables refused more; a guard for direct callers
            if v_merge is not None and v_merge.get(qn("w:val"), "continue") != "restart":
                merge = "v"
            h_merge = properties.find(qn("w:hMerge"))
            if h_merge is not None and h_merge.get(qn("w:val"), "continue") != "restart":
                merge = "h+"  # legacy horizontal merge: this cell continues the one on its left
        paragraphs = [clean_inline(_paragraph_text(p, qn, fonts)) for p in tc.iter(qn("w:p"))]
        text = "\n".join(p for p in paragraphs if p)
        cells.append("" if merge else text)
        merges.append(merge or ("h" if span > 1 else None))
        for _ in range(span - 1):
            cells.append("")
            merges.append("h+")
    return tuple(cells), tuple(merges)


# --- .pdf -----------------------------------------------------------------------------------------

_PDF_LIMITS = {"zlib_maximum_output_length": PDF_MAX_STREAM_BYTES, "lzw_maximum_output_length": PDF_MAX_STREAM_BYTES,
               "run_length_maximum_output_length": PDF_MAX_STREAM_BYTES,
               "array_based_stream_maximum_output_length": PDF_MAX_STREAM_BYTES,
               "page_tree_maximum_entries": MAX_PAGES * 10, "page_tree_maximum_page_entries": 1_000 * MAX_PAGES}


def pdf_layout_pages(data: bytes) -> list[str]:
    """Each page's text as pypdf lays it out (words at their columns, blank lines where the page has space),
    for readers that rebuild a table whose cells the plain text lost (tdkt.lib.awarddoc.layout). Same limits
    as pdf_to_blocks; a page that cannot be laid out gives ""."""
    with pypdf.apply_configuration(**_PDF_LIMITS):
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                reader.decrypt("")
            pages = []
            for page in reader.pages[:MAX_PAGES]:
                try:
                    pages.append(unicodedata.normalize("NFC", page.extract_text(extraction_mode="layout") or ""))
                except LimitReachedError:
                    raise
                except Exception:  # untrusted input: pypdf raises many kinds on a damaged content stream
                    pages.append("")
            return pages
        except LimitReachedError as error:
            raise TooLargeError(PDF_LIMIT_MESSAGE) from error


def pdf_to_blocks(data: bytes) -> tuple[list[TextLine], int, tuple[int, ...]]:
    """Lines of the PDF's text layer, numbered across pages, and the pages that are scanned images (no text
    layer); refuses a PDF that is a scan throughout, and oversized files."""
    with pypdf.apply_configuration(**_PDF_LIMITS):
        return _pdf_blocks(data)


def _pdf_blocks(data: bytes) -> tuple[list[TextLine], int, tuple[int, ...]]:
    check_pdf_bytes(data)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CorruptDocumentError("Tệp PDF được đặt mật khẩu: hãy gỡ mật khẩu rồi nhập lại.")
        check_pdf_objects(reader)
        page_count = len(reader.pages)
    except DocumentError:
        raise
    except LimitReachedError as error:
        raise TooLargeError(PDF_LIMIT_MESSAGE) from error
    except Exception as error:  # untrusted input: pypdf raises many kinds on a damaged file
        raise CorruptDocumentError(f"Tệp PDF bị hỏng, không đọc được ({error.__class__.__name__}).") from error
    check_page_count(page_count)
    blocks: list[TextLine] = []
    number = 0
    text_pages = 0
    scanned: list[int] = []
    for page_number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except LimitReachedError as error:
            raise TooLargeError(f"Trang {page_number}: {PDF_LIMIT_MESSAGE}") from error
        except Exception as error:  # pypdf raises many kinds on damaged content streams
            raise CorruptDocumentError(f"Không đọc được trang {page_number} của tệp PDF.") from error
        lines = [clean_inline(part) for part in unicodedata.normalize("NFC", text).split("\n")]
        if number + len(lines) > MAX_LINES:
            raise TooLargeError(too_many_lines())
        if sum(len(line) for line in lines) >= MIN_CHARS_PER_TEXT_PAGE:
            text_pages += 1
        elif pdftext.page_has_image(page):
            scanned.append(page_number)
        filled = [index for index, line in enumerate(lines) if line]
        edges = {filled[0], filled[-1]} if filled else set()
        for index, line in enumerate(lines):
            number += 1
            blocks.append(TextLine(number, line, page_number, index in edges))
    if text_pages == 0:
        raise NoTextLayerError(
            "Tệp PDF không có lớp chữ (no text layer: scanned document) — đây là bản quét. Hãy nhập "
            "tệp .docx hoặc PDF xuất trực tiếp từ Word, hoặc nhận dạng chữ (OCR) trước."
        )
    return blocks, page_count, tuple(scanned)


# --- entry points ---------------------------------------------------------------------------------

def read_document(path: str | Path) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as error:
        raise DocumentError(f"Không tìm thấy tệp {path}.") from error
    except OSError as error:
        raise DocumentError(f"Không mở được tệp {path.name}: {error.strerror or error}.") from error
    if size > MAX_FILE_BYTES:
        raise TooLargeError(f"Tệp {path.name} nặng {size // (1024 * 1024)} MB, vượt giới hạn "
                            f"{MAX_FILE_BYTES // (1024 * 1024)} MB.")
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, name: str) -> Document:
    """Read a document from its bytes; the format comes from the content first, then the name."""
    if len(data) > MAX_FILE_BYTES:
        raise TooLargeError(f"Tệp {name} vượt giới hạn {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    suffix = Path(name).suffix.lower()
    if data.startswith(OLE2_MAGIC) or suffix == ".doc":
        raise OldWordFormatError(
            "Tệp Word cũ (.doc) không được hỗ trợ: hãy mở bằng Word hoặc LibreOffice và lưu lại dưới "
            "dạng .docx (hoặc PDF) rồi nhập lại."
        )
    image = next((kind for magic, kind in IMAGE_MAGICS.items() if data.startswith(magic)), None)
    if image or (suffix in IMAGE_SUFFIXES and not data.startswith((PDF_MAGIC, ZIP_MAGIC))):  # content first
        raise ScanNeedsOcrError(
            f"Tệp {name} là ảnh{f' {image}' if image else ''} (bản quét), không có lớp chữ: cần nhận dạng chữ "
            "(OCR) trước khi đọc."
        )
    if data.startswith(PDF_MAGIC):
        blocks, pages, scanned = pdf_to_blocks(data)
        document = Document(name, "pdf", list(blocks), pages, scanned_pages=scanned)
    elif data.startswith(ZIP_MAGIC):
        check_docx_package(data, name)
        if not _is_docx(data):
            raise UnsupportedFormatError(f"Tệp {name} là tệp nén nhưng không phải văn bản Word .docx.")
        blocks, converted = _docx_blocks(data, name)
        document = Document(name, "docx", blocks, converted_from=converted)
    elif suffix in (".docx", ".pdf"):
        raise CorruptDocumentError(f"Tệp {name} không đúng định dạng {suffix} (nội dung không khớp phần mở rộng).")
    elif suffix in TEXT_SUFFIXES or suffix == "":
        text = decode_text(data)
        _check_text_size(text)
        if text.count("\n") > MAX_LINES:
            raise TooLargeError(too_many_lines())
        kind = TEXT_SUFFIXES.get(suffix, "txt")
        if kind == "html" or (kind == "txt" and re.match(r"\s*<(!doctype html|html)", text, re.I)):
            document = Document(name, "html", html_to_blocks(text))
        else:
            blocks, pages = lines_to_blocks(text)
            if pages is not None:
                check_page_count(pages)
            document = Document(name, kind, blocks, pages)
    else:
        raise UnsupportedFormatError(
            f"Không hỗ trợ định dạng «{suffix}»: hãy dùng .docx, .pdf (có lớp chữ), .txt, .md hoặc .html."
        )
    _check_text_size(document_text(document))
    _convert_legacy(document)
    if document.kind == "pdf":
        _repair_pdf_text(document)
    return document


def _repair_pdf_text(document: Document) -> None:
    """PDF extraction artefacts (tdkt.lib.pdftext), after any legacy conversion (TCVN3 writes ư as a soft
    hyphen); a notice for each line with unreadable glyphs and each scanned page."""
    for index, block in enumerate(document.blocks):
        if isinstance(block, TextLine) and block.text:
            text, unknown = pdftext.repair(block.text)
            document.blocks[index] = replace(block, text=text)
            if unknown:
                document.notices.append(Notice(block.line, block.page, (
                    f"Dòng {block.line} (trang {block.page}): {unknown} ký tự không đọc được (phông chữ của tệp PDF "
                    "không có bảng mã Unicode) — hãy đối chiếu với bản gốc.")))
    for page in document.scanned_pages:
        document.notices.append(Notice(None, page, (
            f"Trang {page} là ảnh quét, không có lớp chữ: nội dung trang này chưa được đọc (cần nhận dạng chữ).")))


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _check_text_size(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise TooLargeError(
            f"Văn bản dài {len(text):,} ký tự, vượt giới hạn {MAX_TEXT_CHARS:,} ký tự (khoảng {MAX_PAGES} "
            "trang) của một kế hoạch.".replace(",", ".")
        )
