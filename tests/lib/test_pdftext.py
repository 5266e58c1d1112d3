"""tdkt.lib.pdftext and what docparse does with a PDF's text: extraction artefacts repaired, unreadable glyphs
reported with their line and page, legacy text in a PDF converted before the soft hyphen is touched, images
recognised as scans."""

import io
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from tdkt.lib import docparse, pdftext, vnlegacy
from tests.documents.scanmaker import blank_image, blank_scan_pdf
from tests.documents.scanmaker import text_pdf as typed_pdf
from tests.plans.pdfmaker import text_pdf


@pytest.mark.parametrize(("raw", "repaired"), [
    ("Q uyết đ ịnh số 125", "Quyết định số 125"),
    ("QUYẾT Đ ỊNH", "QUYẾT ĐỊNH"),
    ("khen th ưởng cho ng ười lao đ ộng", "khen thưởng cho người lao động"),
    ("Ủy ban nh ân dân tỉnh", "Ủy ban nhân dân tỉnh"),
    ("UBND t ỉnh Lào Cai", "UBND tỉnh Lào Cai"),
    # A lone letter before a word that stands alone is a list label or an initial: left as it is.
    ("điểm đ ông Nguyễn Văn A", "điểm đ ông Nguyễn Văn A"),
    ("điểm b, c khoản 1 Điều 3", "điểm b, c khoản 1 Điều 3"),
    ("Nguyễn V. A ông", "Nguyễn V. A ông"),
    ("Quyê \u0301t đi\u0323nh", "Quyết định"),
    ("Quyeˊt", "Quyét"),
    ("\ufb01le ﬂow", "file flow"),
    ("\uf0b7 Tập thể lao động", "• Tập thể lao động"),
    ("thi đua\u00ad khen thưởng", "thi đua khen thưởng"),
])
def test_repair(raw, repaired):
    assert pdftext.repair(raw) == (repaired, 0)


def test_unreadable_glyphs_are_counted_and_marked():
    assert pdftext.repair("Nguy\uf123n Th\ufffd Hường") == ("Nguy\ufffdn Th\ufffd Hường", 2)


@settings(deadline=None)
@given(st.text(max_size=120))
def test_repair_never_crashes_and_gives_nfc(text):
    repaired, unknown = pdftext.repair(text)
    assert unicodedata.is_normalized("NFC", repaired)
    assert unknown == repaired.count("\ufffd")


WORDS = ["Quyết", "định", "tặng", "Bằng", "khen", "cho", "ông", "bà", "anh", "điểm", "đ", "b", "c", "khoản", "Điều",
         "Ủy", "ban", "nhân", "dân", "tỉnh", "Lào", "Cai", "năm", "2026", "ấp", "ở", "em", "và", "của", "Sở", "Nội", "vụ"]


@settings(deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=15))
def test_real_words_are_never_joined(words):
    sentence = " ".join(words)
    assert pdftext.repair(sentence) == (sentence, 0)


def texts(document):
    return [block.text for block in document.blocks if block.text]


def test_a_pdf_line_with_unreadable_glyphs_gets_a_notice():
    document = docparse.read_bytes(text_pdf([["Q uyết đ ịnh khen thưởng", "\uf0b7 Ông Nguy\uf123n Văn An"]]), "qd.pdf")
    assert texts(document) == ["Quyết định khen thưởng", "• Ông Nguy\ufffdn Văn An"]
    assert [(notice.line, notice.page, notice.message) for notice in document.notices] == [
        (2, 1, "Dòng 2 (trang 1): 1 ký tự không đọc được (phông chữ của tệp PDF không có bảng mã Unicode) — hãy "
               "đối chiếu với bản gốc.")]


def test_a_pdf_in_tcvn3_is_converted_before_soft_hyphens_are_removed():
    # In TCVN3 the soft hyphen (0xAD) is the letter ư.
    lines = [vnlegacy.from_unicode(line, "TCVN3") for line in ("Quyết định khen thưởng", "tặng Bằng khen",
                                                                "cho người lao động")]
    document = docparse.read_bytes(text_pdf([lines]), "cu.pdf")
    assert texts(document) == ["Quyết định khen thưởng", "tặng Bằng khen", "cho người lao động"]
    assert document.converted_from == "TCVN3"


def test_images_are_scans_that_need_ocr():
    with pytest.raises(docparse.ScanNeedsOcrError, match=r"^Tệp qd\.png là ảnh PNG \(bản quét\), không có lớp chữ: "
                       r"cần nhận dạng chữ \(OCR\) trước khi đọc\.$") as caught:
        docparse.read_bytes(blank_image(), "qd.png")
    assert isinstance(caught.value, docparse.NoTextLayerError)  # callers that OCR a scan catch this one
    with pytest.raises(docparse.ScanNeedsOcrError, match=r"^Tệp qd\.txt là ảnh TIFF \(bản quét\)"):
        docparse.read_bytes(blank_image(fmt="TIFF"), "qd.txt")  # the content decides, not the name
    with pytest.raises(docparse.ScanNeedsOcrError, match=r"^Tệp qd\.jpg là ảnh \(bản quét\)"):
        docparse.read_bytes(b"not the bytes of a jpeg", "qd.jpg")
    # A PDF with a text layer misnamed .png is read as the PDF it is.
    assert texts(docparse.read_bytes(text_pdf([["Quyết định khen thưởng năm 2026"]]), "qd.png")) == [
        "Quyết định khen thưởng năm 2026"]


def test_a_partly_scanned_pdf_is_read_and_its_scanned_pages_listed():
    writer = PdfWriter()
    for source in (typed_pdf([["QUYẾT ĐỊNH về việc khen thưởng năm 2026"]]), blank_scan_pdf(),
                   typed_pdf([["Điều 2. Quyết định có hiệu lực kể từ ngày ký"]])):
        for page in PdfReader(io.BytesIO(source)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    document = docparse.read_bytes(out.getvalue(), "hon-hop.pdf")
    assert texts(document) == ["QUYẾT ĐỊNH về việc khen thưởng năm 2026", "Điều 2. Quyết định có hiệu lực kể từ ngày ký"]
    assert document.scanned_pages == (2,) and document.page_count == 3
    assert [(notice.line, notice.page, notice.message) for notice in document.notices] == [
        (None, 2, "Trang 2 là ảnh quét, không có lớp chữ: nội dung trang này chưa được đọc (cần nhận dạng chữ).")]
