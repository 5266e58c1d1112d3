"""The member's ballot paper through HTTP (issue 21 item 8): what each nominee row shows, in a fixed number
of queries; "agree to all" without JavaScript; the review step (nothing stored before "send", "change" keeps
the choices); the pages that confirm opening and closing the ballot. The secrecy of what is finally stored is
tests/council/test_secrecy.py's; here the database is checked to hold nothing before the final send and no
readable choice after it."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.council import sealing
from tdkt.council.models import AgendaItem, Ballot, BallotParticipation, BallotStateChange, SealedBallot
from tdkt.council.services import ballots
from tdkt.dossiers.consultations.models import ConsultationRequest, ConsultedAgency
from tests.conftest import client_for
from tests.council.helpers import ELIGIBLE, PASSPHRASE, REVIEW, make_board, open_meeting, ready_dossier
from tests.factories import make_person


def url(name, meeting):
    return reverse(f"council:{name}", kwargs={"pk": meeting.pk})


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def board(world):
    return make_board(world)


@pytest.fixture
def voting(world, board):
    """An open electronic ballot on two nominees: Nguyễn Văn An (CSTĐ toàn quốc, to review) and Đặng Thị Đào
    (Bằng khen, eligible), the first consulted (Công an tỉnh: no objection)."""
    dossier = ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW),
                            (world.person_a_child, "BK_TINH", ELIGIBLE))
    request = ConsultationRequest.objects.create(
        dossier=dossier, agency=ConsultedAgency.objects.get_or_create(name="Công an tỉnh")[0], sent_on=datetime.date(2026, 11, 2),
        due_on=datetime.date(2026, 11, 12), state="answered", answer="no_objection",
        answered_on=datetime.date(2026, 11, 10))
    request.nominations.set([dossier.nominations.get(person=world.person_a)])
    meeting = open_meeting(board)
    ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    an, dao = AgendaItem.objects.filter(meeting=meeting).order_by("position", "id")
    return meeting, an, dao


def test_each_row_shows_the_nominee_award_verdict_consultation_and_posting(world, voting):
    meeting, an, dao = voting
    page = client_for(world, "council_member").get(url("vote", meeting)).content.decode()
    assert page.count('type="radio"') == 6
    assert f'<legend>{an.position}. Nguyễn Văn An</legend>' in page
    assert f"Chuyên viên, {world.unit_a.name}" in page
    assert "Chiến sĩ thi đua toàn quốc" in page and "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in page
    assert "<dd>Hội đồng xem xét<br><small>Sáng kiến có phạm vi toàn quốc: Hội đồng xem xét</small></dd>" in page
    assert "<dd>Công an tỉnh: Thống nhất</dd>" in page
    assert "<dd>Không công khai</dd>" in page  # a Bằng khen is not posted
    assert "Không lấy ý kiến hiệp y" in page  # Đặng Thị Đào was consulted on nothing
    assert "Đã công khai: Thông báo công khai danh sách đề nghị khen thưởng (02/11/2026 – 16/11/2026)" in page
    # The accessible name of each radio carries the nominee: "Đồng ý — Nguyễn Văn An" (label wraps the radio).
    assert (f'<label class="ballot-choice ballot-agree"><input type="radio" name="item-{an.pk}" value="agree" '
            'required> <span>Đồng ý</span><span class="visually-hidden"> — Nguyễn Văn An</span></label>') in page


def test_the_paper_is_read_in_a_fixed_number_of_queries(world, board):
    def queries_for(count):
        people = [make_person(f"Người Thứ {i}", unit=world.unit_a) for i in range(count)]
        ready_dossier(world.unit_a, *[(person, "BK_TINH", ELIGIBLE) for person in people],
                      title=f"Hồ sơ {count}")
        meeting = open_meeting(board)
        ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
        client = client_for(world, "council_member")
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url("vote", meeting)).content.decode()
        # The next meeting finds these lines ready again (its agenda takes every ready line: 2, then 2 + 7).
        AgendaItem.objects.filter(meeting=meeting).delete()
        Ballot.objects.filter(meeting=meeting).delete()
        return len(captured), page.count('type="radio"')

    small, large = queries_for(2), queries_for(7)
    assert (small[1], large[1]) == (6, 27)
    assert small[0] == large[0]


def test_agree_to_all_without_javascript_keeps_the_choices_made_and_stores_nothing(world, voting):
    meeting, an, dao = voting
    member = client_for(world, "council_member")
    page = member.post(url("vote", meeting), {f"item-{an.pk}": "disagree", "action": "agree_all"}).content.decode()
    assert f'name="item-{an.pk}" value="disagree" checked' in page
    assert f'name="item-{an.pk}" value="agree" required' in page
    assert f'name="item-{dao.pk}" value="agree" checked' in page
    assert not BallotParticipation.objects.exists() and not SealedBallot.objects.exists()


def test_review_lists_the_choices_change_keeps_them_send_seals(world, board, voting):
    meeting, an, dao = voting
    member = client_for(world, "council_member")
    response = member.post(url("vote", meeting), {f"item-{an.pk}": "disagree"})
    assert ("Hãy chọn Đồng ý, Không đồng ý hoặc Không biểu quyết cho mọi trường hợp; còn chưa chọn: "
            "Đặng Thị Đào.") in response.content.decode()
    choices = {f"item-{an.pk}": "disagree", f"item-{dao.pk}": "agree"}
    response = member.post(url("vote", meeting), {**choices, "action": "review"})
    page = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "Kiểm tra phiếu trước khi gửi" in page
    rows = [line for line in page.splitlines() if line.startswith("<tr><td>")]
    assert [("Nguyễn Văn An" in row, "Không đồng ý" in row) for row in rows] == [(True, True), (False, False)]
    assert "<strong>Đồng ý</strong>" in rows[1]
    assert f'<input type="hidden" name="item-{an.pk}" value="disagree">' in page
    assert not BallotParticipation.objects.exists() and not SealedBallot.objects.exists()

    page = member.post(url("vote", meeting), {**choices, "action": "edit"}).content.decode()
    assert f'name="item-{an.pk}" value="disagree" checked' in page
    assert f'name="item-{dao.pk}" value="agree" checked' in page
    assert not BallotParticipation.objects.exists() and not SealedBallot.objects.exists()

    response = member.post(url("vote", meeting), {**choices, "action": "send"})
    assert response.status_code == 302 and response["Location"] == url("meeting", meeting)
    # One "has voted" mark and one sealed paper; the paper's bytes do not contain the plain encoding.
    assert BallotParticipation.objects.filter(member=board.seats[world.users["council_member"]]).count() == 1
    sealed = bytes(SealedBallot.objects.get().sealed)
    ballot = Ballot.objects.get(meeting=meeting)
    plain = sealing.encode(ballot.pk, [an.pk, dao.pk], {an.pk: "disagree", dao.pk: "agree"})
    assert plain not in sealed and b"disagree" not in sealed and sealing.PREFIX not in sealed


def test_opening_the_ballot_is_confirmed_on_a_page_of_its_own(world, board):
    ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    chair = login(board.chair)
    page = chair.get(url("ballot_open", meeting)).content.decode()
    assert "Ai được thông báo" in page
    assert "5 thành viên có mặt được thông báo và mời bỏ phiếu: " in page and "Trịnh Văn Chủ" in page
    assert "Không thể hoàn tác: lần bỏ phiếu đã mở chỉ có thể kết thúc và kiểm phiếu." in page
    assert 'name="passphrase"' in page and not Ballot.objects.exists()  # the page itself changes nothing
    meeting_page = chair.get(url("meeting", meeting)).content.decode()
    assert f'href="{url("ballot_open", meeting)}"' in meeting_page and 'name="passphrase_again"' not in meeting_page
    response = chair.post(url("ballot_open", meeting), {"mode": "electronic", "passphrase": PASSPHRASE,
                                                        "passphrase_again": "x"}, follow=True)
    assert response.redirect_chain[-1][0] == url("ballot_open", meeting)  # back to the page, with the message
    assert "Hai lần nhập mật khẩu không khớp" in response.content.decode()
    response = login(board.members[1]).get(url("ballot_open", meeting), follow=True)
    assert response.redirect_chain[-1][0] == url("meeting", meeting)
    assert "Chỉ Chủ tịch Hội đồng" in response.content.decode()


def test_closing_the_ballot_is_confirmed_on_a_page_of_its_own(world, board, voting):
    meeting, an, dao = voting
    client_for(world, "council_member").post(url("vote", meeting), {
        f"item-{an.pk}": "agree", f"item-{dao.pk}": "agree", "action": "send"})
    secretary = login(board.secretary)
    page = secretary.get(url("ballot_close", meeting)).content.decode()
    assert ("Việc bỏ phiếu dừng lại. 1/5 thành viên có mặt đã bỏ phiếu; người chưa bỏ phiếu sẽ không thể bỏ phiếu "
            "nữa.") in page
    assert "Không thể hoàn tác: lần bỏ phiếu đã kết thúc không được mở lại." in page
    assert Ballot.objects.get(meeting=meeting).state == "open"
    assert not BallotStateChange.objects.filter(ballot__meeting=meeting, to_state="counting").exists()
    response = secretary.post(url("ballot_close", meeting), follow=True)
    assert "Đã kết thúc bỏ phiếu" in response.content.decode()
    assert Ballot.objects.get(meeting=meeting).state == "counting"
    response = secretary.get(url("ballot_close", meeting), follow=True)  # nothing left to close
    assert response.redirect_chain[-1][0] == url("meeting", meeting)
