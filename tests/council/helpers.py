"""A council with seated, signed-in members and dossiers ready for it (rows written directly)."""

import datetime
from dataclasses import dataclass, field

from tdkt.accounts.enums import Role
from tdkt.awards.models import AwardType
from tdkt.council.enums import AttendanceStatus
from tdkt.council.models import Attendance
from tdkt.council.services import meetings
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.dossiers.postings.enums import NoticeState
from tdkt.dossiers.postings.models import PublicNotice
from tdkt.orgs.enums import CouncilRole
from tdkt.orgs.models import CouncilMember
from tests.factories import make_person, make_user

MEETING_DATE = datetime.date(2026, 12, 20)
ELIGIBLE = {"id": "1", "award": "CSTD_CS", "verdict": "eligible", "findings": [
    {"code": "rating", "passed": True, "message": "Hoàn thành xuất sắc nhiệm vụ năm 2025", "citation": "Đ23"}]}
REVIEW = {"id": "2", "award": "CSTD_TQ", "verdict": "needs_review", "findings": [
    {"code": "scope", "passed": None, "message": "Sáng kiến có phạm vi toàn quốc: Hội đồng xem xét",
     "citation": "Luật TĐKT Đ21.1.b"}]}


@dataclass
class Board:
    council: object
    chair: object  # users
    secretary: object
    members: list  # users of plain members (the world's council_member first)
    seats: dict = field(default_factory=dict)  # user -> CouncilMember


def seat(council, person, role, user=None, *, start=datetime.date(2025, 7, 1)):
    return CouncilMember.objects.create(council=council, person=person, role=role, user=user, term_start=start)


def make_board(world, *, plain_members=3) -> Board:
    """The world's council with a chair, a secretary and `plain_members` members (the first is the
    world's council_member persona), each with an account linked to their seat."""
    council = world.council
    chair = make_user("ct.hoidong", role=Role.SIGNER, unit=world.province, council=council)
    secretary = make_user("tk.hoidong", role=Role.COUNCIL_SECRETARY, unit=world.province, council=council)
    users = [world.users["council_member"]] + [
        make_user(f"uv.hoidong{i}", role=Role.COUNCIL_MEMBER, unit=world.province, council=council)
        for i in range(1, plain_members)]
    board = Board(council, chair, secretary, users)
    board.seats[chair] = seat(council, make_person("Trịnh Văn Chủ", unit=world.province), CouncilRole.CHAIR, chair)
    board.seats[secretary] = seat(council, make_person("Lê Thị Thư", unit=world.home_affairs), CouncilRole.SECRETARY,
                                  secretary)
    for index, user in enumerate(users):
        board.seats[user] = seat(council, make_person(f"Ủy viên Số {index + 1}", unit=world.province),
                                 CouncilRole.MEMBER, user)
    return board


# A public notice whose comment period ended well before MEETING_DATE (NĐ152 Đ44.2).
POSTED_ON, POSTING_ENDS_ON = datetime.date(2026, 11, 2), datetime.date(2026, 11, 16)


def ready_dossier(unit, *lines, title="Hồ sơ đề nghị khen thưởng tổng kết năm 2025", posted=True):
    """A dossier ready for the council with accepted lines: (recipient person or unit, award code, verdict).
    With `posted`, the lines whose award requires public posting are on a closed notice that ended on
    POSTING_ENDS_ON."""
    dossier = Dossier.objects.create(unit=unit, year=2025, title=title, state=DossierState.READY_FOR_COUNCIL)
    to_post = []
    for position, (recipient, code, verdict) in enumerate(lines, start=1):
        kind = AwardType.objects.get(code=code)
        person = recipient if recipient.__class__.__name__ == "Person" else None
        line = Nomination.objects.create(
            dossier=dossier, person=person, unit=None if person else recipient, proposed_award_type=kind,
            award_type=kind, position=position, state=NominationState.ACCEPTED, verdict_at_appraisal=verdict,
            position_and_unit=f"Chuyên viên, {unit.name}" if person else "")
        if kind.requires_public_posting:
            to_post.append(line)
    if posted and to_post:
        post(to_post, state=NoticeState.CLOSED)
    return dossier


def post(lines, *, state=NoticeState.CLOSED, published_on=POSTED_ON, ends_on=POSTING_ENDS_ON,
         title="Thông báo công khai danh sách đề nghị khen thưởng"):
    """A public notice of the lines (row written directly: the dossier is already past posting)."""
    notice = PublicNotice.objects.create(
        title=title, state=state, published_on=None if state == NoticeState.DRAFT else published_on,
        ends_on=None if state == NoticeState.DRAFT else ends_on,
        closed_on=ends_on + datetime.timedelta(days=1) if state == NoticeState.CLOSED else None)
    notice.nominations.set(lines)
    return notice


def open_meeting(board, *, present=None, written=(), by=None, date=MEETING_DATE):
    """A meeting in session with its agenda built; `present` users (default: everyone) marked present."""
    by = by or board.secretary
    meeting = meetings.create_meeting(board.council, date=date, place="Hội trường Ủy ban nhân dân tỉnh", by=by)
    meetings.build_agenda(meeting, by=by)
    mark(board, meeting, present=present, written=written)
    meetings.open_meeting(meeting, by=by)
    return meeting


def mark(board, meeting, *, present=None, written=()):
    present = list(board.seats) if present is None else present
    rows = {a.member_id: a.pk for a in Attendance.objects.filter(meeting=meeting)}
    statuses = dict.fromkeys(rows.values(), AttendanceStatus.ABSENT)
    for user in present:
        statuses[rows[board.seats[user].pk]] = AttendanceStatus.PRESENT
    for user in written:
        statuses[rows[board.seats[user].pk]] = AttendanceStatus.WRITTEN_OPINION
    meetings.set_attendance(meeting, statuses, by=board.secretary)


# The chair's passphrase in tests: Vietnamese letters on purpose (normalised to NFC before hashing).
PASSPHRASE = "Phiên họp thứ 12 — bỏ phiếu kín"


def close_and_count(ballot, *, by, passphrase=PASSPHRASE):
    """Voting stops, then the count (the passphrase is ignored for a paper ballot)."""
    from tdkt.council.services import ballots, counting

    ballots.close_ballot(ballot, by=by)
    return counting.count_ballot(ballot, by=by, passphrase=passphrase)
