"""Reads for the plan pages, scoped by unit, with access checked in the same step as the fetch.

The board, the progress tables and the calendar run a fixed number of queries whatever the number of
tasks: counts are grouped in SQL, each board column is one query (capped at BOARD_COLUMN_LIMIT cards),
and the units of every card shown come from one more query.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from tdkt.accounts.scope import get_scope
from tdkt.plans import rules
from tdkt.plans.enums import (
    BOARD_COLUMNS,
    OPEN_STATES,
    DraftState,
    TaskState,
    UnitRole,
    board_column,
    periods_of_column,
)
from tdkt.plans.models import (
    Plan,
    PlanDraft,
    PlanTask,
    PlanTaskUnit,
    TaskDueDate,
    TaskUpdate,
    UnitPlanRequirement,
    UnitPlanSubmission,
)

# The whole board shows the first cards of each column and "N more tasks…" opening that column alone, paged:
# 100 a column made the board 229 KiB at provincial scale (issue 23); 25 keeps five columns on a short page.
BOARD_COLUMN_LIMIT = 25
COLUMN_PAGE_SIZE = 100
CARD_CHARS = 140
CARD_FIELDS = ("id", "plan_id", "sort_order", "period", "number", "content", "due_date", "state", "progress")


def overdue_q(today: datetime.date) -> Q:
    """Overdue, computed: stored as overdue, or past the last due date and still open."""
    return Q(state=TaskState.OVERDUE) | Q(state__in=OPEN_STATES, due_date__lt=today)


# --- fetch helpers ----------------------------------------------------------------------------------


def plans_for_user(user):
    """Every plan: a plan is sent to every unit. What a unit sees of its tasks is scoped below."""
    return Plan.objects.annotate(task_count=Count("tasks"))


def get_plan_for_user(user, pk) -> Plan:
    plan = Plan.objects.filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def tasks_for_user(user, plan: Plan | None = None):
    """Tasks the user may see: all for province-wide readers, else those naming one of the user's units."""
    scope = get_scope(user)
    queryset = PlanTask.objects.all()
    if plan is not None:
        queryset = queryset.filter(plan=plan)
    if not scope.read_all:
        mine = PlanTaskUnit.objects.filter(task=OuterRef("pk"), unit_id__in=scope.readable_unit_ids)
        queryset = queryset.filter(Exists(mine))
    return queryset


def get_task_for_user(user, pk, *, update=False, state=False) -> PlanTask:
    """The task with its plan and units, or 404 when the user may not see it; PermissionDenied when they
    may see it but not report progress (`update`) or change its state (`state`)."""
    task = (PlanTask.objects.select_related("plan").prefetch_related("units__unit").filter(pk=pk).first())
    if task is None or not rules.can_read_task(user, task):
        raise Http404
    if update and not rules.can_update_task(user, task):
        raise PermissionDenied
    if state and not rules.can_set_state(user, task):
        raise PermissionDenied
    return task


def get_task_unit_for_user(user, pk) -> PlanTaskUnit:
    """A unit name of a task, for a province specialist to resolve."""
    link = PlanTaskUnit.objects.select_related("task__plan", "unit").filter(pk=pk).first()
    if link is None or not rules.can_manage_plans(user):
        raise Http404
    return link


def get_update_for_user(user, pk) -> TaskUpdate:
    update = TaskUpdate.objects.select_related("task").filter(pk=pk).first()
    if update is None:
        raise Http404
    get_task_for_user(user, update.task_id)
    return update


def get_draft_for_user(user, pk) -> PlanDraft:
    """Import previews belong to the standing body: province-wide writers only."""
    draft = PlanDraft.objects.select_related("created_by", "plan").filter(pk=pk).first()
    if draft is None or not rules.can_manage_plans(user):
        raise Http404
    return draft


def open_drafts(user):
    return PlanDraft.objects.filter(state=DraftState.OPEN).select_related("created_by")


def get_submission_for_user(user, pk, *, write=False) -> UnitPlanSubmission:
    submission = UnitPlanSubmission.objects.select_related("requirement__plan", "unit").filter(pk=pk).first()
    scope = get_scope(user)
    if submission is None or not scope.can_read_unit(submission.unit_id):
        raise Http404
    if write and not scope.can_write_unit(submission.unit_id):
        raise PermissionDenied
    return submission


def unit_plan_rows(user, plan: Plan, today: datetime.date | None = None):
    """(requirement, [(submission, state)]) of the plan, the submissions scoped to the user's units."""
    today = today or timezone.localdate()
    scope = get_scope(user)
    rows = []
    for requirement in UnitPlanRequirement.objects.filter(plan=plan).prefetch_related("groups").order_by("id"):
        submissions = requirement.submissions.select_related("unit").order_by("unit__name")
        if not scope.read_all:
            submissions = submissions.filter(unit_id__in=scope.readable_unit_ids)
        items = []
        for submission in submissions:
            submission.requirement = requirement
            items.append((submission, submission.state(today)))
        rows.append((requirement, items))
    return rows


# --- the board --------------------------------------------------------------------------------------


@dataclass
class Column:
    code: str
    cards: list = field(default_factory=list)
    total: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def more(self) -> int:
        return max(0, self.total - len(self.cards))


@dataclass
class LeadProgress:
    name: str
    unit_id: int | None
    total: int = 0
    done: int = 0
    overdue: int = 0


@dataclass
class Board:
    columns: list[Column]  # the columns shown (one with `column`)
    progress: list[Column]  # every column's counts
    leads: list[LeadProgress]
    total: int
    done: int
    overdue: int
    has_next: bool = False
    page: int = 1


def _filtered(user, plan, lead_unit_id=None, state=None, today=None):
    queryset = tasks_for_user(user, plan)
    if lead_unit_id:
        queryset = queryset.filter(Exists(PlanTaskUnit.objects.filter(
            task=OuterRef("pk"), role=UnitRole.LEAD, unit_id=lead_unit_id)))
    if state == TaskState.OVERDUE:
        queryset = queryset.filter(overdue_q(today))
    elif state in TaskState.values:
        queryset = queryset.filter(state=state)
    return queryset


@dataclass(frozen=True)
class UnitRef:
    """A unit of a task as shown: the registry name when matched, else the name as written."""

    unit_id: int | None
    label: str
    role: str


def attach_units(tasks: list[PlanTask]) -> None:
    """`task.leads` and `task.partners` (UnitRef lists) for every task, in one query (plain rows: a board
    shows thousands of them)."""
    by_task: dict[int, list[UnitRef]] = {task.pk: [] for task in tasks}
    rows = (PlanTaskUnit.objects.filter(task_id__in=list(by_task)).order_by("task_id", "role", "sort_order", "id")
            .values_list("task_id", "unit_id", "unit__name", "raw_text", "role"))
    for task_id, unit_id, unit_name, raw_text, role in rows:
        by_task[task_id].append(UnitRef(unit_id, unit_name or raw_text, role))
    for task in tasks:
        links = by_task[task.pk]
        task.leads = [link for link in links if link.role == UnitRole.LEAD]
        task.partners = [link for link in links if link.role == UnitRole.COORDINATING]


def lead_progress(queryset, today) -> list[LeadProgress]:
    """Done / total / overdue per lead unit (names as written when not matched), largest first."""
    rows = (PlanTaskUnit.objects.filter(role=UnitRole.LEAD, task__in=queryset)
            .values("unit_id", "unit__name", "raw_text")
            .annotate(total=Count("task_id"), done=Count("task_id", filter=Q(task__state=TaskState.DONE)),
                      overdue=Count("task_id", filter=Q(task__state=TaskState.OVERDUE)
                                    | Q(task__state__in=OPEN_STATES, task__due_date__lt=today))))
    merged: dict[object, LeadProgress] = {}
    for row in rows:
        key = row["unit_id"] or f"text:{row['raw_text']}"
        item = merged.setdefault(key, LeadProgress(row["unit__name"] or row["raw_text"], row["unit_id"]))
        item.total += row["total"]
        item.done += row["done"]
        item.overdue += row["overdue"]
    return sorted(merged.values(), key=lambda item: (-item.total, item.name))


def board(user, plan: Plan, *, lead_unit_id=None, state=None, column=None, page=1, today=None) -> Board:
    """The quarter board: columns Q1–Q4 and the year-round column, each with its first cards in plan
    order and its counts; with `column`, that one column only, a page of COLUMN_PAGE_SIZE cards."""
    today = today or timezone.localdate()
    queryset = _filtered(user, plan, lead_unit_id, state, today)
    counts = {code: Column(code) for code in BOARD_COLUMNS}
    per_period = queryset.values("period").annotate(
        total=Count("id"), done=Count("id", filter=Q(state=TaskState.DONE)),
        overdue=Count("id", filter=overdue_q(today)))
    for row in per_period:
        target = counts[board_column(row["period"])]
        target.total += row["total"]
        target.done += row["done"]
        target.overdue += row["overdue"]
    shown = [column] if column in BOARD_COLUMNS else list(BOARD_COLUMNS)
    cards: list[PlanTask] = []
    has_next = False
    for code in shown:
        tasks = (queryset.filter(period__in=periods_of_column(code)).order_by("sort_order", "id")
                 .only(*CARD_FIELDS))
        if column:
            start = (page - 1) * COLUMN_PAGE_SIZE
            rows = list(tasks[start:start + COLUMN_PAGE_SIZE + 1])
            has_next = len(rows) > COLUMN_PAGE_SIZE
            rows = rows[:COLUMN_PAGE_SIZE]
        else:
            rows = list(tasks[:BOARD_COLUMN_LIMIT])
        for task in rows:
            task.overdue = task.is_overdue(today)
            task.card_text = task.content if len(task.content) <= CARD_CHARS else task.content[:CARD_CHARS - 1] + "…"
        counts[code].cards = rows
        cards += rows
    attach_units(cards)
    columns = [counts[code] for code in shown]
    return Board(columns=columns, progress=[counts[code] for code in BOARD_COLUMNS], leads=lead_progress(queryset, today),
                 total=sum(c.total for c in counts.values()), done=sum(c.done for c in counts.values()),
                 overdue=sum(c.overdue for c in counts.values()), has_next=has_next, page=page)


def lead_unit_choices(plan: Plan) -> list[tuple[int, str]]:
    """Registry units that lead at least one task of the plan (the board's filter)."""
    return list(PlanTaskUnit.objects.filter(task__plan=plan, role=UnitRole.LEAD, unit__isnull=False)
                .values_list("unit_id", "unit__name").distinct().order_by("unit__name"))


# --- the calendar -----------------------------------------------------------------------------------


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    items: list = field(default_factory=list)  # (task, overdue)


def calendar_month(user, plan: Plan, year: int, month: int, today=None) -> list[list[Day]]:
    """Weeks (Monday first) of the month, each day with the tasks due on it."""
    today = today or timezone.localdate()
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    dues = (TaskDueDate.objects.filter(task__in=tasks_for_user(user, plan), on__range=(first, last))
            .select_related("task").order_by("on", "task__sort_order", "task_id"))
    by_day: dict[datetime.date, list] = {}
    for due in dues:
        by_day.setdefault(due.on, []).append((due.task, due.task.is_overdue(today)))
    return [[Day(day, day.month == month, by_day.get(day, [])) for day in week] for week in weeks]

