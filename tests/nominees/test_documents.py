"""Nominee lists read from award documents (dossiers.nominees.documents): the converter for each shape the reader
gives, then real files through the import view — the same matching, review and all-or-nothing save as a table."""

import datetime
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from tdkt.dossiers.models import Nomination
from tdkt.dossiers.nominees import documents
from tdkt.dossiers.nominees.documents import DocumentList, document_rows
from tdkt.dossiers.nominees.importing import import_list, import_rows
from tdkt.dossiers.nominees.parsing import COLLECTIVE, INDIVIDUAL, parse_list
from tdkt.lib.awarddoc import AwardDocument, Finding, NotAnAwardDocumentError, Recipient, read_award_bytes
from tests.conftest import client_for
from tests.nominees.files import docx_bytes
from tests.nominees.helpers import make_dossier

TODAY = datetime.date(2026, 1, 15)
LDTT = "Lao động tiên tiến"


def person(name, line, *, kind="individual", award=LDTT, **extra) -> Recipient:
    return Recipient(name=name, kind=kind, award=award, line=line, confidence=0.8, **extra)


def parsed(document):
    converted = document_rows(document)
    return converted, parse_list(converted.rows, today=TODAY)


# --- the converter ---------------------------------------------------------------------------------------------


def test_prose_names_on_one_line_are_told_apart_and_keep_their_line():
    document = AwardDocument(award_forms=[LDTT], recipients=[
        person("Nguyễn Văn An", 12, position="Trưởng phòng", unit="Sở Y tế", award=""),
        person("Trần Thị Bình", 12, position="Chuyên viên", award="")])
    converted, result = parsed(document)
    assert result.problems == []
    assert [(line.row, line.name, line.position_and_unit, line.award_text, line.kind) for line in result.lines] == [
        (1, "Nguyễn Văn An", "Trưởng phòng, Sở Y tế", LDTT, INDIVIDUAL),
        (2, "Trần Thị Bình", "Chuyên viên", LDTT, INDIVIDUAL)]
    assert converted.line_of == {1: 12, 2: 12}


def test_a_lettered_list_keeps_the_document_lines_as_rows():
    document = AwardDocument(recipients=[person("Lê Văn Chiến", 20, position="Kế toán"),
                                         person("Phạm Thị Dung", 21, unit="Trường THCS Lê Lợi, huyện A")])
    converted, result = parsed(document)
    assert [(line.row, line.name, line.position_and_unit) for line in result.lines] == [
        (20, "Lê Văn Chiến", "Kế toán"), (21, "Phạm Thị Dung", "Trường THCS Lê Lợi, huyện A")]
    assert converted.line_of == {}


def test_collectives_and_households_become_sections_a_household_is_refused_with_its_line():
    document = AwardDocument(recipients=[
        person("Phòng Y tế huyện A", 30, kind="collective", award="Tập thể lao động tiên tiến"),
        person("Nguyễn Văn An", 32),
        person("Hộ ông Lò Văn Sáu", 34, kind="household", award="Giấy khen")])
    _converted, result = parsed(document)
    assert [(line.row, line.kind, line.name) for line in result.lines] == [
        (30, COLLECTIVE, "Phòng Y tế huyện A"), (32, INDIVIDUAL, "Nguyễn Văn An")]
    assert [str(problem) for problem in result.problems] == [
        "Dòng 34, cột “Họ và tên”: không nhập hộ gia đình từ danh sách; hãy thêm từng hộ."]


def test_awards_of_group_headings_stay_per_recipient_and_none_is_guessed_between_two_forms():
    document = AwardDocument(award_forms=["Chiến sĩ thi đua cơ sở", LDTT], recipients=[
        person("Nguyễn Văn An", 8, award="Chiến sĩ thi đua cơ sở", group="I. Chiến sĩ thi đua cơ sở"),
        person("Trần Thị Bình", 11, award=LDTT, group="II. Lao động tiên tiến"),
        person("Lê Văn Chiến", 12, award="")])
    _converted, result = parsed(document)
    assert [(line.row, line.award_text) for line in result.lines] == [
        (8, "Chiến sĩ thi đua cơ sở"), (11, LDTT)]
    assert [str(problem) for problem in result.problems] == [
        "Dòng 12, cột “Hình thức khen thưởng”: chưa ghi hình thức đề nghị."]


def test_a_birth_year_or_date_is_read_as_from_a_table():
    document = AwardDocument(recipients=[person("Nguyễn Văn An", 5, birth="1980"),
                                         person("Trần Thị Bình", 6, birth="12/03/1982")])
    _converted, result = parsed(document)
    assert [(line.birth_year, line.birth_date) for line in result.lines] == [
        (1980, None), (1982, datetime.date(1982, 3, 12))]


def test_the_readers_warnings_keep_their_line_and_survive_the_session():
    document = AwardDocument(recipients=[person("Nguyễn Văn An", 5), person("Trần Thị Bình", 5)],
                             warnings=[Finding(9, "Danh sách bị cắt ở dòng 9.")])
    converted = document_rows(document)
    again = DocumentList.from_session(converted.as_session())
    assert [str(warning) for warning in again.warnings] == ["Dòng 9: Danh sách bị cắt ở dòng 9."]
    assert again.line_of == {1: 5, 2: 5}


@settings(deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=30), st.integers(1, 400),
                          st.sampled_from(["individual", "collective", "household"])), max_size=12))
def test_any_recipients_give_rows_parse_list_reads_without_crashing(items):
    document = AwardDocument(recipients=[person(name, line, kind=kind) for name, line, kind in items])
    converted, result = parsed(document)
    rows = [number for number, cells in converted.rows if cells[0]]
    assert len(rows) == len(set(rows)) == len(items) + 1  # the header and one row per recipient, each its own
    assert {line.row for line in result.lines} <= set(rows)
    assert {p.row for p in result.problems} <= set(rows) | {None}


# --- real files through the import --------------------------------------------------------------------------------


@pytest.fixture
def dossier(world):
    return make_dossier(world.unit_a)


def text_upload(text: str, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


DECISION_MD = """ỦY BAN NHÂN DÂN TỈNH HÀ GIANG
SỞ Y TẾ
Số: 12/QĐ-SYT
Hà Giang, ngày 20 tháng 12 năm 2025
QUYẾT ĐỊNH
Về việc công nhận danh hiệu Lao động tiên tiến năm 2025
Điều 1. Công nhận danh hiệu Lao động tiên tiến cho các cá nhân có tên sau:

| STT | Họ và tên | Chức vụ, đơn vị |
|---|---|---|
| 1 | Ông Nguyễn Văn An | Chuyên viên, Sở Y tế |
| 2 | Bà Đỗ Thị Mới | Kế toán, Sở Y tế |
"""


def test_a_decision_with_a_markdown_table_goes_through_matching_and_review(world, dossier):
    client = client_for(world, "clerk_a")
    response = client.post(reverse("nominees:import", kwargs={"pk": dossier.pk}),
                           {"file": text_upload(DECISION_MD, "quyet-dinh.md")})
    assert response.status_code == 302
    batch = response["Location"].rstrip("/").split("/")[-2]
    assert response["Location"] == reverse("nominees:import_review", kwargs={"pk": dossier.pk, "batch": batch})
    page = client.get(response["Location"]).content.decode()
    assert '<tr data-row="12">\n<td>12</td>\n<td><strong>Đỗ Thị Mới</strong><br><em>năm sinh chưa rõ</em>' in page
    assert not Nomination.objects.exists()
    response = client.post(response["Location"], {"row-12": "create"})
    assert response["Location"] == reverse("nominees:import_result", kwargs={"pk": dossier.pk, "batch": batch})
    lines = Nomination.objects.filter(dossier=dossier).select_related("person", "award_type").order_by("position")
    assert [(line.person.full_name, line.award_type.code, line.position_and_unit) for line in lines] == [
        ("Nguyễn Văn An", "LDTT", "Chuyên viên, Sở Y tế"), ("Đỗ Thị Mới", "LDTT", "Kế toán, Sở Y tế")]
    assert lines[0].person == world.person_a


def decision_docx(paragraphs, header, rows) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=len(header))
    for row in [header, *rows]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_decision_without_a_list_table_is_read_as_a_document(world):
    dossier = make_dossier(world.unit_a, to_province=True)
    data = decision_docx(["ỦY BAN NHÂN DÂN TỈNH HÀ GIANG", "Số: 1234/QĐ-UBND", "QUYẾT ĐỊNH",
                          "Điều 1. Tặng Bằng khen của Chủ tịch UBND tỉnh cho các cá nhân có tên sau:"],
                         ["STT", "Họ và tên", "Chức vụ, đơn vị"], [["1", "Ông Nguyễn Văn An", "Chuyên viên, Sở Y tế"]])
    outcome = import_list(dossier, SimpleUploadedFile("qd.docx", data), by=world.users["clerk_a"])
    assert [str(problem) for problem in outcome.problems] == []
    line = Nomination.objects.select_related("award_type").get(dossier=dossier)
    assert (line.person, line.award_type.name, line.position_and_unit) == (
        world.person_a, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Chuyên viên, Sở Y tế")


def test_a_word_list_table_keeps_the_table_path(world, dossier):
    data = docx_bytes([[1, "Nguyễn Văn An", "Chuyên viên", "LĐTT"]])
    outcome = import_list(dossier, SimpleUploadedFile("ds.docx", data), by=world.users["clerk_a"])
    assert (outcome.lines, outcome.warnings) == (1, [])
    assert Nomination.objects.get(dossier=dossier).import_batch == outcome.batch


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


CONG_VAN = "Kính gửi các đơn vị.\nĐề nghị báo cáo trước ngày 5.\n".encode()


def reader_refusal(data: bytes) -> str:
    """The reader's own words for a text that is no award document (they are its to choose)."""
    with pytest.raises(NotAnAwardDocumentError, match=r"^Tệp không phải văn bản khen thưởng") as refused:
        read_award_bytes(data, "x.txt", ocr=False)
    return refused.value.message


SCAN = ("{name} là bản quét (ảnh, không có lớp chữ). Bản quét được đọc trong trình số hóa hồ sơ lưu trữ (Khen thưởng "
        "› Số hóa lưu trữ); ở đây hãy tải danh sách lên dưới dạng Word (.docx), Excel (.xlsx), PDF xuất từ Word hoặc "
        "tệp văn bản (.txt).")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("ban-quet.pdf", blank_pdf(), SCAN.format(name="ban-quet.pdf")),
    ("anh.png", PNG, SCAN.format(name="anh.png")),
    ("cong-van.txt", CONG_VAN, "cong-van.txt không phải danh sách đề nghị: " + reader_refusal(CONG_VAN)),
    ("qd.txt", "Số: 5/QĐ-SYT\nQUYẾT ĐỊNH\nĐiều 1. Tặng danh hiệu Lao động tiên tiến.\n".encode(),
     "qd.txt không có tên người nào được đề nghị: không thấy bảng có cột “Họ và tên” hay danh sách tên (đánh số, "
     "đánh chữ hoặc ngăn bằng dấu chấm phẩy)."),
    ("bang.zip", b"PK\x03\x04" + b"\x00" * 60,
     "Tệp danh sách: không nhận loại tệp này. Chấp nhận: Excel (.xlsx), Word (.docx), PDF có lớp chữ, văn bản "
     "(.txt, .md, .html)."),
])
def test_unreadable_documents_are_refused_with_the_exact_message(world, dossier, name, data, message):
    client = client_for(world, "clerk_a")
    page = client.post(reverse("nominees:import", kwargs={"pk": dossier.pk}),
                       {"file": SimpleUploadedFile(name, data)})
    assert page.status_code == 200
    outcome = import_list(dossier, SimpleUploadedFile(name, data), by=world.users["clerk_a"])
    assert [str(problem) for problem in outcome.problems] == [message]
    assert not Nomination.objects.exists()


def test_names_sharing_a_line_are_reviewed_under_that_line(world, dossier):
    document = document_rows(AwardDocument(recipients=[
        person("Nguyễn Văn An", 14), person("Hứa Văn Lạ", 14)], warnings=[Finding(14, "Tên viết liền trong đoạn.")]))
    outcome = import_rows(dossier, document.rows, by=world.users["clerk_a"], document=document, commit=False)
    assert [(item.row, item.document_line, item.line.name) for item in outcome.review] == [(2, 14, "Hứa Văn Lạ")]
    assert [str(warning) for warning in outcome.warnings] == ["Dòng 14: Tên viết liền trong đoạn."]


# --- prose lists: need the full reader (the first cut reads tables only) --------------------------------------------

NUMBERED = """SỞ Y TẾ
Số: 15/QĐ-SYT
QUYẾT ĐỊNH
Điều 1. Công nhận danh hiệu Lao động tiên tiến cho các cá nhân sau:
1. Ông Nguyễn Văn An, Trưởng phòng Kế hoạch, Sở Y tế;
2. Bà Đỗ Thị Mới, Kế toán, Sở Y tế.
Điều 2. Quyết định có hiệu lực kể từ ngày ký.
"""
PROSE = """SỞ Y TẾ
Số: 16/QĐ-SYT
QUYẾT ĐỊNH
Điều 1. Công nhận danh hiệu Lao động tiên tiến cho các ông (bà): Nguyễn Văn An, Trưởng phòng Kế hoạch; Đỗ Thị Mới, Kế toán.
Điều 2. Quyết định có hiệu lực kể từ ngày ký.
"""


@pytest.mark.parametrize(("text", "lines"), [(NUMBERED, (5, 6)), (PROSE, (4, 4))])
def test_prose_and_numbered_lists_are_imported(world, dossier, text, lines):
    outcome = import_list(dossier, text_upload(text, "quyet-dinh.txt"), by=world.users["clerk_a"],
                          choices=dict.fromkeys((1, 2, *lines), "create"))
    assert [str(problem) for problem in outcome.problems] == []
    found = Nomination.objects.filter(dossier=dossier).select_related("person", "award_type").order_by("position")
    assert [(line.person.full_name, line.award_type.code) for line in found] == [
        ("Nguyễn Văn An", "LDTT"), ("Đỗ Thị Mới", "LDTT")]
    assert found[0].person == world.person_a


LIST_MD = """SỞ Y TẾ
DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025

| STT | Họ và tên | Năm sinh | Chức vụ, đơn vị | Hình thức đề nghị |
|---|---|---|---|---|
| 1 | Ông Nguyễn Văn An | 1985 | Chuyên viên, Sở Y tế | Lao động tiên tiến |
| 2 | Bà Trần Thị Bình | 1899 | Bác sĩ | Lao động tiên tiến |
"""


def test_a_text_file_holding_the_list_table_is_read_as_that_table(world, dossier):
    outcome = import_list(dossier, text_upload(LIST_MD, "danh-sach.md"), by=world.users["clerk_a"])
    assert [str(problem) for problem in outcome.problems] == [
        "Dòng 7, cột “Năm sinh”: năm sinh 1899 không hợp lệ."]
    outcome = import_list(dossier, text_upload(LIST_MD.replace("| 2 | Bà Trần Thị Bình | 1899 | Bác sĩ | Lao động "
                                                               "tiên tiến |\n", ""), "danh-sach.md"),
                          by=world.users["clerk_a"])
    assert [str(problem) for problem in outcome.problems] == []
    line = Nomination.objects.select_related("award_type").get(dossier=dossier)
    assert (line.person, line.award_type.code, line.position_and_unit) == (
        world.person_a, "LDTT", "Chuyên viên, Sở Y tế")


def test_the_readers_doubts_are_shown_on_the_review_and_after_the_save(world, dossier, monkeypatch):
    # The reader's own wording changes with it: its result is given here, the file's bytes are not read.
    doubt = Finding(40, "Danh sách có 3 người nhưng chỉ đọc được 2 (danh sách bị cắt?).")
    monkeypatch.setattr(documents, "read_award", lambda parsed: AwardDocument(
        number="12/QĐ-SYT", award_forms=[LDTT], warnings=[doubt],
        recipients=[person("Nguyễn Văn An", 38), person("Đỗ Thị Mới", 39)]))
    client = client_for(world, "clerk_a")
    response = client.post(reverse("nominees:import", kwargs={"pk": dossier.pk}),
                           {"file": text_upload("Số: 12/QĐ-SYT", "quyet-dinh.txt")})
    shown = "Dòng 40: Danh sách có 3 người nhưng chỉ đọc được 2 (danh sách bị cắt?)."
    page = client.get(response["Location"]).content.decode()
    assert f"Những chỗ trình đọc văn bản còn nghi ngờ:</strong></p><ul><li>{shown}</li></ul>" in page
    batch = response["Location"].rstrip("/").split("/")[-2]
    response = client.post(response["Location"], {"row-39": "create"}, follow=True)
    assert response.redirect_chain == [(reverse("nominees:import_result", kwargs={"pk": dossier.pk, "batch": batch}),
                                        302)]
    assert shown in response.content.decode()
    assert Nomination.objects.filter(dossier=dossier).count() == 2


@pytest.mark.parametrize("count", [1, 30])
def test_a_documents_review_queries_do_not_grow_with_its_names(world, dossier, count, monkeypatch,
                                                               django_assert_num_queries):
    recipients = [person(f"Người Chưa Có {i:03d}", 10 + i // 3) for i in range(count)]  # three names a line
    monkeypatch.setattr(documents, "read_award", lambda parsed: AwardDocument(recipients=recipients))
    # A table's review (tests/nominees/test_import.py) and import_list's own editability check: never per name.
    with django_assert_num_queries(13):
        outcome = import_list(dossier, text_upload("Số: 1/QĐ", "qd.txt"), by=world.users["clerk_a"])
    expected = [(i + 1, 10 + i // 3) for i in range(count)] if count > 1 else [(10, None)]
    assert [(item.row, getattr(item, "document_line", None)) for item in outcome.review] == expected
