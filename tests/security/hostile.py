"""Hostile files, built in memory by the tests (no binary is committed): each is small to upload and would
cost a naive reader a lot to open.

The ZIP entries are written through `ZipFile.open(..., "w")` in chunks, so building a 250 MB entry holds
one chunk at a time.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterable

import docx
import openpyxl

SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>\n"
)


def workbook(rows: Iterable[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite(data: bytes, replace: dict[str, Callable[[bytes], bytes | Iterable[bytes]]],
            add: dict[str, Iterable[bytes]] | None = None) -> bytes:
    """The same archive with some entries rewritten (a function of the old bytes giving bytes or chunks) or added
    (chunks), every entry deflated."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in replace:
                _write(target, info.filename, replace[info.filename](content))
            else:
                target.writestr(info.filename, content)
        for name, chunks in (add or {}).items():
            _write(target, name, chunks)
    return out.getvalue()


def _write(target: zipfile.ZipFile, name: str, content: bytes | Iterable[bytes]) -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with target.open(info, "w", force_zip64=True) as stream:
        if isinstance(content, bytes):
            stream.write(content)
        else:
            for chunk in content:
                stream.write(chunk)


def ratio_of(data: bytes, entry: str) -> int:
    """The compression ratio of one entry, as tdkt.lib.safezip computes it (it depends on the zlib at hand)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(entry)
    return info.file_size // info.compress_size


def sheet_xml(rows: Iterable[bytes], *, dimension: str = "A1:C3") -> Iterable[bytes]:
    yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}">'
           f'<dimension ref="{dimension}"/><sheetData>').encode()
    yield from rows
    yield b"</sheetData></worksheet>"


def inline_row(number: int, cells: dict[str, str]) -> bytes:
    body = "".join(f'<c r="{column}{number}" t="inlineStr"><is><t>{text}</t></is></c>' for column, text in cells.items())
    return f'<row r="{number}">{body}</row>'.encode()


def header_rows(header: list[str], lines: list[list[str]]) -> list[bytes]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    rows = [inline_row(1, dict(zip(letters, header, strict=False)))]
    rows += [inline_row(n, dict(zip(letters, line, strict=False))) for n, line in enumerate(lines, 2)]
    return rows


def declared_dimension_sheet(header: list[str], lines: list[list[str]], *, far_row: int | None = None) -> bytes:
    """A few real rows under <dimension ref="A1:XFD8000"/>; with far_row, one value really sits in column XFD."""
    rows = header_rows(header, lines)
    if far_row:
        rows.append(inline_row(far_row, {"XFD": "x"}))
    return rewrite(workbook([["x"]]), {SHEET: lambda _old: sheet_xml(rows, dimension="A1:XFD8000")})


def empty_rows_sheet(header: list[str], count: int = 2_000_000) -> bytes:
    """The header, then `count` empty <row> elements (a few hundred KB compressed)."""
    def rows():
        yield header_rows(header, [])[0]
        batch = []
        for number in range(2, count + 2):
            batch.append(f'<row r="{number}"/>')
            if len(batch) == 20_000:
                yield "".join(batch).encode()
                batch = []
        yield "".join(batch).encode()
    return rewrite(workbook([["x"]]), {SHEET: lambda _old: sheet_xml(rows(), dimension="A1:A2000001")})


def cell_bomb_sheet(header: list[str], *, rows: int, cells_per_row: int) -> bytes:
    """Rows of empty formatted cells (<c s="1"/>, no value): a sheet "formatted to the right" many times over."""
    empty = b"<c s=\"1\"/>" * cells_per_row

    def body():
        yield header_rows(header, [])[0]
        for number in range(2, rows + 2):
            yield f'<row r="{number}">'.encode() + empty + b"</row>"
    return rewrite(workbook([["x"]]), {SHEET: lambda _old: sheet_xml(body())})


def zeros(megabytes: int) -> Iterable[bytes]:
    block = bytes(1024 * 1024)
    for _ in range(megabytes):
        yield block


def zip_bomb_xlsx(megabytes: int = 250) -> bytes:
    """An ordinary workbook with one more entry: `megabytes` MB of zeros, compressed a thousand times."""
    return rewrite(workbook([["Họ và tên"], ["Nguyễn Văn An"]]), {}, add={"xl/media/image1.png": zeros(megabytes)})


def ratio_bomb_xlsx(megabytes: int = 40) -> bytes:
    """The sheet itself padded with `megabytes` MB of spaces before its end: legal XML, compressed ~1000 times."""
    def padded(old: bytes):
        head, tail = old.rsplit(b"</worksheet>", 1)
        yield head
        block = b" " * (1024 * 1024)
        for _ in range(megabytes):
            yield block
        yield b"</worksheet>" + tail
    return rewrite(workbook([["Họ và tên"], ["Nguyễn Văn An"]]), {SHEET: padded})


def billion_laughs_xlsx(part: str = SHEET) -> bytes:
    """A nine-level entity (10^9 "lol" if expanded) declared in one XML part and used in the sheet's first cell."""
    def laughs(old: bytes) -> bytes:
        if part == SHEET:
            rows = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>']
            return BILLION_LAUGHS.encode() + b"".join(sheet_xml(rows))[len(b'<?xml version="1.0" encoding="UTF-8" '
                                                                              b'standalone="yes"?>\n'):]
        return BILLION_LAUGHS.encode() + (old.split(b"?>", 1)[1] if old.startswith(b"<?xml") else old)
    return rewrite(workbook([["Họ và tên"], ["Nguyễn Văn An"]]), {part: laughs})


def formula_sheet() -> bytes:
    """Names written as formulas, one with a value cached by the writing program, one without."""
    def cells(old: bytes) -> bytes:
        rows = [inline_row(1, {"A": "Họ và tên", "B": "Năm sinh"}),
                '<row r="2"><c r="A2" t="str"><f>"Nguyễn "&amp;"Văn An"</f><v>Nguyễn Văn An</v></c>'
                '<c r="B2"><v>1980</v></c></row>'.encode(),
                '<row r="3"><c r="A3"><f>HYPERLINK("http://example.invalid","Trần Thị Bình")</f></c>'
                '<c r="B3"><v>1985</v></c></row>'.encode()]
        return b"".join(sheet_xml(rows))
    return rewrite(workbook([["x"]]), {SHEET: cells})


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def billion_laughs_docx() -> bytes:
    def laughs(old: bytes) -> bytes:
        body = old.split(b"?>", 1)[1] if old.startswith(b"<?xml") else old
        return BILLION_LAUGHS.encode() + body.replace("<w:t>Kế hoạch</w:t>".encode(), b"<w:t>&lol9;</w:t>")
    return rewrite(docx_bytes(["Kế hoạch"]), {"word/document.xml": laughs})


def zip_bomb_docx(megabytes: int = 40) -> bytes:
    """document.xml padded with `megabytes` MB of spaces inside the body: legal XML, compressed ~1000 times."""
    def padded(old: bytes):
        head, tail = old.rsplit(b"</w:body>", 1)
        yield head
        block = b" " * (1024 * 1024)
        for _ in range(megabytes):
            yield block
        yield b"</w:body>" + tail
    return rewrite(docx_bytes(["Kế hoạch"]), {"word/document.xml": padded})


def grid_span_docx(span: int = 1_000_000_000) -> bytes:
    """A table whose first cell claims to span a billion grid columns."""
    def forged(old: bytes) -> bytes:
        return old.replace(b"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{span}"/>'.encode(), 1)
    return rewrite(docx_bytes(["Danh sách"], [["STT", "Họ và tên"], ["1", "Nguyễn Văn An"]]),
                   {"word/document.xml": forged})


def raw_pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF from numbered object bodies (object n is objects[n - 1]) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, start))
    return out.getvalue()


def _text_page(content_ref: int, parent: int = 2) -> bytes:
    return (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"
            % (parent, content_ref))


def many_pages_pdf(pages: int, *, declared: int | None = None) -> bytes:
    """`pages` real pages (each with a line of text); `declared` overrides the page count the tree declares."""
    text = b"BT /F1 12 Tf 72 720 Td (Ke hoach cong tac thi dua nam 2026) Tj ET"
    content = b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream"
    kids = b" ".join(b"%d 0 R" % (4 + n) for n in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, declared if declared is not None else pages),
               content]
    objects += [_text_page(3) for _ in range(pages)]
    return raw_pdf(objects)


def many_objects_pdf(count: int) -> bytes:
    """One page and `count` unused objects: a large cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Length 0 >>\nstream\n\nendstream", _text_page(3)]
    return raw_pdf(objects + [b"null"] * count)


def bomb_stream_pdf(megabytes: int = 64) -> bytes:
    """One page whose content stream inflates to `megabytes` MB (text operators repeated): ~100 KB on disk."""
    squeezer = zlib.compressobj(9)
    chunk = b"BT /F1 12 Tf 72 720 Td (thi dua) Tj ET\n" * 26_000  # ~1 MB
    compressed = b"".join(squeezer.compress(chunk) for _ in range(megabytes)) + squeezer.flush()
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed) + compressed + b"\nendstream"
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", content,
                    _text_page(3)])
