"""Withdrawing a line from a council agenda (issue 15 §6): a reason is required (Vietnamese message), kept
in the withdrawal row, the line's history, the audit, the papers and the minutes (pages and .docx); only
the council's managers may, and only before the ballot opens; rebuilding the agenda does not bring the
line back to this meeting."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.council.models import AgendaItem, AgendaWithdrawal
from tdkt.council.services import ballots, meetings
from tdkt.dossiers.models import DossierEvent
from tests.council.helpers import ELIGIBLE, MEETING_DATE, PASSPHRASE, make_board, open_meeting, ready_dossier
from tests.council.test_views import docx_text, login

pytestmark = pytest.mark.django_db

REASON = "Đơn vị báo có đơn thư phản ánh đang xác minh."


@pytest.fixture
def board(world):
    return make_board(world)


@pytest.fixture
def meeting(world, board):
    ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE), (world.person_a_child, "BK_TINH", ELIGIBLE))
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    meetings.build_agenda(meeting, by=board.secretary)
    return meeting


def _item(meeting, name):
    return AgendaItem.objects.get(meeting=meeting, nomination__person__full_name=name)


def _withdraw_url(meeting, item):
    return reverse("council:agenda_withdraw", kwargs={"pk": meeting.pk, "item_pk": item.pk})


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_withdrawal_without_a_reason_is_refused(meeting, board, reason):
    item = _item(meeting, "Nguyễn Văn An")
    with pytest.raises(ValidationError, match=r"Ghi lý do rút “Nguyễn Văn An”") as refused:
        meetings.withdraw_from_agenda(meeting, item.pk, by=board.secretary, reason=reason)
    assert refused.value.message_dict == {"reason": [
        "Ghi lý do rút “Nguyễn Văn An” (Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh) khỏi chương trình phiên "
        "họp: lý do được ghi vào biên bản và lịch sử của trường hợp."]}
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    assert not AgendaWithdrawal.objects.exists()


def test_the_secretary_withdraws_a_line_with_a_reason_kept_everywhere(world, meeting, board):
    item = _item(meeting, "Nguyễn Văn An")
    line = item.nomination
    secretary = login(board.secretary)
    page = secretary.post(_withdraw_url(meeting, item), {"reason": ""}, follow=True).content.decode()
    assert "Ghi lý do rút “Nguyễn Văn An”" in page
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    page = secretary.post(_withdraw_url(meeting, item), {"reason": REASON}, follow=True).content.decode()
    assert "Đã rút “Nguyễn Văn An” khỏi chương trình phiên họp." in page
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("nomination__person__full_name", flat=True)) == [
        "Đặng Thị Đào"]
    withdrawal = AgendaWithdrawal.objects.get()
    assert (withdrawal.nomination_id, withdrawal.reason, withdrawal.by) == (line.pk, REASON, board.secretary)
    assert list(DossierEvent.objects.filter(nomination=line).values_list("reason", flat=True)) == [
        f"Rút khỏi chương trình {meeting}: {REASON}"]
    assert AuditEvent.objects.filter(object_type="council.meeting", object_id=str(meeting.pk),
                                     changes__withdrawn_from_agenda=line.pk).count() == 1
    line.refresh_from_db()
    assert line.state == "accepted"  # it may go to a later meeting
    for name in ("meeting", "papers", "minutes"):
        text = secretary.get(reverse(f"council:{name}", kwargs={"pk": meeting.pk})).content.decode()
        assert 'id="agenda-withdrawals"' in text and REASON in text, name
    for name in ("papers_docx", "minutes_docx"):
        texts = docx_text(secretary.get(reverse(f"council:{name}", kwargs={"pk": meeting.pk})))
        assert "Các trường hợp rút khỏi chương trình phiên họp:" in texts, name
        assert f"- Nguyễn Văn An (Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh): {REASON}" in texts, name
    meetings.build_agenda(meeting, by=board.secretary)  # rebuilt: the withdrawn line stays off this agenda
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1


def test_only_the_councils_managers_withdraw(world, meeting, board):
    item = _item(meeting, "Nguyễn Văn An")
    for user in (world.users["council_member"], world.users["clerk_a"]):
        assert login(user).post(_withdraw_url(meeting, item), {"reason": REASON}).status_code == 403
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_no_withdrawal_once_the_ballot_has_opened(world, board):
    ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    ballots.open_ballot(meeting, by=board.chair, mode="electronic", passphrase=PASSPHRASE)
    item = meeting.items.get()
    with pytest.raises(ValidationError, match=r"^\['Không thể thay đổi chương trình"):
        meetings.withdraw_from_agenda(meeting, item.pk, by=board.secretary, reason=REASON)
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_an_item_of_another_meeting_is_refused(world, meeting, board):
    other = meetings.create_meeting(board.council, date=MEETING_DATE, place="Phòng họp số 2", by=board.secretary)
    item = _item(meeting, "Nguyễn Văn An")
    with pytest.raises(ValidationError, match=r"^\['Trường hợp này không còn trong chương trình phiên họp\.'\]$"):
        meetings.withdraw_from_agenda(other, item.pk, by=board.secretary, reason=REASON)
