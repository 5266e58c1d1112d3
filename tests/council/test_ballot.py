"""The secret ballot end to end through the domain functions: quorum, who may open, vote once, refusals,
written opinions, paper tallies and the final results on the dossier lines."""

import pytest
from django.core.exceptions import ValidationError

from tdkt.council.enums import AttendanceStatus, BallotMode, BallotState, MeetingState, Outcome
from tdkt.council.models import AgendaItem, Attendance, BallotParticipation, BallotTally, CouncilRules, SealedBallot
from tdkt.council.services import ballots, counting, meetings
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Dossier, DossierEvent, Nomination
from tests.council.helpers import (
    ELIGIBLE,
    PASSPHRASE,
    REVIEW,
    close_and_count,
    make_board,
    mark,
    open_meeting,
    ready_dossier,
)
from tests.factories import make_person, make_user


@pytest.fixture
def board(world):
    return make_board(world, plain_members=3)  # 5 members: chair, secretary, 3 members


@pytest.fixture
def dossier(world):
    return ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW), (world.person_a_child, "BK_TINH", ELIGIBLE))


def items_of(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))


def all_agree(meeting, choice="agree"):
    return {item.pk: choice for item in items_of(meeting)}


def message(exc) -> str:
    return " ".join(exc.value.messages)


def test_agenda_groups_accepted_lines_of_ready_dossiers_by_award(world, board, dossier):
    other = ready_dossier(world.unit_b, (world.person_b, "BK_TINH", ELIGIBLE))
    not_ready = Dossier.objects.create(unit=world.unit_b, title="Hồ sơ chưa thẩm định xong", state="in_appraisal")
    meeting = open_meeting(board)
    items = items_of(meeting)
    assert [(i.nomination.recipient.full_name, i.award_type.code) for i in items] == [
        ("Nguyễn Văn An", "CSTD_TQ"), ("Đặng Thị Đào", "BK_TINH"), ("Giàng A Páo", "BK_TINH")]
    assert {i.nomination.dossier_id for i in items} == {dossier.pk, other.pk}
    assert not_ready.pk not in {i.nomination.dossier_id for i in items}


def test_opening_the_ballot_without_quorum_is_refused_with_the_figures(board, dossier):
    # 5 members, 80 % when considering awards (Bắc Ninh Đ8 default): 4 needed; 3 present
    meeting = open_meeting(board, present=[board.chair, board.secretary, board.members[0]])
    with pytest.raises(ValidationError, match=r"^\['Không đủ số thành viên dự họp: có mặt 3/5 thành viên, cần ít nhất 4 \(80% tổng số thành viên khi xét khen thưởng\)\.'\]$") as exc:
        ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    assert message(exc) == ("Không đủ số thành viên dự họp: có mặt 3/5 thành viên, cần ít nhất 4 "
                            "(80% tổng số thành viên khi xét khen thưởng).")


def test_quorum_follows_the_councils_configured_rules(board, dossier):
    CouncilRules.objects.create(council=board.council, award_session_presence_percent=None)
    meeting = open_meeting(board, present=[board.chair, board.secretary, board.members[0], board.members[1]][:4])
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    assert (ballot.state, ballot.members_total, ballot.present_count) == (BallotState.OPEN, 5, 4)


def test_only_the_chair_or_the_secretary_opens_the_ballot(board, dossier):
    meeting = open_meeting(board)
    with pytest.raises(ValidationError, match=r"^\['Chỉ Chủ tịch Hội đồng, hoặc Thư ký Hội đồng thay mặt Chủ tịch, mới mở và kết thúc bỏ phiếu\.'\]$") as exc:
        ballots.open_ballot(meeting, by=board.members[0], passphrase=PASSPHRASE)
    assert "Chủ tịch Hội đồng" in message(exc)
    ballot = ballots.open_ballot(meeting, by=board.secretary, passphrase=PASSPHRASE)
    assert ballot.opened_by == board.secretary


def test_members_vote_once_and_results_are_final(board, dossier):
    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    cstd, bk = items_of(meeting)
    for user in [board.chair, board.secretary, *board.members]:
        ballots.cast_vote(ballot, by=user, choices={cstd.pk: "agree", bk.pk: "agree"})
    with pytest.raises(ValidationError, match=r"^\['Ủy viên Số 1 đã bỏ phiếu trong lần bỏ phiếu này: không thể bỏ phiếu hai lần\.'\]$") as exc:
        ballots.cast_vote(ballot, by=board.members[0], choices={cstd.pk: "disagree", bk.pk: "disagree"})
    assert message(exc) == "Ủy viên Số 1 đã bỏ phiếu trong lần bỏ phiếu này: không thể bỏ phiếu hai lần."
    assert BallotParticipation.objects.filter(ballot=ballot).count() == 5
    close_and_count(ballot, by=board.chair)
    cstd.refresh_from_db()
    assert (cstd.agree, cstd.disagree, cstd.abstain, cstd.threshold_percent, cstd.outcome) == (
        5, 0, 0, 90, Outcome.APPROVED)
    assert Nomination.objects.get(pk=cstd.nomination_id).state == NominationState.APPROVED
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.CONSIDERED
    event = DossierEvent.objects.filter(nomination_id=cstd.nomination_id).latest("id")
    assert (event.from_state, event.to_state) == ("accepted", "approved")


def test_one_nominee_below_the_threshold_is_not_approved(board, dossier):
    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    cstd, bk = items_of(meeting)
    # CSTĐ toàn quốc needs ≥ 90 % of all 5 members (NĐ152 Đ33.5): 4 agree = 80 % fails.
    # Bằng khen tỉnh needs more than half: 3 agree = 60 % passes.
    choices = [("agree", "agree"), ("agree", "agree"), ("agree", "agree"), ("agree", "disagree"),
               ("disagree", "abstain")]
    for user, (a, b) in zip([board.chair, board.secretary, *board.members], choices, strict=True):
        ballots.cast_vote(ballot, by=user, choices={cstd.pk: a, bk.pk: b})
    close_and_count(ballot, by=board.chair)
    cstd.refresh_from_db()
    bk.refresh_from_db()
    assert (cstd.agree, cstd.disagree, cstd.abstain, cstd.outcome) == (4, 1, 0, Outcome.NOT_APPROVED)
    assert (bk.agree, bk.disagree, bk.abstain, bk.outcome) == (3, 1, 1, Outcome.APPROVED)
    assert Nomination.objects.get(pk=cstd.nomination_id).state == NominationState.NOT_APPROVED
    assert Nomination.objects.get(pk=bk.nomination_id).state == NominationState.APPROVED


def test_voting_after_close_is_refused(board, dossier):
    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    ballots.cast_vote(ballot, by=board.chair, choices=all_agree(meeting))
    close_and_count(ballot, by=board.chair)
    with pytest.raises(ValidationError, match=r"^\['Đã kết thúc bỏ phiếu: không nhận thêm phiếu nào\.'\]$") as exc:
        ballots.cast_vote(ballot, by=board.members[0], choices=all_agree(meeting))
    assert message(exc) == "Đã kết thúc bỏ phiếu: không nhận thêm phiếu nào."
    with pytest.raises(ValidationError, match=r"^\['Chỉ kết thúc được lần bỏ phiếu đang mở\.'\]$"):
        close_and_count(ballot, by=board.chair)


def test_a_non_member_and_a_member_of_another_council_are_refused(world, board, dossier):
    from tests.council.helpers import seat
    from tests.factories import make_council

    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    with pytest.raises(ValidationError, match=r"^\['Ông/bà không phải là thành viên của Hội đồng Thi đua - Khen thưởng tỉnh: không thể bỏ phiếu\.'\]$") as exc:
        ballots.cast_vote(ballot, by=world.users["specialist"], choices=all_agree(meeting))
    assert message(exc) == ("Ông/bà không phải là thành viên của Hội đồng Thi đua - Khen thưởng tỉnh: "
                            "không thể bỏ phiếu.")
    other_council = make_council(world.unit_a, name="Hội đồng Thi đua - Khen thưởng Sở Y tế")
    outsider = make_user("uv.soyte", role="council_member", unit=world.unit_a, council=other_council)
    seat(other_council, make_person("Ủy viên Sở Y tế", unit=world.unit_a), "member", outsider)
    with pytest.raises(ValidationError, match=r"^\['Ông/bà không phải là thành viên của Hội đồng Thi đua - Khen thưởng tỉnh: không thể bỏ phiếu\.'\]$"):
        ballots.cast_vote(ballot, by=outsider, choices=all_agree(meeting))
    assert BallotParticipation.objects.filter(ballot=ballot).count() == 0


def test_an_absent_member_is_refused(board, dossier):
    meeting = open_meeting(board, present=[board.chair, board.secretary, *board.members[1:]])
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    with pytest.raises(ValidationError, match=r"^\['Chỉ thành viên có mặt mới bỏ phiếu; ông/bà đang được ghi là “Vắng mặt”\.'\]$") as exc:
        ballots.cast_vote(ballot, by=board.members[0], choices=all_agree(meeting))
    assert message(exc) == "Chỉ thành viên có mặt mới bỏ phiếu; ông/bà đang được ghi là “Vắng mặt”."


def test_a_vote_must_choose_on_every_item(board, dossier):
    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    first = items_of(meeting)[0]
    with pytest.raises(ValidationError, match=r"^\['Hãy chọn đồng ý, không đồng ý hoặc không biểu quyết cho mọi đề nghị: còn 1 đề nghị chưa chọn\.'\]$") as exc:
        ballots.cast_vote(ballot, by=board.chair, choices={first.pk: "agree"})
    assert message(exc) == ("Hãy chọn đồng ý, không đồng ý hoặc không biểu quyết cho mọi đề nghị: còn 1 đề nghị "
                            "chưa chọn.")
    assert not BallotParticipation.objects.filter(ballot=ballot).exists()
    assert not SealedBallot.objects.filter(ballot=ballot).exists()


def test_attendance_and_agenda_are_frozen_once_the_ballot_opens(board, dossier):
    meeting = open_meeting(board)
    ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    with pytest.raises(ValidationError, match=r"^\['Không thể thay đổi danh sách tham dự sau khi đã mở bỏ phiếu\.'\]$"):
        mark(board, meeting, present=[board.chair])
    with pytest.raises(ValidationError, match=r"^\['Không thể thay đổi chương trình sau khi đã mở bỏ phiếu\.'\]$"):
        meetings.build_agenda(meeting, by=board.secretary)


def test_written_opinions_count_where_configured(board, dossier):
    meeting = open_meeting(board, present=[board.chair, board.secretary, *board.members[:2]],
                           written=[board.members[2]])
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    assert (ballot.present_count, ballot.written_count, ballot.eligible_voters) == (4, 1, 5)
    absent = Attendance.objects.get(meeting=meeting, status=AttendanceStatus.WRITTEN_OPINION)
    with pytest.raises(ValidationError, match=r"^\['Chỉ Thư ký Hội đồng mới nhập ý kiến bằng văn bản\.'\]$"):  # only the secretary enters it
        ballots.record_written_opinion(ballot, by=board.chair, attendance_id=absent.pk, choices=all_agree(meeting))
    ballots.record_written_opinion(ballot, by=board.secretary, attendance_id=absent.pk, choices=all_agree(meeting))
    with pytest.raises(ValidationError, match=r"^\['Ủy viên Số 3 đã bỏ phiếu trong lần bỏ phiếu này: không thể bỏ phiếu hai lần\.'\]$"):  # once
        ballots.record_written_opinion(ballot, by=board.secretary, attendance_id=absent.pk,
                                       choices=all_agree(meeting))
    with pytest.raises(ValidationError, match=r"^\['Chỉ thành viên có mặt mới bỏ phiếu; ông/bà đang được ghi là “Vắng mặt, có ý kiến bằng văn bản”\.'\]$"):  # the absent member cannot also vote in person
        ballots.cast_vote(ballot, by=board.members[2], choices=all_agree(meeting))
    assert list(BallotParticipation.objects.filter(ballot=ballot).values_list("kind", flat=True)) == ["written"]
    assert SealedBallot.objects.filter(ballot=ballot).count() == 1
    close_and_count(ballot, by=board.chair)
    assert list(BallotTally.objects.filter(ballot=ballot).order_by("item__position").values_list(
        "agree", flat=True)) == [1, 1]
    ballot.refresh_from_db()
    assert (ballot.issued_count, ballot.cast_count, ballot.valid_count, ballot.invalid_count) == (5, 1, 1, 0)


def test_written_opinions_refused_where_they_do_not_count(board, dossier):
    CouncilRules.objects.create(council=board.council, count_written_opinions=False)
    meeting = open_meeting(board, present=[board.chair, board.secretary, *board.members[:2]],
                           written=[board.members[2]])
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    assert ballot.written_count == 0
    absent = Attendance.objects.get(meeting=meeting, status=AttendanceStatus.WRITTEN_OPINION)
    with pytest.raises(ValidationError, match=r"^\['Theo quy chế của Hội đồng này, ý kiến bằng văn bản của thành viên vắng mặt không được tính\.'\]$") as exc:
        ballots.record_written_opinion(ballot, by=board.secretary, attendance_id=absent.pk,
                                       choices=all_agree(meeting))
    assert message(exc) == "Theo quy chế của Hội đồng này, ý kiến bằng văn bản của thành viên vắng mặt không được tính."


def test_paper_tallies_are_validated_against_the_members_who_could_vote(board, dossier):
    meeting = open_meeting(board, present=[board.chair, board.secretary, *board.members[:2]])
    ballot = ballots.open_ballot(meeting, mode=BallotMode.PAPER, by=board.chair)
    cstd, bk = items_of(meeting)
    with pytest.raises(ValidationError, match=r"^\['Lần này bỏ phiếu giấy: Thư ký nhập kết quả kiểm phiếu\.'\]$"):  # members do not vote electronically in a paper ballot
        ballots.cast_vote(ballot, by=board.chair, choices=all_agree(meeting))
    ballots.close_ballot(ballot, by=board.chair)  # voting stops; the secretary then counts the papers
    with pytest.raises(ValidationError, match=r"^\['Hãy nhập kết quả kiểm phiếu giấy trước khi chốt kết quả\.'\]$"):  # the count needs the tallies first
        counting.count_ballot(ballot, by=board.chair)
    with pytest.raises(ValidationError, match=r"^\['Nguyễn Văn An: đã nhập 5 phiếu, nhưng chỉ có 4 thành viên được biểu quyết \(4 có mặt \+ 0 ý kiến bằng văn bản\)\.', 'Đặng Thị Đào: số phiếu không được âm\.'\]$") as exc:
        ballots.enter_paper_tallies(ballot, by=board.secretary, tallies={cstd.pk: (4, 1, 0), bk.pk: (-1, 0, 0)})
    assert exc.value.messages == [
        "Nguyễn Văn An: đã nhập 5 phiếu, nhưng chỉ có 4 thành viên được biểu quyết (4 có mặt + 0 ý kiến bằng văn bản).",
        "Đặng Thị Đào: số phiếu không được âm."]
    with pytest.raises(ValidationError, match=r"^\['Chỉ Thư ký Hội đồng mới nhập kết quả kiểm phiếu giấy\.'\]$"):  # only the secretary
        ballots.enter_paper_tallies(ballot, by=board.chair, tallies={cstd.pk: (4, 0, 0), bk.pk: (3, 1, 0)})
    ballots.enter_paper_tallies(ballot, by=board.secretary, tallies={cstd.pk: (4, 0, 0), bk.pk: (2, 1, 1)})
    counting.count_ballot(ballot, by=board.secretary)  # a paper ballot has no key, no passphrase
    ballot.refresh_from_db()
    assert (ballot.state, ballot.issued_count, ballot.cast_count) == (BallotState.CLOSED, 4, None)
    cstd.refresh_from_db()
    bk.refresh_from_db()
    # 4/5 = 80 % < 90 % for CSTĐ toàn quốc; 2/5 = 40 % is not a majority of all members
    assert (cstd.agree, cstd.outcome, bk.agree, bk.outcome) == (4, Outcome.NOT_APPROVED, 2, Outcome.NOT_APPROVED)


def test_meeting_states_and_minutes_lock(board, dossier):
    meeting = open_meeting(board)
    with pytest.raises(ValidationError, match=r"^\['Hãy kết thúc bỏ phiếu và kiểm phiếu trước khi bế mạc phiên họp\.'\]$"):  # the ballot must be counted first
        meetings.close_meeting(meeting, by=board.secretary)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    ballots.cast_vote(ballot, by=board.chair, choices=all_agree(meeting))
    close_and_count(ballot, by=board.chair)
    meetings.update_minutes(meeting, by=board.secretary, opening="Đồng chí Chủ tịch chủ trì.",
                            discussion="Thảo luận.", conclusion="Thống nhất.")
    with pytest.raises(ValidationError, match=r"^\['Phiên họp đang ở trạng thái “Đang họp” không thể chuyển sang “Đã khóa biên bản”\.'\]$"):  # minutes lock after the meeting closes
        meetings.lock_minutes(meeting, by=board.secretary)
    meetings.close_meeting(meeting, by=board.secretary)
    meetings.lock_minutes(meeting, by=board.secretary)
    assert meeting.state == MeetingState.MINUTES_LOCKED
    with pytest.raises(ValidationError, match=r"^\['Biên bản đã khóa, không thể sửa nữa\.'\]$") as exc:
        meetings.update_minutes(meeting, by=board.secretary, opening="Sửa", discussion="", conclusion="")
    assert message(exc) == "Biên bản đã khóa, không thể sửa nữa."
    meeting.refresh_from_db()
    assert meeting.minutes_opening == "Đồng chí Chủ tịch chủ trì."


def test_a_meeting_lists_the_members_on_its_date(world, board):
    meeting = meetings.create_meeting(board.council, date=board.seats[board.chair].term_start, place="Hội trường",
                                      by=board.secretary)
    assert Attendance.objects.filter(meeting=meeting).count() == 5
    with pytest.raises(ValidationError, match=r"^\{'number': \['Phiên họp lần 1 của Hội đồng này đã có\.'\]\}$"):
        meetings.create_meeting(board.council, date=meeting.date, place="x", number=meeting.number,
                                by=board.secretary)


def test_a_line_withdrawn_after_the_agenda_blocks_the_opening_by_name(world, board, dossier):
    meeting = open_meeting(board)
    Nomination.objects.filter(person=world.person_a_child).update(state=NominationState.WITHDRAWN)
    with pytest.raises(ValidationError, match=r"^\['Hãy lập lại chương trình trước: các đề nghị sau không còn ở trạng thái sẵn sàng trình Hội đồng: Đặng Thị Đào\.'\]$") as exc:
        ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    assert message(exc) == ("Hãy lập lại chương trình trước: các đề nghị sau không còn ở trạng thái sẵn sàng "
                            "trình Hội đồng: Đặng Thị Đào.")
    meetings.build_agenda(meeting, by=board.secretary)
    assert [i.nomination.person for i in items_of(meeting)] == [world.person_a]
    assert ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE).state == BallotState.OPEN


def test_the_database_refuses_a_second_participation(board, dossier):
    from django.db import IntegrityError, transaction

    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    seat = board.seats[board.members[0]]
    BallotParticipation.objects.create(ballot=ballot, member=seat)
    with pytest.raises(IntegrityError, match=r"(?s)^(UNIQUE constraint failed: council_ballotparticipation\.ballot_id, council_ballotparticipation\.member_id|duplicate key value violates unique constraint .*)$"), transaction.atomic():
        BallotParticipation.objects.create(ballot=ballot, member=seat)


def test_vote_results_for_the_decisions(board, dossier, django_assert_num_queries):
    from tdkt.council.queries import vote_results

    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    for user in [board.chair, board.secretary, *board.members]:
        ballots.cast_vote(ballot, by=user, choices=all_agree(meeting))
    close_and_count(ballot, by=board.chair)
    lines = list(Nomination.objects.order_by("position"))
    with django_assert_num_queries(1):
        results = vote_results(lines)
    assert [(r["agree"], r["members"], r["threshold_percent"], r["outcome"], r["meeting"].pk)
            for r in (results[line.pk] for line in lines)] == [(5, 5, 90, "approved", meeting.pk),
                                                               (5, 5, None, "approved", meeting.pk)]
