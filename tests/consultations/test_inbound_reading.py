"""Reading a request received into the form's fields: a messy letter (portal chrome, two-column header, names in
prose with honorifics and in a table with sections), hostile files refused with a Vietnamese message, and the
hand-typed list of names (property-tested)."""

import io
import textwrap
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tdkt.dossiers.consultations import inbound
from tdkt.dossiers.consultations.inbound_reading import WrittenSubject, read_request, read_request_bytes
from tdkt.lib.docparse import DocumentError
from tests.consultations.inbound_support import D, messy_request_docx


def test_the_messy_letter_prefills_number_date_body_subject_and_names():
    prefill = read_request_bytes(messy_request_docx(), "215-SYT.docx")
    assert (prefill.number, prefill.date, prefill.issuer, prefill.subject) == (
        "215/SYT-TCCB", D(2026, 3, 5), "SỞ Y TẾ TỈNH YÊN BÁI", "hiệp y khen thưởng cho cá nhân có thành tích xuất sắc")
    assert prefill.subjects == [
        WrittenSubject("Nguyễn Văn An", "Giám đốc Sở Y tế", "individual"),
        WrittenSubject("Đặng Thị Đào", "Trưởng khoa Nội, Bệnh viện Đa khoa tỉnh", "individual"),
        WrittenSubject("Giàng A Páo", "Chuyên viên Sở Giáo dục và Đào tạo", "individual"),
        WrittenSubject("Lý Văn Minh", "Phó Giám đốc Trung tâm Y tế huyện Bát Xát", "individual"),
        WrittenSubject("Bệnh viện Đa khoa tỉnh", "", "collective"),
    ]
    assert prefill.missing == []


def test_the_names_are_matched_where_unambiguous(world):
    prefill = read_request_bytes(messy_request_docx(), "215-SYT.docx")
    matched = [(s.name, person, unit) for s, person, unit in inbound.match_subjects(prefill.subjects)]
    assert matched == [("Nguyễn Văn An", world.person_a.pk, None), ("Đặng Thị Đào", world.person_a_child.pk, None),
                       ("Giàng A Páo", world.person_b.pk, None), ("Lý Văn Minh", None, None),
                       ("Bệnh viện Đa khoa tỉnh", None, world.unit_a_child.pk)]


def test_two_people_of_one_name_are_told_apart_by_the_written_unit_or_left_unlinked(world):
    from tests.factories import make_person

    twin = make_person("Nguyễn Văn An", unit=world.unit_b)
    subjects = [WrittenSubject("Nguyễn Văn An", "Giáo viên, Sở Giáo dục và Đào tạo"), WrittenSubject("Nguyễn Văn An")]
    assert [person for _s, person, _u in inbound.match_subjects(subjects)] == [twin.pk, None]


def test_a_letter_without_names_says_what_is_missing():
    document = __import__("docx").Document()
    document.add_paragraph("Kính gửi: Ủy ban nhân dân tỉnh Lào Cai.")
    document.add_paragraph("Đề nghị cho ý kiến.")
    buffer = io.BytesIO()
    document.save(buffer)
    prefill = read_request_bytes(buffer.getvalue(), "x.docx")
    assert prefill.missing == ["số văn bản", "ngày văn bản", "cơ quan đề nghị", "trích yếu (V/v)",
                               "danh sách cá nhân, tập thể"]


def _upload(name, data):
    return SimpleUploadedFile(name, data)


def test_an_old_word_file_is_refused_naming_the_file(db):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    with translation.override("en"), pytest.raises(ValidationError, match=r"File “cv\.doc”: this type of file is not"):
        inbound.store_request_file(_upload("cv.doc", data))


def test_a_zip_bomb_named_docx_is_refused_by_the_guards_vietnamese_reason(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<a>" + "x" * (20 * 1024 * 1024) + "</a>")
    with translation.override("en"), pytest.raises(ValidationError, match=r"File “bom\.docx” cannot be read: .*bom nén"):
        inbound.store_request_file(_upload("bom.docx", buffer.getvalue()))


def test_the_readers_own_errors_are_vietnamese():
    with pytest.raises(DocumentError, match=r"^Tệp bad\.docx không đúng định dạng \.docx"):
        read_request_bytes(b"not a zip at all", "bad.docx")


def test_hand_typed_lines_lose_their_honorifics_and_collectives_are_marked():
    assert inbound.parse_subject_lines("Đ/c Hoàng Văn Nam | Trưởng phòng\n\n  Tập thể Phòng Nội vụ huyện Sa Pa") == [
        WrittenSubject("Hoàng Văn Nam", "Trưởng phòng", "individual"),
        WrittenSubject("Phòng Nội vụ huyện Sa Pa", "", "collective")]


def test_a_line_of_only_an_honorific_is_refused_naming_the_line():
    with translation.override("en"), pytest.raises(ValidationError, match=r"Line 2: give the name"):
        inbound.parse_subject_lines("Bà Lò Thị Mai\nÔng | Giám đốc")


_WORD = st.sampled_from(["Nguyễn", "Văn", "Thị", "Lò", "Mai", "An", "Páo", "Giàng", "Đào"])


@given(prefix=st.sampled_from(["", "Ông ", "Bà ", "Đ/c ", "Đồng chí ", "TS. "]),
       words=st.lists(_WORD, min_size=2, max_size=4), unit=st.sampled_from(["", "Sở Y tế", "Phó Giám đốc, Sở Tài chính"]))
def test_typed_names_round_trip_through_the_form_text(prefix, words, unit):
    line = f"{prefix}{' '.join(words)}" + (f" | {unit}" if unit else "")
    [subject] = inbound.parse_subject_lines(line)
    assert subject == WrittenSubject(" ".join(words), unit, "individual")
    assert inbound.parse_subject_lines(inbound.subjects_text([subject])) == [subject]


def _pdf_letter() -> bytes:
    from tests.consultations.inbound_support import PROSE
    from tests.plans.pdfmaker import text_pdf

    wrapped = textwrap.wrap(PROSE, 61)  # a PDF wraps the prose across lines and pages: "Bà Đặng | Thị Đào"
    first = ["Trang 1/2", "BỘ CÔNG AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỤC TỔ CHỨC CÁN BỘ",
             "Độc lập - Tự do - Hạnh phúc", "Số: 1502/X01-P4", "Hà Nội, ngày 02 tháng 02 năm 2026",
             "V/v hiệp y khen thưởng", "Kính gửi: Ủy ban nhân dân tỉnh Lào Cai.", *wrapped[:2]]
    second = [*wrapped[2:], "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "https://congan.gov.vn/vb/1502", "Trang 2/2"]
    return text_pdf([first, second])


def test_a_pdf_with_a_text_layer_prefills_too():
    prefill = read_request_bytes(_pdf_letter(), "1502.pdf")
    assert (prefill.number, prefill.date, prefill.issuer, prefill.subject) == (
        "1502/X01-P4", D(2026, 2, 2), "CỤC TỔ CHỨC CÁN BỘ", "hiệp y khen thưởng")
    assert [s.name for s in prefill.subjects] == ["Nguyễn Văn An", "Đặng Thị Đào", "Giàng A Páo"]


def test_a_scanned_pdf_is_refused_with_a_vietnamese_reason(db):
    from tests.plans.pdfmaker import image_only_pdf

    with translation.override("en"), pytest.raises(ValidationError,
                                                   match=r"File “scan\.pdf” cannot be read: Tệp PDF không có lớp chữ"):
        inbound.store_request_file(_upload("scan.pdf", image_only_pdf()))


_HONORIFIC = st.sampled_from(["Ông", "Bà", "Đ/c", "Đồng chí", "Đại tá", "ThS."])
_UNIT = st.sampled_from(["Giám đốc Sở Y tế", "Trưởng phòng, Sở Tài chính", "Chuyên viên Văn phòng UBND tỉnh"])


@given(people=st.lists(st.tuples(_HONORIFIC, st.lists(_WORD, min_size=2, max_size=4), _UNIT), min_size=1, max_size=6,
                       unique_by=lambda p: " ".join(p[1])),
       width=st.integers(min_value=30, max_value=120))
def test_prose_lists_give_back_every_name_without_honorific_however_wrapped(people, width):
    from tdkt.lib.docparse import Document, TextLine

    prose = "Đề nghị hiệp y cho các cá nhân sau: " + "; ".join(
        f"{honorific} {' '.join(words)}, {unit}" for honorific, words, unit in people) + "."
    lines = ["Số: 12/SNV-TĐKT", "Kính gửi: Ủy ban nhân dân tỉnh Lào Cai.", *textwrap.wrap(prose, width), "Nơi nhận:",
             "- Lưu: VT."]
    prefill = read_request(Document("x.pdf", "pdf", [TextLine(n, text) for n, text in enumerate(lines, 1)]))
    assert [(s.name, s.unit_text) for s in prefill.subjects] == [(" ".join(words), unit) for _h, words, unit in people]
