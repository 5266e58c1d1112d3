"""Công khai services (NĐ152 Đ44.2): the comment period in working days, which lines are posted, comments
(validation, closed notices, floods), their handling, closing, blockers and the council summary."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import DossierEvent
from tdkt.dossiers.postings import queries, services
from tdkt.dossiers.postings.enums import CommentState, NoticeState
from tdkt.dossiers.postings.models import PostingPolicy, PublicComment, PublicNotice
from tests.consultations.support import add_line, dossier_with_two_lines, make_dossier
from tests.postings.support import comment_on, published_notice

D = datetime.date


# NĐ152 Đ44.2 [V]: the list is published at least 10 working days before the council meets.
@pytest.mark.parametrize(("published_on", "days", "ends_on"), [
    (D(2026, 3, 2), 10, D(2026, 3, 16)),
    (D(2026, 2, 12), 10, D(2026, 3, 5)),  # published just before Tết
    (D(2026, 4, 22), 10, D(2026, 5, 11)),  # Giỗ Tổ (moved), 30/04, 01/05
    (D(2026, 3, 2), 15, D(2026, 3, 23)),  # a province may post longer
])
def test_comment_period_counts_working_days(world, published_on, days, ends_on):
    PostingPolicy.objects.filter(pk=1).update(posting_working_days=days)
    PostingPolicy.objects.get_or_create(pk=1, defaults={"posting_working_days": days})
    notice = published_notice(world, published_on=published_on)
    assert (notice.state, notice.published_on, notice.ends_on) == (NoticeState.PUBLISHED, published_on, ends_on)


def test_only_lines_whose_award_requires_posting_are_published(world):
    dossier, first, second = dossier_with_two_lines(world)  # CSTĐTQ requires posting, Bằng khen tỉnh does not
    notice = services.publish_notice(dossier, by=world.users["specialist"], published_on=D(2026, 3, 2))
    assert list(notice.nominations.all()) == [first]
    assert notice.title == "Công khai danh sách đề nghị khen thưởng: Hồ sơ đề nghị khen thưởng năm 2025"
    dossier.refresh_from_db()
    assert (dossier.state, dossier.step_due_on) == (DossierState.PUBLIC_POSTING, D(2026, 3, 16))
    event = DossierEvent.objects.get(dossier=dossier, kind="state")
    assert (event.from_state, event.to_state, event.reason) == (
        "in_appraisal", "public_posting",
        "Đã công khai thông báo “Công khai danh sách đề nghị khen thưởng: Hồ sơ đề nghị khen thưởng năm 2025”: "
        "nhận góp ý đến hết ngày 16/03/2026.")


def test_a_dossier_without_lines_to_post_is_refused(world):
    dossier = make_dossier(world.unit_a)
    add_line(dossier, person=world.person_a, code="BK_TINH")
    add_line(dossier, person=world.person_a_child, code="CSTD_TQ", position=2, state=NominationState.REJECTED)
    with pytest.raises(ValidationError, match=r"^\{'nominations': \['Không có dòng nào phải công khai: hình thức khen thưởng không yêu cầu công khai, hoặc các dòng không còn ở trạng thái đề nghị hay đạt qua thẩm định\.'\]\}$") as refused:
        services.publish_notice(dossier, by=world.users["specialist"])
    assert refused.value.message_dict == {"nominations": [
        "Không có dòng nào phải công khai: hình thức khen thưởng không yêu cầu công khai, hoặc các dòng không còn ở "
        "trạng thái đề nghị hay đạt qua thẩm định."]}
    assert PublicNotice.objects.count() == 0


def test_a_line_cannot_be_on_two_running_notices(world):
    notice = published_notice(world)
    with pytest.raises(ValidationError, match=r"^\{'nominations': \['Đã có trong một thông báo đang công khai: Nguyễn Văn An\.'\]\}$") as refused:
        services.publish_notice(list(notice.nominations.all()), by=world.users["specialist"])
    assert refused.value.message_dict == {"nominations": ["Đã có trong một thông báo đang công khai: Nguyễn Văn An."]}


def test_a_dossier_still_with_the_unit_cannot_be_posted(world):
    dossier = make_dossier(world.unit_a, state=DossierState.SUBMITTED)
    add_line(dossier, person=world.person_a, code="CSTD_TQ")
    with pytest.raises(ValidationError, match=r"^\['Chỉ công khai được hồ sơ đang thẩm định hoặc đang hiệp y; hồ sơ “Hồ sơ đề nghị khen thưởng năm 2025” đang ở trạng thái “Đã gửi”\.'\]$") as refused:
        services.publish_notice(dossier, by=world.users["specialist"])
    assert refused.value.messages == [
        "Chỉ công khai được hồ sơ đang thẩm định hoặc đang hiệp y; hồ sơ “Hồ sơ đề nghị khen thưởng năm 2025” "
        "đang ở trạng thái “Đã gửi”."]


def test_a_comment_needs_name_contact_and_text(world):
    notice = published_notice(world)
    with pytest.raises(ValidationError, match=r"^\{'name': \['Hãy nhập họ và tên\.'\], 'contact': \['Hãy nhập địa chỉ, số điện thoại hoặc thư điện tử để cơ quan có thể liên hệ trả lời\.'\], 'text': \['Hãy nhập nội dung góp ý\.'\]\}$") as refused:
        services.submit_comment(notice, name=" ", contact="", text="", ip="203.0.113.7")
    assert refused.value.message_dict == {
        "name": ["Hãy nhập họ và tên."],
        "contact": ["Hãy nhập địa chỉ, số điện thoại hoặc thư điện tử để cơ quan có thể liên hệ trả lời."],
        "text": ["Hãy nhập nội dung góp ý."],
    }
    assert PublicComment.objects.count() == 0


def test_a_comment_about_a_line_not_on_the_notice_is_refused(world):
    notice = published_notice(world)
    other = notice.nominations.get().dossier.nominations.get(position=2)
    with pytest.raises(ValidationError, match=r"^\{'nomination': \['Hãy chọn một trường hợp có trong danh sách công khai này\.'\]\}$") as refused:
        comment_on(notice, nomination=other)
    assert refused.value.message_dict == {"nomination": ["Hãy chọn một trường hợp có trong danh sách công khai này."]}


def test_the_address_is_kept_only_as_a_keyed_hash(world):
    comment = comment_on(published_notice(world), ip="203.0.113.7")
    assert comment.ip_hash == services.ip_hash("203.0.113.7") != services.ip_hash("203.0.113.8")
    assert len(comment.ip_hash) == 64 and "203.0.113" not in str(PublicComment.objects.values().get())


@pytest.mark.parametrize(("published_days_ago", "state", "message"), [
    (30, NoticeState.PUBLISHED, "Đã hết thời gian góp ý."),  # period over, not yet closed by the command
    (30, NoticeState.CLOSED, "Đã hết thời gian góp ý."),
    (0, NoticeState.DRAFT, "Thông báo này chưa được công khai."),
])
def test_comments_are_refused_outside_the_period(world, published_days_ago, state, message):
    notice = published_notice(world, published_on=datetime.date.today() - datetime.timedelta(days=published_days_ago))
    PublicNotice.objects.filter(pk=notice.pk).update(state=state)
    notice.refresh_from_db()
    with pytest.raises(services.CommentRefused, match=r"^(?:\['Thông báo này chưa được công khai\.'\]|\['Đã hết thời gian góp ý\.'\])$") as refused:
        comment_on(notice)
    assert refused.value.messages == [message]


def test_a_flood_from_one_address_is_refused(world):
    notice = published_notice(world)
    for number in range(5):
        comment_on(notice, text=f"Góp ý {number}", ip="198.51.100.1")
    with pytest.raises(services.CommentFlood, match=r"^\['Bạn đã gửi quá nhiều góp ý trong một giờ\. Vui lòng thử lại sau\.'\]$") as refused:
        comment_on(notice, ip="198.51.100.1")
    assert refused.value.messages == ["Bạn đã gửi quá nhiều góp ý trong một giờ. Vui lòng thử lại sau."]
    assert comment_on(notice, ip="198.51.100.2").pk  # another address still may
    assert PublicComment.objects.count() == 6


def test_a_flood_on_one_notice_is_refused(world):
    PostingPolicy.objects.filter(pk=1).update(comments_per_hour_per_notice=3)
    PostingPolicy.objects.get_or_create(pk=1, defaults={"comments_per_hour_per_notice": 3})
    notice = published_notice(world)
    for number in range(3):
        comment_on(notice, ip=f"198.51.100.{number}")
    with pytest.raises(services.CommentFlood, match=r"^\['Thông báo này đang nhận quá nhiều góp ý\. Vui lòng thử lại sau một giờ\.'\]$") as refused:
        comment_on(notice, ip="198.51.100.99")
    assert refused.value.messages == ["Thông báo này đang nhận quá nhiều góp ý. Vui lòng thử lại sau một giờ."]


def test_dismissing_needs_a_reason_and_leaves_the_line(world):
    comment = comment_on(published_notice(world))
    with pytest.raises(ValidationError, match=r"^\{'reason': \['Hãy ghi lý do; Hội đồng sẽ xem nội dung này\.'\]\}$") as refused:
        services.handle_comment(comment, by=world.users["specialist"], outcome=CommentState.DISMISSED, reason="")
    assert refused.value.message_dict == {"reason": ["Hãy ghi lý do; Hội đồng sẽ xem nội dung này."]}
    services.handle_comment(comment, by=world.users["specialist"], outcome=CommentState.DISMISSED,
                            reason="Nội dung không có căn cứ, đã xác minh.")
    comment.refresh_from_db()
    assert (comment.state, comment.handled_by, comment.nomination.state) == (
        CommentState.DISMISSED, world.users["specialist"], NominationState.ACCEPTED)
    with pytest.raises(ValidationError, match=r"^\['Góp ý này đã được xử lý\.'\]$") as again:
        services.handle_comment(comment, by=world.users["specialist"], outcome=CommentState.DISMISSED, reason="x")
    assert again.value.messages == ["Góp ý này đã được xử lý."]


def test_a_comment_leading_to_hold_puts_the_line_on_hold(world):
    comment = comment_on(published_notice(world))
    services.handle_comment(comment, by=world.users["specialist"], outcome=CommentState.LED_TO_HOLD,
                            reason="Có đơn tố cáo đang được xác minh.")
    line = comment.nomination
    line.refresh_from_db()
    assert (line.state, line.decision_reason) == (NominationState.ON_HOLD,
                                                  "Góp ý của nhân dân: Có đơn tố cáo đang được xác minh.")


def test_a_comment_on_the_whole_list_names_the_line_to_hold(world):
    notice = published_notice(world)
    comment = services.submit_comment(notice, name="Lò Văn Hải", contact="Bản Hẻo", text="Danh sách chưa đúng.",
                                      ip="192.0.2.1")
    with pytest.raises(ValidationError, match=r"^\{'nomination': \['Hãy chọn trường hợp tạm dừng xét\.'\]\}$") as refused:
        services.handle_comment(comment, by=world.users["specialist"], outcome=CommentState.LED_TO_HOLD, reason="x")
    assert refused.value.message_dict == {"nomination": ["Hãy chọn trường hợp tạm dừng xét."]}
    line = notice.nominations.get()
    services.handle_comment(comment, by=world.users["specialist"], outcome=CommentState.LED_TO_HOLD,
                            reason="Cần xác minh thêm.", nomination=line)
    comment.refresh_from_db()
    line.refresh_from_db()
    assert (comment.nomination, line.state) == (line, NominationState.ON_HOLD)


def test_closing_waits_for_the_period_and_is_idempotent(world, capsys):
    notice = published_notice(world, published_on=D(2026, 3, 2))  # comments until 16/03/2026
    with pytest.raises(ValidationError, match=r"^\['Thời gian nhận góp ý đến hết ngày 16/03/2026; chỉ kết thúc được thông báo sau ngày đó\.'\]$") as refused:
        services.close_notice(notice, by=world.users["specialist"], today=D(2026, 3, 16))
    assert refused.value.messages == [
        "Thời gian nhận góp ý đến hết ngày 16/03/2026; chỉ kết thúc được thông báo sau ngày đó."]
    assert services.close_ended_notices(D(2026, 3, 16)) == 0
    call_command("close_public_notices", "--date", "17/03/2026")
    call_command("close_public_notices", "--date", "18/03/2026")
    assert capsys.readouterr().out.splitlines() == [
        "Đã kết thúc 1 thông báo công khai hết thời gian góp ý.", "Đã kết thúc 0 thông báo công khai hết thời gian góp ý."]
    notice.refresh_from_db()
    assert (notice.state, notice.closed_on) == (NoticeState.CLOSED, D(2026, 3, 17))
    assert services.close_notice(notice, by=world.users["specialist"], today=D(2026, 4, 1)).closed_on == D(2026, 3, 17)


def test_blockers_until_posted_closed_and_handled(world):
    dossier, first, second = dossier_with_two_lines(world)
    assert queries.open_blockers(dossier, D(2026, 3, 2)) == [
        "1 trường hợp phải được công khai trước khi trình Hội đồng (Điều 44 khoản 2 Nghị định 152/2025/NĐ-CP): "
        "Nguyễn Văn An."]
    notice = services.publish_notice(dossier, by=world.users["specialist"], published_on=D(2026, 3, 2))
    PublicComment.objects.create(notice=notice, nomination=first, name="A", contact="B", text="C", ip_hash="x")
    PublicComment.objects.create(notice=notice, name="D", contact="E", text="F", ip_hash="y")
    assert queries.open_blockers(dossier, D(2026, 3, 16)) == [
        "Thông báo công khai “Công khai danh sách đề nghị khen thưởng: Hồ sơ đề nghị khen thưởng năm 2025” đang nhận "
        "góp ý đến hết ngày 16/03/2026.",
        "Còn 2 góp ý của nhân dân chưa được xử lý."]
    for comment in PublicComment.objects.all():
        services.handle_comment(comment, by=world.users["specialist"], outcome=CommentState.DISMISSED, reason="Không có căn cứ.")
    assert queries.open_blockers(dossier, D(2026, 3, 17)) == []


def test_comment_summary_for_the_council_papers(world, django_assert_num_queries):
    dossier, first, second = dossier_with_two_lines(world)
    notice = services.publish_notice(dossier, by=world.users["specialist"], published_on=D(2026, 3, 2))
    held = PublicComment.objects.create(notice=notice, nomination=first, name="A", contact="B", text="Chưa gương mẫu.",
                                        ip_hash="x")
    services.handle_comment(held, by=world.users["specialist"], outcome=CommentState.LED_TO_HOLD, reason="Xác minh.")
    PublicComment.objects.create(notice=notice, nomination=first, name="A", contact="B", text="Sai tên.", ip_hash="x")
    PublicComment.objects.create(notice=notice, name="D", contact="E", text="Chung.", ip_hash="y")
    with django_assert_num_queries(3):
        summary = queries.comment_summary([first, second])
    mine, other = summary[first.pk], summary[second.pk]
    assert (mine.total, mine.new, mine.dismissed, mine.led_to_hold, mine.general, mine.posted) == (2, 1, 0, 1, 1, True)
    assert [(c.text, c.state, c.reason) for c in mine.comments] == [
        ("Chưa gương mẫu.", "led_to_hold", "Xác minh."), ("Sai tên.", "new", "")]
    assert [(c.text, c.state_label) for c in mine.general_comments] == [("Chung.", "Chưa xử lý")]
    assert [(c.author, c.notice_id, c.notice_title) for c in mine.general_comments] == [("D", notice.pk, notice.title)]
    assert [c.author for c in mine.comments] == ["A", "A"]
    assert mine.notices == [(notice.title, D(2026, 3, 2), D(2026, 3, 16), "published")]
    assert (other.total, other.posted, other.notices) == (0, False, [])
    with django_assert_num_queries(0):
        assert queries.comment_summary([]) == {}
