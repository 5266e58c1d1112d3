"""Real PDF files with a text layer, written by hand (no PDF library in the project writes PDFs).

Each page shows its lines top to bottom in a Type0 font whose ToUnicode map gives every character
its Unicode value, so a PDF reader extracts the Vietnamese text exactly as a Word export would.
`image_only_pdf` draws a picture and no text: what a scanner produces.
"""

from __future__ import annotations


def _cmap(chars: list[str]) -> bytes:
    entries = []
    for start in range(0, len(chars), 100):
        chunk = chars[start:start + 100]
        entries.append(f"{len(chunk)} beginbfchar")
        for offset, char in enumerate(chunk, start=start + 1):
            entries.append(f"<{offset:04X}> <{ord(char):04X}>")
        entries.append("endbfchar")
    body = "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
        *entries, "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])
    return body.encode("ascii")


def _write(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(content: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(content)} {extra}>>\nstream\n".encode() + content + b"\nendstream"


def text_pdf(pages: list[list[str]], font_size: int = 10) -> bytes:
    """A PDF whose page i shows pages[i] line by line."""
    chars = sorted({char for page in pages for line in page for char in line} | {" "})
    code = {char: index for index, char in enumerate(chars, start=1)}
    # 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, 6 ToUnicode, then (page, content) pairs
    first_page = 7
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRoman /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRoman /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 500 >>",
        b"<< /Type /FontDescriptor /FontName /TimesNewRoman /Flags 32 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
        _stream(_cmap(chars)),
    ]
    leading = font_size + 4
    for index, lines in enumerate(pages):
        shown = []
        for line in lines:
            hex_text = "".join(f"{code[char]:04X}" for char in line)
            shown.append(f"<{hex_text}> Tj T*")
        content = f"BT /F1 {font_size} Tf {leading} TL 50 800 Td\n" + "\n".join(shown) + "\nET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {first_page + 2 * index + 1} 0 R >>".encode()
        )
        objects.append(_stream(content.encode("ascii")))
    return _write(objects)


def image_only_pdf(pages: int = 1) -> bytes:
    """A scan: every page paints one grey image, and there is no text at all."""
    first_page = 4
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        _stream(bytes([0x80] * 16), "/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
                                    "/BitsPerComponent 8 "),
    ]
    for index in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 3 0 R >> >> "
            f"/Contents {first_page + 2 * index + 1} 0 R >>".encode()
        )
        objects.append(_stream(b"q 495 0 0 742 50 50 cm /Im1 Do Q"))
    return _write(objects)
