"""Công khai screens: the public portal pages (no sign-in; nothing personal shown; comment form with CSRF,
honeypot and flood refusal) and the specialist's (publish, list, handle, close)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.dossiers.enums import NominationState
from tdkt.dossiers.postings import services
from tdkt.dossiers.postings.enums import CommentState, NoticeState
from tdkt.dossiers.postings.models import PublicComment, PublicNotice
from tests.consultations.support import add_line, dossier_with_two_lines, make_dossier
from tests.factories import make_person
from tests.postings.support import comment_on, published_notice

FORM = {"name": "Trần Văn Bình", "contact": "Tổ 5, phường Cốc Lếu", "text": "Ông An xứng đáng.", "website": ""}


def test_public_pages_show_nominees_without_personal_data(world):
    world.person_a.position = "Bác sĩ"
    world.person_a.save()
    notice = published_notice(world)
    client = Client()
    listing = client.get(reverse("postings:public_list")).content.decode()
    assert f'data-notice="{notice.pk}"' in listing and "Đang nhận góp ý" in listing
    page = client.get(reverse("postings:public_detail", kwargs={"pk": notice.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Nguyễn Văn An" in html and "Bác sĩ, Sở Y tế" in html and "Chiến sĩ thi đua toàn quốc" in html
    assert "csrfmiddlewaretoken" in html and 'name="website"' in html
    for private in ("010090001234", "04/03/1985", "1985", "Đặng Thị Đào"):  # the Bằng khen line is not posted
        assert private not in html


def test_a_draft_notice_is_not_public(world):
    dossier, first, second = dossier_with_two_lines(world)
    draft = services.draft_notice(dossier, by=world.users["specialist"])
    assert Client().get(reverse("postings:public_detail", kwargs={"pk": draft.pk})).status_code == 404
    assert f'data-notice="{draft.pk}"' not in Client().get(reverse("postings:public_list")).content.decode()


def test_anyone_comments_without_signing_in(world):
    notice = published_notice(world)
    line = notice.nominations.get()
    client = Client(enforce_csrf_checks=True)
    url = reverse("postings:public_detail", kwargs={"pk": notice.pk})
    assert client.post(url, {**FORM, "nomination": line.pk}).status_code == 403  # no CSRF token
    client.get(url)
    response = client.post(url, {**FORM, "nomination": line.pk, "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
                           REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    comment = PublicComment.objects.get()
    assert (comment.name, comment.nomination, comment.ip_hash) == ("Trần Văn Bình", line,
                                                                   services.ip_hash("203.0.113.9"))
    assert "Cảm ơn bạn. Góp ý đã được tiếp nhận và sẽ được xem xét." in client.get(url).content.decode()


def test_missing_name_and_contact_are_named(world):
    notice = published_notice(world)
    response = Client().post(reverse("postings:public_detail", kwargs={"pk": notice.pk}),
                             {**FORM, "name": "", "contact": ""})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "name": ["Hãy nhập họ và tên."],
        "contact": ["Hãy nhập địa chỉ, số điện thoại hoặc thư điện tử để cơ quan có thể liên hệ trả lời."]}
    assert PublicComment.objects.count() == 0


def test_the_honeypot_refuses_robots(world):
    notice = published_notice(world)
    response = Client().post(reverse("postings:public_detail", kwargs={"pk": notice.pk}),
                             {**FORM, "website": "http://spam.example"})
    assert response.status_code == 400
    assert "Không thể tiếp nhận góp ý của bạn." in response.content.decode()
    assert PublicComment.objects.count() == 0


def test_a_comment_flood_gets_429(world):
    notice = published_notice(world)
    client = Client()
    url = reverse("postings:public_detail", kwargs={"pk": notice.pk})
    statuses = [client.post(url, {**FORM, "text": f"Góp ý số {n}"}, REMOTE_ADDR="198.51.100.4").status_code
                for n in range(6)]
    assert statuses == [302] * 5 + [429]
    flood = client.post(url, FORM, REMOTE_ADDR="198.51.100.4")
    assert flood.status_code == 429
    assert "Bạn đã gửi quá nhiều góp ý trong một giờ. Vui lòng thử lại sau." in flood.content.decode()
    assert PublicComment.objects.count() == 5


def test_a_closed_notice_says_the_time_is_over(world):
    notice = published_notice(world, published_on=datetime.date.today() - datetime.timedelta(days=40))
    services.close_ended_notices()
    notice.refresh_from_db()
    assert notice.state == NoticeState.CLOSED
    url = reverse("postings:public_detail", kwargs={"pk": notice.pk})
    page = Client().get(url).content.decode()
    assert "Đã hết thời gian góp ý." in page and 'id="comment-form"' not in page
    assert Client().post(url, FORM).status_code == 409
    assert PublicComment.objects.count() == 0


def test_specialist_publishes_from_the_dossier(world, as_persona):
    dossier, first, second = dossier_with_two_lines(world)
    client = as_persona("specialist")
    url = reverse("postings:dossier", kwargs={"pk": dossier.pk})
    page = client.get(url).content.decode()
    assert page.count('data-nomination="') == 1 and "Nguyễn Văn An" in page
    response = client.post(url, {"title": "Công khai danh sách đề nghị tặng danh hiệu CSTĐ toàn quốc",
                                 "introduction": ""})
    notice = PublicNotice.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("postings:manage", kwargs={"pk": notice.pk})
    assert (notice.title, notice.state, list(notice.nominations.all())) == (
        "Công khai danh sách đề nghị tặng danh hiệu CSTĐ toàn quốc", NoticeState.PUBLISHED, [first])


def test_specialist_handles_a_comment(world, as_persona):
    comment = comment_on(published_notice(world))
    client = as_persona("specialist")
    manage = client.get(reverse("postings:manage", kwargs={"pk": comment.notice_id})).content.decode()
    assert "Trần Văn Bình" in manage and "0912 345 678" in manage  # staff see who wrote
    url = reverse("postings:handle", kwargs={"pk": comment.pk})
    refused = client.post(url, {"outcome": "led_to_hold", "reason": ""})
    assert refused.context["form"].errors == {"reason": ["Trường này là bắt buộc."]}
    assert client.post(url, {"outcome": "led_to_hold", "reason": "Có đơn phản ánh."}).status_code == 302
    comment.refresh_from_db()
    comment.nomination.refresh_from_db()
    assert (comment.state, comment.nomination.state) == (CommentState.LED_TO_HOLD, NominationState.ON_HOLD)


def test_closing_from_the_screen(world, as_persona):
    notice = published_notice(world)
    client = as_persona("specialist")
    response = client.post(reverse("postings:close", kwargs={"pk": notice.pk}), follow=True)
    assert "chỉ kết thúc được thông báo sau ngày đó" in response.content.decode()
    notice.refresh_from_db()
    assert notice.state == NoticeState.PUBLISHED


def _notices(world, count):
    for index in range(count):
        dossier = make_dossier(world.unit_a, title=f"Hồ sơ {index}")
        for position in range(1, 4):
            add_line(dossier, person=make_person(f"Người {index}-{position}", unit=world.unit_a), code="CSTD_TQ",
                     position=position)
        notice = services.publish_notice(dossier, by=world.users["specialist"])
        comment_on(notice, ip=f"192.0.2.{index}")


@pytest.mark.parametrize("count", [1, 3])
def test_lists_run_a_fixed_number_of_queries(world, as_persona, django_assert_num_queries, count):
    _notices(world, count)
    anonymous, specialist = Client(), as_persona("specialist")
    specialist.get(reverse("postings:staff_list"))
    with django_assert_num_queries(1):
        listing = anonymous.get(reverse("postings:public_list")).content.decode()
    assert listing.count('data-notice="') == count
    notice = PublicNotice.objects.first()
    with django_assert_num_queries(2):
        detail = anonymous.get(reverse("postings:public_detail", kwargs={"pk": notice.pk})).content.decode()
    assert detail.count('data-nomination="') == 3
    with django_assert_num_queries(4):
        staff = specialist.get(reverse("postings:staff_list")).content.decode()
    assert staff.count('data-notice="') == count
    with django_assert_num_queries(6):
        manage = specialist.get(reverse("postings:manage", kwargs={"pk": notice.pk})).content.decode()
    assert manage.count('data-comment="') == 1


def test_collectives_and_households_are_listed_by_name_only(world):
    from tdkt.dossiers.consultations.queries import nominee_rows
    from tdkt.dossiers.models import Nomination
    from tdkt.people.models import Household

    dossier = make_dossier(world.unit_a)
    household = Household.objects.create(head_name="Hộ ông Sùng A Chứ", address="Số 12, đường Hoàng Liên",
                                         village="Thôn Sín Chải", unit=world.unit_a)
    add_line(dossier, unit=world.unit_a_child, code="BK_TINH", position=1)
    add_line(dossier, household=household, code="BK_TINH", position=2)
    assert nominee_rows(Nomination.objects.filter(dossier=dossier)) == [
        {"pk": dossier.nominations.get(position=1).pk, "position": 1, "name": "Bệnh viện Đa khoa tỉnh",
         "position_and_unit": "", "award": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"},
        {"pk": dossier.nominations.get(position=2).pk, "position": 2, "name": "Hộ ông Sùng A Chứ",
         "position_and_unit": "Thôn Sín Chải", "award": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"}]
