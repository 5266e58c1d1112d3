"""Plan objects for the persona matrix (tests/test_access_map.py): a task led by unit A, with Sở Nội vụ
coordinating and a name not yet matched; a progress report of unit A with evidence; an import preview;
unit A's own-plan submission with its file."""

from tdkt.plans.models import PlanTaskUnit
from tests.plans.support import PDF_BYTES, make_draft, make_plan, make_submission, make_task, make_update


def plan_of_unit_a(world):
    plan = make_plan(source="Kế hoạch năm 2026".encode())
    make_task(plan, "Kiểm tra công tác thi đua", lead=[world.unit_a, "Hội đồng TĐKT tỉnh"],
              coordinating=[world.home_affairs])
    return plan


def task_of_unit_a(world):
    return plan_of_unit_a(world).tasks.get()


def flagged_unit_of_task_a(world):
    return PlanTaskUnit.objects.get(task=task_of_unit_a(world), unit__isnull=True)


def update_of_unit_a(world):
    return make_update(task_of_unit_a(world), by=world.users["clerk_a"], unit=world.unit_a, evidence=PDF_BYTES)


def plan_draft(world):
    return make_draft(world.users["specialist"])


def submission_of_unit_a(world):
    return make_submission(plan_of_unit_a(world), world.unit_a, by=world.users["specialist"], file=PDF_BYTES)


PLAN_OBJECTS = {"plan": plan_of_unit_a, "task_of_unit_a": task_of_unit_a,
                "flagged_unit_of_task_a": flagged_unit_of_task_a, "update_of_unit_a": update_of_unit_a,
                "plan_draft": plan_draft, "submission_of_unit_a": submission_of_unit_a}
