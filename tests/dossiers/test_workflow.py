"""Each dossier transition, allowed and refused, with the exact messages; the concurrency of two clicks and
two specialists; the timeline and audit rows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tdkt.audit.models import AuditEvent
from tdkt.dossiers import workflow
from tdkt.dossiers.deadlines import step_due_date
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Dossier, DossierCall, DossierEvent, Nomination
from tests.dossiers.support import (
    add_line,
    complete,
    draft_of_unit_a,
    in_appraisal,
    leader_a,
    ready_draft,
    store_verdict,
)
from tests.factories import make_award, make_person

pytestmark = pytest.mark.django_db


def test_create_dossier_writes_a_draft_with_timeline_and_audit(world):
    dossier = draft_of_unit_a(world)
    assert (dossier.state, dossier.unit, dossier.year, dossier.created_by) == (
        "draft", world.unit_a, 2025, world.users["clerk_a"])
    assert list(dossier.events.values_list("to_state", "reason")) == [("draft", "Tạo hồ sơ.")]
    assert AuditEvent.objects.filter(object_type="dossiers.dossier", object_id=str(dossier.pk), action="create").count() == 1


def test_create_dossier_refuses_missing_title_and_year(world):
    with pytest.raises(ValidationError, match=r"^\{'title': \['Hãy ghi tên hồ sơ\.'\]\}$") as refused:
        workflow.create_dossier(unit=world.unit_a, title="", kind="year_end", by=world.users["clerk_a"], year=2025)
    assert refused.value.message_dict == {"title": ["Hãy ghi tên hồ sơ."]}
    with pytest.raises(ValidationError, match=r"^\{'year': \['Hãy ghi năm thành tích hoặc giai đoạn thành tích\.'\]\}$") as refused:
        workflow.create_dossier(unit=world.unit_a, title="Hồ sơ", kind="year_end", by=world.users["clerk_a"])
    assert refused.value.message_dict == {"year": ["Hãy ghi năm thành tích hoặc giai đoạn thành tích."]}


def test_clerk_of_unit_b_cannot_create_for_unit_a(world):
    with pytest.raises(PermissionDenied, match=r"^Bạn không được thực hiện thao tác này trên hồ sơ này\.$"):
        workflow.create_dossier(unit=world.unit_a, title="Hồ sơ", kind="year_end", by=world.users["clerk_b"],
                                year=2025)


def test_update_dossier_only_while_editable(world):
    dossier, _lines = ready_draft(world)
    workflow.update_dossier(dossier, {"title": "Hồ sơ mới", "cover_letter_number": "12/TTr-SYT"},
                            by=world.users["clerk_a"])
    dossier.refresh_from_db()
    assert (dossier.title, dossier.cover_letter_number) == ("Hồ sơ mới", "12/TTr-SYT")
    workflow.submit_dossier(dossier, by=leader_a(world))
    with pytest.raises(ValidationError, match=r"^\['Chỉ sửa được hồ sơ khi đang soạn hoặc đã bị trả lại để bổ sung\.'\]$") as refused:
        workflow.update_dossier(dossier, {"title": "Khác"}, by=world.users["clerk_a"])
    assert refused.value.messages == ["Chỉ sửa được hồ sơ khi đang soạn hoặc đã bị trả lại để bổ sung."]


def test_submit_sets_dates_freezes_verdicts_and_logs(world):
    dossier, lines = ready_draft(world)
    workflow.submit_dossier(dossier, by=leader_a(world))
    dossier.refresh_from_db()
    today = timezone.localdate()
    assert dossier.state == "submitted"
    assert dossier.submitted_at is not None
    assert dossier.step_due_on == step_due_date(DossierState.SUBMITTED, today)
    line = Nomination.objects.get(pk=lines[0].pk)
    assert line.verdict_at_submission["evaluated_on"] == today.isoformat()
    assert list(dossier.events.filter(kind="state").values_list("from_state", "to_state")) == [
        ("", "draft"), ("draft", "submitted")]


def test_submit_twice_second_click_is_refused(world):
    dossier, _lines = ready_draft(world)
    first = Dossier.objects.get(pk=dossier.pk)
    second = Dossier.objects.get(pk=dossier.pk)
    workflow.submit_dossier(first, by=leader_a(world))
    with pytest.raises(ValidationError, match=r"^\['Người khác vừa thay đổi hồ sơ này: hiện ở trạng thái “Đã gửi”\. Hãy tải lại trang và thử lại\.'\]$") as refused:
        workflow.submit_dossier(second, by=leader_a(world))
    assert refused.value.messages == [
        "Người khác vừa thay đổi hồ sơ này: hiện ở trạng thái “Đã gửi”. Hãy tải lại trang và thử lại."]
    assert dossier.events.filter(to_state="submitted").count() == 1
    # The same object, clicked again after its state changed: the state check refuses it.
    with pytest.raises(ValidationError, match=r"^\['Hồ sơ đang ở trạng thái “Đã gửi” không thể chuyển sang “Đã gửi”\.'\]$") as refused:
        workflow.submit_dossier(first, by=leader_a(world))
    assert refused.value.messages == ["Hồ sơ đang ở trạng thái “Đã gửi” không thể chuyển sang “Đã gửi”."]


def test_submit_refuses_without_lines(world):
    dossier = draft_of_unit_a(world)
    complete(dossier, world.users["clerk_a"], [])
    with pytest.raises(ValidationError, match=r"^\['Hồ sơ chưa có người, tập thể nào được đề nghị: hãy thêm ít nhất một dòng trước khi gửi\.'\]$") as refused:
        workflow.submit_dossier(dossier, by=leader_a(world))
    assert refused.value.messages == [
        "Hồ sơ chưa có người, tập thể nào được đề nghị: hãy thêm ít nhất một dòng trước khi gửi."]


def test_submit_names_the_missing_documents_and_nominees(world):
    dossier = draft_of_unit_a(world)
    add_line(dossier, person=world.person_a, code="LDTT", position=1)
    add_line(dossier, person=world.person_a_child, code="CSTD_TINH", position=2)
    with pytest.raises(ValidationError, match=r"^\['Thiếu tài liệu bắt buộc “Tờ trình”\.', 'Thiếu tài liệu bắt buộc “Báo cáo thành tích” của: Nguyễn Văn An; Đặng Thị Đào\.', 'Thiếu tài liệu bắt buộc “Biên bản họp Hội đồng TĐKT của đơn vị \(có kết quả bỏ phiếu\)”\.', 'Thiếu tài liệu bắt buộc “Giấy chứng nhận sáng kiến, đề tài khoa học \(Chiến sĩ thi đua cấp tỉnh\)” của: Đặng Thị Đào\.'\]$") as refused:
        workflow.submit_dossier(dossier, by=leader_a(world))
    assert refused.value.messages == [
        "Thiếu tài liệu bắt buộc “Tờ trình”.",
        "Thiếu tài liệu bắt buộc “Báo cáo thành tích” của: Nguyễn Văn An; Đặng Thị Đào.",
        "Thiếu tài liệu bắt buộc “Biên bản họp Hội đồng TĐKT của đơn vị (có kết quả bỏ phiếu)”.",
        "Thiếu tài liệu bắt buộc “Giấy chứng nhận sáng kiến, đề tài khoa học (Chiến sĩ thi đua cấp tỉnh)” của: Đặng Thị Đào.",
    ]
    assert Dossier.objects.get(pk=dossier.pk).state == "draft"


def test_submit_after_the_cut_off_needs_a_justification(world):
    call = DossierCall.objects.create(name="Khen thưởng tổng kết năm 2025", year=2025, kind="year_end",
                                      cut_off=datetime.date(2025, 12, 10))
    dossier, _lines = ready_draft(world)
    dossier.call = call
    dossier.save(update_fields=["call"])
    with pytest.raises(ValidationError, match=r"^\['Đợt “Khen thưởng tổng kết năm 2025” đã hết hạn nhận hồ sơ ngày 10/12/2025: gửi muộn phải có văn bản giải trình\.'\]$") as refused:
        workflow.submit_dossier(dossier, by=leader_a(world))
    assert refused.value.messages == [
        "Đợt “Khen thưởng tổng kết năm 2025” đã hết hạn nhận hồ sơ ngày 10/12/2025: gửi muộn phải có văn bản "
        "giải trình."]
    workflow.submit_dossier(dossier, by=leader_a(world), late_justification="Chờ kết quả xếp loại.")
    dossier.refresh_from_db()
    assert (dossier.state, dossier.late_justification) == ("submitted", "Chờ kết quả xếp loại.")


def test_submit_refuses_a_nominee_already_proposed_elsewhere(world):
    first, _lines = ready_draft(world)
    workflow.submit_dossier(first, by=leader_a(world))
    second, _lines = ready_draft(world)
    with pytest.raises(ValidationError, match=r"^\['Nguyễn Văn An đã được đề nghị “Lao động tiên tiến” năm 2025 trong hồ sơ HS-2026-\d{6}\.'\]$") as refused:
        workflow.submit_dossier(second, by=leader_a(world))
    assert refused.value.messages == [
        f"Nguyễn Văn An đã được đề nghị “Lao động tiên tiến” năm 2025 trong hồ sơ {first.reference}."]


def test_submit_refuses_a_nominee_already_holding_the_award(world):
    make_award(person=world.person_a, code="LDTT", year=2025)
    dossier, _lines = ready_draft(world)
    with pytest.raises(ValidationError, match=r"^\['Nguyễn Văn An đã được tặng “Lao động tiên tiến” năm 2025: một thành tích không được khen thưởng hai lần\.'\]$") as refused:
        workflow.submit_dossier(dossier, by=leader_a(world))
    assert refused.value.messages == [
        "Nguyễn Văn An đã được tặng “Lao động tiên tiến” năm 2025: một thành tích không được khen thưởng hai lần."]


def test_clerk_b_cannot_submit_unit_a_dossier(world):
    dossier, _lines = ready_draft(world)
    with pytest.raises(PermissionDenied, match=r"^Bạn không được thực hiện thao tác này trên hồ sơ này\.$"):
        workflow.submit_dossier(dossier, by=world.users["clerk_b"])


def test_receive_and_start_appraisal_freeze_the_verdict(world):
    dossier, lines = in_appraisal(world)
    assert dossier.state == "in_appraisal"
    assert dossier.received_at is not None
    assert dossier.assignee == world.users["specialist"]
    assert dossier.step_due_on == step_due_date(DossierState.IN_APPRAISAL, timezone.localdate())
    assert lines[0].verdict_at_appraisal["evaluated_on"] == timezone.localdate().isoformat()


def test_clerk_cannot_receive(world):
    dossier, _lines = ready_draft(world)
    workflow.submit_dossier(dossier, by=leader_a(world))
    with pytest.raises(PermissionDenied, match=r"^Bạn không được thực hiện thao tác này trên hồ sơ này\.$"):
        workflow.receive_dossier(dossier, by=world.users["clerk_a"])


def test_two_specialists_receive_at_once_second_is_refused(world):
    dossier, _lines = ready_draft(world)
    workflow.submit_dossier(dossier, by=leader_a(world))
    other = make_user_specialist(world)
    seen_by_one = Dossier.objects.get(pk=dossier.pk)
    seen_by_two = Dossier.objects.get(pk=dossier.pk)
    workflow.receive_dossier(seen_by_one, by=world.users["specialist"])
    with pytest.raises(ValidationError, match=r"^\['Người khác vừa thay đổi hồ sơ này: hiện ở trạng thái “Đã tiếp nhận”\. Hãy tải lại trang và thử lại\.'\]$") as refused:
        workflow.receive_dossier(seen_by_two, by=other)
    assert refused.value.messages == [
        "Người khác vừa thay đổi hồ sơ này: hiện ở trạng thái “Đã tiếp nhận”. Hãy tải lại trang và thử lại."]


def make_user_specialist(world, username="chuyenvien2"):
    from tdkt.accounts.enums import Role
    from tests.factories import make_user

    return make_user(username, role=Role.PROVINCE_SPECIALIST, unit=world.home_affairs)


def test_return_incomplete_needs_a_reason(world):
    dossier, _lines = ready_draft(world)
    workflow.submit_dossier(dossier, by=leader_a(world))
    with pytest.raises(ValidationError, match=r"^\{'reason': \['Hãy ghi lý do: đơn vị sẽ nhận được và lịch sử hồ sơ lưu lại\.'\]\}$") as refused:
        workflow.return_incomplete(dossier, by=world.users["specialist"], reason="  ")
    assert refused.value.message_dict == {"reason": ["Hãy ghi lý do: đơn vị sẽ nhận được và lịch sử hồ sơ lưu lại."]}
    workflow.return_incomplete(dossier, by=world.users["specialist"], reason="Thiếu biên bản có chữ ký.")
    dossier.refresh_from_db()
    assert (dossier.state, dossier.step_due_on) == (
        "returned", step_due_date(DossierState.RETURNED, timezone.localdate()))
    assert dossier.events.last().reason == "Thiếu biên bản có chữ ký."


def test_assign_specialist_and_concurrent_assignment(world):
    dossier, _lines = ready_draft(world)
    workflow.submit_dossier(dossier, by=leader_a(world))
    other = make_user_specialist(world)
    one = Dossier.objects.get(pk=dossier.pk)
    two = Dossier.objects.get(pk=dossier.pk)
    workflow.assign_specialist(one, world.users["specialist"], by=world.users["specialist"])
    with pytest.raises(ValidationError, match=r"^\['Người khác đã thay đổi hồ sơ này trước\. Hãy tải lại trang và thử lại\.'\]$") as refused:
        workflow.assign_specialist(two, other, by=other)
    assert refused.value.messages == ["Người khác đã thay đổi hồ sơ này trước. Hãy tải lại trang và thử lại."]
    assert Dossier.objects.get(pk=dossier.pk).assignee == world.users["specialist"]


def test_assign_refuses_a_clerk_as_assignee(world):
    dossier, _lines = ready_draft(world)
    workflow.submit_dossier(dossier, by=leader_a(world))
    with pytest.raises(ValidationError, match=r"^\{'specialist': \['vanthu\.b không phải chuyên viên của cơ quan thường trực\.'\]\}$") as refused:
        workflow.assign_specialist(dossier, world.users["clerk_b"], by=world.users["specialist"])
    assert refused.value.message_dict == {"specialist": ["vanthu.b không phải chuyên viên của cơ quan thường trực."]}


def test_bulk_receive_reports_each_dossier(world):
    sent, _lines = ready_draft(world)
    workflow.submit_dossier(sent, by=leader_a(world))
    draft = draft_of_unit_a(world, title="Còn đang soạn")
    results = workflow.bulk_receive([sent, draft], by=world.users["specialist"])
    assert [(d.pk, error) for d, error in results] == [
        (sent.pk, None), (draft.pk, "Hồ sơ đang ở trạng thái “Dự thảo” không thể chuyển sang “Đã tiếp nhận”.")]
    assert Dossier.objects.get(pk=sent.pk).state == "received"


def test_bulk_assign(world):
    one, _lines = ready_draft(world)
    workflow.submit_dossier(one, by=leader_a(world))
    draft = draft_of_unit_a(world, title="Còn đang soạn")
    results = workflow.bulk_assign([one, draft], world.users["specialist"], by=world.users["specialist"])
    assert [error for _d, error in results] == [
        None, "Không phân công được hồ sơ đang ở trạng thái “Dự thảo”."]


def test_return_for_completion_and_resubmit_keep_history(world):
    person = make_person("Lò Văn Sáng", unit=world.unit_a)
    dossier, lines = in_appraisal(world, people=[world.person_a, person])
    workflow.return_for_completion(dossier, by=world.users["specialist"], reason="Bổ sung báo cáo.",
                                   line_fixes={lines[1].pk: "Báo cáo thành tích chưa có xác nhận.", lines[0].pk: ""})
    dossier.refresh_from_db()
    assert dossier.state == "returned"
    states = dict(Nomination.objects.filter(dossier=dossier).values_list("pk", "state"))
    assert states == {lines[0].pk: "proposed", lines[1].pk: "needs_fix"}
    assert Nomination.objects.get(pk=lines[1].pk).fix_request == "Báo cáo thành tích chưa có xác nhận."
    workflow.resubmit_dossier(dossier, by=leader_a(world))
    dossier.refresh_from_db()
    assert dossier.state == "submitted"
    assert Nomination.objects.get(pk=lines[1].pk).state == "proposed"
    assert list(dossier.events.filter(kind="state").values_list("to_state", flat=True)) == [
        "draft", "submitted", "received", "in_appraisal", "returned", "submitted"]


def test_return_for_completion_refuses_a_line_of_another_dossier(world):
    dossier, _lines = in_appraisal(world)
    other = draft_of_unit_a(world, title="Khác")
    foreign = add_line(other, person=world.person_a_child)
    with pytest.raises(ValidationError, match=r"^\['Yêu cầu bổ sung nêu một dòng không thuộc hồ sơ này\.'\]$") as refused:
        workflow.return_for_completion(dossier, by=world.users["specialist"], reason="Bổ sung",
                                       line_fixes={foreign.pk: "Sửa"})
    assert refused.value.messages == ["Yêu cầu bổ sung nêu một dòng không thuộc hồ sơ này."]


def test_withdraw_withdraws_the_lines(world):
    dossier, lines = ready_draft(world)
    workflow.submit_dossier(dossier, by=leader_a(world))
    workflow.withdraw_dossier(dossier, by=world.users["clerk_a"], reason="Nộp nhầm.")
    assert Dossier.objects.get(pk=dossier.pk).state == "withdrawn"
    assert Nomination.objects.get(pk=lines[0].pk).state == "withdrawn"
    with pytest.raises(ValidationError, match=r"^\['Hồ sơ đang ở trạng thái “Đã rút” không thể chuyển sang “Đã rút”\.'\]$"):
        workflow.withdraw_dossier(dossier, by=world.users["clerk_a"])


def test_line_decisions_move_lines_individually(world):
    people = [world.person_a, make_person("Lò Văn Sáng", unit=world.unit_a), make_person("Vàng Thị Mỷ", unit=world.unit_a)]
    dossier, lines = in_appraisal(world, people=people)
    store_verdict(lines)
    specialist = world.users["specialist"]
    workflow.accept_line(lines[0], by=specialist)
    workflow.reject_line(lines[1], by=specialist, reason="Chưa đủ thời gian công tác.")
    workflow.change_line_award(lines[2], _award("BK_TINH"), by=specialist, reason="Đủ tiêu chuẩn cao hơn.")
    rows = {n.pk: (n.state, n.proposed_award_type.code, n.award_type.code)
            for n in Nomination.objects.filter(dossier=dossier).select_related("award_type", "proposed_award_type")}
    assert rows == {lines[0].pk: ("accepted", "LDTT", "LDTT"), lines[1].pk: ("rejected", "LDTT", "LDTT"),
                    lines[2].pk: ("accepted", "LDTT", "BK_TINH")}
    event = DossierEvent.objects.filter(nomination=lines[2]).last()
    assert event.reason == ("Đổi hình thức từ “Lao động tiên tiến” sang “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh”: "
                            "Đủ tiêu chuẩn cao hơn.")


def _award(code):
    from tdkt.awards.models import AwardType

    return AwardType.objects.get(code=code)


def test_reject_line_needs_a_reason_and_clerk_cannot_decide(world):
    _dossier, lines = in_appraisal(world)
    with pytest.raises(ValidationError, match=r"^\{'reason': \['Hãy ghi lý do: đơn vị sẽ nhận được và lịch sử hồ sơ lưu lại\.'\]\}$") as refused:
        workflow.reject_line(lines[0], by=world.users["specialist"], reason="")
    assert refused.value.message_dict == {"reason": ["Hãy ghi lý do: đơn vị sẽ nhận được và lịch sử hồ sơ lưu lại."]}
    with pytest.raises(PermissionDenied, match=r"^Chỉ cán bộ của cơ quan tiếp nhận hồ sơ được cho ý kiến về từng dòng\.$"):
        workflow.accept_line(lines[0], by=world.users["clerk_a"])


def test_line_decision_refused_outside_appraisal(world):
    dossier, lines = ready_draft(world)
    with pytest.raises(ValidationError, match=r"^\['Chỉ cho ý kiến về từng dòng khi hồ sơ đang thẩm định; hồ sơ này đang “Dự thảo”\.'\]$") as refused:
        workflow.accept_line(lines[0], by=world.users["specialist"])
    assert refused.value.messages == [
        "Chỉ cho ý kiến về từng dòng khi hồ sơ đang thẩm định; hồ sơ này đang “Dự thảo”."]


def test_two_specialists_decide_one_line_second_is_refused(world):
    _dossier, lines = in_appraisal(world)
    store_verdict(lines)
    one = Nomination.objects.select_related("dossier").get(pk=lines[0].pk)
    two = Nomination.objects.select_related("dossier").get(pk=lines[0].pk)
    workflow.accept_line(one, by=world.users["specialist"])
    with pytest.raises(ValidationError, match=r"^\['Người khác vừa thay đổi dòng đề nghị này: hiện ở trạng thái “Đạt qua thẩm định”\. Hãy tải lại trang và thử lại\.'\]$") as refused:
        workflow.reject_line(two, by=make_user_specialist(world), reason="Không đạt.")
    assert refused.value.messages == [
        "Người khác vừa thay đổi dòng đề nghị này: hiện ở trạng thái “Đạt qua thẩm định”. Hãy tải lại "
        "trang và thử lại."]


def test_hold_and_release_line(world):
    _dossier, lines = in_appraisal(world)
    workflow.hold_line(lines[0], by=world.users["specialist"], reason="Có đơn khiếu nại đang giải quyết.")
    assert Nomination.objects.get(pk=lines[0].pk).state == "on_hold"
    workflow.release_line(lines[0], by=world.users["specialist"], reason="Đã giải quyết xong khiếu nại.")
    assert Nomination.objects.get(pk=lines[0].pk).state == "proposed"


def test_put_on_hold_and_release_return_to_the_previous_state(world):
    dossier, _lines = in_appraisal(world)
    workflow.put_on_hold(dossier, by=world.users["specialist"], reason="Thanh tra đang làm việc.")
    dossier.refresh_from_db()
    assert (dossier.state, dossier.held_from_state, dossier.step_due_on) == ("on_hold", "in_appraisal", None)
    workflow.release_hold(dossier, by=world.users["specialist"])
    dossier.refresh_from_db()
    assert (dossier.state, dossier.held_from_state) == ("in_appraisal", "")


def test_mark_ready_refused_while_a_line_is_undecided(world):
    people = [world.person_a, make_person("Lò Văn Sáng", unit=world.unit_a)]
    dossier, lines = in_appraisal(world, people=people)
    store_verdict(lines)
    workflow.accept_line(lines[0], by=world.users["specialist"])
    with pytest.raises(ValidationError, match=r"^\['Dòng 2 \(Lò Văn Sáng\) chưa có ý kiến thẩm định\.'\]$") as refused:
        workflow.mark_ready_for_council(dossier, by=world.users["specialist"])
    assert refused.value.messages[0] == "Dòng 2 (Lò Văn Sáng) chưa có ý kiến thẩm định."
    workflow.reject_line(lines[1], by=world.users["specialist"], reason="Không đạt tiêu chuẩn.")
    workflow.mark_ready_for_council(dossier, by=world.users["specialist"])
    assert Dossier.objects.get(pk=dossier.pk).state == "ready_for_council"


def test_mark_ready_refused_when_nothing_accepted(world):
    dossier, lines = in_appraisal(world)
    workflow.reject_line(lines[0], by=world.users["specialist"], reason="Không đạt tiêu chuẩn.")
    with pytest.raises(ValidationError, match=r"^\['Chưa có dòng nào được chấp nhận: không có gì để trình Hội đồng\.'\]$") as refused:
        workflow.mark_ready_for_council(dossier, by=world.users["specialist"])
    assert refused.value.messages[0] == "Chưa có dòng nào được chấp nhận: không có gì để trình Hội đồng."


def test_withdrawn_line_is_no_longer_live(world):
    dossier, lines = ready_draft(world)
    Nomination.objects.filter(pk=lines[0].pk).update(state=NominationState.WITHDRAWN)
    with pytest.raises(ValidationError, match=r"^\['Hồ sơ chưa có người, tập thể nào được đề nghị: hãy thêm ít nhất một dòng trước khi gửi\.'\]$") as refused:
        workflow.submit_dossier(dossier, by=leader_a(world))
    assert refused.value.messages[0].startswith("Hồ sơ chưa có người, tập thể nào được đề nghị")


def test_only_the_head_unit_sends_for_its_group(world):
    dossier = workflow.create_dossier(unit=world.unit_a, title="Đề nghị của Khối", kind="year_end",
                                      by=world.users["clerk_a"], year=2026, group_year=world.group_year)
    assert dossier.group_year == world.group_year
    with pytest.raises(ValidationError, match=r"^\{'group_year': \['Chỉ đơn vị trưởng “Khối Văn hóa - Xã hội \(2026\)” được gửi hồ sơ thay mặt cụm, khối\.'\]\}$") as refused:
        workflow.create_dossier(unit=world.unit_b, title="Đề nghị của Khối", kind="year_end",
                                by=world.users["clerk_b"], year=2026, group_year=world.group_year)
    assert refused.value.message_dict == {"group_year": [
        "Chỉ đơn vị trưởng “Khối Văn hóa - Xã hội (2026)” được gửi hồ sơ thay mặt cụm, khối."]}


def test_mark_ready_waits_for_an_open_consultation(world):
    from tdkt.dossiers.consultations.models import ConsultedAgency
    from tdkt.dossiers.consultations.services import send_consultation

    dossier, lines = in_appraisal(world)
    store_verdict(lines)
    workflow.accept_line(lines[0], by=world.users["specialist"])
    agency = ConsultedAgency.objects.filter(active=True).order_by("id").first()
    send_consultation(dossier, by=world.users["specialist"], agencies=[agency], nominations=lines)
    dossier.refresh_from_db()
    assert dossier.state == "consultation"
    due = dossier.consultation_requests.get().due_on.strftime("%d/%m/%Y")  # 10 working days from today's date
    with pytest.raises(ValidationError, match=rf"^\['Công an tỉnh chưa có ý kiến hiệp y \(hạn {due}\)\.'\]$") as refused:
        workflow.mark_ready_for_council(dossier, by=world.users["specialist"])
    assert len(refused.value.messages) == 1
    assert refused.value.messages[0].startswith(f"{agency}")
    assert Dossier.objects.get(pk=dossier.pk).state == "consultation"


def test_a_dossier_beyond_the_provinces_quota_cannot_be_submitted(world):
    """A configured quota (NominationQuota) is a cap: the unit must drop lines before sending."""
    from tdkt.dossiers.models import NominationQuota
    from tests.dossiers.support import award, ready_draft

    dossier, _lines = ready_draft(world, people=[world.person_a, world.person_a_child])
    NominationQuota.objects.create(year=2025, award_type=award("LDTT"), unit=world.unit_a, max_count=1,
                                   legal_basis="Quyết định 12/QĐ-UBND")
    with pytest.raises(ValidationError, match=r"^\['Vượt chỉ tiêu: “Lao động tiên tiến” của Sở Y tế năm 2025") as error:
        workflow.submit_dossier(dossier, by=leader_a(world))
    assert error.value.messages == [
        f"Vượt chỉ tiêu: “Lao động tiên tiến” của Sở Y tế năm 2025 tối đa 1 trường hợp (căn cứ: Quyết định "
        f"12/QĐ-UBND); đang đề nghị 2 trường hợp (trong hồ sơ {dossier.reference}): cần bớt 1 trường hợp."]
    dossier.refresh_from_db()
    assert dossier.state == "draft"


def test_the_group_head_sends_the_groups_dossier_through_the_head_unit(world):
    """A cụm/khối head (GROUP_HEAD of the head unit) proposes member units in the group's dossier; the same
    user cannot touch the head unit's own dossiers, nor a dossier of another unit."""
    from tdkt.accounts.enums import Role
    from tdkt.dossiers.nominees.services import add_nomination
    from tests.dossiers.support import award, complete
    from tests.factories import make_user

    head = make_user("truongkhoi", role=Role.GROUP_HEAD, unit=world.unit_a, emulation_group=world.group_year.group)
    dossier = workflow.create_dossier(unit=world.unit_a, title="Khối Văn hóa - Xã hội đề nghị Cờ thi đua",
                                      kind="year_end", by=head, group_year=world.group_year, year=2025)
    line = add_nomination(dossier, by=head, award_type=award("CO_TINH"), unit=world.unit_b)
    complete(dossier, head, [line])
    workflow.submit_dossier(dossier, by=head)
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SUBMITTED

    with pytest.raises(PermissionDenied, match=r"^Bạn không được thực hiện thao tác này trên hồ sơ này\.$"):
        workflow.create_dossier(unit=world.unit_a, title="Hồ sơ riêng của Sở Y tế", kind="year_end", by=head)
    own = draft_of_unit_a(world)
    with pytest.raises(ValidationError, match=r"^\['Bạn không có quyền sửa danh sách đề nghị của hồ sơ thuộc “Sở Y tế”\.'\]$"):
        add_nomination(own, by=head, award_type=award("LDTT"), person=world.person_a)
