"""Public posting before the council (NĐ152 Đ44.2, law.md §4.3): the list is published ≥ 10 working days
before the council meets and the public's feedback and its handling are reported to the council, so a line
whose award requires posting goes on the agenda, and into the ballot, only when every comment period of
it ended before the meeting day."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.council.models import AgendaItem
from tdkt.council.rules import ENDS_TOO_LATE, NOT_POSTED, STILL_OPEN, PostingCheck, posting_check
from tdkt.council.services import ballots, meetings
from tdkt.dossiers.models import Nomination
from tdkt.dossiers.postings.enums import NoticeState
from tests.council.helpers import ELIGIBLE, MEETING_DATE, PASSPHRASE, REVIEW, make_board, mark, post, ready_dossier

D = datetime.date
MEETING = D(2026, 12, 20)
TODAY = D(2026, 12, 10)
PUBLISHED_ON = D(2026, 11, 2)


def notice(state, ends_on, published_on=PUBLISHED_ON):
    if state == NoticeState.DRAFT:
        return ("Dự thảo", None, None, state)
    return ("Thông báo công khai", published_on, ends_on, state)


# (label, notices of the line, today) -> expected check. Meeting on 20/12/2026.
POSTING_CASES = [
    # NĐ152 Đ44.2: a line that must be posted and was not cannot be considered
    ("no notice", [], TODAY, PostingCheck(NOT_POSTED)),
    ("a draft notice is not a posting", [notice(NoticeState.DRAFT, None)], TODAY, PostingCheck(NOT_POSTED)),
    # NĐ152 Đ44.2: the comment period (≥ 10 working days) is over before the council meets
    ("closed, ended 16/11", [notice(NoticeState.CLOSED, D(2026, 11, 16))], TODAY, PostingCheck("")),
    ("closed, ended the day before the meeting", [notice(NoticeState.CLOSED, D(2026, 12, 19))], MEETING,
     PostingCheck("")),
    ("published, period over but not closed yet by the daily command",
     [notice(NoticeState.PUBLISHED, D(2026, 12, 9))], TODAY, PostingCheck("")),
    # NĐ152 Đ44.2: comments still running on the meeting day: their handling cannot be reported
    ("ends on the meeting day", [notice(NoticeState.CLOSED, MEETING)], MEETING, PostingCheck(ENDS_TOO_LATE, MEETING)),
    ("ends after the meeting", [notice(NoticeState.PUBLISHED, D(2026, 12, 24))], TODAY,
     PostingCheck(ENDS_TOO_LATE, D(2026, 12, 24))),
    ("still open today, though it ends before the meeting", [notice(NoticeState.PUBLISHED, D(2026, 12, 15))],
     TODAY, PostingCheck(STILL_OPEN, D(2026, 12, 15))),
    ("the last day of comments is today", [notice(NoticeState.PUBLISHED, TODAY)], TODAY,
     PostingCheck(STILL_OPEN, TODAY)),
    # every notice of the line counts: a second posting still running refuses it
    ("first notice over, a second one ends after the meeting",
     [notice(NoticeState.CLOSED, D(2026, 11, 16)), notice(NoticeState.PUBLISHED, D(2026, 12, 30), D(2026, 12, 16))],
     TODAY, PostingCheck(ENDS_TOO_LATE, D(2026, 12, 30))),
    ("a draft next to a closed notice does not refuse",
     [notice(NoticeState.CLOSED, D(2026, 11, 16)), notice(NoticeState.DRAFT, None)], TODAY, PostingCheck("")),
]


@pytest.mark.parametrize(("label", "notices", "today", "expected"), POSTING_CASES, ids=[c[0] for c in POSTING_CASES])
def test_posting_check_table(label, notices, today, expected):
    assert posting_check(notices, meeting_date=MEETING, today=today) == expected


@pytest.fixture
def board(world):
    return make_board(world)


def test_lines_not_posted_long_enough_are_left_off_the_agenda_by_name(world, board):
    dossier = ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW), (world.person_a_child, "CSTD_TQ", REVIEW),
                            (world.person_b, "BK_TINH", ELIGIBLE), posted=False)
    an, dao, pao = dossier.nominations.order_by("position")
    post([dao], state=NoticeState.PUBLISHED, published_on=D(2026, 12, 7), ends_on=D(2026, 12, 21))
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    built = meetings.build_agenda(meeting, by=board.secretary, today=TODAY)
    assert [i.nomination_id for i in AgendaItem.objects.filter(meeting=meeting)] == [pao.pk]  # BK_TINH: no posting
    assert (built.count, built.left_off) == (1, [an, dao])
    assert built.refusal == (
        "Không đưa vào chương trình phiên họp ngày 20/12/2026 vì việc công khai phải kết thúc trước khi Hội đồng "
        "họp (Điều 44 khoản 2 Nghị định 152/2025/NĐ-CP). Nguyễn Văn An (Chiến sĩ thi đua toàn quốc): chưa có "
        "thông báo công khai nào được đăng; Đặng Thị Đào (Chiến sĩ thi đua toàn quốc): thời hạn nhận ý kiến "
        "của nhân dân kết thúc ngày 21/12/2026, không trước ngày họp.")
    audit = AuditEvent.objects.filter(object_id=str(meeting.pk)).latest("id")
    assert audit.changes["left_off_public_posting"] == {str(an.pk): ["not_posted", ""],
                                                        str(dao.pk): ["ends_too_late", "2026-12-21"]}


def test_a_line_whose_period_ended_before_the_meeting_goes_on(world, board):
    dossier = ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW), posted=False)
    post(list(dossier.nominations.all()), state=NoticeState.CLOSED, ends_on=D(2026, 12, 4))
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    built = meetings.build_agenda(meeting, by=board.secretary, today=TODAY)
    assert (built.count, built.left_off, built.refusal) == (1, [], "")


def test_the_ballot_does_not_open_on_a_line_posted_again_after_the_agenda(world, board):
    dossier = ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW), (world.person_b, "BK_TINH", ELIGIBLE))
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    assert meetings.build_agenda(meeting, by=board.secretary, today=TODAY).count == 2
    mark(board, meeting)
    meetings.open_meeting(meeting, by=board.secretary)
    line = dossier.nominations.get(person=world.person_a)
    late = post([line], state=NoticeState.PUBLISHED, published_on=D(2026, 12, 10), ends_on=D(2026, 12, 24))
    with pytest.raises(ValidationError, match=r"^\['Chưa thể mở bỏ phiếu: việc công khai phải kết thúc trước ngày Hội đồng họp 20/12/2026 \(Điều 44 khoản 2 Nghị định 152/2025/NĐ-CP\)\. Nguyễn Văn An \(Chiến sĩ thi đua toàn quốc\): thời hạn nhận ý kiến của nhân dân kết thúc ngày 24/12/2026, không trước ngày họp\. Hãy lập lại chương trình phiên họp\.'\]$") as exc:
        ballots.open_ballot(meeting, by=board.chair, today=TODAY, passphrase=PASSPHRASE)
    assert exc.value.messages == [
        "Chưa thể mở bỏ phiếu: việc công khai phải kết thúc trước ngày Hội đồng họp 20/12/2026 (Điều 44 khoản 2 "
        "Nghị định 152/2025/NĐ-CP). Nguyễn Văn An (Chiến sĩ thi đua toàn quốc): thời hạn nhận ý kiến của nhân dân "
        "kết thúc ngày 24/12/2026, không trước ngày họp. Hãy lập lại chương trình phiên họp."]
    late.delete()
    assert ballots.open_ballot(meeting, by=board.chair, today=TODAY, passphrase=PASSPHRASE).state == "open"


def test_the_ballot_does_not_open_while_comments_are_still_running(world, board):
    dossier = ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW))
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    meetings.build_agenda(meeting, by=board.secretary, today=TODAY)
    mark(board, meeting)
    meetings.open_meeting(meeting, by=board.secretary)
    post(list(dossier.nominations.all()), state=NoticeState.PUBLISHED, published_on=D(2026, 12, 1),
         ends_on=D(2026, 12, 15))
    with pytest.raises(ValidationError, match=r"^\['Chưa thể mở bỏ phiếu: việc công khai phải kết thúc trước ngày Hội đồng họp 20/12/2026 \(Điều 44 khoản 2 Nghị định 152/2025/NĐ-CP\)\. Nguyễn Văn An \(Chiến sĩ thi đua toàn quốc\): thông báo công khai còn nhận ý kiến đến hết ngày 15/12/2026\. Hãy lập lại chương trình phiên họp\.'\]$") as exc:
        ballots.open_ballot(meeting, by=board.chair, today=TODAY, passphrase=PASSPHRASE)
    assert ("Nguyễn Văn An (Chiến sĩ thi đua toàn quốc): thông báo công khai còn nhận ý kiến đến hết ngày "
            "15/12/2026") in exc.value.messages[0]
    assert ballots.open_ballot(meeting, by=board.chair, today=D(2026, 12, 16), passphrase=PASSPHRASE).state == "open"


def test_the_agenda_page_names_the_lines_left_off(world, board):
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW), (world.person_b, "BK_TINH", ELIGIBLE),
                  posted=False)
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    client = Client()
    client.force_login(board.secretary)
    page = client.post(reverse("council:agenda_build", kwargs={"pk": meeting.pk}), follow=True).content.decode()
    assert "Chương trình phiên họp có 1 đề nghị." in page
    assert ("Nguyễn Văn An (Chiến sĩ thi đua toàn quốc): chưa có thông báo công khai nào được đăng") in page
    assert list(Nomination.objects.filter(agenda_items__meeting=meeting).values_list("person__full_name", flat=True)) == [
        "Giàng A Páo"]


def test_the_check_costs_a_fixed_number_of_queries(world, board, django_assert_num_queries):
    from tdkt.council.posting import posting_refusals

    people = [world.person_a, world.person_a_child, world.person_b]
    dossier = ready_dossier(world.unit_a, *[(p, "CSTD_TQ", REVIEW) for p in people])
    lines = list(dossier.nominations.select_related("award_type", "person", "unit", "household"))
    with django_assert_num_queries(3):  # comment_summary: links, notices, comments
        assert posting_refusals(lines, meeting_date=MEETING_DATE, today=TODAY) == []
