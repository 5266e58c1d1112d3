"""The minutes record the public's feedback and its handling (NĐ152 Đ44.2: reported in writing to the council
and recorded in the biên bản): per notice its period, the number of comments and each comment with its
handling, comments about one nominee under that nominee; frozen when the minutes are locked."""

import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from tdkt.council.enums import MeetingState
from tdkt.council.models import AgendaItem, Meeting
from tdkt.council.services import ballots, meetings
from tdkt.dossiers.postings import services as postings
from tdkt.dossiers.postings.enums import CommentState, NoticeState
from tdkt.dossiers.postings.models import PublicComment
from tests.council.helpers import (
    ELIGIBLE,
    MEETING_DATE,
    PASSPHRASE,
    REVIEW,
    close_and_count,
    make_board,
    mark,
    post,
    ready_dossier,
)

NOTICE_TITLE = "Thông báo công khai danh sách đề nghị tặng danh hiệu Chiến sĩ thi đua toàn quốc"
HEADING = "Kết quả công khai và ý kiến của nhân dân"
CONTACT = "0912 345 678"


def sent(notice, name, text, *, day, nomination=None):
    comment = PublicComment.objects.create(notice=notice, nomination=nomination, name=name, contact=CONTACT,
                                           text=text, ip_hash="x")
    PublicComment.objects.filter(pk=comment.pk).update(
        submitted_at=timezone.make_aware(datetime.datetime(2026, 11, day, 9, 30)))
    comment.refresh_from_db()
    return comment


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def minutes_texts(client, meeting) -> list[str]:
    response = client.get(reverse("council:minutes_docx", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return [p.text for p in Document(io.BytesIO(response.content)).paragraphs]


def section(texts) -> list[str]:
    """The section's paragraphs: from its heading to the next part of the minutes."""
    start = texts.index(HEADING)
    return texts[start:texts.index("Các thành viên thảo luận từng trường hợp.", start)]


def today() -> str:
    return timezone.localdate().strftime("%d/%m/%Y")


@pytest.fixture
def board(world):
    return make_board(world)


@pytest.fixture
def commented(world, board):
    """A notice of two CSTĐ toàn quốc lines with a dismissed general comment and an unhandled comment about
    Nguyễn Văn An; a Bằng khen line that needs no posting."""
    dossier = ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW),
                            (world.person_a_child, "CSTD_TQ", REVIEW), (world.person_b, "BK_TINH", ELIGIBLE),
                            posted=False)
    an, dao, _pao = dossier.nominations.order_by("position")
    notice = post([an, dao], state=NoticeState.CLOSED, title=NOTICE_TITLE)
    dismissed = sent(notice, "Trần Văn Bình", "Đề nghị nêu rõ số quyết định công nhận sáng kiến.", day=5)
    about_an = sent(notice, "Hà Văn Tư", "Ông An chưa gương mẫu.", day=6, nomination=an)
    postings.handle_comment(dismissed, by=world.users["specialist"], outcome=CommentState.DISMISSED,
                            reason="Số quyết định đã có trong hồ sơ, mục 3.")
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    meetings.build_agenda(meeting, by=board.secretary)
    write_narrative(board, meeting)
    return meeting, notice, about_an


def write_narrative(board, meeting):
    meetings.update_minutes(meeting, by=board.secretary, opening="Đồng chí Chủ tịch Hội đồng chủ trì phiên họp.",
                            discussion="Các thành viên thảo luận từng trường hợp.", conclusion="Thống nhất.")


def expected_commented(handling_of_an="Chưa xử lý") -> list[str]:
    return [
        HEADING,
        f"1. {NOTICE_TITLE}, thời gian công khai 02/11/2026 – 16/11/2026: 2 ý kiến.",
        "Ý kiến về toàn bộ danh sách:",
        "1. Trần Văn Bình, 05/11/2026: Đề nghị nêu rõ số quyết định công nhận sáng kiến.",
        f"Kết quả xử lý: Không tiếp thu (có lý do), {today()}: Số quyết định đã có trong hồ sơ, mục 3.",
        "Ý kiến về Nguyễn Văn An (Chiến sĩ thi đua toàn quốc):",
        "1. Hà Văn Tư, 06/11/2026: Ông An chưa gương mẫu.",
        f"Kết quả xử lý: {handling_of_an}",
    ]


def test_the_docx_records_each_comment_and_its_handling_by_notice_and_nominee(world, board, commented):
    meeting, _notice, _about_an = commented
    texts = minutes_texts(login(board.secretary), meeting)
    assert section(texts) == expected_commented()
    assert texts[texts.index(HEADING) - 1] == "Đồng chí Chủ tịch Hội đồng chủ trì phiên họp."
    assert not any(CONTACT in text for text in texts)  # the sender's contact never leaves the app


def test_the_page_shows_the_section_beside_the_editable_narrative(world, board, commented):
    meeting, _notice, _about_an = commented
    page = login(board.secretary).get(reverse("council:minutes", kwargs={"pk": meeting.pk})).content.decode()
    assert f"<h2>{HEADING}</h2>" in page
    assert (f"<p><strong>1. {NOTICE_TITLE}, thời gian công khai 02/11/2026 – 16/11/2026: 2 ý kiến.</strong></p>"
            in page)
    assert '<p class="comment">1. Hà Văn Tư, 06/11/2026: Ông An chưa gương mẫu.</p>' in page
    assert '<p class="handling">Kết quả xử lý: Chưa xử lý</p>' in page
    assert 'name="discussion"' in page  # the narrative stays editable until locked
    assert CONTACT not in page


def test_a_notice_without_comments_says_so(world, board):
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW))  # closed notice, no comment
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    meetings.build_agenda(meeting, by=board.secretary)
    write_narrative(board, meeting)
    assert section(minutes_texts(login(board.secretary), meeting)) == [
        HEADING,
        "1. Thông báo công khai danh sách đề nghị khen thưởng, thời gian công khai 02/11/2026 – 16/11/2026: "
        "0 ý kiến.",
        "Không có ý kiến nào.",
    ]


def test_minutes_without_any_line_requiring_posting_say_nothing_about_it(world, board):
    ready_dossier(world.unit_a, (world.person_b, "BK_TINH", ELIGIBLE))
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    meetings.build_agenda(meeting, by=board.secretary)
    write_narrative(board, meeting)
    client = login(board.secretary)
    texts = minutes_texts(client, meeting)
    assert texts[texts.index("II. NỘI DUNG"):texts.index("III. KẾT QUẢ BỎ PHIẾU KÍN")] == [
        "II. NỘI DUNG", "Đồng chí Chủ tịch Hội đồng chủ trì phiên họp.", "Các thành viên thảo luận từng trường hợp."]
    assert not any("công khai" in text for text in texts)
    assert HEADING not in client.get(reverse("council:minutes", kwargs={"pk": meeting.pk})).content.decode()


def lock(board, meeting):
    meetings.open_meeting(meeting, by=board.secretary)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    choices = {item.pk: "agree" for item in AgendaItem.objects.filter(meeting=meeting)}
    for user in [board.chair, board.secretary, *board.members]:
        ballots.cast_vote(ballot, by=user, choices=choices)
    close_and_count(ballot, by=board.chair)
    meetings.close_meeting(meeting, by=board.secretary)
    meetings.lock_minutes(meeting, by=board.secretary)


def test_locked_minutes_keep_the_section_as_it_stood_at_locking(world, board, commented):
    meeting, notice, about_an = commented
    mark(board, meeting)
    lock(board, meeting)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.MINUTES_LOCKED
    postings.handle_comment(about_an, by=world.users["specialist"], outcome=CommentState.DISMISSED,
                            reason="Đã xác minh, không có căn cứ.")  # handled after locking
    sent(notice, "Lò Thị Mai", "Gửi sau khi khóa.", day=25)
    client = login(board.secretary)
    assert section(minutes_texts(client, Meeting.objects.get(pk=meeting.pk))) == expected_commented()
    page = client.get(reverse("council:minutes", kwargs={"pk": meeting.pk})).content.decode()
    assert '<p class="handling">Kết quả xử lý: Chưa xử lý</p>' in page and "Gửi sau khi khóa." not in page
    assert "Nội dung được ghi nhận tại thời điểm khóa biên bản." in page


def test_the_minutes_page_costs_the_same_queries_whatever_the_number_of_comments(world, board, commented):
    meeting, notice, about_an = commented
    client = login(board.secretary)
    url = reverse("council:minutes", kwargs={"pk": meeting.pk})
    client.get(url)  # warm caches (session, translations)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in range(10, 20):
        sent(notice, f"Người gửi {day}", "Ý kiến chung.", day=day)
        sent(notice, f"Người góp ý {day}", "Ý kiến về ông An.", day=day, nomination=about_an.nomination)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count("Ý kiến về ông An.") == 10
    assert len(many) == len(few)
