"""The central register reads the decision itself (.txt, .md, .docx, .pdf with text), not only an Excel sheet: its
recipients become rows matched as a sheet's are; its number and date fill in the register entry."""

import datetime
import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from tdkt.awards.models import AwardRecord
from tdkt.central import register
from tdkt.central.documents import document_rows
from tdkt.central.models import CentralDecision
from tdkt.lib.awarddoc import AwardDocument, Finding, Recipient, read_award_bytes
from tests.central.support import sent_proposal
from tests.conftest import client_for

SIGNED_ON = datetime.date(2026, 5, 20)
BK = "Bằng khen của Thủ tướng Chính phủ"
HEAD = """THỦ TƯỚNG CHÍNH PHỦ
Số: 812/QĐ-TTg
Hà Nội, ngày 20 tháng 5 năm 2026
QUYẾT ĐỊNH
Về việc tặng Bằng khen của Thủ tướng Chính phủ
Điều 1. Tặng Bằng khen của Thủ tướng Chính phủ cho các cá nhân có tên sau:
"""
TABLE = HEAD + "STT\tHọ và tên\tChức vụ, đơn vị\n1\tÔng Nguyễn Văn An\tSở Y tế\n2\tBà Đặng Thị Đào\tBệnh viện Đa khoa tỉnh\n"


@pytest.fixture
def decision(world):
    return register.record_decision(kind="prime_minister", number="812/QĐ-TTg", signed_on=SIGNED_ON,
                                    by=world.users["specialist"])


def test_recipients_become_rows_with_the_decisions_one_award():
    read = document_rows(AwardDocument(number="5/QĐ-CTN", date=SIGNED_ON, award_forms=[BK], recipients=[
        Recipient("Nguyễn Văn An", "individual", "", 12, 0.7, position="Chuyên viên", unit="Sở Y tế"),
        Recipient("Bệnh viện Đa khoa tỉnh", "collective", "Huân chương Lao động hạng Ba", 12, 0.7)],
        warnings=[Finding(15, "Danh sách bị cắt.")]))
    assert [(row.row, row.name, row.award, row.position) for row in read.rows] == [
        (12, "Nguyễn Văn An", BK, "Chuyên viên, Sở Y tế"),
        (12, "Bệnh viện Đa khoa tỉnh", "Huân chương Lao động hạng Ba", "")]
    assert (read.number, read.signed_on, read.notes) == ("5/QĐ-CTN", SIGNED_ON, ["Dòng 15: Danh sách bị cắt."])


def test_a_text_decision_is_read_and_matched_as_a_sheet(world, decision):
    proposal = sent_proposal(world)
    notes = []
    count = register.import_list(decision, TABLE.encode(), name="qd-812.txt", by=world.users["specialist"],
                                 notes=notes)
    assert (count, notes) == (2, document_rows(read_award_bytes(TABLE.encode(), "qd-812.txt", ocr=False)).notes)
    lines = list(decision.lines.order_by("row"))
    assert [(line.row, line.written_name, line.written_award, line.written_position, line.problem) for line in lines] \
        == [(8, "Nguyễn Văn An", BK, "Sở Y tế", ""), (9, "Đặng Thị Đào", BK, "Bệnh viện Đa khoa tỉnh", "")]
    assert [line.proposal_line for line in lines] == [proposal.lines.get(nomination__person=world.person_a),
                                                      proposal.lines.get(nomination__person=world.person_a_child)]


def word_decision() -> bytes:
    document = docx.Document()
    for text in HEAD.splitlines():
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=3)
    for row in (["STT", "Họ và tên", "Chức vụ, đơn vị"], ["1", "Ông Nguyễn Văn An", "Sở Y tế"]):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_decision_file_fills_in_a_new_entry_and_its_list(world):
    sent_proposal(world)
    client = client_for(world, "specialist")
    response = client.post(reverse("central:decision_create"), {
        "kind": "prime_minister", "number": "", "signed_on": "", "note": "",
        "document": SimpleUploadedFile("qd-812.docx", word_decision())})
    decision = CentralDecision.objects.get()
    assert response["Location"] == reverse("central:decision", args=[decision.pk])
    assert (decision.number, decision.signed_on) == ("812/QĐ-TTg", SIGNED_ON)
    assert list(decision.lines.values_list("written_name", "problem")) == [("Nguyễn Văn An", "")]
    client.post(reverse("central:decision_commit", args=[decision.pk]))
    assert AwardRecord.objects.filter(decision_number="812/QĐ-TTg", person=world.person_a).count() == 1


def test_without_a_file_the_number_and_date_are_still_asked_for(world):
    page = client_for(world, "specialist").post(reverse("central:decision_create"), {
        "kind": "prime_minister", "number": "812/QĐ-TTg", "signed_on": "", "note": ""})
    assert "Hãy nhập ngày ký quyết định." in page.text
    assert not CentralDecision.objects.exists()


def test_another_decisions_file_is_refused_and_a_date_apart_is_noted(world, decision):
    other = TABLE.replace("812/QĐ-TTg", "813/QĐ-TTg")
    with pytest.raises(ValidationError, match=r"^\['qd\.txt là Quyết định số 813/QĐ-TTg, không phải Quyết định số "
                                              r"812/QĐ-TTg đang ghi nhận: hãy chọn đúng tệp của quyết định này\.'\]$"):
        register.import_list(decision, other.encode(), name="qd.txt", by=world.users["specialist"])
    notes = []
    later = TABLE.replace("ngày 20 tháng 5", "ngày 21 tháng 5")
    register.import_list(decision, later.encode(), name="qd.txt", by=world.users["specialist"], notes=notes)
    assert notes == [*document_rows(read_award_bytes(later.encode(), "qd.txt", ocr=False)).notes,
                     "qd.txt đề ngày 21/05/2026; quyết định được ghi nhận ký ngày 20/05/2026."]


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_scan_is_refused_with_the_exact_message_on_the_page(world, decision):
    client = client_for(world, "specialist")
    response = client.post(reverse("central:decision_import", args=[decision.pk]), {
        "file": SimpleUploadedFile("quet.pdf", blank_pdf()), "award_type": ""}, follow=True)
    assert ("quet.pdf là bản quét (ảnh, không có lớp chữ): bản quét được đọc trong trình số hóa hồ sơ lưu trữ. Ở đây "
            "hãy tải danh sách của quyết định lên dưới dạng Excel, Word, PDF xuất từ Word hoặc tệp văn bản.") in (
        response.text)
    assert not decision.lines.exists()


PROSE = HEAD.replace("cho các cá nhân có tên sau:", "cho các ông (bà): Nguyễn Văn An, Chuyên viên Sở Y tế; Đặng Thị "
                     "Đào, Bác sĩ Bệnh viện Đa khoa tỉnh.")
NUMBERED = HEAD + "1. Ông Nguyễn Văn An, Chuyên viên Sở Y tế;\n2. Bà Đặng Thị Đào, Bác sĩ Bệnh viện Đa khoa tỉnh.\n"


@pytest.mark.parametrize(("text", "rows"), [(PROSE, [6, 6]), (NUMBERED, [7, 8])])
def test_a_decision_listing_names_in_prose_or_numbered_is_matched(world, decision, text, rows):
    sent_proposal(world)
    register.import_list(decision, text.encode(), name="qd.txt", by=world.users["specialist"])
    assert list(decision.lines.order_by("row", "id").values_list("row", "written_name", "written_award", "problem")) \
        == [(rows[0], "Nguyễn Văn An", BK, ""), (rows[1], "Đặng Thị Đào", BK, "")]


def test_the_readers_notes_are_shown_on_the_decision_page(world, decision):
    later = TABLE.replace("ngày 20 tháng 5", "ngày 21 tháng 5")
    response = client_for(world, "specialist").post(reverse("central:decision_import", args=[decision.pk]), {
        "file": SimpleUploadedFile("qd.txt", later.encode()), "award_type": ""}, follow=True)
    assert "Đã đọc 2 dòng: hãy kiểm tra các dòng cần xem xét." in response.text
    assert "qd.txt đề ngày 21/05/2026; quyết định được ghi nhận ký ngày 20/05/2026." in response.text


def test_a_typed_number_other_than_the_files_records_nothing(world):
    page = client_for(world, "specialist").post(reverse("central:decision_create"), {
        "kind": "prime_minister", "number": "999/QĐ-TTg", "signed_on": "", "note": "",
        "document": SimpleUploadedFile("qd-812.docx", word_decision())})
    assert ("qd-812.docx là Quyết định số 812/QĐ-TTg, không phải Quyết định số 999/QĐ-TTg đang ghi nhận: hãy chọn "
            "đúng tệp của quyết định này.") in page.text
    assert not CentralDecision.objects.exists()
