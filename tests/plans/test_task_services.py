"""set_task_state owns every state change: source state checked, conditional update, history + audit;
the overdue sweep; progress reports with evidence; resolving a unit name; kind data."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.plans import services
from tdkt.plans.enums import Resolution, TaskKind, TaskState
from tdkt.plans.models import PlanTask, PlanTaskUnit, TaskStateChange, TaskUpdate
from tests.plans.support import make_plan, make_task, png_bytes, upload

TODAY = datetime.date(2026, 5, 10)


@pytest.fixture
def task(world):
    return make_task(make_plan(), "Họp Hội đồng TĐKT tỉnh lần thứ nhất", lead=[world.unit_a],
                     coordinating=[world.home_affairs])


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_done_writes_history_and_audit(world, task):
    specialist = world.users["specialist"]
    services.set_task_state(task, TaskState.DONE, by=specialist, reason="Đã họp.",
                             completed_on=datetime.date(2026, 3, 20), today=TODAY)
    task.refresh_from_db()
    assert (task.state, task.completed_on, task.progress) == (TaskState.DONE, datetime.date(2026, 3, 20), 100)
    change = TaskStateChange.objects.get(task=task)
    assert (change.from_state, change.to_state, change.by, change.by_name, change.reason) == (
        "not_started", "done", specialist, "chuyenvien", "Đã họp.")
    event = AuditEvent.objects.get(object_type="plans.plantask", object_id=str(task.pk))
    assert (event.action, event.actor) == (AuditAction.UPDATE, specialist)
    assert event.changes == {"state": ["not_started", "done"], "completed_on": "2026-03-20",
                             "reason": "Đã họp."}


def test_transition_not_allowed_is_refused(world, task):
    task.state = TaskState.CANCELLED
    PlanTask.objects.filter(pk=task.pk).update(state=TaskState.CANCELLED)
    with pytest.raises(ValidationError, match=r"^\{'state': \['A task that is “Cancelled” cannot become “Done”\.'\]\}$") as refused:
        services.set_task_state(task, TaskState.DONE, by=world.users["specialist"], today=TODAY)
    assert refused.value.message_dict == {"state": ["A task that is “Cancelled” cannot become “Done”."]}
    assert not TaskStateChange.objects.exists()


@pytest.mark.parametrize(("new", "extra", "errors"), [
    (TaskState.NOT_STARTED, {}, {"state": ["The task is already “Not started”."]}),
    (TaskState.CANCELLED, {"reason": "  "}, {"reason": ["Say why the task is cancelled."]}),
    (TaskState.OVERDUE, {}, {"state": ["The task is not past its last due date."]}),
    (TaskState.DONE, {"completed_on": datetime.date(2026, 5, 11)},
     {"completed_on": ["The completion date cannot be in the future."]}),
    ("finished", {}, {"state": ["Unknown status “finished”."]}),
])
def test_bad_changes_say_why(world, new, extra, errors):
    task = make_task(make_plan(), lead=[world.unit_a], due=datetime.date(2026, 6, 30))
    with pytest.raises(ValidationError, match=f"^{re.escape(str(errors))}$") as refused:
        services.set_task_state(task, new, by=world.users["specialist"], today=TODAY, **extra)
    assert refused.value.message_dict == errors


def test_a_stale_copy_loses_the_race(world, task):
    """Two people open the task; the first marks it done, the second (still seeing "not started") cannot."""
    first, second = PlanTask.objects.get(pk=task.pk), PlanTask.objects.get(pk=task.pk)
    services.set_task_state(first, TaskState.DONE, by=world.users["specialist"], today=TODAY)
    with pytest.raises(ValidationError, match=r"^\['Someone else changed the status of this task first: it is now “Done”\. Reload the page and try again\.'\]$") as refused:
        services.set_task_state(second, TaskState.CANCELLED, by=world.users["clerk_a"], reason="Không làm", today=TODAY)
    assert refused.value.messages == ["Someone else changed the status of this task first: it is now “Done”. "
                                      "Reload the page and try again."]
    assert list(TaskStateChange.objects.values_list("to_state", flat=True)) == ["done"]


def test_database_refuses_done_without_completion_date(task):
    with pytest.raises(IntegrityError, match=r"(?s)^(CHECK constraint failed: |new row for relation .* violates check constraint \")plan_task_completed_on_iff_done"), transaction.atomic():
        PlanTask.objects.filter(pk=task.pk).update(state=TaskState.DONE)


def test_sweep_marks_overdue_once(world):
    plan = make_plan()
    late = make_task(plan, "Quá hạn", lead=[world.unit_a], due=datetime.date(2026, 3, 31))
    started_late = make_task(plan, "Đang làm", lead=[world.unit_a], due=datetime.date(2026, 5, 9),
                             state=TaskState.IN_PROGRESS)
    make_task(plan, "Còn hạn", lead=[world.unit_a], due=datetime.date(2026, 5, 10))
    make_task(plan, "Xong", lead=[world.unit_a], due=datetime.date(2026, 3, 31), state=TaskState.DONE)
    make_task(plan, "Hàng tháng", period="MONTHLY", lead=[world.unit_a], recurrence="monthly")
    marked = services.sweep_overdue(TODAY)
    assert [task.content for task in marked] == ["Quá hạn", "Đang làm"]
    assert set(PlanTask.objects.filter(state=TaskState.OVERDUE).values_list("pk", flat=True)) == {
        late.pk, started_late.pk}
    change = TaskStateChange.objects.get(task=late)
    assert (change.by, change.by_name, change.reason) == (None, "send_reminders", "Past its last due date (31/03/2026).")
    assert services.sweep_overdue(TODAY) == []


def test_overdue_is_computed_before_the_sweep(world):
    task = make_task(make_plan(), lead=[world.unit_a], due=datetime.date(2026, 3, 31))
    assert task.is_overdue(TODAY) is True
    assert task.is_overdue(datetime.date(2026, 3, 31)) is False


def test_first_report_starts_the_task_and_keeps_evidence(world, task, settings):
    clerk = world.users["clerk_a"]
    update = services.post_task_update(task, by=clerk, unit=world.unit_a, note="Đã gửi giấy mời.", percent=40,
                                       evidence=upload("anh.png", png_bytes()), field_label="Minh chứng")
    task.refresh_from_db()
    assert (task.state, task.progress) == (TaskState.IN_PROGRESS, 40)
    assert (update.evidence_name, update.evidence.read()) == ("anh.png", png_bytes())
    assert update.evidence.name.startswith(f"plans/evidence/{task.pk}/")
    assert TaskStateChange.objects.get(task=task).reason == "First progress report."
    assert AuditEvent.objects.filter(object_type="plans.taskupdate", action=AuditAction.CREATE).count() == 1


@pytest.mark.parametrize(("kwargs", "errors"), [
    ({"note": " ", "percent": 10}, {"note": ["Write what has been done."]}),
    ({"note": "x", "percent": 101}, {"percent": ["The progress must be between 0 and 100 %."]}),
])
def test_bad_reports_are_refused(world, task, kwargs, errors):
    with pytest.raises(ValidationError, match=r"^(?:\{'note': \['Write what has been done\.'\]\}|\{'percent': \['The progress must be between 0 and 100 %\.'\]\})$") as refused:
        services.post_task_update(task, by=world.users["clerk_a"], unit=world.unit_a, **kwargs)
    assert refused.value.message_dict == errors


def test_evidence_of_a_refused_type_saves_nothing(world, task):
    with pytest.raises(ValidationError, match=r"^\{'evidence': \['Minh chứng: this type of file is not accepted\. Accepted: Word file \(DOCX\), image \(JPEG, PNG\), PDF file, Excel file \(XLSX\)\.'\]\}$") as refused:
        services.post_task_update(task, by=world.users["clerk_a"], unit=world.unit_a, note="x", percent=10,
                                  evidence=upload("virus.exe", b"MZ\x90\x00" + b"\x00" * 100), field_label="Minh chứng")
    assert refused.value.message_dict == {
        "evidence": ["Minh chứng: this type of file is not accepted. Accepted: Word file (DOCX), image (JPEG, PNG), PDF file, Excel file (XLSX)."]}
    assert not TaskUpdate.objects.exists()
    task.refresh_from_db()
    assert task.state == TaskState.NOT_STARTED


def test_report_for_another_unit_is_refused(world, task):
    with pytest.raises(ValidationError, match=r"^\{'unit': \['“Sở Giáo dục và Đào tạo” is not a unit of this task\.'\]\}$") as refused:
        services.post_task_update(task, by=world.users["specialist"], unit=world.unit_b, note="x", percent=10)
    assert refused.value.message_dict == {"unit": ["“Sở Giáo dục và Đào tạo” is not a unit of this task."]}


def test_resolving_a_flagged_name(world):
    task = make_task(make_plan(), lead=["Hội đồng TĐKT tỉnh"])
    link = PlanTaskUnit.objects.get(task=task)
    services.resolve_task_unit(link, world.home_affairs, by=world.users["specialist"])
    link.refresh_from_db()
    assert (link.unit, link.resolution, link.raw_text) == (world.home_affairs, Resolution.RESOLVED, "Hội đồng TĐKT tỉnh")
    event = AuditEvent.objects.get(object_type="plans.plantaskunit")
    assert event.changes == {"unit": [None, world.home_affairs.pk], "resolution": ["unresolved", "resolved"]}


def test_resolving_to_a_unit_already_in_that_role_is_refused(world):
    task = make_task(make_plan(), lead=[world.unit_a, "Sở Y tế tỉnh"])
    link = PlanTaskUnit.objects.get(task=task, unit__isnull=True)
    with pytest.raises(ValidationError, match=r"^\{'unit': \['“Sở Y tế” is already a unit of this task in that role\.'\]\}$") as refused:
        services.resolve_task_unit(link, world.unit_a, by=world.users["specialist"])
    assert refused.value.message_dict == {"unit": ["“Sở Y tế” is already a unit of this task in that role."]}


def test_kind_data_is_validated_per_kind(world, task):
    services.set_task_kind(task, TaskKind.INSPECTION, {"target_unit_ids": [world.unit_b.pk, world.unit_a.pk],
                                                       "date": datetime.date(2026, 6, 5), "findings": " Tốt. "},
                           by=world.users["specialist"])
    task.refresh_from_db()
    assert task.kind_data == {"target_unit_ids": sorted([world.unit_a.pk, world.unit_b.pk]), "date": "2026-06-05",
                              "findings": "Tốt."}
    with pytest.raises(ValidationError, match='^\\{\'kind_data\': \\[\'These details do not belong to the kind “Training class”: agenda\\.\'\\], \'participants\': \\["Participants: not a valid value \\(invalid literal for int\\(\\) with base 10: \'nhiều\'\\)\\."\\]\\}$') as refused:
        services.set_task_kind(task, TaskKind.TRAINING, {"participants": "nhiều", "agenda": "x"},
                               by=world.users["specialist"])
    assert refused.value.message_dict == {
        "kind_data": ["These details do not belong to the kind “Training class”: agenda."],
        "participants": ["Participants: not a valid value (invalid literal for int() with base 10: 'nhiều')."],
    }
