"""The register of central decisions: a messy list read, matched and reviewed; commit into the history, once."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tdkt.awards.enums import AwardSource
from tdkt.awards.models import AwardRecord, AwardType
from tdkt.central import register
from tdkt.central.enums import ProposalState as P
from tdkt.central.models import CentralDecisionLine
from tdkt.dossiers.enums import NominationState
from tdkt.notifications.models import Notification
from tdkt.orgs.models import IssuingAuthority
from tests.central.support import MESSY, sent_proposal, sheet
from tests.factories import make_user

SIGNED_ON = datetime.date(2026, 5, 20)


@pytest.fixture
def decision(world):
    return register.record_decision(kind="prime_minister", number="812/QĐ-TTg", signed_on=SIGNED_ON,
                                    by=world.users["specialist"])


def test_the_central_authority_is_created_once_without_a_unit(world, decision):
    again = register.record_decision(kind="prime_minister", number="813/QĐ-TTg", signed_on=SIGNED_ON,
                                     by=world.users["specialist"])
    assert again.issuer_id == decision.issuer_id
    assert IssuingAuthority.objects.filter(kind="prime_minister").values_list("unit", "symbol").get() == (
        None, "QĐ-TTg")
    with pytest.raises(ValidationError, match="Quyết định số 812/QĐ-TTg của Thủ tướng Chính phủ đã được ghi nhận"):
        register.record_decision(kind="prime_minister", number="812/QĐ-TTg", signed_on=SIGNED_ON,
                                 by=world.users["specialist"])


def test_a_messy_list_sends_each_doubtful_row_to_review(world, decision):
    proposal = sent_proposal(world)
    read = register.import_list(decision, sheet(MESSY), name="qd-812.xlsx", by=world.users["specialist"])
    assert read == 5
    lines = {line.row: line for line in decision.lines.all()}
    an, dao = proposal.lines.get(nomination__person=world.person_a), proposal.lines.get(
        nomination__person=world.person_a_child)
    assert (lines[4].proposal_line, lines[4].problem) == (an, "")
    assert (lines[5].proposal_line, lines[5].problem) == (dao, "")
    assert lines[6].problem == ("Dòng 6: “Ông Trần Văn Lạ” không có trong đề nghị nào gửi Thủ tướng Chính phủ; hệ "
                                "thống không tự tạo người mới: hãy gắn dòng với một dòng đề nghị hoặc bỏ qua.")
    assert lines[7].problem == ("Dòng 7: “Nguyễn Văn An” có tên hai lần với hình thức “Bằng khen của Thủ tướng "
                                "Chính phủ” (trùng dòng 4).")
    assert lines[8].problem == ("Dòng 8: “Đặng Thị Đào” không được đề nghị “Huân chương Lao động hạng Ba” "
                                "(đã đề nghị: Bằng khen của Thủ tướng Chính phủ).")
    with pytest.raises(ValidationError, match="Các dòng 6, 7, 8 đang chờ xem xét"):
        register.commit(decision, by=world.users["specialist"])
    assert AwardRecord.objects.filter(decision_number="812/QĐ-TTg").count() == 0


def test_commit_enters_the_history_once_and_decides_the_proposal(world, decision):
    proposal = sent_proposal(world)
    clerk = make_user("vanthu.a2", role="unit_clerk", unit=world.unit_a)
    by = world.users["specialist"]
    register.import_list(decision, sheet(MESSY), name="qd-812.xlsx", by=by)
    for line in decision.lines.exclude(problem=""):
        register.drop_line(decision, line.pk, by=by)
    assert register.commit(decision, by=by) == 2
    records = AwardRecord.objects.filter(decision_number="812/QĐ-TTg")
    assert {(r.person, r.award_type.code, r.year, r.decision_date, r.decision_issuer, r.source) for r in records} == {
        (world.person_a_child, "BK_TTG", 2025, SIGNED_ON, "Thủ tướng Chính phủ", AwardSource.EXTERNAL),
        (world.person_a, "BK_TTG", 2025, SIGNED_ON, "Thủ tướng Chính phủ", AwardSource.EXTERNAL)}
    proposal.refresh_from_db()
    assert proposal.state == P.DECIDED
    assert set(proposal.lines.values_list("decided_on", "nomination__state")) == {
        (SIGNED_ON, NominationState.AWARDED)}
    assert Notification.objects.filter(user=clerk, key=f"central_decision:{decision.pk}").count() == 1
    assert register.commit(decision, by=by) == 0
    assert AwardRecord.objects.filter(decision_number="812/QĐ-TTg").count() == 2
    with pytest.raises(ValidationError, match="đã được ghi vào lịch sử khen thưởng: danh sách không sửa được nữa"):
        register.import_list(decision, sheet(MESSY), name="qd-812.xlsx", by=by)


def test_a_reviewed_row_is_linked_by_the_specialist_never_created(world, decision):
    proposal = sent_proposal(world)
    by = world.users["specialist"]
    register.import_list(decision, sheet([[1, "Ông Nguyễn Văn Anh", "Sở Y tế", "Bằng khen của Thủ tướng Chính phủ"]]),
                         name="qd.xlsx", by=by)
    line = decision.lines.get()
    assert line.in_review
    target = proposal.lines.get(nomination__person=world.person_a)
    register.link_line(decision, line.pk, target.pk, by=by)
    other = register.add_line(decision, name="Bà Đặng Thị Đào", award_type=AwardType.objects.get(code="BK_TTG"),
                              by=by)
    assert (other.row, other.problem) == (5, "")
    with pytest.raises(ValidationError, match="Dòng 4: dòng đề nghị này đã được khớp ở dòng 5"):
        register.link_line(decision, line.pk, other.proposal_line_id, by=by)
    persons_before = type(world.person_a).objects.count()
    assert register.commit(decision, by=by) == 2
    assert type(world.person_a).objects.count() == persons_before


def test_medals_are_tracked_until_handed_over(world, decision):
    sent_proposal(world)
    by = world.users["specialist"]
    register.import_list(decision, sheet(MESSY[:2]), name="qd.xlsx", by=by)
    register.commit(decision, by=by)
    first, second = decision.lines.order_by("row")
    with pytest.raises(ValidationError, match="Dòng 4: hãy ghi ngày nhận hiện vật khen thưởng"):
        register.record_handover(decision, [first.pk], handed_over_on=datetime.date(2026, 6, 1), by=by)
    register.record_handover(decision, [first.pk, second.pk], received_on=datetime.date(2026, 6, 1), by=by)
    register.record_handover(decision, [first.pk], handed_over_on=datetime.date(2026, 6, 5), by=by)
    assert list(CentralDecisionLine.objects.filter(handed_over_on__isnull=True, award_record__isnull=False)
                .values_list("row", flat=True)) == [5]


def test_a_sheet_without_a_name_column_is_refused(world):
    book = openpyxl.Workbook()
    book.active.append(["STT", "Tên gọi khác"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ValidationError, match="Bảng tính không có cột “Họ và tên” trong 15 dòng đầu"):
        register.read_list(buffer.getvalue(), name="x.xlsx")


@given(name=st.sampled_from(["Nguyễn Văn An", "Đặng Thị Đào", "Giàng A Páo", "Lê Thị Anh"]),
       honorific=st.sampled_from(["", "Ông ", "Bà ", "Đồng chí ", "Đ/c ", "TS. "]),
       spaces=st.sampled_from([" ", "  ", "\u00a0"]))
def test_a_name_matches_whatever_the_honorific_and_spacing(name, honorific, spaces):
    written = honorific + name.replace(" ", spaces)
    assert register.name_key(written) == register.name_key(name)
    assert register.name_key(register.name_key(written)) == register.name_key(name)
