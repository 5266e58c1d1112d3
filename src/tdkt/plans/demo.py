"""The demo province's 2026 plan: the Lào Cai seed plan imported and matched to the demo units, with some
tasks done and some in progress. Called by the demo builder (seed_demo); deleted with the province.

The seed is read from ../shared/seeds/ beside the repository; without it the demo has no plan and
says so. Fixture data: the plan and its progress reports are inserted directly (as they would stand on
`today`) without audit rows of their own (seed_demo writes one summary row); the tasks' states go through
the task machine like any other (a history row and an audit row each, by the demo actor).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.lib.docparse import read_bytes
from tdkt.plans import drafting
from tdkt.plans.enums import UnitRole
from tdkt.plans.importer import parse_plan
from tdkt.plans.importing import registry_names, registry_rows, save_plan_data
from tdkt.plans.models import Plan, PlanTask, PlanTaskUnit, TaskUpdate
from tdkt.plans.narrative import read_narrative
from tdkt.plans.transitions import TASK_MACHINE

SEED_NAME = "000_df9e745214f7c20f.txt"  # Lào Cai: Kế hoạch triển khai công tác thi đua, khen thưởng năm 2026
ACTOR = "seed_demo"
DEMO_REASON = "Dữ liệu mẫu."


def seed_path() -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "seeds" / SEED_NAME


@dataclass
class DemoPlanSummary:
    plan: Plan | None
    message: str


def _progress_notes(task: PlanTask) -> str:
    return f"Đã triển khai: {task.content[:120].rstrip()}…"


def load_demo_plan(*, today: datetime.date | None = None, path: Path | None = None) -> DemoPlanSummary:
    """Import the seed plan for the demo province; a missing seed is skipped with a message."""
    today = today or timezone.localdate()
    path = path or seed_path()
    if not path.exists():
        return DemoPlanSummary(None, f"Không thấy kế hoạch mẫu {path}: bỏ qua kế hoạch năm 2026 của tỉnh mẫu.")
    source = path.read_bytes()
    registry = registry_rows()
    document = read_bytes(source, path.name)
    result = parse_plan(document, registry_names(registry))
    data = drafting.draft_data(result, read_narrative(document), registry)
    for task in data["tasks"]:  # a demo cannot stop to ask: an ambiguous name stays flagged
        for role in drafting.ROLES:
            for unit in task[role]:
                if unit["status"] == "ambiguous":
                    unit["status"] = "unresolved"
    plan = save_plan_data(data, by=ACTOR, source_name=path.name, source_sha256=hashlib.sha256(source).hexdigest(),
                          source_bytes=source, demo=True)
    done, started = _set_progress(plan, today)
    flagged = PlanTaskUnit.objects.filter(task__plan=plan, unit__isnull=True).count()
    return DemoPlanSummary(plan, f"Kế hoạch mẫu: {plan.tasks.count()} nhiệm vụ ({done} đã hoàn thành, {started} đang "
                                 f"thực hiện), {flagged} tên đơn vị chờ chọn.")


def _set_progress(plan: Plan, today: datetime.date) -> tuple[int, int]:
    """Tasks due before today: done, but every fourth still in progress (the sweep will mark it overdue);
    the next two tasks to come due: in progress. Each through the task machine (its history row and audit
    row, by the demo actor) and with a progress report."""
    reporter = (User.objects.filter(username="chuyenvien").first()
                or User.objects.filter(is_superuser=True).order_by("id").first())
    tasks = list(plan.tasks.order_by("sort_order"))
    leads = dict(PlanTaskUnit.objects.filter(task__plan=plan, role=UnitRole.LEAD, unit__isnull=False)
                 .order_by("task_id", "-sort_order").values_list("task_id", "unit_id"))
    past = [task for task in tasks if task.due_date and task.due_date < today]
    coming = [task for task in tasks if task.due_date and task.due_date >= today][:2]
    done, started = [], []
    for index, task in enumerate(past):
        (started if index % 4 == 3 else done).append(task)
    started += coming
    updates = []
    for task in done:
        TASK_MACHINE.perform(task, "complete", by=ACTOR, reason=DEMO_REASON, progress=100,
                             completed_on=task.due_date - datetime.timedelta(days=3 + task.sort_order % 9))
    for index, task in enumerate(started):
        TASK_MACHINE.perform(task, "start", by=ACTOR, reason=DEMO_REASON, progress=30 + 20 * (index % 3))
    if reporter is not None:
        for task in done + started:
            updates.append(TaskUpdate(task=task, unit_id=leads.get(task.pk), by=reporter, note=_progress_notes(task),
                                      percent=task.progress))
        TaskUpdate.objects.bulk_create(updates)
    return len(done), len(started)


def wipe_demo_plans() -> int:
    """Delete the demo plans with everything hanging off them (before the demo units and users go)."""
    return Plan.objects.filter(is_demo=True).delete()[1].get(Plan._meta.label, 0)


def load_demo(year: int) -> str:
    """seed_demo's hook: the province's plan, before the other apps' demo data."""
    return load_demo_plan().message


def wipe_demo() -> int:
    return wipe_demo_plans()
