"""Line services: add / update / remove, with engine verdict, audit and timeline rows; refusals."""


import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.audit.models import AuditEvent
from tdkt.dossiers.models import DossierEvent, Nomination
from tdkt.dossiers.nominees.services import add_nomination, remove_nomination, update_nomination
from tests.nominees.helpers import award, make_dossier

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def dossier(world):
    return make_dossier(world.unit_a)


def test_add_nomination_stores_verdict_audit_and_event(world, dossier):
    clerk = world.users["clerk_a"]
    line = add_nomination(dossier, by=clerk, award_type=award("LDTT"), person=world.person_a,
                          achievement_summary="Hoàn thành xuất sắc nhiệm vụ")
    line.refresh_from_db()
    assert (line.position, line.proposed_award_type.code, line.award_type.code) == (1, "LDTT", "LDTT")
    assert line.position_and_unit == "Sở Y tế"
    assert line.verdict_live["award"] == "LDTT"
    assert AuditEvent.objects.filter(action="create", object_type="dossiers.nomination",
                                     object_id=str(line.pk)).exists()
    assert DossierEvent.objects.filter(dossier=dossier).last().reason == (
        "Thêm vào danh sách: Nguyễn Văn An — Lao động tiên tiến")


def test_same_person_twice_refused(world, dossier):
    add_nomination(dossier, by=world.users["clerk_a"], award_type=award("LDTT"), person=world.person_a)
    with pytest.raises(ValidationError, match=r"^\['“Nguyễn\ Văn\ An”\ đã\ có\ trong\ danh\ sách\ của\ hồ\ sơ\ này\.'\]$") as error:
        add_nomination(dossier, by=world.users["clerk_a"], award_type=award("CSTD_CS"), person=world.person_a)
    assert error.value.messages == ["“Nguyễn Văn An” đã có trong danh sách của hồ sơ này."]


def test_award_must_fit_the_recipient(world, dossier):
    with pytest.raises(ValidationError, match=r"^\{'award_type':\ \['“Tập\ thể\ lao\ động\ xuất\ sắc”\ không\ xét\ tặng\ cho\ loại\ đối\ tượng\ này\.'\]\}$") as error:
        add_nomination(dossier, by=world.users["clerk_a"], award_type=award("TTLDXS"), person=world.person_a)
    assert error.value.messages == ["“Tập thể lao động xuất sắc” không xét tặng cho loại đối tượng này."]


def test_another_units_person_or_dossier_refused(world, dossier):
    with pytest.raises(ValidationError, match=r"^\['Đối\ tượng\ này\ không\ thuộc\ đơn\ vị\ mà\ bạn\ được\ đề\ nghị\ khen\ thưởng\.'\]$") as error:
        add_nomination(dossier, by=world.users["clerk_a"], award_type=award("LDTT"), person=world.person_b)
    assert error.value.messages == ["Đối tượng này không thuộc đơn vị mà bạn được đề nghị khen thưởng."]
    with pytest.raises(ValidationError, match=r"^\['Bạn\ không\ có\ quyền\ sửa\ danh\ sách\ đề\ nghị\ của\ hồ\ sơ\ thuộc\ “Sở\ Y\ tế”\.'\]$") as error:
        add_nomination(dossier, by=world.users["clerk_b"], award_type=award("LDTT"), person=world.person_a)
    assert error.value.messages == ["Bạn không có quyền sửa danh sách đề nghị của hồ sơ thuộc “Sở Y tế”."]


@pytest.mark.parametrize("state", ["submitted", "received", "in_appraisal", "withdrawn"])
def test_lines_frozen_outside_draft_and_returned(world, dossier, state):
    dossier.state = state
    dossier.save()
    with pytest.raises(ValidationError, match=r"^\['Chỉ sửa được danh sách đề nghị khi hồ sơ đang là bản nháp hoặc bị trả lại để bổ sung; hồ sơ hiện ở trạng thái “[^”]+”\.'\]$"):
        add_nomination(dossier, by=world.users["clerk_a"], award_type=award("LDTT"), person=world.person_a)


def test_returned_dossier_takes_no_new_line(world, dossier):
    dossier.state = "returned"
    dossier.save()
    with pytest.raises(ValidationError, match=r"^\['Hồ sơ bị trả lại để bổ sung không được thêm dòng mới: đơn vị hoàn "
                                              r"thiện các dòng được trả lại và bổ sung tài liệu; đề nghị người, tập "
                                              r"thể khác trong hồ sơ mới\.'\]$"):
        add_nomination(dossier, by=world.users["clerk_a"], award_type=award("TTLDTT"), unit=world.unit_a_child)
    assert not dossier.nominations.exists()


def test_update_changes_award_and_reruns_engine(world, dossier):
    clerk = world.users["clerk_a"]
    line = add_nomination(dossier, by=clerk, award_type=award("LDTT"), person=world.person_a)
    report = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    updated = update_nomination(line, by=clerk, award_type=award("CSTD_CS"), position_and_unit="Phó Giám đốc",
                                report=report)
    updated.refresh_from_db()
    assert (updated.award_type.code, updated.proposed_award_type.code) == ("CSTD_CS", "CSTD_CS")
    assert updated.verdict_live["award"] == "CSTD_CS"
    assert updated.report_name == "bao-cao.pdf" and updated.report_file.name.endswith(".pdf")
    with updated.report_file.open("rb") as handle:
        assert handle.read() == PDF


def test_report_upload_sniffed(world, dossier):
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 executable", content_type="application/pdf")
    with pytest.raises(ValidationError, match=r"^\{'report':\ \['Báo\ cáo\ thành\ tích:\ không\ chấp\ nhận\ loại\ tệp\ này\.\ Chỉ\ chấp\ nhận:\ tệp\ Word\ \(DOCX\),\ tệp\ PDF\.'\]\}$") as error:
        add_nomination(dossier, by=world.users["clerk_a"], award_type=award("LDTT"), person=world.person_a,
                       report=fake)
    assert error.value.message_dict == {"report": ["Báo cáo thành tích: không chấp nhận loại tệp này. "
                                                   "Chỉ chấp nhận: tệp Word (DOCX), tệp PDF."]}
    assert not Nomination.objects.exists()


def test_remove_keeps_a_timeline_row(world, dossier):
    clerk = world.users["clerk_a"]
    line = add_nomination(dossier, by=clerk, award_type=award("LDTT"), person=world.person_a)
    remove_nomination(line, by=clerk)
    assert not Nomination.objects.exists()
    assert list(DossierEvent.objects.filter(dossier=dossier).values_list("reason", flat=True)) == [
        "Thêm vào danh sách: Nguyễn Văn An — Lao động tiên tiến",
        "Bỏ khỏi danh sách: Nguyễn Văn An — Lao động tiên tiến"]




@pytest.mark.parametrize(("kind", "basis"), [("year_end", "merit"), ("movement_review", "thematic"),
                                             ("adhoc", "adhoc"), ("dedication", "dedication")])
def test_basis_follows_the_dossier_kind(world, kind, basis):
    dossier = make_dossier(world.unit_a, kind=kind, to_province=True)
    line = add_nomination(dossier, by=world.users["clerk_a"], award_type=award("BK_TINH"), person=world.person_a)
    assert line.basis == basis
