"""tdkt.lib.docparse: encodings, legacy Vietnamese encodings, formats, merged cells, limits."""

import io
import random
import re

import docx
import pytest

from tdkt.lib import docparse
from tdkt.lib.docparse import Table, TextLine, clean_inline, legacy_encoding_of, read_bytes
from tests.plans.docxmaker import save
from tests.plans.pdfmaker import image_only_pdf, text_pdf

SAMPLE = "Số: 12/KH-UBND\nKẾ HOẠCH\nCông tác thi đua, khen thưởng năm 2026\n"

# A few Vietnamese letters and their byte in TCVN3 (ABC), enough to write a realistic sample.
TCVN3 = {"à": 0xB5, "ả": 0xB6, "á": 0xB8, "ạ": 0xB9, "ă": 0xA8, "â": 0xA9, "đ": 0xAE, "ê": 0xAA, "ô": 0xAB,
         "ơ": 0xAC, "ư": 0xAD, "ế": 0xD5, "ệ": 0xD6, "ộ": 0xE9, "ở": 0xEB, "ủ": 0xF1, "ỉ": 0xD8, "ờ": 0xEA}
VIETNAMESE_SAMPLE = "kế hoạch công tác thi đua, khen thưởng năm 2026 của ủy ban nhân dân tỉnh, việt nam\n"
VNI_SAMPLE = "Keá hoaïch coâng taùc thi ñua, khen thöôûng naêm 2026 cuûa UÛy ban nhaân daân tænh Vieät Nam\n"


def to_tcvn3(text: str) -> bytes:
    return bytes(TCVN3[char] if char in TCVN3 else ord(char) for char in text)


def texts(document):
    return [block.text for block in document.blocks if isinstance(block, TextLine) and block.text]


# --- encodings ------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    SAMPLE.encode("utf-8"), b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), SAMPLE.encode("utf-16"),
    b"\xfe\xff" + SAMPLE.encode("utf-16-be"), SAMPLE.replace("\n", "\r\n").encode("utf-8"),
])
def test_text_encodings_with_and_without_bom(data):
    assert texts(read_bytes(data, "plan.txt")) == ["Số: 12/KH-UBND", "KẾ HOẠCH", "Công tác thi đua, khen thưởng năm 2026"]


def test_decomposed_unicode_is_normalised_to_nfc():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Thái Nguyên, ngày 14 tháng 02 năm 2026")
    assert texts(read_bytes(decomposed.encode(), "x.txt")) == ["Thái Nguyên, ngày 14 tháng 02 năm 2026"]


def test_tcvn3_bytes_are_converted_to_unicode_and_the_conversion_recorded():
    document = read_bytes(to_tcvn3(VIETNAMESE_SAMPLE * 3), "kehoach.txt")
    assert texts(document) == [VIETNAMESE_SAMPLE.strip()] * 3
    assert document.converted_from == "TCVN3"
    assert docparse.conversion_notice(document) == (
        "Văn bản mã TCVN3 đã được chuyển sang Unicode; hãy soát lại các chữ có dấu.")


def test_tcvn3_text_already_mis_read_as_latin1_and_saved_as_utf8_is_converted_too():
    mojibake = to_tcvn3(VIETNAMESE_SAMPLE).decode("latin-1")
    assert legacy_encoding_of(mojibake) == "TCVN3"
    document = read_bytes(mojibake.encode("utf-8"), "kehoach.txt")
    assert texts(document) == [VIETNAMESE_SAMPLE.strip()]
    assert document.converted_from == "TCVN3"


def test_vni_is_converted():
    assert legacy_encoding_of(VNI_SAMPLE) == "VNI"
    document = read_bytes(VNI_SAMPLE.encode("cp1252"), "kehoach.txt")
    assert texts(document) == ["Kế hoạch công tác thi đua, khen thưởng năm 2026 của Ủy ban nhân dân tỉnh Việt Nam"]
    assert document.converted_from == "VNI"


def test_unicode_text_is_not_marked_as_converted():
    document = read_bytes(SAMPLE.encode(), "plan.txt")
    assert document.converted_from is None and docparse.conversion_notice(document) is None


def test_real_unicode_vietnamese_is_not_taken_for_a_legacy_encoding(seed):
    for name in ("lao_cai", "cao_bang", "son_la", "lang_son", "thai_nguyen"):
        assert legacy_encoding_of(seed(name).read_text(encoding="utf-8")) is None


def test_binary_data_is_refused():
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(docparse.BinaryContentError, match=r"^Tệp không phải văn bản \(dữ liệu nhị phân\): hãy chọn tệp \.docx, \.pdf hoặc \.txt\.$") as caught:
        read_bytes(data, "plan.txt")
    assert "nhị phân" in caught.value.message


def test_text_that_is_neither_unicode_nor_legacy_is_refused():
    with pytest.raises(docparse.UndecodableTextError, match=r"^Không đọc được bảng mã của văn bản: hãy lưu lại dưới dạng Unicode \(UTF-8\) rồi nhập lại\.$"):
        read_bytes("Kế hoạch năm 2026 — bảng mã lạ".encode("cp1258", errors="replace") * 20, "plan.txt")


# --- formats --------------------------------------------------------------------------------------

def test_old_word_files_are_refused_by_their_magic_bytes():
    with pytest.raises(docparse.OldWordFormatError, match=r"^Tệp Word cũ \(\.doc\) không được hỗ trợ: hãy mở bằng Word hoặc LibreOffice và lưu lại dưới dạng \.docx \(hoặc PDF\) rồi nhập lại\.$") as caught:
        read_bytes(docparse.OLE2_MAGIC + b"\x00" * 600, "kehoach.docx")
    assert ".docx" in caught.value.message and "Word cũ (.doc)" in caught.value.message


def test_unsupported_formats():
    with pytest.raises(docparse.UnsupportedFormatError, match=r"^Không hỗ trợ định dạng «\.odt»: hãy dùng \.docx, \.pdf \(có lớp chữ\), \.txt, \.md hoặc \.html\.$"):
        read_bytes(b"not really an odt", "plan.odt")
    archive = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(docparse.UnsupportedFormatError, match=r"^Tệp kehoach\.docx là tệp nén nhưng không phải văn bản Word \.docx\.$"):
        read_bytes(archive.getvalue(), "kehoach.docx")
    with pytest.raises(docparse.CorruptDocumentError, match=r"^Tệp kehoach\.pdf không đúng định dạng \.pdf \(nội dung không khớp phần mở rộng\)\.$"):
        read_bytes(b"plain text pretending", "kehoach.pdf")


def test_plain_text_tables_gather_tab_rows_across_blank_lines():
    text = "Phụ lục\nTT\tNội dung\tChủ trì\n1\tMột\tSở Nội vụ\n\n2\tHai\tSở Tài chính\nIII. TỔ CHỨC\n"
    document = read_bytes(text.encode(), "x.txt")
    assert [type(block).__name__ for block in document.blocks] == ["TextLine", "Table", "TextLine", "TextLine"]
    table = document.blocks[1]
    assert [(row.line, row.cells) for row in table.rows] == [
        (2, ("TT", "Nội dung", "Chủ trì")), (3, ("1", "Một", "Sở Nội vụ")), (5, ("2", "Hai", "Sở Tài chính"))]


def test_markdown_pipe_tables_and_markup_are_read():
    text = "## **KẾ HOẠCH**\n| STT | Nội dung | Chủ trì |\n|---|---|---|\n| 1 | <b>Tập huấn</b> | *Sở Nội vụ* |\n"
    document = read_bytes(text.encode(), "plan.md")
    assert texts(document) == ["KẾ HOẠCH"]
    assert [row.cells for row in document.blocks[1].rows] == [("STT", "Nội dung", "Chủ trì"), ("1", "Tập huấn", "Sở Nội vụ")]


def test_form_feeds_mark_pages_and_their_edges():
    document = read_bytes("một\nhai\fba\nbốn".encode(), "x.txt")
    lines = [(b.text, b.page, b.page_edge) for b in document.blocks]
    assert lines == [("một", 1, True), ("hai", 1, True), ("ba", 2, True), ("bốn", 2, True)]
    assert document.page_count == 2


@pytest.mark.parametrize(("raw", "clean"), [
    ("<p>Ủy ban nhân dân tỉnh xem xét:</p> <ul style=\"x\"> - Thưởng", "Ủy ban nhân dân tỉnh xem xét: - Thưởng"),
    ("**KT. CHỦ TỊCH", "KT. CHỦ TỊCH"),
    ("### **III. TỔ CHỨC THỰC HIỆN**", "III. TỔ CHỨC THỰC HIỆN"),
    ("*(Có danh mục kèm theo).*", "(Có danh mục kèm theo)."),
    ("Kỷ niệm chương “ <i>Vì sự nghiệp</i> ”", "Kỷ niệm chương “ Vì sự nghiệp ”"),
    ("Sở&nbsp;Nội vụ &amp; Văn phòng", "Sở Nội vụ & Văn phòng"),
])
def test_clean_inline(raw, clean):
    assert clean_inline(raw) == clean


def test_html_paragraphs_and_tables():
    page = ("<html><body><p>KẾ HOẠCH</p><p>Công tác <b>thi đua</b></p><table><tr><th>TT</th><th>Nội dung</th></tr>"
            "<tr><td>1</td><td>Tập huấn<br>nghiệp vụ</td></tr></table><p>III. TỔ CHỨC</p></body></html>")
    document = read_bytes(page.encode(), "plan.html")
    assert texts(document) == ["KẾ HOẠCH", "Công tác thi đua", "III. TỔ CHỨC"]
    table = next(block for block in document.blocks if isinstance(block, Table))
    assert [row.cells for row in table.rows] == [("TT", "Nội dung"), ("1", "Tập huấn\nnghiệp vụ")]


def test_html_paragraphs_inside_a_cell_are_its_lines_not_glued():
    page = ("<table><tr><td><p>ỦY BAN NHÂN DÂN</p><p>TỈNH LÀO CAI</p></td><td><p>Số: 1/KH</p></td>"
            "<td>Tập huấn<div>nghiệp vụ</div></td></tr></table>")
    table = read_bytes(page.encode(), "plan.html").blocks[0]
    assert [row.cells for row in table.rows] == [("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", "Số: 1/KH", "Tập huấn\nnghiệp vụ")]


def test_docx_paragraphs_and_tables_in_document_order():
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "TT", "Nội dung"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "Tập huấn"
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    read = read_bytes(save(document), "plan.docx")
    assert [type(block).__name__ for block in read.blocks] == ["TextLine", "Table", "TextLine"]
    assert [(row.line, row.cells) for row in read.blocks[1].rows] == [(2, ("TT", "Nội dung")), (3, ("1", "Tập huấn"))]
    assert read.blocks[2].line == 4


def test_docx_merged_cells_are_detected():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "QUÝ I"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Sở Nội vụ"
    rows = read_bytes(save(document), "plan.docx").blocks[0].rows
    assert [(row.cells, row.merges) for row in rows] == [
        (("QUÝ I", "", ""), ("h", "h+", "h+")),
        (("Sở Nội vụ", "", ""), (None, None, None)),
        (("", "", ""), ("v", None, None)),
    ]
    assert rows[2].has_merges and not rows[1].has_merges


# --- PDF ------------------------------------------------------------------------------------------

def test_pdf_text_layer_lines_are_numbered_across_pages():
    document = read_bytes(text_pdf([["KẾ HOẠCH", "Công tác thi đua"], ["2", "TT Nội dung Cơ quan thực hiện"]]), "x.pdf")
    filled = [(b.line, b.text, b.page, b.page_edge) for b in document.blocks if b.text]
    assert filled == [(1, "KẾ HOẠCH", 1, True), (2, "Công tác thi đua", 1, True), (4, "2", 2, True),
                      (5, "TT Nội dung Cơ quan thực hiện", 2, True)]
    assert document.page_count == 2


def test_image_only_pdf_has_no_text_layer():
    with pytest.raises(docparse.NoTextLayerError, match=r"^Tệp PDF không có lớp chữ \(no text layer: scanned document\) — đây là bản quét\. Hãy nhập tệp \.docx hoặc PDF xuất trực tiếp từ Word, hoặc nhận dạng chữ \(OCR\) trước\.$") as caught:
        read_bytes(image_only_pdf(3), "scan.pdf")
    assert "no text layer: scanned document" in caught.value.message
    assert "bản quét" in caught.value.message


def test_pdf_over_the_page_limit_is_refused():
    pages = [[f"Trang {n}"] for n in range(1, docparse.MAX_PAGES + 102)]  # 201 pages
    assert len(pages) == 201
    with pytest.raises(docparse.TooLargeError, match=r"^Văn bản có 201 trang, vượt giới hạn 100 trang của một kế hoạch: hãy tách riêng phần kế hoạch và phụ lục nhiệm vụ rồi nhập lại\.$") as caught:
        read_bytes(text_pdf(pages), "big.pdf")
    assert caught.value.message.startswith("Văn bản có 201 trang, vượt giới hạn 100 trang")


def test_text_over_the_size_limit_is_refused():
    with pytest.raises(docparse.TooLargeError, match=r"^Văn bản dài 650\.000 ký tự\. vượt giới hạn 500\.000 ký tự \(khoảng 100 trang\) của một kế hoạch\.$"):
        read_bytes(("Nội dung dài " * 50_000).encode(), "big.txt")
    with pytest.raises(docparse.TooLargeError, match=r"^Tệp big\.txt vượt giới hạn 20 MB\.$"):
        read_bytes(b"x" * (docparse.MAX_FILE_BYTES + 1), "big.txt")


def test_missing_file_message_is_vietnamese(tmp_path):
    missing = tmp_path / "khong-co.docx"
    with pytest.raises(docparse.DocumentError, match=f"^{re.escape(f'Không tìm thấy tệp {missing}.')}$") as caught:
        docparse.read_document(missing)
    assert caught.value.message.startswith("Không tìm thấy tệp")
