"""The council screens through HTTP: a meeting from creation to locked minutes, per persona; query
counts of the list and meeting pages; the papers and minutes .docx opened again and read."""

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from tdkt.council.enums import MeetingState
from tdkt.council.models import AgendaItem, Attendance, Ballot, Meeting
from tdkt.council.services import ballots, meetings
from tdkt.dossiers.enums import NominationState
from tdkt.dossiers.models import Nomination
from tests.conftest import client_for
from tests.council.helpers import ELIGIBLE, MEETING_DATE, PASSPHRASE, REVIEW, make_board, open_meeting, ready_dossier
from tests.factories import make_person


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name, meeting=None):
    return reverse(f"council:{name}", kwargs={"pk": meeting.pk} if meeting else None)


def docx_text(response) -> list[str]:
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.append(" | ".join(cell.text for cell in row.cells))
    return texts


@pytest.fixture
def board(world):
    return make_board(world)


def test_a_meeting_from_creation_to_locked_minutes(world, board):
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW), (world.person_a_child, "BK_TINH", ELIGIBLE))
    secretary, chair = login(board.secretary), login(board.chair)
    response = secretary.post(url("meeting_create"), {"council": board.council.pk, "date": "20/12/2026",
                                                       "place": "Hội trường tầng 3", "considers_awards": "on"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == url("meeting", meeting)
    assert (meeting.number, meeting.date.isoformat(), Attendance.objects.filter(meeting=meeting).count()) == (
        1, "2026-12-20", 5)
    secretary.post(url("agenda_build", meeting))
    rows = {a.member.user_id: a.pk for a in Attendance.objects.filter(meeting=meeting).select_related("member")}
    secretary.post(url("attendance", meeting), {f"status-{pk}": "present" for pk in rows.values()})
    secretary.post(url("meeting_open", meeting))
    opening = {"mode": "electronic", "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE[:-1]}
    page = chair.post(url("ballot_open", meeting), opening, follow=True).content.decode()
    assert "Hai lần nhập mật khẩu không khớp: hãy nhập cùng một mật khẩu hai lần." in page
    assert PASSPHRASE not in page and PASSPHRASE[:-1] not in page  # never written back into the page
    page = chair.post(url("ballot_open", meeting), {**opening, "passphrase": "ngắn", "passphrase_again": "ngắn"},
                      follow=True).content.decode()
    assert ("Mật khẩu bỏ phiếu phải có ít nhất 10 ký tự: mật khẩu này khóa chìa khóa dùng để mở phiếu khi kiểm "
            "phiếu.") in page
    assert Ballot.objects.filter(meeting=meeting).exists() is False
    response = chair.post(url("ballot_open", meeting), {**opening, "passphrase_again": PASSPHRASE}, follow=True)
    assert "Đã mở bỏ phiếu." in response.content.decode()
    cstd, bk = AgendaItem.objects.filter(meeting=meeting).order_by("position")

    member = client_for(world, "council_member")
    page = member.get(url("vote", meeting)).content.decode()
    assert page.count('type="radio"') == 6 and "Nguyễn Văn An" in page
    for index, user in enumerate([board.chair, board.secretary, *board.members]):
        client = member if user == world.users["council_member"] else login(user)
        answer = "disagree" if index == 4 else "agree"  # CSTĐ toàn quốc: 4/5 = 80 % < 90 %
        assert client.post(url("vote", meeting), {f"item-{cstd.pk}": answer, f"item-{bk.pk}": "agree", "action": "send"}).status_code == 302
    response = member.get(url("vote", meeting), follow=True)
    assert "Ông/bà đã bỏ phiếu trong lần bỏ phiếu này." in response.content.decode()
    page = chair.post(url("ballot_close", meeting), follow=True).content.decode()
    assert "Đã kết thúc bỏ phiếu; các phiếu vẫn được niêm phong cho đến khi kiểm phiếu." in page
    assert 'name="passphrase"' in page and "Không đồng ý</th>" not in page  # no result before the count
    page = chair.post(url("ballot_count", meeting), {"passphrase": PASSPHRASE + " "}, follow=True).content.decode()
    assert ("Mật khẩu không mở được khóa của lần bỏ phiếu: chưa kiểm phiếu. Hãy nhập mật khẩu đã đặt khi mở bỏ "
            "phiếu.") in page
    assert Ballot.objects.get(meeting=meeting).state == "counting"
    page = chair.post(url("ballot_count", meeting), {"passphrase": PASSPHRASE}, follow=True).content.decode()
    assert "Đã kiểm phiếu; kết quả là kết quả cuối cùng." in page
    assert "Số phiếu phát ra: 5; số phiếu thu vào: 5; hợp lệ: 5; không hợp lệ: 0." in page
    assert list(Nomination.objects.order_by("position").values_list("state", flat=True)) == [
        NominationState.NOT_APPROVED, NominationState.APPROVED]

    secretary.post(url("minutes", meeting), {"opening": "Đồng chí Chủ tịch Hội đồng chủ trì phiên họp.",
                                             "discussion": "Các thành viên thảo luận từng trường hợp.",
                                             "conclusion": "Hội đồng thống nhất đề nghị khen thưởng."})
    secretary.post(url("meeting_close", meeting))
    secretary.post(url("minutes_lock", meeting))
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.MINUTES_LOCKED
    response = secretary.post(url("minutes", meeting), {"opening": "Sửa sau khi khóa", "discussion": "",
                                                        "conclusion": ""}, follow=True)
    assert "Biên bản đã khóa, không thể sửa nữa." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes_opening == "Đồng chí Chủ tịch Hội đồng chủ trì phiên họp."

    texts = docx_text(member.get(url("minutes_docx", meeting)))
    assert "BIÊN BẢN" in texts
    assert "Họp Hội đồng Thi đua - Khen thưởng tỉnh - Phiên họp lần thứ nhất năm 2026" in texts
    assert "Thời gian: ngày 20/12/2026. Địa điểm: Hội trường tầng 3." in texts
    assert ("Tổng số thành viên Hội đồng: 5. Có mặt 5/5 thành viên (có mặt đầy đủ); "
            "vắng mặt có ý kiến bằng văn bản: 0; vắng mặt: 0.") in texts
    assert "Đồng chí Chủ tịch Hội đồng chủ trì phiên họp." in texts
    assert "5 thành viên có mặt; số phiếu phát ra: 5, thu về: 5, hợp lệ: 5, không hợp lệ: 0." in texts
    assert "1 | Nguyễn Văn An | 4 (80%) | 1 (20%) | 0 (0%) | ≥ 90% | Không đạt" in texts
    assert "2 | Đặng Thị Đào | 5 (100%) | 0 (0%) | 0 (0%) | > 50% | Đạt" in texts
    assert "Số đề nghị đạt: 1/2." in texts
    assert "THƯ KÝ\n\nLê Thị Thư | CHỦ TỊCH\n\nTrịnh Văn Chủ" in texts or any(
        "Lê Thị Thư" in t and "Trịnh Văn Chủ" in t for t in texts)


def test_papers_page_and_docx_show_findings(world, board):
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW), (world.person_a_child, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    client = client_for(world, "council_member")
    page = client.get(url("papers", meeting)).content.decode()
    assert "Sáng kiến có phạm vi toàn quốc: Hội đồng xem xét" in page
    assert "Hội đồng xem xét" in page and "Đủ điều kiện" in page
    texts = docx_text(client.get(url("papers_docx", meeting)))
    assert "TÀI LIỆU" in texts
    assert any(t.startswith("I | Chiến sĩ thi đua toàn quốc") for t in texts)
    assert any(t.startswith("1 | Nguyễn Văn An | Chuyên viên, Sở Y tế | Hội đồng xem xét\nSáng kiến có phạm vi "
                            "toàn quốc: Hội đồng xem xét") for t in texts)


def test_answer_texts_accept_lists_strings_and_nothing():
    from tdkt.council.papers import _as_texts

    assert _as_texts(["Công an tỉnh: không vi phạm", "Thuế: đã nộp đủ"]) == [
        "Công an tỉnh: không vi phạm", "Thuế: đã nộp đủ"]
    assert _as_texts("Không có ý kiến") == ["Không có ý kiến"]
    assert _as_texts(None) == []


def test_a_plain_member_cannot_run_the_meeting(world, board):
    ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE))
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    member = client_for(world, "council_member")
    assert member.post(url("meeting_open", meeting)).status_code == 403
    assert member.post(url("agenda_build", meeting)).status_code == 403
    assert member.post(url("minutes", meeting), {"opening": "x"}).status_code == 403
    assert member.get(url("meeting_create")).status_code == 403
    response = member.post(url("ballot_open", meeting), follow=True)  # not the chair: refused with a message
    assert "Chỉ Chủ tịch Hội đồng" in response.content.decode()


def test_the_secretary_enters_paper_tallies_through_the_page(world, board):
    ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    ballots.open_ballot(meeting, mode="paper", by=board.chair)
    item = AgendaItem.objects.get(meeting=meeting)
    secretary = login(board.secretary)
    response = secretary.post(url("paper_tallies", meeting), {f"agree-{item.pk}": "6", f"disagree-{item.pk}": "0",
                                                               f"abstain-{item.pk}": "0"})
    assert ("Nguyễn Văn An: đã nhập 6 phiếu, nhưng chỉ có 5 thành viên được biểu quyết (5 có mặt + 0 ý kiến "
            "bằng văn bản).") in response.content.decode()
    response = secretary.post(url("paper_tallies", meeting), {f"agree-{item.pk}": "x", f"disagree-{item.pk}": "0",
                                                               f"abstain-{item.pk}": "0"})
    assert "Nguyễn Văn An: hãy nhập số phiếu là số nguyên." in response.content.decode()
    secretary.post(url("paper_tallies", meeting), {f"agree-{item.pk}": "3", f"disagree-{item.pk}": "1",
                                                    f"abstain-{item.pk}": "1"})
    secretary.post(url("ballot_close", meeting))
    page = secretary.get(url("meeting", meeting)).content.decode()
    assert 'name="passphrase"' not in page  # a paper ballot has no key
    secretary.post(url("ballot_count", meeting))
    item.refresh_from_db()
    assert (item.agree, item.disagree, item.abstain, item.outcome) == (3, 1, 1, "approved")


def _meeting_with_items(world, board, count, number):
    people = [make_person(f"Người đề nghị {number}-{i}", unit=world.unit_a) for i in range(count)]
    ready_dossier(world.unit_a, *[(p, "BK_TINH", ELIGIBLE) for p in people], title=f"Hồ sơ {number}")
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary,
                                      number=number)
    meetings.build_agenda(meeting, by=board.secretary)
    return meeting


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_meeting_page_queries_do_not_grow_with_the_agenda(world, board):
    client = login(board.secretary)
    small = _meeting_with_items(world, board, 1, 1)
    client.get(url("meeting", small))  # its first page marks the session active (a write)
    one = _queries(client, url("meeting", small))
    large = _meeting_with_items(world, board, 6, 2)
    assert _queries(client, url("meeting", large)) == one
    assert _queries(client, url("papers", large)) == _queries(client, url("papers", small))


def test_meeting_list_queries_do_not_grow(world, board):
    client = client_for(world, "specialist")
    _meeting_with_items(world, board, 1, 1)
    client.get(url("meetings"))  # its first page marks the session active (a write)
    one = _queries(client, url("meetings"))
    _meeting_with_items(world, board, 1, 2)
    _meeting_with_items(world, board, 1, 3)
    assert _queries(client, url("meetings")) == one


def test_consultation_answers_and_comments_are_written_out():
    import datetime
    from types import SimpleNamespace

    from tdkt.council.papers import answer_texts, comment_texts

    answer = SimpleNamespace(agency="Công an tỉnh", answer_label="Có ý kiến", state_label="Đã trả lời",
                             objects_to_line=True, text="Đang bị xem xét vi phạm giao thông")
    assert answer_texts([answer]) == [
        "Công an tỉnh: Có ý kiến — có ý kiến không đồng ý với trường hợp này — Đang bị xem xét vi phạm giao thông"]
    comment = SimpleNamespace(text="Đề nghị xem xét lại thành tích", state_label="Không có căn cứ",
                              reason="Đã xác minh")
    summary = SimpleNamespace(notices=[("Thông báo công khai số 1", datetime.date(2026, 11, 2),
                                        datetime.date(2026, 11, 16), "published")],
                              total=1, new=0, dismissed=1, led_to_hold=0, general=0, comments=[comment])
    assert comment_texts(summary) == [
        "Đã công khai: Thông báo công khai số 1 (02/11/2026 – 16/11/2026)",
        "Ý kiến: 1 ý kiến về trường hợp này (0 chưa xử lý, 1 không có căn cứ, 0 dẫn đến tạm dừng xét), 0 ý kiến chung",
        "– Đề nghị xem xét lại thành tích (Không có căn cứ: Đã xác minh)"]
    assert comment_texts(None) == [] and answer_texts(None) == []
