"""seed_demo loads the Lào Cai seed plan, matched to the demo units, with tasks done and in progress."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from tdkt.plans.demo import load_demo_plan
from tdkt.plans.enums import TaskState, UnitRole
from tdkt.plans.models import Plan, PlanTaskUnit, TaskStateChange, TaskUpdate
from tests.plans.seeds import seed_path


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **({"persons": 100, "seed": "3", "year": 2026} | options))
    return out.getvalue()


@pytest.mark.django_db
def test_demo_province_has_its_2026_plan():
    seed_path("lao_cai")  # skips without shared/seeds
    output = seed()
    plan = Plan.objects.get()
    assert (plan.is_demo, plan.year, plan.title) == (True, 2026, "Triển khai công tác thi đua, khen thưởng năm 2026")
    assert plan.tasks.count() == 27
    home_affairs = PlanTaskUnit.objects.filter(task__plan=plan, role=UnitRole.LEAD, raw_text="Sở Nội vụ")
    assert {link.unit.code for link in home_affairs} == {"P15-SNV"}
    statuses = set(plan.tasks.values_list("state", flat=True))
    today = datetime.date.today()
    if today > datetime.date(2026, 3, 31):
        assert {TaskState.DONE, TaskState.IN_PROGRESS} <= statuses
    for task in plan.tasks.filter(state=TaskState.DONE):
        assert task.completed_on < task.due_date and task.progress == 100
    assert TaskStateChange.objects.filter(task__plan=plan).count() == plan.tasks.exclude(
        state=TaskState.NOT_STARTED).count()
    assert TaskUpdate.objects.filter(task__plan=plan).count() == plan.tasks.exclude(
        state=TaskState.NOT_STARTED).count()
    assert "Kế hoạch mẫu: 27 nhiệm vụ (" in output


@pytest.mark.django_db
def test_seeding_again_keeps_the_one_demo_plan():
    # `seed_demo --reset` recreates the whole database (tests/orgs/test_seed_demo.py); seeding again without it
    # leaves the demo plan as it was.
    seed_path("lao_cai")
    seed()
    first = Plan.objects.get().pk
    seed()
    assert list(Plan.objects.values_list("pk", "is_demo")) == [(first, True)]


@pytest.mark.django_db
def test_missing_seed_is_skipped_with_a_message(tmp_path):
    summary = load_demo_plan(path=tmp_path / "khong-co.txt")
    assert summary.plan is None
    assert summary.message == (f"Không thấy kế hoạch mẫu {tmp_path / 'khong-co.txt'}: bỏ qua kế hoạch năm 2026 "
                               "của tỉnh mẫu.")
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_progress_as_it_stands_on_a_given_day(world):
    summary = load_demo_plan(today=datetime.date(2026, 7, 15), path=seed_path("lao_cai"))
    tasks = list(summary.plan.tasks.order_by("sort_order").values_list("period", "state"))
    q1 = [status for period, status in tasks if period == "Q1"]
    assert q1 == ["done", "done", "done", "in_progress", "done"]
    assert [status for period, status in tasks if period == "Q3"][:2] == ["in_progress", "in_progress"]
    assert {status for period, status in tasks if period == "Q4"} == {"not_started"}
    assert summary.message == "Kế hoạch mẫu: 27 nhiệm vụ (12 đã hoàn thành, 5 đang thực hiện), 33 tên đơn vị chờ chọn."
