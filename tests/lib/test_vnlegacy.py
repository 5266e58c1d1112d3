"""tdkt.lib.vnlegacy: TCVN3 (ABC) and VNI-Windows Vietnamese converted to Unicode NFC; detection; .docx runs by
font. The expected bytes below are written by hand from the encodings' definitions, independently of the
module's tables."""

import unicodedata

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.lib import docparse, vnlegacy
from tests.plans.docxmaker import save

# Unicode → TCVN3 bytes, letter by letter: ế D5, đ AE, ị DE, Đ A7, ề D2, ư AD, ờ EA, ễ D4, ặ C6, ằ BB, ệ D6, ở EB.
TCVN3_WORDS = {
    "Quyết định": b"Quy\xd5t \xae\xdenh",
    "Điều 1": b"\xa7i\xd2u 1",
    "Hường": b"H\xad\xeang",
    "Nguyễn Thị": b"Nguy\xd4n Th\xde",
    "tặng Bằng khen": b"t\xc6ng B\xbbng khen",
    "Việt Nam": b"Vi\xd6t Nam",
    "thưởng": b"th\xad\xebng",
}
# Unicode → VNI: the base letter, then its marks (â/ê shape, tone), ñ = đ, ö = ư, ô = ơ, ò = ị.
VNI_WORDS = {
    "Quyết định": "Quyeát ñònh",
    "Điều 1": "Ñieàu 1",
    "Hường": "Höôøng",
    "Nguyễn Thị": "Nguyeãn Thò",
    "tặng Bằng khen": "taëng Baèng khen",
    "Việt Nam": "Vieät Nam",
    "Ủy ban": "UÛy ban",
}


@pytest.mark.parametrize(("unicode", "legacy"), TCVN3_WORDS.items())
def test_tcvn3_words_written_by_hand(unicode, legacy):
    assert vnlegacy.to_unicode(legacy.decode("latin-1"), "TCVN3") == unicode
    assert vnlegacy.from_unicode(unicode, "TCVN3").encode("latin-1") == legacy


@pytest.mark.parametrize(("unicode", "legacy"), VNI_WORDS.items())
def test_vni_words_written_by_hand(unicode, legacy):
    assert vnlegacy.to_unicode(legacy, "VNI") == unicode
    assert vnlegacy.from_unicode(unicode, "VNI") == legacy


def test_tcvn3_capitals_come_from_the_capital_font_or_an_all_capital_word():
    # .VnTimeH draws capitals at the lowercase positions: "QUYÕT §ÞNH" is QUYẾT ĐỊNH.
    assert vnlegacy.to_unicode("QUYÕT §ÞNH", "TCVN3") == "QUYẾT ĐỊNH"
    assert vnlegacy.to_unicode("quyÕt ®Þnh", "TCVN3", capitals=True) == "QUYẾT ĐỊNH"
    assert vnlegacy.to_unicode("Sè: 125/Q§-UBND", "TCVN3") == "Số: 125/QĐ-UBND"


def test_a_unicode_line_in_a_legacy_document_is_kept():
    text = "Số: 125/QĐ-UBND\nQuy\xd5t \xae\xdenh"
    assert vnlegacy.to_unicode(text, "TCVN3") == "Số: 125/QĐ-UBND\nQuyết định"


def test_every_vietnamese_letter_is_in_both_tables():
    letters = {unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy"
               for tone in ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")} - set("aeiouy")
    assert len(letters) == 66
    assert letters | {"đ"} <= set(vnlegacy.TCVN3_ENCODE)
    assert {letter.upper() for letter in letters} | letters | {"đ", "Đ"} <= set(vnlegacy.VNI_ENCODE)
    with pytest.raises(ValueError, match=r"^TCVN3 cannot write '€'$"):
        vnlegacy.from_unicode("€", "TCVN3")


LOWER = sorted({letter for letter in vnlegacy.TCVN3_ENCODE if letter.islower()}) + list("abcdeghiklmnopqrstuvxy")
PUNCTUATION = list(" ,.;:-/()0123456789")


@settings(deadline=None)
@given(st.text(alphabet=LOWER + PUNCTUATION + list("ĂÂÊÔƠƯĐ"), max_size=80))
def test_tcvn3_round_trip(text):
    assert vnlegacy.to_unicode(vnlegacy.from_unicode(text, "TCVN3"), "TCVN3") == text


VNI_ALPHABET = sorted(set(vnlegacy.VNI_ENCODE)) + list("abcdeghiklmnopqrstuvxyABCDGHKLMNPQRSTVX")


@settings(deadline=None)
@given(st.text(alphabet=VNI_ALPHABET + PUNCTUATION, max_size=80))
def test_vni_round_trip(text):
    assert vnlegacy.to_unicode(vnlegacy.from_unicode(text, "VNI"), "VNI") == text


@pytest.mark.parametrize(("font", "expected"), [
    (".VnTime", ("TCVN3", False)), (".VnTimeH", ("TCVN3", True)), (".VnArial", ("TCVN3", False)),
    ("VNI-Times", ("VNI", False)), ("Times New Roman", (None, False)), (None, (None, False)),
])
def test_font_encoding(font, expected):
    assert vnlegacy.font_encoding(font) == expected


def run_in(paragraph, text: str, font: str):
    run = paragraph.add_run(text)
    run.font.name = font
    return run


def test_docx_runs_in_legacy_fonts_are_converted_by_their_font():
    document = docx.Document()
    heading = document.add_paragraph()
    run_in(heading, "quyÕt ®Þnh", ".VnTimeH")
    body = document.add_paragraph()
    run_in(body, "Tặng Bằng khen cho ", "Times New Roman")  # Unicode, left as it is
    run_in(body, "bµ NguyÔn ThÞ H\xad\xeang", ".VnTime")
    run_in(body, ", Tröôûng phoøng", "VNI-Times")
    table = document.add_table(rows=1, cols=1)
    run_in(table.cell(0, 0).paragraphs[0], "Së Néi vô", ".VnTime")
    read = docparse.read_bytes(save(document), "qd.docx")
    assert [block.text for block in read.blocks if isinstance(block, docparse.TextLine)] == [
        "QUYẾT ĐỊNH", "Tặng Bằng khen cho bà Nguyễn Thị Hường, Trưởng phòng"]
    assert read.blocks[2].rows[0].cells == ("Sở Nội vụ",)
    assert read.converted_from == "TCVN3, VNI"


def test_docx_whose_normal_style_is_a_legacy_font_is_converted():
    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"
    document.add_paragraph("Uû ban nh©n d©n tØnh Th¸i Nguyªn")
    read = docparse.read_bytes(save(document), "qd.docx")
    # "Uû" is how TCVN3 typists wrote it (the tone on the y, the old placement): Uỷ.
    assert [block.text for block in read.blocks] == ["Uỷ ban nhân dân tỉnh Thái Nguyên"]
    assert read.converted_from == "TCVN3"


def test_a_docx_already_in_unicode_but_still_in_legacy_fonts_is_left_as_it_is():
    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"
    document.add_paragraph("Ủy ban nhân dân tỉnh Thái Nguyên")
    run_in(document.add_paragraph(), "Bà Thái", ".VnTime")  # "á" would be TCVN3's "ỏ"
    read = docparse.read_bytes(save(document), "qd.docx")
    assert [block.text for block in read.blocks] == ["Ủy ban nhân dân tỉnh Thái Nguyên", "Bà Thái"]
    assert read.converted_from is None


def test_docx_in_tcvn3_without_its_font_is_detected_and_converted():  # fonts lost when copied
    document = docx.Document()
    for line in ("Uû ban nh©n d©n tØnh", "QuyÕt ®Þnh tÆng B»ng khen", "§iÒu 1. TÆng B»ng khen"):
        document.add_paragraph(line)
    read = docparse.read_bytes(save(document), "qd.docx")
    assert [block.text for block in read.blocks] == [
        "Uỷ ban nhân dân tỉnh", "Quyết định tặng Bằng khen", "Điều 1. Tặng Bằng khen"]
    assert read.converted_from == "TCVN3"  # no run had a legacy font: the whole text was recognised as TCVN3


def test_an_html_page_in_tcvn3_is_converted():
    page = ("<html><head><meta charset=\"windows-1252\"></head><body><p>QuyÕt ®Þnh tÆng B»ng khen</p>"
            "<p>&#167;iÒu 1. TÆng B»ng khen cho bµ NguyÔn ThÞ H\xad\xeang</p></body></html>").encode("latin-1")
    read = docparse.read_bytes(page, "qd.html")
    assert [block.text for block in read.blocks] == ["Quyết định tặng Bằng khen",
                                                     "Điều 1. Tặng Bằng khen cho bà Nguyễn Thị Hường"]
    assert read.converted_from == "TCVN3"


UNICODE_WORDS = ["Quyết", "định", "tặng", "Bằng", "khen", "cho", "ông", "bà", "Nguyễn", "Thị", "Hường", "Điều",
                 "Ủy", "ban", "nhân", "dân", "tỉnh", "Thái", "Nguyên", "năm", "2026", "Sở", "Nội", "vụ", "Chủ", "tịch",
                 "Trưởng", "phòng", "thi", "đua", "xuất", "sắc", "Lào", "Cai", "Sơn", "La", "Việt", "Nam", "à", "á"]


@settings(deadline=None)
@given(st.lists(st.sampled_from(UNICODE_WORDS), min_size=1, max_size=40))
def test_unicode_vietnamese_is_never_taken_for_a_legacy_encoding(words):
    text = " ".join(words)
    assert vnlegacy.legacy_encoding_of(text) is None
    assert docparse.read_bytes(text.encode(), "x.txt").converted_from is None
