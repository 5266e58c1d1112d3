"""The figures of the half-year and year-end work reports (báo cáo sơ kết 6 tháng / tổng kết năm công tác TĐKT),
for a period and a reporting unit (None = the province), in a fixed number of queries whatever the data:

- movements launched in the period (by start date, split by launching level) and reviewed in it (sơ kết / tổng
  kết milestones dated in the period); for a unit, the movements it (or a unit under it) launched;
- dossiers received, returned and decided in the period (their state changes), and of those decided, how many
  went through the standing body's steps within the working-day limits (tdkt.dossiers.deadlines, the province's
  calendar) — "on time" — or overran one of them — "late". The unit's own time (a returned dossier) is not the
  standing body's and does not make a dossier late. For a unit, the dossiers it sent;
- awards decided in the period (reports.register: decision date, recipient's unit subtree) by level, by form
  (award type), by method and by recipient kind;
- the shares the Law asks to show (direct workers, women, ethnic minorities, recipients in remote, border or
  especially difficult areas) beside the same period a year earlier;
- plan tasks due in the period: done (of which after their due date) and not done past their due date. For a
  unit, the tasks it leads.
- inspections of units' TĐKT work that started in the period (tdkt.inspections: for a unit, the records of
  its subtree): units inspected, recommendations made and closed, and those overdue on `today`;
- training classes held in the period (tdkt.training.figures): classes organised, trainees sent, present and
  passed; for a unit, those of its subtree."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from tdkt.awards.enums import AwardBasis, AwardLevel
from tdkt.dossiers.deadlines import step_limits
from tdkt.dossiers.enums import DossierState, EventKind
from tdkt.dossiers.models import DossierEvent
from tdkt.inspections import queries as inspection_queries
from tdkt.movements.enums import MilestoneKind, MovementLevel
from tdkt.movements.models import Milestone, Movement
from tdkt.people.enums import Gender, PersonGroup
from tdkt.plans.enums import TaskState, UnitRole
from tdkt.plans.models import PlanTask, PlanTaskUnit
from tdkt.reports import register
from tdkt.reports.periods import Period
from tdkt.training import figures as training_figures
from tdkt.workcalendar.calendar import current_calendar

# The standing body's steps: a dossier is late when one of them outlasted its limit. RETURNED is the unit's
# time to complete, DRAFT/AWAITING_APPROVAL the unit's own preparation.
UNIT_HELD = frozenset({DossierState.RETURNED, DossierState.DRAFT, DossierState.AWAITING_APPROVAL})
LEVEL_ORDER = (AwardLevel.STATE, AwardLevel.PROVINCE, AwardLevel.GRASSROOTS)


@dataclass
class Equity:
    """Counts behind the shares the Law asks to show, for one period."""

    total: int = 0  # every award record
    individuals: int = 0
    direct_workers: int = 0  # individuals whose effective group is direct_worker
    women: int = 0
    minorities: int = 0
    hard_areas: int = 0  # any recipient whose unit is remote, border or especially difficult
    adhoc: int = 0  # khen thưởng đột xuất (the seeds ask for its share too)


@dataclass
class FormRow:
    level: str
    code: str
    name: str
    count: int


@dataclass
class WorkFigures:
    period: Period
    unit: object | None  # orgs.Unit or None (the province)
    movements_launched: dict[str, int] = field(default_factory=dict)  # MovementLevel -> count
    movements_midterm: int = 0
    movements_final: int = 0
    dossiers_received: int = 0
    dossiers_returned: int = 0
    dossiers_decided: int = 0
    dossiers_on_time: int = 0
    dossiers_late: int = 0
    awards_by_level: dict[str, int] = field(default_factory=dict)  # AwardLevel -> count
    awards_by_form: list[FormRow] = field(default_factory=list)
    awards_by_method: dict[str, int] = field(default_factory=dict)  # AwardBasis -> count
    awards_by_recipient: dict[str, int] = field(default_factory=dict)  # individual/collective/household -> count
    equity: Equity = field(default_factory=Equity)
    equity_previous: Equity = field(default_factory=Equity)
    tasks_due: int = 0
    tasks_done: int = 0
    tasks_done_late: int = 0
    tasks_overdue: int = 0
    inspections: inspection_queries.YearFigures | None = None
    training: training_figures.Totals = field(default_factory=lambda: training_figures.Totals(0, 0, 0, 0))

    @property
    def previous(self) -> Period:
        return self.period.previous()

    @property
    def movements_total(self) -> int:
        return sum(self.movements_launched.values())

    @property
    def awards_total(self) -> int:
        return self.equity.total


def _bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """Aware datetimes [start of the first day, start of the day after the last) in the project's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end


def compute(period: Period, unit=None, *, today: datetime.date | None = None) -> WorkFigures:
    """Every figure of the report. Queries: 11 for the province, 13 for a unit (its subtree: two)."""
    today = today or timezone.localdate()
    unit_ids = register.units_under(unit) if unit is not None else None
    figures = WorkFigures(period=period, unit=unit)
    _movements(figures, unit_ids)
    _dossiers(figures, unit_ids)
    _awards(figures, unit_ids)
    _equity(figures, unit_ids)
    _tasks(figures, unit_ids, today)
    figures.inspections = inspection_queries.figures(period.start, period.end, unit_ids, today=today)
    figures.training = training_figures.totals(period.start, period.end, unit_ids)
    return figures


def _movements(figures: WorkFigures, unit_ids) -> None:
    period = figures.period
    movements = Movement.objects.filter(start_date__gte=period.start, start_date__lte=period.end)
    milestones = Milestone.objects.filter(on__gte=period.start, on__lte=period.end,
                                          kind__in=[MilestoneKind.MIDTERM_REVIEW, MilestoneKind.FINAL_REVIEW])
    if unit_ids is not None:
        movements = movements.filter(launching_unit_id__in=list(unit_ids))
        milestones = milestones.filter(movement__launching_unit_id__in=list(unit_ids))
    launched = dict(movements.order_by().values_list("level").annotate(n=Count("id")))
    figures.movements_launched = {level: launched.get(level, 0) for level in MovementLevel.values}
    reviewed = dict(milestones.order_by().values_list("kind").annotate(n=Count("movement_id", distinct=True)))
    figures.movements_midterm = reviewed.get(MilestoneKind.MIDTERM_REVIEW, 0)
    figures.movements_final = reviewed.get(MilestoneKind.FINAL_REVIEW, 0)


def _dossiers(figures: WorkFigures, unit_ids) -> None:
    start, end = _bounds(figures.period)
    events = DossierEvent.objects.filter(kind=EventKind.STATE, nomination__isnull=True)
    if unit_ids is not None:
        events = events.filter(dossier__unit_id__in=list(unit_ids))
    in_period = events.filter(at__gte=start, at__lt=end, to_state__in=[
        DossierState.RECEIVED, DossierState.RETURNED, DossierState.DECIDED])
    counts = dict(in_period.order_by().values_list("to_state").annotate(n=Count("dossier_id", distinct=True)))
    figures.dossiers_received = counts.get(DossierState.RECEIVED, 0)
    figures.dossiers_returned = counts.get(DossierState.RETURNED, 0)
    figures.dossiers_decided = counts.get(DossierState.DECIDED, 0)
    decided = in_period.filter(to_state=DossierState.DECIDED).values("dossier_id")
    history = (events.filter(dossier_id__in=decided).order_by("dossier_id", "at", "id")
               .values_list("dossier_id", "to_state", "at"))
    limits, calendar = step_limits(), current_calendar()
    steps: dict[int, list[tuple[str, datetime.date]]] = defaultdict(list)
    for dossier_id, state, at in history:
        steps[dossier_id].append((state, timezone.localdate(at)))
    late = sum(1 for rows in steps.values() if _overran(rows, limits, calendar))
    figures.dossiers_late = late
    figures.dossiers_on_time = len(steps) - late


def _overran(rows: list[tuple[str, datetime.date]], limits: dict[str, int], calendar) -> bool:
    """Whether one of the standing body's steps ended after its due date (the step's limit in working days
    from the day it began; the due day itself is on time)."""
    for (state, began), (_next_state, ended) in zip(rows, rows[1:], strict=False):
        limit = limits.get(state)
        if limit is None or state in UNIT_HELD:
            continue
        if ended > calendar.add_working_days(began, limit):
            return True
    return False


def _records(period: Period, unit_ids):
    records = register.award_records(period)
    return records if unit_ids is None else records.filter(register.in_units(unit_ids))


def _awards(figures: WorkFigures, unit_ids) -> None:
    rows = (_records(figures.period, unit_ids).annotate(recipient=register.RECIPIENT).order_by()
            .values_list("award_type__level", "award_type__code", "award_type__name", "basis", "recipient")
            .annotate(n=Count("id")))
    by_level: dict[str, int] = defaultdict(int)
    by_form: dict[tuple[str, str, str], int] = defaultdict(int)
    by_method: dict[str, int] = defaultdict(int)
    by_recipient: dict[str, int] = defaultdict(int)
    for level, code, name, basis, recipient, n in rows:
        by_level[level] += n
        by_form[(level, code, name)] += n
        by_method[basis] += n
        by_recipient[recipient] += n
    figures.awards_by_level = {level: by_level.get(level, 0) for level in LEVEL_ORDER}
    rank = {level: index for index, level in enumerate(LEVEL_ORDER)}
    figures.awards_by_form = sorted((FormRow(level, code, name, n) for (level, code, name), n in by_form.items()),
                                    key=lambda row: (rank.get(row.level, 9), -row.count, row.name))
    figures.awards_by_method = {basis: by_method.get(basis, 0) for basis in AwardBasis.values}
    figures.awards_by_recipient = {kind: by_recipient.get(kind, 0) for kind in ("individual", "collective",
                                                                                 "household")}


HARD_AREA = Q()
for _prefix in ("person__unit__", "unit__", "household__unit__"):
    HARD_AREA |= (Q(**{f"{_prefix}is_remote": True}) | Q(**{f"{_prefix}is_border": True})
                  | Q(**{f"{_prefix}is_especially_difficult": True}))
MINORITY = register.ETHNIC_MINORITY
EQUITY_FILTERS = {
    "individuals": Q(person__isnull=False),
    "direct_workers": Q(person__isnull=False) & register.group_is(PersonGroup.DIRECT_WORKER),
    "women": Q(person__gender=Gender.FEMALE),
    "minorities": MINORITY,
    "hard_areas": HARD_AREA,
    "adhoc": Q(basis=AwardBasis.ADHOC),
}


def _equity(figures: WorkFigures, unit_ids) -> None:
    """Both periods in one query: conditional counts over the records of either."""
    current, previous = figures.period, figures.previous
    records = register.award_records(Period(min(current.start, previous.start), max(current.end, previous.end)))
    if unit_ids is not None:
        records = records.filter(register.in_units(unit_ids))
    aggregates = {}
    for key, period in (("cur", current), ("prev", previous)):
        within = Q(decision_date__gte=period.start, decision_date__lte=period.end)
        aggregates[f"{key}_total"] = Count("id", filter=within)
        for name, condition in EQUITY_FILTERS.items():
            aggregates[f"{key}_{name}"] = Count("id", filter=within & condition)
    values = records.filter(Q(decision_date__gte=current.start, decision_date__lte=current.end)
                            | Q(decision_date__gte=previous.start, decision_date__lte=previous.end)
                            ).aggregate(**aggregates)
    for key, target in (("cur", figures.equity), ("prev", figures.equity_previous)):
        target.total = values[f"{key}_total"]
        for name in EQUITY_FILTERS:
            setattr(target, name, values[f"{key}_{name}"])


def _tasks(figures: WorkFigures, unit_ids, today: datetime.date) -> None:
    period = figures.period
    tasks = PlanTask.objects.filter(due_date__gte=period.start, due_date__lte=period.end).exclude(
        state=TaskState.CANCELLED)
    if unit_ids is not None:
        tasks = tasks.filter(pk__in=PlanTaskUnit.objects.filter(role=UnitRole.LEAD, unit_id__in=list(unit_ids))
                             .values("task_id"))
    done = Q(state=TaskState.DONE)
    values = tasks.aggregate(due=Count("id"), done=Count("id", filter=done),
                             done_late=Count("id", filter=done & Q(completed_on__gt=F("due_date"))),
                             overdue=Count("id", filter=~done & Q(due_date__lt=today)))
    figures.tasks_due, figures.tasks_done = values["due"], values["done"]
    figures.tasks_done_late, figures.tasks_overdue = values["done_late"], values["overdue"]


def share(part: int, whole: int) -> str:
    """"12,5%" (one decimal, Vietnamese comma); "–" when there is nothing to share."""
    if not whole:
        return "–"
    return f"{100 * part / whole:.1f}%".replace(".", ",")
