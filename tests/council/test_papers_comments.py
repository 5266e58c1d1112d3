"""The members' papers report the public's comments about a whole posted list, and how each was handled
(NĐ152 Đ44.2: the feedback and its handling are reported to the council in writing), on the page and in
the .docx — each comment once, even when the notice carries several agenda lines."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from tdkt.council.services import meetings
from tdkt.dossiers.postings import services as postings
from tdkt.dossiers.postings.enums import CommentState, NoticeState
from tdkt.dossiers.postings.models import PublicComment
from tests.conftest import client_for
from tests.council.helpers import ELIGIBLE, MEETING_DATE, REVIEW, make_board, post, ready_dossier

NOTICE_TITLE = "Thông báo công khai danh sách đề nghị tặng danh hiệu Chiến sĩ thi đua toàn quốc"


def sent(notice, name, text, *, day, nomination=None):
    comment = PublicComment.objects.create(notice=notice, nomination=nomination, name=name,
                                           contact="0912 345 678", text=text, ip_hash="x")
    at = timezone.make_aware(datetime.datetime(2026, 11, day, 9, 30))
    PublicComment.objects.filter(pk=comment.pk).update(submitted_at=at)
    comment.refresh_from_db()
    return comment


@pytest.fixture
def meeting(world):
    board = make_board(world)
    dossier = ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW),
                            (world.person_a_child, "CSTD_TQ", REVIEW), (world.person_b, "BK_TINH", ELIGIBLE),
                            posted=False)
    an, dao, _pao = dossier.nominations.order_by("position")
    notice = post([an, dao], state=NoticeState.CLOSED, title=NOTICE_TITLE)
    dismissed = sent(notice, "Trần Văn Bình", "Đề nghị nêu rõ số quyết định công nhận sáng kiến.", day=5)
    sent(notice, "Lò Thị Mai", "Danh sách chưa ghi năm sinh của các cá nhân.", day=9)
    sent(notice, "Hà Văn Tư", "Ông An chưa gương mẫu.", day=6, nomination=an)  # names a nominee: not general
    postings.handle_comment(dismissed, by=world.users["specialist"], outcome=CommentState.DISMISSED,
                            reason="Số quyết định đã có trong hồ sơ, mục 3.")
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    assert meetings.build_agenda(meeting, by=board.secretary).count == 3
    return meeting


def handled_today() -> str:
    return timezone.localdate().strftime("%d/%m/%Y")


def test_the_docx_prints_each_general_comment_with_its_handling(world, meeting):
    response = client_for(world, "council_member").get(reverse("council:papers_docx", kwargs={"pk": meeting.pk}))
    texts = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    start = texts.index("Ý KIẾN CHUNG CỦA NHÂN DÂN VỀ DANH SÁCH CÔNG KHAI")
    assert texts[start:] == [
        "Ý KIẾN CHUNG CỦA NHÂN DÂN VỀ DANH SÁCH CÔNG KHAI",
        f"Thông báo: {NOTICE_TITLE}",
        "1. Trần Văn Bình, ngày 05/11/2026: Đề nghị nêu rõ số quyết định công nhận sáng kiến.",
        f"Kết quả xử lý: Không tiếp thu (có lý do), {handled_today()}: Số quyết định đã có trong hồ sơ, mục 3.",
        "2. Lò Thị Mai, ngày 09/11/2026: Danh sách chưa ghi năm sinh của các cá nhân.",
        "Kết quả xử lý: Chưa xử lý",
    ]
    assert not any("0912 345 678" in text for text in texts)  # the sender's contact never leaves the app


def test_the_page_prints_each_general_comment_once(world, meeting):
    page = client_for(world, "council_member").get(reverse("council:papers", kwargs={"pk": meeting.pk})).content.decode()
    assert "Ý kiến chung của nhân dân về danh sách công khai" in page
    assert page.count("Đề nghị nêu rõ số quyết định công nhận sáng kiến.") == 1  # two lines share the notice
    assert ("<td>1</td><td>Trần Văn Bình</td><td>05/11/2026</td><td>Đề nghị nêu rõ số quyết định công nhận sáng "
            f"kiến.</td><td>Không tiếp thu (có lý do), {handled_today()}: Số quyết định đã có trong hồ sơ, "
            "mục 3.</td>") in page
    assert ("<td>2</td><td>Lò Thị Mai</td><td>09/11/2026</td><td>Danh sách chưa ghi năm sinh của các cá nhân.</td>"
            "<td>Chưa xử lý</td>") in page
    assert "0912 345 678" not in page


def test_a_posted_list_without_general_comments_says_so(world):
    board = make_board(world)
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW))
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    meetings.build_agenda(meeting, by=board.secretary)
    client = Client()
    client.force_login(board.secretary)
    response = client.get(reverse("council:papers_docx", kwargs={"pk": meeting.pk}))
    texts = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert texts[-2:] == ["Ý KIẾN CHUNG CỦA NHÂN DÂN VỀ DANH SÁCH CÔNG KHAI",
                          "Không có ý kiến chung về danh sách công khai."]
    page = client.get(reverse("council:papers", kwargs={"pk": meeting.pk})).content.decode()
    assert "Không có ý kiến chung nào." in page


def test_papers_without_any_posted_line_have_no_such_section(world):
    board = make_board(world)
    ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE))
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    meetings.build_agenda(meeting, by=board.secretary)
    response = client_for(world, "council_member").get(reverse("council:papers_docx", kwargs={"pk": meeting.pk}))
    texts = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert "Ý KIẾN CHUNG CỦA NHÂN DÂN VỀ DANH SÁCH CÔNG KHAI" not in texts
