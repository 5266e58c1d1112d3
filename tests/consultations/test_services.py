"""Hiệp y services (NĐ152 Đ34): due dates in working days, sending, answers, objections → hold, overdue
flags, the province's "proceed without an answer" rule, and the answers for the council papers."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tdkt.audit.models import AuditEvent
from tdkt.dossiers.consultations import queries, services
from tdkt.dossiers.consultations.enums import Answer, RequestState
from tdkt.dossiers.consultations.models import ConsultationPolicy, ConsultationRequest, ConsultedAgency
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import DossierEvent
from tests.consultations.support import (
    add_line,
    dossier_with_two_lines,
    make_dossier,
    police,
    request_to_unit_b_agency,
    tax,
)

D = datetime.date


# NĐ152 Đ34.6 [V]: the consulted body answers within 10 working days of the request.
@pytest.mark.parametrize(("sent_on", "days", "due_on"), [
    (D(2026, 3, 2), 10, D(2026, 3, 16)),  # an ordinary fortnight
    (D(2026, 2, 12), 10, D(2026, 3, 5)),  # sent just before Tết (16–20/02/2026 off)
    (D(2026, 2, 14), 10, D(2026, 3, 6)),  # sent on the Saturday before Tết
    (D(2026, 4, 22), 10, D(2026, 5, 11)),  # Giỗ Tổ moved to Mon 27/04, then 30/04 and 01/05
    (D(2026, 8, 26), 10, D(2026, 9, 14)),  # 31/08 bridge day, 01–02/09 National Day
    (D(2025, 12, 31), 10, D(2026, 1, 15)),  # New Year's Day
    (D(2026, 8, 21), 1, D(2026, 8, 22)),  # Saturday 22/08/2026 is worked instead of 31/08
    (D(2026, 3, 2), 5, D(2026, 3, 9)),  # the province may set a shorter limit
])
def test_default_due_date_counts_working_days(db, sent_on, days, due_on):
    ConsultationPolicy.objects.filter(pk=1).update(answer_working_days=days)
    assert services.default_due_on(sent_on) == due_on


def test_a_province_day_off_moves_the_due_date(db):
    from tdkt.workcalendar.models import ProvinceDay

    ProvinceDay.objects.create(date=D(2026, 3, 10), kind="day_off", name="Nghỉ bù ngày hội tỉnh")
    assert services.default_due_on(D(2026, 3, 2)) == D(2026, 3, 17)


def test_default_agencies_are_seeded(db):
    assert list(ConsultedAgency.objects.values_list("short_name", "kind")) == [
        ("Công an tỉnh", "police"), ("Thuế tỉnh", "tax"), ("BHXH tỉnh", "social_insurance"),
        ("Thanh tra tỉnh", "inspectorate"), ("Sở NN&MT", "environment"), ("Ban Tổ chức Tỉnh ủy", "party_committee"),
        ("UBKT Tỉnh ủy", "party_committee")]
    policy = ConsultationPolicy.current()
    assert (policy.answer_working_days, policy.proceed_without_answer) == (10, True)


def test_first_request_moves_the_dossier_to_consultation(world):
    dossier, first, second = dossier_with_two_lines(world)
    sent = services.send_consultation(dossier, by=world.users["specialist"], agencies=[police(), tax()],
                                      nominations=[first], sent_on=D(2026, 2, 12))
    assert [(r.agency.short_name, r.sent_on, r.due_on, r.state) for r in sent] == [
        ("Công an tỉnh", D(2026, 2, 12), D(2026, 3, 5), RequestState.SENT),
        ("Thuế tỉnh", D(2026, 2, 12), D(2026, 3, 5), RequestState.SENT)]
    assert [list(r.nominations.all()) for r in sent] == [[first], [first]]
    dossier.refresh_from_db()
    assert (dossier.state, dossier.step_due_on) == (DossierState.CONSULTATION, D(2026, 3, 5))
    event = DossierEvent.objects.get(dossier=dossier)
    assert (event.from_state, event.to_state, event.by, event.reason) == (
        "in_appraisal", "consultation", world.users["specialist"],
        "Đã gửi đề nghị hiệp y tới Công an tỉnh, Thuế tỉnh về 1 người/tập thể; hạn trả lời 05/03/2026.")
    assert AuditEvent.objects.filter(object_type="consultations.consultationrequest").count() == 2


def test_a_later_request_keeps_the_dossier_in_consultation(world):
    dossier, first, second = dossier_with_two_lines(world)
    services.send_consultation(dossier, by=world.users["specialist"], agencies=[police()], nominations=[first])
    services.send_consultation(dossier, by=world.users["specialist"], agencies=[tax()], nominations=[second],
                               due_on=D(2030, 1, 4))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.CONSULTATION
    assert list(DossierEvent.objects.filter(dossier=dossier).values_list("kind", "to_state")) == [
        ("state", "consultation"), ("note", "")]


def test_sending_refuses_bad_input_with_field_messages(world):
    dossier, first, second = dossier_with_two_lines(world)
    other = add_line(make_dossier(world.unit_b), person=world.person_b, position=1)
    with pytest.raises(ValidationError, match=r"^\{'agencies': \['Hãy chọn ít nhất một cơ quan để lấy ý kiến hiệp y\.'\], 'nominations': \['Các dòng sau không thuộc hồ sơ này: 1\. Giàng A Páo\.'\], 'due_on': \['Hạn trả lời không thể trước ngày gửi 02/03/2026\.'\]\}$") as refused:
        services.send_consultation(dossier, by=world.users["specialist"], agencies=[], nominations=[other],
                                   sent_on=D(2026, 3, 2), due_on=D(2026, 3, 1))
    assert refused.value.message_dict == {
        "agencies": ["Hãy chọn ít nhất một cơ quan để lấy ý kiến hiệp y."],
        "nominations": ["Các dòng sau không thuộc hồ sơ này: 1. Giàng A Páo."],
        "due_on": ["Hạn trả lời không thể trước ngày gửi 02/03/2026."],
    }
    assert ConsultationRequest.objects.count() == 0


def test_a_second_open_request_to_the_same_agency_is_refused(world):
    dossier, first, second = dossier_with_two_lines(world)
    services.send_consultation(dossier, by=world.users["specialist"], agencies=[police()], nominations=[first])
    with pytest.raises(ValidationError, match=r"^\{'agencies': \['Đề nghị gửi Công an tỉnh vẫn đang chờ trả lời\.'\]\}$") as refused:
        services.send_consultation(dossier, by=world.users["specialist"], agencies=[police()], nominations=[second])
    assert refused.value.message_dict == {"agencies": ["Đề nghị gửi Công an tỉnh vẫn đang chờ trả lời."]}


def test_sending_refuses_a_dossier_still_with_the_unit(world):
    dossier = make_dossier(world.unit_a, state=DossierState.DRAFT)
    line = add_line(dossier, person=world.person_a)
    with pytest.raises(ValidationError, match=r"^\['Chỉ gửi hiệp y được với hồ sơ đang thẩm định, đang hiệp y hoặc đang công khai; hồ sơ này đang ở trạng thái “Dự thảo”\.'\]$") as refused:
        services.send_consultation(dossier, by=world.users["specialist"], agencies=[police()], nominations=[line])
    assert refused.value.messages == [
        "Chỉ gửi hiệp y được với hồ sơ đang thẩm định, đang hiệp y hoặc đang công khai; hồ sơ này đang ở trạng thái "
        "“Dự thảo”."]


def test_lines_out_of_the_running_cannot_be_consulted_about(world):
    dossier, first, second = dossier_with_two_lines(world)
    second.state = NominationState.REJECTED
    second.save()
    with pytest.raises(ValidationError, match=r"^\{'nominations': \['Chỉ lấy ý kiến được về các dòng đề nghị hoặc đã chấp nhận; không được: 2\. Đặng Thị Đào\.'\]\}$") as refused:
        services.send_consultation(dossier, by=world.users["specialist"], agencies=[police()],
                                   nominations=[first, second])
    assert refused.value.message_dict == {"nominations": [
        "Chỉ lấy ý kiến được về các dòng đề nghị hoặc đã chấp nhận; không được: 2. Đặng Thị Đào."]}


def test_no_objection_leaves_the_lines_as_they_are(world):
    request = request_to_unit_b_agency(world)
    services.answer_consultation(request, by=world.users["clerk_b"], objection=False, text="Không có vi phạm.")
    request.refresh_from_db()
    assert (request.state, request.answer, request.answer_text, request.answered_by, request.recorded_on_paper) == (
        RequestState.ANSWERED, Answer.NO_OBJECTION, "Không có vi phạm.", world.users["clerk_b"], False)
    assert set(request.nominations.values_list("state", flat=True)) == {NominationState.ACCEPTED}


def test_an_objection_to_one_nominee_puts_only_that_line_on_hold(world):
    request = request_to_unit_b_agency(world)
    first, second = request.nominations.order_by("position")
    services.answer_consultation(request, by=world.users["clerk_b"], objection=True,
                                 text="Đang bị điều tra về vi phạm giao thông.", objected_nominations=[second])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (NominationState.ACCEPTED, NominationState.ON_HOLD)
    assert second.decision_reason == "Hiệp y: Công an tỉnh không đồng ý: Đang bị điều tra về vi phạm giao thông."
    assert list(request.objections.values_list("nomination_id", "reason")) == [
        (second.pk, "Đang bị điều tra về vi phạm giao thông.")]
    hold = DossierEvent.objects.get(nomination=second, kind="line")
    assert (hold.from_state, hold.to_state, hold.by) == ("accepted", "on_hold", world.users["clerk_b"])


def test_an_objection_naming_nobody_holds_every_line_of_the_request(world):
    request = request_to_unit_b_agency(world)
    services.answer_consultation(request, by=world.users["clerk_b"], objection=True, text="Nợ thuế.")
    assert list(request.nominations.values_list("state", flat=True)) == [NominationState.ON_HOLD] * 2


def test_an_objection_needs_its_reasons_and_a_paper_answer_its_reference(world):
    request = request_to_unit_b_agency(world)
    with pytest.raises(ValidationError, match=r"^\{'text': \['Hãy ghi lý do cơ quan không đồng ý\.'\], 'reference': \['Hãy ghi số, ngày văn bản trả lời của cơ quan\.'\], 'answered_on': \['Ngày trả lời không thể trước ngày gửi đề nghị \(02/03/2026\)\.'\]\}$") as refused:
        services.answer_consultation(request, by=world.users["specialist"], objection=True, text=" ", on_paper=True,
                                     answered_on=D(2026, 3, 1))
    assert refused.value.message_dict == {
        "text": ["Hãy ghi lý do cơ quan không đồng ý."],
        "reference": ["Hãy ghi số, ngày văn bản trả lời của cơ quan."],
        "answered_on": ["Ngày trả lời không thể trước ngày gửi đề nghị (02/03/2026)."],
    }


def test_a_paper_answer_is_recorded_with_its_reference(world):
    request = request_to_unit_b_agency(world)
    services.answer_consultation(request, by=world.users["specialist"], objection=False, on_paper=True,
                                 reference="Công văn 123/CAT-PV01 ngày 10/03/2026", answered_on=D(2026, 3, 10))
    request.refresh_from_db()
    assert (request.recorded_on_paper, request.paper_reference, request.answered_on, request.answered_by) == (
        True, "Công văn 123/CAT-PV01 ngày 10/03/2026", D(2026, 3, 10), world.users["specialist"])


def test_answering_twice_is_refused(world):
    request = request_to_unit_b_agency(world)
    stale = ConsultationRequest.objects.get(pk=request.pk)
    services.answer_consultation(request, by=world.users["clerk_b"], objection=False)
    with pytest.raises(ValidationError, match=r"^\['Người khác vừa ghi nhận trả lời cho đề nghị này\. Hãy tải lại trang\.'\]$") as refused:
        services.answer_consultation(stale, by=world.users["specialist"], objection=True, text="Nợ thuế.")
    assert refused.value.messages == [
        "Người khác vừa ghi nhận trả lời cho đề nghị này. Hãy tải lại trang."]
    assert list(request.nominations.values_list("state", flat=True)) == [NominationState.ACCEPTED] * 2


def test_overdue_flag_is_idempotent(world):
    request = request_to_unit_b_agency(world, sent_on=D(2026, 3, 2))  # due 16/03/2026
    assert services.flag_overdue_consultations(D(2026, 3, 16)) == 0
    assert services.flag_overdue_consultations(D(2026, 3, 17)) == 1
    assert services.flag_overdue_consultations(D(2026, 3, 18)) == 0
    request.refresh_from_db()
    assert (request.state, request.overdue_flagged_on) == (RequestState.OVERDUE, D(2026, 3, 17))
    assert list(DossierEvent.objects.filter(dossier=request.dossier, by_name="flag_overdue_consultations")
                .values_list("reason", flat=True)) == ["Công an tỉnh chưa trả lời hiệp y, hạn 16/03/2026."]
    # A late answer is still taken.
    services.answer_consultation(request, by=world.users["clerk_b"], objection=False)
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED


def test_overdue_command(world, capsys):
    from django.core.management import call_command

    request_to_unit_b_agency(world, sent_on=D(2026, 3, 2))
    call_command("flag_overdue_consultations", "--date", "20/03/2026")
    call_command("flag_overdue_consultations", "--date", "20/03/2026")
    assert capsys.readouterr().out.splitlines() == [
        "Đã đánh dấu 1 yêu cầu hiệp y quá hạn chưa trả lời.", "Đã đánh dấu 0 yêu cầu hiệp y quá hạn chưa trả lời."]


@pytest.mark.parametrize(("proceed", "today", "flag", "expected"), [
    (True, D(2026, 3, 16), False, ["Công an tỉnh chưa có ý kiến hiệp y (hạn 16/03/2026)."]),
    (False, D(2026, 3, 16), False, ["Công an tỉnh chưa có ý kiến hiệp y (hạn 16/03/2026)."]),
    # NĐ152 Đ34.6 [V]: silence past the limit, the BNV proceeds; the province chooses (named parameter).
    (True, D(2026, 3, 17), False, []),
    (True, D(2026, 3, 17), True, []),
    (False, D(2026, 3, 17), False, [
        "Công an tỉnh chưa trả lời hiệp y hạn 16/03/2026, và quy định của tỉnh không cho phép xét tiếp khi chưa có "
        "ý kiến."]),
    (False, D(2026, 3, 17), True, [
        "Công an tỉnh chưa trả lời hiệp y hạn 16/03/2026, và quy định của tỉnh không cho phép xét tiếp khi chưa có "
        "ý kiến."]),
])
def test_proceed_without_answer_rule(world, proceed, today, flag, expected):
    ConsultationPolicy.objects.filter(pk=1).update(proceed_without_answer=proceed)
    request = request_to_unit_b_agency(world, sent_on=D(2026, 3, 2))
    if flag:
        services.flag_overdue_consultations(today)
    assert services.open_blockers(request.dossier, today) == expected


def test_answered_requests_block_nothing(world):
    request = request_to_unit_b_agency(world)
    services.answer_consultation(request, by=world.users["clerk_b"], objection=True, text="Nợ thuế.")
    assert services.open_blockers(request.dossier, D(2026, 3, 3)) == []


def test_answers_for_the_council_papers(world, django_assert_num_queries):
    request = request_to_unit_b_agency(world)
    first, second = request.nominations.order_by("position")
    [later] = services.send_consultation(request.dossier, by=world.users["specialist"], agencies=[tax()],
                                         nominations=[first], sent_on=D(2026, 3, 3))
    services.answer_consultation(request, by=world.users["clerk_b"], objection=True, text="Vi phạm giao thông.",
                                 objected_nominations=[second])
    with django_assert_num_queries(3):
        answers = queries.answers_for([first, second])
    assert [(a.agency, a.state, a.answer, a.text, a.objects_to_line) for a in answers[first.pk]] == [
        ("Công an tỉnh", "answered", "objection", "Vi phạm giao thông.", False),
        ("Thuế tỉnh", "sent", "", "", False)]
    assert [(a.agency, a.answer_label, a.text, a.objects_to_line) for a in answers[second.pk]] == [
        ("Công an tỉnh", "Không đồng ý", "Vi phạm giao thông.", True)]
    assert answers[first.pk][1].due_on == later.due_on


def test_answers_for_runs_a_fixed_number_of_queries(world, django_assert_num_queries):
    dossier = make_dossier(world.unit_a)
    lines = [add_line(dossier, person=person, position=index) for index, person in
             enumerate([world.person_a, world.person_a_child, world.person_b], start=1)]
    services.send_consultation(dossier, by=world.users["specialist"], agencies=[police(), tax()], nominations=lines)
    with django_assert_num_queries(3):
        answers = queries.answers_for(lines)
    assert [len(answers[line.pk]) for line in lines] == [2, 2, 2]
    with django_assert_num_queries(0):
        assert queries.answers_for([]) == {}


def test_two_specialists_handling_one_comment_give_one_change(world):
    from tdkt.dossiers.postings import services as postings
    from tdkt.dossiers.postings.models import PublicComment
    from tests.postings.support import comment_on, published_notice

    comment = comment_on(published_notice(world))
    stale = PublicComment.objects.get(pk=comment.pk)
    postings.handle_comment(comment, by=world.users["specialist"], outcome="dismissed", reason="Không có căn cứ.")
    with pytest.raises(ValidationError, match=r"^\['Người khác vừa xử lý góp ý này\. Hãy tải lại trang\.'\]$") as refused:
        postings.handle_comment(stale, by=world.users["admin"], outcome="led_to_hold", reason="Xác minh.")
    assert refused.value.messages == ["Người khác vừa xử lý góp ý này. Hãy tải lại trang."]
    line = comment.nomination
    line.refresh_from_db()
    assert line.state == NominationState.ACCEPTED


def test_a_draft_published_twice_is_published_once(world):
    from tdkt.dossiers.postings import services as postings

    dossier, first, second = dossier_with_two_lines(world)
    draft = postings.draft_notice(dossier, by=world.users["specialist"])
    postings.publish_notice(draft, by=world.users["specialist"], published_on=D(2026, 3, 2))
    with pytest.raises(ValidationError, match=r"^\['Thông báo này đã được công khai\.'\]$") as refused:
        postings.publish_notice(draft, by=world.users["admin"], published_on=D(2026, 3, 3))
    assert refused.value.messages == ["Thông báo này đã được công khai."]
    draft.refresh_from_db()
    assert (draft.published_on, draft.published_by) == (D(2026, 3, 2), world.users["specialist"])
    assert DossierEvent.objects.filter(dossier=dossier, kind="state").count() == 1


def test_agency_users_and_followers_are_notified_in_app(world):
    from tdkt.dossiers.postings import services as postings
    from tdkt.notifications.models import Notification
    from tests.postings.support import published_notice

    request = request_to_unit_b_agency(world)
    sent = Notification.objects.get(key=f"consultation-sent:{request.pk}")
    assert (sent.user, sent.url, sent.text) == (
        world.users["clerk_b"], f"/consultations/inbox/{request.pk}/",
        "Có đề nghị hiệp y mới về 2 người/tập thể do Sở Y tế đề nghị; hạn trả lời 16/03/2026.")
    services.answer_consultation(request, by=world.users["clerk_b"], objection=False)
    answered = Notification.objects.get(key=f"consultation-answered:{request.pk}")
    assert (answered.user, answered.text) == (world.users["specialist"], "Công an tỉnh đã trả lời hiệp y: Thống nhất.")
    notice = published_notice(world)
    comment = postings.submit_comment(notice, name="A", contact="B", text="C", ip="192.0.2.50")
    assert list(Notification.objects.filter(key=f"public-comment:{comment.pk}").values_list("user", "url")) == [
        (world.users["specialist"].pk, f"/notices/manage/comments/{comment.pk}/")]
