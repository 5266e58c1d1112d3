"""The quarter board of a plan with 5,000 tasks (`plans:board`): server time and query count.

Run by bench/run.py in a child process with DATABASE_URL set (a dedicated, migrated database); prints
JSON lines. The plan: 5,000 tasks over every period (mostly the four quarters), each with one or two
lead units and up to three coordinating units out of 80, one or two due dates, a mix of states
(some overdue). Timed for the province specialist (every task) and for a unit clerk (the unit's tasks);
the query count is also taken at 500 tasks, to show it does not grow.
"""

import datetime
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, setup_django, timed_ms  # noqa: E402

TARGET_MS = 150.0
RUNS = 20
TASKS = 5000
SMALL = 500
UNITS = 80
CODE_PREFIX = "BP-"
PERIODS = ["Q1"] * 5 + ["Q2"] * 5 + ["Q3"] * 5 + ["Q4"] * 5 + ["H1", "H2", "YEAR", "MONTHLY", "QUARTERLY",
                                                                  "AS_REQUIRED", "M03", "M07", "M10"]


def build(title: str, count: int, units: list) -> object:
    from tdkt.plans.enums import Resolution, TaskState, UnitRole
    from tdkt.plans.importer.periods import period_due
    from tdkt.plans.models import Plan, PlanTask, PlanTaskUnit, TaskDueDate

    existing = Plan.objects.filter(title=title).first()
    if existing is not None:
        if existing.tasks.count() != count:
            raise SystemExit(f"bench plan «{title}» holds {existing.tasks.count()} tasks, expected {count}: "
                             "delete the bench database and run again")
        return existing
    rng = random.Random(f"plans-board:{count}")
    plan = Plan.objects.create(title=title, year=2026, issuer="Ủy ban nhân dân tỉnh Thử Nghiệm", number="01/KH-UBND",
                               place="Thử Nghiệm", issued_on=datetime.date(2026, 1, 5))
    tasks = []
    for index in range(count):
        period = PERIODS[index % len(PERIODS)]
        dates, recurrence = period_due(period, 2026)
        state = rng.choice([TaskState.NOT_STARTED] * 4 + [TaskState.IN_PROGRESS] * 3 + [TaskState.DONE] * 3
                            + [TaskState.CANCELLED])
        tasks.append(PlanTask(
            plan=plan, sort_order=(index + 1) * 10, period=period, number=str(index % 40 + 1),
            content=f"Nhiệm vụ thử nghiệm số {index + 1}: tổ chức, kiểm tra, báo cáo công tác thi đua, khen thưởng "
                    f"của các cơ quan, đơn vị, địa phương trong tỉnh ({rng.randint(1, 99)} nội dung).",
            due_date=dates[-1] if dates else None, recurrence=recurrence or "", state=state,
            completed_on=datetime.date(2026, 3, 15) if state == TaskState.DONE else None,
            progress=100 if state == TaskState.DONE else rng.choice([0, 20, 50, 80])))
    PlanTask.objects.bulk_create(tasks, batch_size=1000)
    dues, links = [], []
    for task in tasks:
        if task.due_date:
            dues.append(TaskDueDate(task=task, on=task.due_date))
            if rng.random() < 0.2:
                dues.append(TaskDueDate(task=task, on=task.due_date - datetime.timedelta(days=45)))
        chosen = rng.sample(units, 5)
        for position, unit in enumerate(chosen[:rng.choice([1, 1, 2])]):
            links.append(PlanTaskUnit(task=task, unit=unit, role=UnitRole.LEAD, raw_text=unit.name,
                                      resolution=Resolution.RESOLVED, sort_order=position))
        for position, unit in enumerate(chosen[2:2 + rng.choice([0, 1, 2, 3])]):
            links.append(PlanTaskUnit(task=task, unit=unit, role=UnitRole.COORDINATING, raw_text=unit.name,
                                      resolution=Resolution.RESOLVED, sort_order=position))
        if rng.random() < 0.05:
            links.append(PlanTaskUnit(task=task, unit=None, role=UnitRole.COORDINATING, raw_text="Các sở, ban, ngành",
                                      resolution=Resolution.GROUP, sort_order=9))
    TaskDueDate.objects.bulk_create(dues, batch_size=2000)
    PlanTaskUnit.objects.bulk_create(links, batch_size=2000)
    return plan


def main() -> None:
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment
    from django.urls import reverse

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.orgs.enums import UnitKind
    from tdkt.orgs.models import Unit

    setup_test_environment()
    override_settings(STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }).enable()
    on = datetime.date(2025, 7, 1)
    if not Unit.objects.filter(code__startswith=CODE_PREFIX).exists():
        root = Unit.objects.create(code=f"{CODE_PREFIX}UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                                   kind=UnitKind.PEOPLES_COMMITTEE, established_on=on)
        Unit.objects.bulk_create([Unit(code=f"{CODE_PREFIX}S{i:03d}", name=f"Sở thử nghiệm số {i:03d}",
                                       kind=UnitKind.DEPARTMENT, parent=root, established_on=on)
                                  for i in range(1, UNITS + 1)])
    units = list(Unit.objects.filter(code__startswith=f"{CODE_PREFIX}S").order_by("code"))
    big = build("Kế hoạch thử nghiệm 5.000 nhiệm vụ", TASKS, units)
    small = build("Kế hoạch thử nghiệm 500 nhiệm vụ", SMALL, units)
    accounts = {}
    for username, role, unit in (("bench.plans.chuyenvien", Role.PROVINCE_SPECIALIST, units[0]),
                                 ("bench.plans.vanthu", Role.UNIT_CLERK, units[1])):
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": username})
        if created:
            Membership.objects.create(user=user, role=role, unit=unit)
        accounts[username] = user
    for label, username in (("plans_board", "bench.plans.chuyenvien"), ("plans_board_clerk", "bench.plans.vanthu")):
        client = Client()
        client.force_login(accounts[username])
        counts = {}
        for plan in (small, big):
            url = reverse("plans:board", kwargs={"pk": plan.pk})
            response = client.get(url)  # warm-up: templates compiled, caches filled
            if response.status_code != 200:
                print(f"GET {url} answered {response.status_code}: skipped")
                return
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts[plan.pk] = len(captured)
        url = reverse("plans:board", kwargs={"pk": big.pk})
        samples = [timed_ms(lambda url=url, client=client: client.get(url)) for _ in range(RUNS)]
        emit(label, connection.vendor, samples, TARGET_MS if label == "plans_board" else float("inf"),
             queries=counts[big.pk], queries_at_500=counts[small.pk],
             dataset=f"{TASKS} tasks, {UNITS} units", page_kib=round(len(response.content) / 1024))


if __name__ == "__main__":
    main()
