"""Units' own plans: required of group members or chosen units, by a date or N working days after issue;
who sent (upload), who is late."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdkt.plans import unitplans
from tdkt.plans.enums import DeadlineKind, SubmissionState
from tdkt.plans.models import UnitPlanSubmission
from tests.plans.support import PDF_BYTES, make_plan, upload

D = datetime.date


@pytest.fixture
def plan(world):
    return make_plan(issued_on=D(2026, 2, 14))  # a Saturday, two days before Tết


def test_group_members_within_ten_working_days(world, plan):
    requirement = unitplans.require_unit_plans(plan, by=world.users["specialist"], deadline_kind=DeadlineKind.WORKING_DAYS,
                                               working_days=10, groups=[world.group_year.group])
    assert requirement.deadline == D(2026, 3, 6)  # Tết 16–20/02 and weekends skipped
    assert set(requirement.submissions.values_list("unit_id", flat=True)) == {world.unit_a.pk, world.unit_b.pk}


def test_fixed_date_and_chosen_units(world, plan):
    requirement = unitplans.require_unit_plans(plan, by=world.users["specialist"], deadline_kind=DeadlineKind.FIXED_DATE,
                                               due_on=D(2026, 1, 30), units=[world.home_affairs], note="Trước 30/01")
    assert (requirement.deadline, list(requirement.submissions.values_list("unit", flat=True))) == (
        D(2026, 1, 30), [world.home_affairs.pk])


def test_working_days_without_an_issue_date_count_from_the_date_given(world):
    """Issue 20 item 8: a plan without an issue date still gives its unit plans a deadline (and a warning)."""
    draft_plan = make_plan(issued_on=None)
    requirement = unitplans.require_unit_plans(draft_plan, by=world.users["specialist"],
                                               deadline_kind=DeadlineKind.WORKING_DAYS, working_days=10,
                                               units=[world.unit_a], counted_from=D(2026, 2, 14))
    assert (requirement.deadline, requirement.counted_from, requirement.counted_without_issue_date) == (
        D(2026, 3, 6), D(2026, 2, 14), True)
    assert requirement.submissions.get().state(D(2026, 3, 9)) == SubmissionState.LATE


def test_requirement_errors_name_their_fields(world, plan):
    with pytest.raises(ValidationError, match=r"^\{'working_days': \['Hãy nhập số ngày làm việc từ 1 đến 250\.'\], 'units': \['Hãy chọn các đơn vị phải gửi kế hoạch: cụm, khối thi đua \(thành viên năm 2026\) hoặc từng đơn vị\.'\]\}$") as refused:
        unitplans.require_unit_plans(plan, by=world.users["specialist"], deadline_kind=DeadlineKind.WORKING_DAYS,
                                     working_days=0)
    assert refused.value.message_dict == {
        "working_days": ["Hãy nhập số ngày làm việc từ 1 đến 250."],
        "units": ["Hãy chọn các đơn vị phải gửi kế hoạch: cụm, khối thi đua (thành viên năm 2026) hoặc từng đơn vị."],
    }


def test_states_sent_late_pending(world, plan):
    requirement = unitplans.require_unit_plans(plan, by=world.users["specialist"], deadline_kind=DeadlineKind.FIXED_DATE,
                                               due_on=D(2026, 3, 6), units=[world.unit_a, world.unit_b])
    sub_a = requirement.submissions.get(unit=world.unit_a)
    sub_b = requirement.submissions.get(unit=world.unit_b)
    assert (sub_a.state(D(2026, 3, 6)), sub_a.state(D(2026, 3, 7))) == (SubmissionState.PENDING, SubmissionState.LATE)
    sent = unitplans.submit_unit_plan(sub_a, by=world.users["clerk_a"], uploaded=upload("kh.pdf", PDF_BYTES))
    assert (sent.file_name, sent.submitted_by, sent.file.read()) == ("kh.pdf", world.users["clerk_a"], PDF_BYTES)
    assert sent.state() in (SubmissionState.SENT, SubmissionState.SENT_LATE)
    UnitPlanSubmission.objects.filter(pk=sub_b.pk).update(
        submitted_at=datetime.datetime(2026, 3, 9, 3, tzinfo=datetime.UTC))
    sub_b.refresh_from_db()
    assert sub_b.state() == SubmissionState.SENT_LATE


def test_another_units_clerk_cannot_send(world, plan):
    requirement = unitplans.require_unit_plans(plan, by=world.users["specialist"], deadline_kind=DeadlineKind.FIXED_DATE,
                                               due_on=D(2026, 3, 6), units=[world.unit_a])
    with pytest.raises(ValidationError, match=r"^\['Bạn không được gửi kế hoạch của «Sở Y tế»\.'\]$") as refused:
        unitplans.submit_unit_plan(requirement.submissions.get(), by=world.users["clerk_b"],
                                   uploaded=upload("kh.pdf", PDF_BYTES))
    assert refused.value.messages == ["Bạn không được gửi kế hoạch của «Sở Y tế»."]


def test_pages_upload_and_scope(world, plan, as_persona):
    specialist = as_persona("specialist")
    response = specialist.post(reverse("plans:unit_plan_require", kwargs={"pk": plan.pk}), {
        "deadline_kind": "working_days", "working_days": "10", "groups": [world.group_year.group.pk], "note": ""})
    assert response.status_code == 302
    sub_a = UnitPlanSubmission.objects.get(unit=world.unit_a)
    clerk_a = as_persona("clerk_a")
    bad = clerk_a.post(reverse("plans:unit_plan_submit", kwargs={"pk": sub_a.pk}),
                       {"file": upload("kh.txt", "Kế hoạch".encode())})
    assert bad.context["form"].errors == {
        "file": ["Kế hoạch của đơn vị: không chấp nhận loại tệp này. Chỉ chấp nhận: tệp Word (DOCX), tệp PDF."]}
    good = clerk_a.post(reverse("plans:unit_plan_submit", kwargs={"pk": sub_a.pk}), {"file": upload("kh.pdf", PDF_BYTES)})
    assert good.status_code == 302
    page = specialist.get(reverse("plans:unit_plans", kwargs={"pk": plan.pk})).content.decode()
    assert "<h2>Hạn gửi: 06/03/2026" in page
    assert page.count("<tr class=") == 2
    mine = as_persona("clerk_b").get(reverse("plans:unit_plans", kwargs={"pk": plan.pk}))
    assert [s.unit for requirement, items in mine.context["rows"] for s, _ in items] == [world.unit_b]
    assert as_persona("clerk_b").get(reverse("plans:unit_plan_file", kwargs={"pk": sub_a.pk})).status_code == 404
    download = specialist.get(reverse("plans:unit_plan_file", kwargs={"pk": sub_a.pk}))
    assert b"".join(download.streaming_content) == PDF_BYTES
