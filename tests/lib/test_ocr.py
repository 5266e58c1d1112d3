"""tdkt.lib.ocr: scans (PDF, PNG, TIFF) read back through ocrmypdf and Tesseract's Vietnamese model, and every
refusal made from the file's headers before OCR starts. The OCR tests run the real programs on scans rendered
by tests/documents/scanmaker.py (each costs a few seconds; they are few)."""

import io
import os
import re
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from tdkt.lib import docparse, ocr
from tests.documents.scanmaker import blank_image, blank_scan_pdf, scan_image, scan_pdf, scan_tiff
from tests.documents.scanmaker import text_pdf as typed_pdf

DECISION = ["ỦY BAN NHÂN DÂN", "TỈNH THÁI NGUYÊN", "Số: 125/QĐ-UBND", "QUYẾT ĐỊNH",
            "Về việc khen thưởng thành tích xuất sắc",
            "Bà Nguyễn Thị Hường, Trưởng phòng Nghiệp vụ"]
# The lines OCR must give back exactly (the header, the number and symbol, a name with its diacritics).
EXACT = ["ỦY BAN NHÂN DÂN", "TỈNH THÁI NGUYÊN", "Số: 125/QĐ-UBND", "QUYẾT ĐỊNH",
         "Bà Nguyễn Thị Hường, Trưởng phòng Nghiệp vụ"]

# Skipped without the programs, except under CI, where a missing program must fail the run (make ci-system-deps).
needs_ocr = pytest.mark.skipif(not ocr.available() and os.environ.get("CI") != "true",
                               reason="ocrmypdf/tesseract not installed (make ci-system-deps)")


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@needs_ocr
def test_a_scanned_pdf_gets_a_text_layer_with_the_exact_words():
    scan = scan_pdf([DECISION], dpi=300, rotate=0.4, noise=0.0005)
    with pytest.raises(docparse.NoTextLayerError, match=r"^Tệp PDF không có lớp chữ"):
        docparse.read_bytes(scan, "qd125.pdf")
    result = ocr.searchable_pdf(scan, name="qd125.pdf")
    assert result.page_count == 1 and result.empty_pages == () and result.warnings == []
    assert [line for line in lines(result.page_texts[0]) if line in EXACT] == EXACT
    assert result.seconds > 0
    document = docparse.read_bytes(result.pdf, "qd125.pdf")
    read = [block.text for block in document.blocks if block.text]
    assert [line for line in read if line in EXACT] == EXACT
    # The scan's image is kept as it was (no recompression): the page still paints one image of the same size.
    page = PdfReader(io.BytesIO(result.pdf)).pages[0]
    original = PdfReader(io.BytesIO(scan)).pages[0]
    assert [image.image.size for image in page.images] == [image.image.size for image in original.images]


@needs_ocr
def test_png_and_multi_page_tiff_are_read():
    png = ocr.searchable_pdf(scan_image(EXACT[:4], fmt="PNG", dpi=200), name="anh.png")
    assert lines(png.page_texts[0]) == EXACT[:4]
    tiff = ocr.searchable_pdf(scan_tiff([EXACT[:2], EXACT[2:4]], dpi=200), name="trang.tif")
    assert tiff.page_count == 2
    assert [lines(text) for text in tiff.page_texts] == [EXACT[:2], EXACT[2:4]]


@needs_ocr
def test_a_png_with_transparency_is_flattened_and_read():
    from PIL import Image

    page = Image.open(io.BytesIO(scan_image(EXACT[2:4], dpi=200))).convert("LA")  # grey with an alpha channel
    out = io.BytesIO()
    page.save(out, "PNG", dpi=(200, 200))
    assert lines(ocr.searchable_pdf(out.getvalue(), name="chup-man-hinh.png").page_texts[0]) == EXACT[2:4]


@needs_ocr
def test_a_blank_image_is_refused_naming_its_page():
    with pytest.raises(ocr.NoTextFoundError, match=r"^Không nhận dạng được chữ nào trong bản quét trang\.png "
                       r"\(trang 1\): ảnh trắng, quá mờ hoặc không phải văn bản\.$"):
        ocr.searchable_pdf(blank_image(), name="trang.png")


@needs_ocr
def test_a_partly_scanned_pdf_keeps_its_text_and_reports_the_page_without_text():
    writer = PdfWriter()
    for source in (typed_pdf([["QUYẾT ĐỊNH về việc khen thưởng năm 2026"]]), blank_scan_pdf()):
        for page in PdfReader(io.BytesIO(source)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    assert docparse.read_bytes(out.getvalue(), "hon-hop.pdf").scanned_pages == (2,)  # (tests/lib/test_pdftext.py)
    result = ocr.searchable_pdf(out.getvalue(), name="hon-hop.pdf")
    assert result.empty_pages == (2,)
    assert lines(result.page_texts[0]) == ["QUYẾT ĐỊNH về việc khen thưởng năm 2026"]
    assert result.warnings == [
        "Không nhận dạng được chữ nào ở trang 2 của bản quét (trang trắng, ảnh hoặc quá mờ)."]


@needs_ocr
def test_the_overall_time_limit_stops_ocr_with_a_message():
    with pytest.raises(ocr.OcrTimeoutError, match=r"^Nhận dạng chữ quá thời gian cho phép \(0,2 giây cho 1 trang\) "
                       r"với bản quét cham\.png: hãy thử lại khi máy chủ rảnh hoặc tách bản quét thành nhiều tệp\.$"):
        ocr.searchable_pdf(scan_image(EXACT[:2]), name="cham.png", startup_seconds=0.2, seconds_per_page=0)


@needs_ocr
def test_the_time_limit_per_page_names_the_pages():
    with pytest.raises(ocr.OcrTimeoutError, match=r"^Nhận dạng chữ quá thời gian cho phép \(0,01 giây một trang\) ở "
                       r"trang 1 của bản quét lau\.png: hãy quét lại rõ hơn hoặc thử lại khi máy chủ rảnh\.$"):
        ocr.searchable_pdf(scan_image(EXACT[:2]), name="lau.png", page_timeout=0.01)
    result = ocr.OcrResult(b"", 3, ("a", "", ""), (2, 3), 1.0, (3,))
    assert result.warnings == [
        "Không nhận dạng được chữ nào ở trang 2 của bản quét (trang trắng, ảnh hoặc quá mờ).",
        "Trang 3 của bản quét nhận dạng quá thời gian cho phép một trang: trang đó chưa có chữ, hãy quét lại rõ hơn."]


# --- refusals before OCR (no OCR run) ---------------------------------------------------------------

def test_an_encrypted_pdf_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mat-khau")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ocr.EncryptedPdfError, match=r"^Tệp PDF khoa\.pdf được đặt mật khẩu \(mã hóa\): hãy gỡ mật "
                       r"khẩu rồi gửi lại\.$"):
        ocr.searchable_pdf(out.getvalue(), name="khoa.pdf")


def test_a_corrupt_pdf_is_refused():
    with pytest.raises(ocr.CorruptDocumentError, match=r"^Tệp PDF hong\.pdf bị hỏng, không đọc được \(\w+\): hãy "
                       r"quét hoặc xuất lại\.$"):
        ocr.searchable_pdf(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without a trailer", name="hong.pdf")


def test_a_scan_over_the_page_limit_is_refused_before_ocr():
    writer = PdfWriter()
    for _ in range(301):
        writer.add_blank_page(72, 72)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ocr.TooLargeError, match=r"^Bản quét luu-tru\.pdf có 301 trang, vượt giới hạn 100 trang: hãy "
                       r"tách thành nhiều tệp \(mỗi văn bản một tệp\) rồi gửi lại\.$"):
        ocr.check_scan(out.getvalue(), "luu-tru.pdf")


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header declares width × height and whose data is a few bytes: a decompression bomb's shape."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def test_a_pixel_bomb_is_refused_from_its_header():
    with pytest.raises(ocr.TooLargeError, match=r"^Ảnh bom\.png có kích thước 100000 × 100000 điểm ảnh, vượt giới hạn "
                       r"75 triệu điểm ảnh của một trang quét: hãy quét lại ở 300 dpi\.$"):
        ocr.searchable_pdf(png_header_only(100_000, 100_000), name="bom.png")


def test_image_resolution_is_read_or_assumed_from_an_a4_width():
    assert ocr.check_scan(blank_image(dpi=200), "a.png") == ocr.ScanInfo("PNG", 1, 200)
    assert ocr.check_scan(png_header_only(2480, 3508), "b.png") == ocr.ScanInfo("PNG", 1, 300)  # A4 at 300 dpi
    assert ocr.check_scan(png_header_only(400, 600), "c.png") == ocr.ScanInfo("PNG", 1, 100)


def test_the_kind_comes_from_the_bytes_not_the_name():
    assert ocr.check_scan(blank_image(fmt="TIFF"), "scan.pdf").kind == "TIFF"
    with pytest.raises(ocr.UnsupportedFormatError, match=r"^Tệp scan\.png không phải bản quét đọc được: chỉ nhận PDF "
                       r"hoặc ảnh PNG, JPEG, TIFF\.$"):
        ocr.searchable_pdf(b"GIF89a not a scan we take", name="scan.png")


@settings(deadline=None)
@given(st.sampled_from([b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b""]),
       st.binary(max_size=400))
def test_checking_any_bytes_gives_a_scan_or_a_vietnamese_refusal(magic, rest):
    try:
        scan = ocr.check_scan(magic + rest, "tep.bin")
    except ocr.DocumentError as error:
        assert error.message.startswith(("Tệp", "Ảnh", "Bản quét"))
    else:
        assert scan.pages >= 1 and scan.kind in ("PDF", "PNG", "JPEG", "TIFF")


def test_a_missing_ocrmypdf_is_named(monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda program: None)
    with pytest.raises(ocr.OcrUnavailableError, match=re.escape(
            "Máy chủ chưa cài chương trình nhận dạng chữ (ocrmypdf, tesseract-ocr-vie): không đọc được bản quét.")):
        ocr.searchable_pdf(blank_image(), name="trang.png")
