"""Issue 20 item 8: a unit-plan requirement of a plan without an issue date still gets a deadline (counted from
a date the form asks for) and a visible warning; a progress report of 100 % closes the task, through the
declared transition `report_complete` of the plan task's machine."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tdkt.plans import services, unitplans
from tdkt.plans.enums import DeadlineKind, TaskState
from tdkt.plans.models import PlanTask, TaskStateChange, UnitPlanRequirement
from tdkt.plans.transitions import TASK_MACHINE
from tests.conftest import client_for
from tests.plans.support import make_plan, make_task

D = datetime.date
FILL = importlib.import_module("tdkt.plans.migrations.0004_requirement_counted_from").fill_missing_deadlines


@pytest.mark.parametrize(("issued_on", "kind", "due_on", "working_days", "counted_from", "expected"), [
    (D(2026, 2, 14), DeadlineKind.WORKING_DAYS, None, 10, None, D(2026, 3, 6)),  # Tết 16–20/02 skipped
    (D(2026, 2, 14), DeadlineKind.WORKING_DAYS, None, 10, D(2026, 1, 5), D(2026, 3, 6)),  # the issue date wins
    (None, DeadlineKind.WORKING_DAYS, None, 10, D(2026, 2, 14), D(2026, 3, 6)),
    (None, DeadlineKind.WORKING_DAYS, None, 1, D(2026, 5, 8), D(2026, 5, 11)),  # Friday + 1 = Monday
    (None, DeadlineKind.WORKING_DAYS, None, 10, None, None),
    (None, DeadlineKind.FIXED_DATE, D(2026, 1, 30), None, None, D(2026, 1, 30)),
    (D(2026, 1, 10), DeadlineKind.FIXED_DATE, D(2026, 1, 30), None, D(2026, 3, 1), D(2026, 1, 30)),
])
def test_deadline_of(db, issued_on, kind, due_on, working_days, counted_from, expected):
    plan = make_plan(issued_on=issued_on)
    assert unitplans.deadline_of(plan, kind, due_on, working_days, counted_from) == expected


def test_without_issue_date_nor_start_the_requirement_is_refused(world):
    plan = make_plan(issued_on=None)
    message = "Kế hoạch chưa có ngày ban hành: hãy nhập ngày bắt đầu tính ngày làm việc, hoặc chọn một ngày cố định."
    with pytest.raises(ValidationError, match=f"^{{'counted_from': \\['{message}'\\]}}$") as refused:
        unitplans.require_unit_plans(plan, by=world.users["specialist"], deadline_kind=DeadlineKind.WORKING_DAYS,
                                     working_days=10, units=[world.unit_a])
    assert refused.value.message_dict == {"counted_from": [message]}
    assert not UnitPlanRequirement.objects.exists()  # nothing half-saved


def test_an_issued_plan_ignores_the_start_given(world):
    plan = make_plan(issued_on=D(2026, 2, 14))
    requirement = unitplans.require_unit_plans(plan, by=world.users["specialist"], units=[world.unit_a],
                                               deadline_kind=DeadlineKind.WORKING_DAYS, working_days=10,
                                               counted_from=D(2026, 1, 5))
    assert (requirement.deadline, requirement.counted_from, requirement.counted_without_issue_date) == (
        D(2026, 3, 6), None, False)


def test_the_form_asks_for_the_start_and_the_page_warns(world):
    plan = make_plan(issued_on=None)
    client = client_for(world, "specialist")
    url = reverse("plans:unit_plan_require", kwargs={"pk": plan.pk})
    page = client.get(url)
    assert "counted_from" in page.context["form"].fields
    assert "Kế hoạch này chưa có ngày ban hành" in page.content.decode()
    refused = client.post(url, {"deadline_kind": "working_days", "working_days": "10", "units": [world.unit_a.pk]})
    assert refused.status_code == 200
    assert refused.context["form"].errors["counted_from"] == [
        "Kế hoạch chưa có ngày ban hành: hãy nhập ngày bắt đầu tính ngày làm việc, hoặc chọn một ngày cố định."]
    saved = client.post(url, {"deadline_kind": "working_days", "working_days": "10", "units": [world.unit_a.pk],
                              "counted_from": "14/02/2026"})
    assert saved.status_code == 302
    assert UnitPlanRequirement.objects.get().deadline == D(2026, 3, 6)
    listing = client_for(world, "clerk_a").get(reverse("plans:unit_plans", kwargs={"pk": plan.pk})).content.decode()
    assert "Kế hoạch chưa có ngày ban hành: thời hạn tính số ngày làm việc từ ngày 14/02/2026" in listing
    assert "06/03/2026" in listing


def test_an_issued_plan_does_not_ask(world):
    page = client_for(world, "specialist").get(reverse("plans:unit_plan_require",
                                                       kwargs={"pk": make_plan(issued_on=D(2026, 1, 10)).pk}))
    assert "counted_from" not in page.context["form"].fields
    assert "Kế hoạch này chưa có ngày ban hành" not in page.content.decode()


def test_the_migration_gives_old_requirements_a_deadline(world):
    draft, issued = make_plan(issued_on=None), make_plan(issued_on=D(2026, 2, 14))
    old = [UnitPlanRequirement.objects.create(plan=plan, deadline_kind=DeadlineKind.WORKING_DAYS, working_days=10,
                                              created_by=world.users["specialist"]) for plan in (draft, issued)]
    UnitPlanRequirement.objects.filter(pk=old[0].pk).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 2, 14, 9)))
    FILL(apps, None)
    rows = {row.pk: row for row in UnitPlanRequirement.objects.all()}
    assert (rows[old[0].pk].deadline, rows[old[0].pk].counted_from) == (D(2026, 3, 6), D(2026, 2, 14))
    assert (rows[old[1].pk].deadline, rows[old[1].pk].counted_from) == (D(2026, 3, 6), None)


# --- 100 % closes the task ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("state", "percent", "expected"), [
    (TaskState.NOT_STARTED, 100, "report_complete"),
    (TaskState.IN_PROGRESS, 100, "report_complete"),
    (TaskState.OVERDUE, 100, "report_complete"),
    (TaskState.NOT_STARTED, 40, "first_report"),
    (TaskState.IN_PROGRESS, 40, None),
    (TaskState.OVERDUE, 99, None),
    (TaskState.DONE, 100, None),
])
def test_report_transition(state, percent, expected):
    assert services.report_transition(state, percent) == expected


def test_report_complete_is_declared_for_the_reporters():
    item = TASK_MACHINE["report_complete"]
    assert (item.sources, item.target, item.actor) == (
        {TaskState.NOT_STARTED, TaskState.IN_PROGRESS, TaskState.OVERDUE}, TaskState.DONE, "reporter")


@pytest.mark.parametrize("state", [TaskState.OVERDUE, TaskState.IN_PROGRESS, TaskState.NOT_STARTED])
def test_a_report_of_100_closes_the_task(world, state):
    task = make_task(make_plan(), "Tổ chức Hội nghị tổng kết", lead=[world.unit_a], due=D(2026, 3, 31), state=state)
    services.post_task_update(task, by=world.users["clerk_a"], unit=world.unit_a, note="Đã tổ chức xong.",
                              percent=100)
    task.refresh_from_db()
    assert (task.state, task.progress, task.completed_on) == (TaskState.DONE, 100, timezone.localdate())
    change = TaskStateChange.objects.filter(task=task).latest("id")
    assert (change.from_state, change.to_state, change.by, change.reason) == (
        state, TaskState.DONE, world.users["clerk_a"], "Báo cáo tiến độ 100 %.")
    assert not task.is_overdue(D(2027, 1, 1))


def test_a_partial_report_leaves_an_overdue_task_overdue(world):
    task = make_task(make_plan(), lead=[world.unit_a], due=D(2026, 3, 31), state=TaskState.OVERDUE)
    services.post_task_update(task, by=world.users["clerk_a"], unit=world.unit_a, note="Đang làm.", percent=60)
    task.refresh_from_db()
    assert (task.state, task.progress) == (TaskState.OVERDUE, 60)


def test_the_report_page_closes_the_task(world):
    task = make_task(make_plan(), lead=[world.unit_a], due=D(2026, 3, 31), state=TaskState.OVERDUE)
    response = client_for(world, "clerk_a").post(reverse("plans:task_update", kwargs={"pk": task.pk}),
                                                 {"unit": world.unit_a.pk, "note": "Hoàn thành.", "percent": "100"})
    assert response.status_code == 302
    assert PlanTask.objects.get(pk=task.pk).state == TaskState.DONE


def test_report_complete_cannot_be_taken_without_a_report(world):
    task = make_task(make_plan(), lead=[world.unit_a], state=TaskState.IN_PROGRESS)
    with pytest.raises(ValidationError, match=r"^\['Hãy báo cáo tiến độ 100 %: báo cáo đó sẽ kết thúc nhiệm vụ\.'\]$"):
        TASK_MACHINE.run(task, "report_complete", by=world.users["clerk_a"])
    assert PlanTask.objects.get(pk=task.pk).state == TaskState.IN_PROGRESS
