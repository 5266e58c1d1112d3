"""The plan task's and the plan import preview's state machines (tdkt.workflow): every change of their
states is declared here once.

Who acts: the province specialists and the clerks/leaders of a lead unit change the state (`lead`,
tdkt.plans.rules.can_set_state); any unit of the task starts it by its first progress report (`reporter`);
the daily sweep of `send_reminders` marks overdue (the system). The domain functions are in
tdkt.plans.services (`set_task_state`, `sweep_overdue`, `post_task_update`).

An import preview (PlanDraft) is open until the importer saves it as a plan or discards it; the importers
are the users of the import screens (a managing role, province-wide write access). Its domain functions
are tdkt.plans.importing.save_draft and discard_draft."""

import datetime

from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.plans import rules
from tdkt.plans.enums import SWEEPABLE_STATES, DraftState, TaskState, UnitRole
from tdkt.plans.models import PlanDraft, PlanDraftStateChange, PlanTask, PlanTaskUnit, TaskStateChange
from tdkt.plans.queries import get_draft_for_user, get_task_for_user
from tdkt.workcalendar import calendar
from tdkt.workflow.machine import SYSTEM, StateMachine, transition

S = TaskState


def _get_for_user(user, pk, write=True):
    return get_task_for_user(user, pk)


# The home ("Việc của tôi") shows an open task once its deadline is this many working days away or has passed.
# A choice of the home's (issue 21), not a rule of law: a parameter a province may change.
HOME_WINDOW_WORKING_DAYS = 10

# A task without a date of its own is due at the end of its period (its quarter, half-year or year).
PERIOD_END = {"Q1": (3, 31), "Q2": (6, 30), "Q3": (9, 30), "Q4": (12, 31), "H1": (6, 30), "H2": (12, 31),
              "YEAR": (12, 31)}


def period_end(task) -> datetime.date | None:
    month_day = PERIOD_END.get(task.period)
    return datetime.date(task.plan.year, *month_day) if month_day else None


def task_due(task) -> datetime.date | None:
    return task.due_date or period_end(task)


def _due_by(horizon: datetime.date) -> Q:
    """Tasks whose last due date, or else the end of their period, is on or before `horizon`."""
    by_period = Q(pk__in=[])
    for period, (month, day) in PERIOD_END.items():
        years = Q(plan__year__lt=horizon.year)
        if datetime.date(horizon.year, month, day) <= horizon:
            years |= Q(plan__year=horizon.year)
        by_period |= Q(period=period) & years
    return Q(due_date__lte=horizon) | (Q(due_date__isnull=True) & by_period)


def agenda_tasks(user, today: datetime.date | None = None, window: int = HOME_WINDOW_WORKING_DAYS):
    """The home's tasks: open, due within `window` working days or overdue, and naming one of the units the user
    is a clerk or leader of, or (a province specialist) the unit he sits in: the province's own tasks. The
    province-wide writers may report on any task, but only their own wait for them."""
    scope = get_scope(user)
    units = set(scope.writable_unit_ids) | (set(scope.home_unit_ids) if scope.has_role(
        Role.PROVINCE_SPECIALIST) else set())
    horizon = calendar.add_working_days(today or timezone.localdate(), window)
    named = PlanTaskUnit.objects.filter(task=OuterRef("pk"), unit_id__in=units)
    return (PlanTask.objects.filter(Exists(named)).filter(_due_by(horizon)).select_related("plan")
            .prefetch_related(Prefetch("units", queryset=PlanTaskUnit.objects.select_related("unit")))
            .order_by(F("due_date").asc(nulls_last=True), "pk"))


def _lead_names(task) -> str:
    return ", ".join(link.unit.name for link in task.units.all() if link.unit_id and link.role == UnitRole.LEAD)


TASK_MACHINE = StateMachine(
    name="plan_task",
    label=_("task"),
    model=PlanTask,
    states=TaskState,
    history_model=TaskStateChange,
    history_owner="task",
    actors={"lead": rules.can_set_state, "reporter": rules.can_update_task},
    initial=S.NOT_STARTED,
    timestamps=("updated_at",),
    audit_exclude=frozenset({"progress"}),
    get_for_user=_get_for_user,
    # the home's agenda: a task waits for a progress report from its units; the predicates read the task's units
    # (prefetched), asked once per set of units. The lead's status form waits for nobody.
    visible_to=agenda_tasks, url_of=lambda task: reverse("plans:task", args=[task.pk]),
    title_of=lambda task: Truncator(task.content).chars(120), unit_of=_lead_names, due_of=task_due,
    agenda_key=lambda task: tuple(sorted((link.unit_id or 0, link.role) for link in task.units.all())),
    raced_message=_("Someone else changed the status of this task first: it is now “%(state)s”. "
                    "Reload the page and try again."),
    forbidden_message=_("You may not change the status of this %(noun)s."),
    docs="plans.md",
    transitions=[
        transition("start", _("In progress"), {S.NOT_STARTED, S.OVERDUE}, S.IN_PROGRESS, "lead", waits=False,
                   form_url="plans:task_status", description=_("The lead unit starts the task.")),
        transition("complete", _("Done"), {S.NOT_STARTED, S.IN_PROGRESS, S.OVERDUE}, S.DONE, "lead", waits=False,
                   form_url="plans:task_status",
                   description=_("Done on a completion date (today by default, never in the future); progress 100 %.")),
        transition("cancel", _("Cancelled"), {S.NOT_STARTED, S.IN_PROGRESS, S.OVERDUE}, S.CANCELLED, "lead", waits=False,
                   reason_required=True, danger=True, form_url="plans:task_status"),
        transition("reopen", _("In progress"), {S.DONE}, S.IN_PROGRESS, "lead", waits=False, form_url="plans:task_status",
                   description=_("A task done is reopened; its completion date is cleared.")),
        transition("restore", _("Not started"), {S.CANCELLED}, S.NOT_STARTED, "lead", waits=False, form_url="plans:task_status"),
        transition("first_report", _("Report progress"), {S.NOT_STARTED}, S.IN_PROGRESS, "reporter",
                   form_url="plans:task_update",
                   description=_("The first progress report of any unit of the task starts it.")),
        transition("report_complete", _("Report progress"), {S.NOT_STARTED, S.IN_PROGRESS, S.OVERDUE}, S.DONE, "reporter",
                   form_url="plans:task_update",
                   description=_("A progress report of 100 % closes the task (done on the report's day; no longer "
                                 "overdue).")),
        transition("mark_overdue", _("Overdue"), SWEEPABLE_STATES, S.OVERDUE, SYSTEM,
                   description=_("The daily sweep (send_reminders) marks a task past its last due date.")),
    ],
)

# The transitions a progress report takes (tdkt.plans.services.post_task_update), never the status form.
REPORT_TRANSITIONS = ("first_report", "report_complete")

# The transitions offered by the "Change status" form (one per target state from any source).
FORM_TRANSITIONS = ("start", "complete", "cancel", "reopen", "restore")


def form_transitions(user, task):
    """The transitions of the "Change status" form `user` may take on `task` now, in TaskState order."""
    allowed = [item for item in TASK_MACHINE.allowed(user, task) if item.name in FORM_TRANSITIONS]
    order = list(TaskState.values)
    return sorted(allowed, key=lambda item: order.index(item.target))


def transition_to(task, target: str):
    """The transition that takes `task` from its state to `target` (None when there is none)."""
    for item in TASK_MACHINE.transitions:
        if task.state in item.sources and item.target == target and item.name not in REPORT_TRANSITIONS:
            return item
    return None


# --- the plan import preview ---------------------------------------------------------------------------------

IMPORTER = "importer"  # who may import plans: the province specialists (and the system administrators)


def may_import_plans(user, draft) -> bool:
    """The access rule of the import screens: a managing role (rules.MANAGERS), province-wide writer."""
    return get_scope(user).has_role(*rules.MANAGERS) and rules.can_manage_plans(user)


def _get_draft_for_user(user, pk, write=True):
    return get_draft_for_user(user, pk)


PLAN_DRAFT = StateMachine(
    name="plan_draft",
    label=_("plan import preview"),
    model=PlanDraft,
    states=DraftState,
    history_model=PlanDraftStateChange,
    history_owner="draft",
    actors={IMPORTER: may_import_plans},
    initial=DraftState.OPEN,
    timestamps=("updated_at",),
    get_for_user=_get_draft_for_user,
    refused_message=_("This preview is no longer open: it is “%(old)s”."),
    raced_message=_("Someone else saved or discarded this preview first: it is now “%(state)s”. "
                    "Reload the page."),
    docs="plan-import.md",
    transitions=[
        transition("save", _("Save the plan"), {DraftState.OPEN}, DraftState.SAVED, IMPORTER,
                   form_url="plans:draft", takes_reason=False,
                   description=_("The corrected preview becomes a plan (all or nothing); the preview points at it.")),
        transition("discard", _("Discard"), {DraftState.OPEN}, DraftState.DISCARDED, IMPORTER,
                   form_url="plans:draft", takes_reason=False, danger=True,
                   description=_("Nothing is imported.")),
    ],
)

# The domain functions of these transitions (@...implements) register when their module is loaded; it imports
# this one, so it comes last, once the machines are declared (tdkt.workflow autodiscovers `transitions`).
from tdkt.plans import importing, services  # noqa: E402, F401
