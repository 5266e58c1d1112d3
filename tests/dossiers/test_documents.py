"""Uploads: sniffed types, refused bad inputs with a message naming the file, who may add or remove, and the
access-checked download."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.dossiers import workflow
from tdkt.dossiers.checklist import checklist_status
from tdkt.dossiers.documents import add_document, remove_document
from tdkt.dossiers.models import DossierDocument
from tests.conftest import client_for
from tests.dossiers.support import PDF_BYTES, PNG_BYTES, add_line, draft_of_unit_a, leader_a, pdf, ready_draft

pytestmark = pytest.mark.django_db


def test_pdf_is_stored_with_its_sniffed_type_and_hash(world):
    dossier = draft_of_unit_a(world)
    document = add_document(dossier, by=world.users["clerk_a"], document_type="cover_letter",
                            uploaded=SimpleUploadedFile("to trinh.pdf", PDF_BYTES, content_type="text/plain"))
    assert (document.content_type, document.size, document.original_name) == (
        "application/pdf", len(PDF_BYTES), "to trinh.pdf")
    assert document.file.name.startswith(f"dossiers/{document.sha256[:2]}/{document.sha256}")
    assert document.file.read() == PDF_BYTES
    assert dossier.events.filter(kind="document").values_list("reason", flat=True).get() == (
        "Thêm tệp: to trinh.pdf (Tờ trình).")


def test_empty_file_is_refused_naming_the_file(world):
    dossier = draft_of_unit_a(world)
    with pytest.raises(ValidationError, match=r"^\{'uploaded': \['Tệp “rong\.pdf”: tệp rỗng\.'\]\}$") as refused:
        add_document(dossier, by=world.users["clerk_a"], document_type="cover_letter",
                     uploaded=SimpleUploadedFile("rong.pdf", b""))
    assert refused.value.message_dict == {"uploaded": ["Tệp “rong.pdf”: tệp rỗng."]}


def test_renamed_executable_is_refused(world):
    dossier = draft_of_unit_a(world)
    executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
    with pytest.raises(ValidationError, match=r"^\{'uploaded': \['Tệp “to-trinh\.pdf”: không chấp nhận loại tệp này\. Chỉ chấp nhận: tệp Word \(DOCX\), ảnh \(JPEG, PNG\), tệp PDF, tệp Excel \(XLSX\)\.'\]\}$") as refused:
        add_document(dossier, by=world.users["clerk_a"], document_type="cover_letter",
                     uploaded=SimpleUploadedFile("to-trinh.pdf", executable))
    assert refused.value.message_dict == {"uploaded": [
        "Tệp “to-trinh.pdf”: không chấp nhận loại tệp này. Chỉ chấp nhận: tệp Word (DOCX), ảnh (JPEG, PNG), tệp PDF, tệp Excel (XLSX)."]}
    assert DossierDocument.objects.count() == 0


def test_too_large_file_is_refused(world, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    dossier = draft_of_unit_a(world)
    with pytest.raises(ValidationError, match=r"^\{'uploaded': \['Tệp “lon\.pdf”: tệp có dung lượng 2,0 MB, vượt quá giới hạn 1 MB\.'\]\}$") as refused:
        add_document(dossier, by=world.users["clerk_a"], document_type="cover_letter",
                     uploaded=SimpleUploadedFile("lon.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024)))
    assert refused.value.message_dict == {"uploaded": [
        "Tệp “lon.pdf”: tệp có dung lượng 2,0 MB, vượt quá giới hạn 1 MB."]}


def test_png_is_accepted(world):
    dossier = draft_of_unit_a(world)
    document = add_document(dossier, by=world.users["clerk_a"], document_type="other",
                            uploaded=SimpleUploadedFile("anh.png", PNG_BYTES))
    assert document.content_type == "image/png"


def test_unit_cannot_change_files_once_submitted_but_specialist_can(world):
    dossier, _lines = ready_draft(world)
    workflow.submit_dossier(dossier, by=leader_a(world))
    with pytest.raises(PermissionDenied, match=r"^Chỉ thay đổi được tệp của hồ sơ khi đang soạn hoặc đã bị trả lại để bổ sung\.$"):
        add_document(dossier, by=world.users["clerk_a"], document_type="other", uploaded=pdf())
    add_document(dossier, by=world.users["specialist"], document_type="other", uploaded=pdf("y-kien.pdf"))
    with pytest.raises(PermissionDenied, match=r"^Chỉ thay đổi được tệp của hồ sơ khi đang soạn hoặc đã bị trả lại để bổ sung\.$"):
        remove_document(dossier.documents.first(), by=world.users["clerk_a"])


def test_document_of_a_line_of_another_dossier_is_refused(world):
    dossier = draft_of_unit_a(world)
    other = draft_of_unit_a(world, title="Khác")
    line = add_line(other, person=world.person_a)
    with pytest.raises(ValidationError, match=r"^\{'nomination': \['Người được đề nghị này không thuộc hồ sơ này\.'\]\}$") as refused:
        add_document(dossier, by=world.users["clerk_a"], document_type="achievement_report", uploaded=pdf(),
                     nomination=line)
    assert refused.value.message_dict == {"nomination": ["Người được đề nghị này không thuộc hồ sơ này."]}


def test_remove_document_updates_the_checklist(world):
    dossier, _lines = ready_draft(world)
    cover = dossier.documents.get(document_type="cover_letter")
    remove_document(cover, by=world.users["clerk_a"])
    rows = {row.requirement.document_type: row.satisfied for row in checklist_status(dossier)}
    assert rows == {"cover_letter": False, "achievement_report": True, "council_minutes": True}


def test_download_sends_the_file_as_attachment_with_its_type(world):
    dossier, _lines = ready_draft(world)
    cover = dossier.documents.get(document_type="cover_letter")
    response = client_for(world, "clerk_a").get(reverse("dossiers:document", kwargs={"pk": cover.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="to-trinh.pdf"'
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_download_of_another_units_file_is_404(world):
    dossier, _lines = ready_draft(world)
    cover = dossier.documents.get(document_type="cover_letter")
    assert client_for(world, "clerk_b").get(reverse("dossiers:document", kwargs={"pk": cover.pk})).status_code == 404


def test_upload_view_shows_the_refusal(world):
    dossier = draft_of_unit_a(world)
    response = client_for(world, "clerk_a").post(reverse("dossiers:upload", kwargs={"pk": dossier.pk}), {
        "document_type": "cover_letter", "uploaded": SimpleUploadedFile("rong.pdf", b"x" * 0)})
    assert response.status_code == 200
    # Django's own form check refuses an empty file before the domain function sees it.
    assert DossierDocument.objects.count() == 0
    response = client_for(world, "clerk_a").post(reverse("dossiers:upload", kwargs={"pk": dossier.pk}), {
        "document_type": "cover_letter", "uploaded": SimpleUploadedFile("virus.pdf", b"MZ" + b"\x00" * 100)})
    assert "Tệp “virus.pdf”: không chấp nhận loại tệp này." in response.content.decode()
