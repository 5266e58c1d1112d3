"""Award documents as they arrive on paper and from old machines: a decision rendered, printed to an image,
OCR'd and read back gives what was written; a TCVN3 file is converted and says so."""

import os

import pytest

from tdkt.lib import ocr
from tdkt.lib.awarddoc import COLLECTIVE, DECISION, INDIVIDUAL, read_award_bytes
from tdkt.lib.vnlegacy import from_unicode
from tests.documents.scanmaker import scan_pdf

# Skipped without the programs, except under CI, where a missing program must fail the run (make ci-system-deps).
needs_ocr = pytest.mark.skipif(not ocr.available() and os.environ.get("CI") != "true",
                               reason="ocrmypdf and tesseract-ocr-vie are installed by make ci-system-deps")

DECISION_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH LÀO CAI          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "                                              Độc lập - Tự do - Hạnh phúc",
    "Số: 125/QĐ-UBND                       Lào Cai, ngày 12 tháng 3 năm 2025",
    "QUYẾT ĐỊNH",
    "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "QUYẾT ĐỊNH:",
    "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể và 02 cá nhân:",
    "1. Phòng Nội vụ huyện Bảo Thắng;",
    "2. Ông Nguyễn Văn An, Trưởng phòng Tư pháp huyện Bảo Thắng;",
    "3. Bà Trần Thị Bình, Giáo viên Trường Trung học cơ sở Lê Lợi.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
]


@needs_ocr
def test_a_generated_decision_printed_to_an_image_reads_back_the_same():
    written = read_award_bytes("\n".join(DECISION_LINES).encode(), "goc.txt")
    scanned = read_award_bytes(scan_pdf([DECISION_LINES], dpi=300), "ban-quet.pdf")
    fields = ("kind", "number", "date", "issuer", "award_forms")
    assert {field: getattr(scanned, field) for field in fields} == {field: getattr(written, field) for field in fields}
    assert (scanned.kind, scanned.number, scanned.date.isoformat(), scanned.issuer, scanned.award_forms) == (
        DECISION, "125/QĐ-UBND", "2025-03-12", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        ["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"])
    assert [(r.name, r.kind, r.award) for r in scanned.recipients] == [
        (r.name, r.kind, r.award) for r in written.recipients] == [
        ("Phòng Nội vụ huyện Bảo Thắng", COLLECTIVE, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("Nguyễn Văn An", INDIVIDUAL, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("Trần Thị Bình", INDIVIDUAL, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")]
    assert scanned.ocr and scanned.ocr_pdf.startswith(b"%PDF-") and not written.ocr


def test_a_tcvn3_decision_is_converted_and_says_so():
    legacy = from_unicode("\n".join(DECISION_LINES), "TCVN3").encode("cp1252", errors="strict")
    read = read_award_bytes(legacy, "cu.txt")
    assert (read.number, [r.name for r in read.recipients]) == (
        "125/QĐ-UBND", ["Phòng Nội vụ huyện Bảo Thắng", "Nguyễn Văn An", "Trần Thị Bình"])
    assert read.warnings[0].as_json() == {
        "line": None, "page": None,
        "message": "Văn bản mã TCVN3 đã được chuyển sang Unicode; hãy soát lại các chữ có dấu."}
