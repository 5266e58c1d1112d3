"""Drafting from approved nominations, approval, signing (numbering, history rows, initiatives, dossier
closure), publication, and the refusals: a non-PDF, a wrong state, editing a signed decision."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tdkt.audit.models import AuditEvent
from tdkt.awards.enums import AwardSource
from tdkt.awards.models import AwardRecord
from tdkt.decisions import services
from tdkt.decisions.enums import DecisionState, LineGroup
from tdkt.decisions.models import Decision, DecisionEvent, DecisionLine, ImmutableDecisionError
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.lib.uploads import UploadError
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, make_dossier, pdf_bytes
from tests.factories import make_initiative


@pytest.fixture
def drafted(world):
    authority = make_authority()
    dossier = make_dossier(world.unit_a)
    lines = [approved(dossier, person=world.person_a, position=1, position_and_unit="Chuyên viên, Sở Y tế"),
             approved(dossier, unit=world.unit_a_child, position=2),
             approved(dossier, person=world.person_a_child, code="CSTD_TINH", position=3)]
    decisions = services.draft_decisions(lines, by=world.users["specialist"], authority=authority,
                                         date=datetime.date(2026, 7, 1))
    return authority, dossier, lines, decisions


def _signed(world, decision, *, on=SIGNED_ON):
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    return services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=on)


def test_one_decision_per_award_type_with_lines_grouped(drafted):
    _authority, _dossier, _lines, decisions = drafted
    assert sorted((d.award_type.code, d.title, d.state, d.number) for d in decisions) == [
        ("BK_TINH", "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", DecisionState.DRAFT, None),
        ("CSTD_TINH", "Về việc tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh”", DecisionState.DRAFT, None),
    ]
    bk = next(d for d in decisions if d.award_type.code == "BK_TINH")
    rows = list(bk.lines.order_by("group", "sort_order").values_list("group", "display_name", "position_and_unit",
                                                                       "amount"))
    # base salary 2,530,000 from 01/07/2026 (law.md §6): BK tỉnh collective 3.0 → 7,590,000; individual 1.5 → 3,795,000 ↑ 3,800,000
    assert rows == [(LineGroup.COLLECTIVE, "Bệnh viện Đa khoa tỉnh", "Sở Y tế", 7_590_000),
                    (LineGroup.INDIVIDUAL, "Nguyễn Văn An", "Chuyên viên, Sở Y tế", 3_800_000)]
    assert bk.achievement_year == 2025 and bk.period_from == datetime.date(2025, 1, 1)


def test_a_nomination_not_approved_is_refused_with_its_name(world):
    authority = make_authority()
    dossier = make_dossier(world.unit_a)
    line = approved(dossier, person=world.person_a)
    line.state = NominationState.NOT_APPROVED
    line.save()
    with pytest.raises(ValidationError, match=r"^\['Dòng Nguyễn Văn An \(Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh\) đang ở trạng thái “Hội đồng không đồng ý”, chưa được Hội đồng thông qua\.'\]$") as error:
        services.draft_decisions([line], by=world.users["specialist"], authority=authority)
    assert error.value.messages == [
        "Dòng Nguyễn Văn An (Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh) đang ở trạng thái “Hội đồng không đồng ý”, "
        "chưa được Hội đồng thông qua."]


def test_signing_numbers_stores_pdf_and_enters_history(world, drafted):
    authority, dossier, lines, decisions = drafted
    initiative = make_initiative(world.person_a_child, year=2025, scope="TINH")
    cstd = next(d for d in decisions if d.award_type.code == "CSTD_TINH")
    bk = next(d for d in decisions if d.award_type.code == "BK_TINH")
    _signed(world, bk)
    _signed(world, cstd, on=SIGNED_ON + datetime.timedelta(days=1))
    assert (bk.number, bk.number_text, bk.decision_date, bk.state) == (1, "01/QĐ-UBND", SIGNED_ON, DecisionState.SIGNED)
    assert cstd.number_text == "02/QĐ-UBND"
    assert bk.signed_pdf.read().startswith(b"%PDF-") and len(bk.signed_pdf_sha256) == 64
    records = AwardRecord.objects.filter(decision_number="01/QĐ-UBND").order_by("id")
    period = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    issued = ("01/QĐ-UBND", SIGNED_ON, "Ủy ban nhân dân tỉnh Lào Cai", AwardSource.ISSUED_HERE)
    assert [(r.person_id, r.unit_id, r.award_type.code, r.basis, r.year, r.period_from, r.period_to,
             r.decision_number, r.decision_date, r.decision_issuer, r.source) for r in records] == [
        (None, world.unit_a_child.pk, "BK_TINH", "merit", 2025, *period, *issued),  # I. Tập thể first
        (world.person_a.pk, None, "BK_TINH", "merit", 2025, *period, *issued),
    ]
    initiative.refresh_from_db()
    assert initiative.used_for.decision_number == "02/QĐ-UBND"
    assert sorted(n.state for n in dossier.nominations.all()) == [NominationState.AWARDED] * 3
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DECIDED
    assert list(DecisionEvent.objects.filter(decision=bk).values_list("from_state", "to_state")) == [
        ("", "draft"), ("draft", "approved_for_signing"), ("approved_for_signing", "signed")]


def test_a_signed_pdf_that_is_not_a_pdf_is_refused(world, drafted):
    decision = drafted[3][0]
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    with pytest.raises(UploadError, match=r"^Bản quyết định đã ký \(PDF\): không chấp nhận loại tệp này\. Chỉ chấp nhận: tệp PDF\.$") as error:
        services.sign_decision(decision, by=world.users["specialist"], signed_pdf=b"PK\x03\x04 not a pdf at all",
                               signed_on=SIGNED_ON)
    assert str(error.value) == "Bản quyết định đã ký (PDF): không chấp nhận loại tệp này. Chỉ chấp nhận: tệp PDF."
    decision.refresh_from_db()
    assert (decision.state, decision.number) == (DecisionState.APPROVED_FOR_SIGNING, None)


def test_a_truncated_pdf_is_refused(world, drafted):
    decision = drafted[3][0]
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    with pytest.raises(UploadError, match=r"^Bản quyết định đã ký \(PDF\): tệp PDF bị cắt cụt \(không có dấu kết thúc tệp\); hãy quét hoặc xuất lại\.$") as error:
        services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes()[:400],
                               signed_on=SIGNED_ON)
    assert str(error.value) == ("Bản quyết định đã ký (PDF): tệp PDF bị cắt cụt (không có dấu kết thúc tệp); "
                                "hãy quét hoặc xuất lại.")


def test_signing_a_draft_is_refused_and_takes_no_number(world, drafted):
    decision = drafted[3][0]
    with pytest.raises(ValidationError, match=r"^\['Chỉ ký ban hành được quyết định đã duyệt trình ký; quyết định này đang ở trạng thái “Dự thảo”\.'\]$"):
        services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    assert not Decision.objects.filter(number__isnull=False).exists()


def test_editing_a_signed_decision_is_refused_everywhere(world, drafted):
    decision = _signed(world, drafted[3][0])
    with pytest.raises(ValidationError, match=r"^\['Chỉ sửa được quyết định dự thảo; quyết định này đang ở trạng thái “Đã ký”\.'\]$"):
        services.update_draft(decision, by=world.users["specialist"], title="Khác")
    decision.title = "Khác"
    with pytest.raises(ImmutableDecisionError, match=r"^\['Quyết định đã ký không thể sửa\. Hãy ban hành quyết định đính chính hoặc thu hồi\.'\]$"):
        decision.save()
    line = decision.lines.first()
    line.display_name = "Khác"
    with pytest.raises(ImmutableDecisionError, match=r"^\['Không thể sửa danh sách của quyết định đã ký\.'\]$"):
        line.save()
    with pytest.raises(ImmutableDecisionError, match=r"^\['Không thể sửa danh sách của quyết định đã ký\.'\]$"):
        line.delete()
    with pytest.raises(ImmutableDecisionError, match=r"^\['Không thể xóa quyết định đã ký\.'\]$"):
        decision.delete()
    # Past the application: the database trigger refuses a raw UPDATE of the decision and of its lines.
    with pytest.raises(IntegrityError, match=r"^a signed decision is immutable(\nCONTEXT: .*)?$"), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(title="Khác")
    with pytest.raises(IntegrityError, match=r"^the lines of a signed decision are immutable(\nCONTEXT: .*)?$"), transaction.atomic():
        DecisionLine.objects.filter(decision=decision).update(amount=1)
    with pytest.raises(IntegrityError, match=r"^a signed decision is immutable(\nCONTEXT: .*)?$"), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(state=DecisionState.DRAFT)
    decision.refresh_from_db()
    assert decision.state == DecisionState.SIGNED and decision.title.startswith("Về việc tặng")
    # signed → published is the one change still allowed
    services.publish_decision(decision, by=world.users["specialist"])
    assert Decision.objects.get(pk=decision.pk).state == DecisionState.PUBLISHED


def test_publishing_twice_is_refused_clearly(world, drafted):
    decision = _signed(world, drafted[3][0])
    stale = Decision.objects.get(pk=decision.pk)
    services.publish_decision(decision, by=world.users["specialist"])
    with pytest.raises(ValidationError, match=r"^\['Người khác đã thay đổi quyết định này trước: hiện ở trạng thái “Đã công bố”\. Hãy tải lại trang và thử lại\.'\]$") as error:
        services.publish_decision(stale, by=world.users["specialist"])
    assert error.value.messages == ["Người khác đã thay đổi quyết định này trước: hiện ở trạng thái “Đã công bố”. "
                                    "Hãy tải lại trang và thử lại."]


def test_revocation_removes_the_award_from_history_with_audit(world, drafted):
    decision = _signed(world, next(d for d in drafted[3] if d.award_type.code == "BK_TINH"))
    line = decision.lines.get(person=world.person_a)
    revocation = services_revoke(world, decision, [line])
    assert revocation.revokes_id == decision.pk
    from tdkt.decisions.amendments import is_revoked

    assert not is_revoked(line)
    _signed(world, revocation, on=SIGNED_ON + datetime.timedelta(days=3))
    assert is_revoked(line)
    assert not AwardRecord.objects.filter(person=world.person_a, decision_number="01/QĐ-UBND").exists()
    assert AwardRecord.objects.filter(unit=world.unit_a_child, decision_number="01/QĐ-UBND").exists()
    deleted = AuditEvent.objects.get(action="delete", object_type="awards.awardrecord")
    assert deleted.changes["revoked_by"] == "02/QĐ-UBND"
    assert deleted.changes["before"]["person"] == world.person_a.pk


def services_revoke(world, decision, lines):
    from tdkt.decisions.amendments import revoke_decision

    return revoke_decision(decision, by=world.users["specialist"], reason="Phát hiện vi phạm sau khen thưởng",
                           lines=lines)


def test_correction_updates_the_record_in_place(world, drafted):
    from tdkt.decisions.amendments import correct_decision

    decision = _signed(world, next(d for d in drafted[3] if d.award_type.code == "BK_TINH"))
    line = decision.lines.get(person=world.person_a)
    correction = correct_decision(decision, by=world.users["specialist"], reason="Sai tên cá nhân", lines=[line])
    new_line = correction.lines.get()
    new_line.person = world.person_b
    new_line.display_name = "Giàng A Páo"
    new_line.save()
    _signed(world, correction, on=SIGNED_ON + datetime.timedelta(days=2))
    moved = AwardRecord.objects.get(decision_number="01/QĐ-UBND", person=world.person_b)
    assert moved.note == "Đính chính theo Quyết định số 02/QĐ-UBND ngày 12/07/2026"
    assert not AwardRecord.objects.filter(person=world.person_a).exists()


def test_a_state_level_award_is_not_drafted_here(world):
    authority = make_authority()
    line = approved(make_dossier(world.unit_a), person=world.person_a, code="BK_TTG")
    with pytest.raises(ValidationError, match=r"^\['Dòng Nguyễn Văn An \(Bằng khen của Thủ tướng Chính phủ\) do cấp Nhà nước quyết định: hãy lập tờ trình đề nghị cấp trên\.'\]$") as error:
        services.draft_decisions([line], by=world.users["specialist"], authority=authority)
    assert error.value.messages == [
        "Dòng Nguyễn Văn An (Bằng khen của Thủ tướng Chính phủ) do cấp Nhà nước quyết định: hãy lập tờ trình "
        "đề nghị cấp trên."]


def test_revoking_a_cstd_title_releases_its_initiative(world, drafted):
    from tdkt.awards.models import Initiative

    initiative = make_initiative(world.person_a_child, year=2025, scope="TINH")
    cstd = _signed(world, next(d for d in drafted[3] if d.award_type.code == "CSTD_TINH"))
    assert Initiative.objects.get(pk=initiative.pk).used_for.decision_number == "01/QĐ-UBND"
    revocation = services_revoke(world, cstd, list(cstd.lines.all()))
    _signed(world, revocation, on=SIGNED_ON + datetime.timedelta(days=1))
    assert Initiative.objects.get(pk=initiative.pk).used_for is None
    released = AuditEvent.objects.get(object_type="awards.initiative", changes__revoked_by="02/QĐ-UBND")
    assert released.changes["used_for"][1] is None
