"""A plan's task annex (Excel or Word) as a background job when it holds more than EXPORT_JOB_THRESHOLD
tasks (tdkt.jobs.exporting). The tasks are those the requester could see when asking (their read scope is
kept in the job's parameters), and the file is served only while they still see at least that much. It only
computes a file: retry-safe."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.jobs.exporting import scope_covers
from tdkt.jobs.registry import register
from tdkt.plans import exports, queries
from tdkt.plans.models import Plan, PlanTask, PlanTaskUnit

TASKS_EXPORT = "plans.export_tasks"
FORMATS = ("xlsx", "docx")
EXPORT_TIME_LIMIT = 1800


def can_export_tasks(user, params: dict) -> bool:
    return (getattr(user, "is_authenticated", False) and params.get("format") in FORMATS
            and Plan.objects.filter(pk=params.get("plan")).exists() and scope_covers(user, params.get("scope")))


def tasks_in_scope(plan, frozen: dict):
    """The plan's tasks a reader with the frozen scope sees (tdkt.plans.queries.tasks_for_user's rule)."""
    queryset = PlanTask.objects.filter(plan=plan)
    if not frozen.get("all"):
        mine = PlanTaskUnit.objects.filter(task=OuterRef("pk"), unit_id__in=frozen.get("units", ()))
        queryset = queryset.filter(Exists(mine))
    return queryset


def tasks_filename(plan, fmt: str) -> str:
    return f"ke-hoach-{plan.pk}-nhiem-vu.{fmt}"


def write_tasks(path, plan, tasks: list, fmt: str, *, progress=None) -> int:
    if fmt == "docx":
        return exports.write_tasks_docx(path, plan, tasks, progress=progress)
    return exports.write_tasks_xlsx(path, plan, tasks, today=timezone.localdate(), progress=progress)


def run_tasks_export(job, progress) -> None:
    user, params = get_user_model().objects.get(pk=job.created_by_id), job.params
    if not can_export_tasks(user, params):
        raise ValidationError(_("You may no longer see this list; the file was not made."))
    plan = Plan.objects.get(pk=params["plan"])
    queryset = tasks_in_scope(plan, params["scope"])
    progress.set_total(queryset.count())
    tasks = list(queryset.order_by("sort_order", "id"))
    queries.attach_units(tasks)
    write_tasks(progress.result_path(tasks_filename(plan, params["format"])), plan, tasks, params["format"],
                progress=progress)


# Registered when tdkt.jobs autodiscovers the apps' `jobs` modules (JobsConfig.ready()).
register(TASKS_EXPORT, title=gettext_lazy("Task list of a plan"), run=run_tasks_export,
         can_access=can_export_tasks, retry_safe=True, time_limit=EXPORT_TIME_LIMIT)
