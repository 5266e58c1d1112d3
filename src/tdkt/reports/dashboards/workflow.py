"""Workflow figures of the dashboards: dossiers by state and overdue steps, processing time per step (from the
dossiers' state changes, in the province's working days), and cluster and block scoring over the years."""

from __future__ import annotations

import datetime
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, Sum
from django.utils import timezone

from tdkt.dossiers.deadlines import step_limits
from tdkt.dossiers.enums import CLOSED_STATES, DossierState, EventKind
from tdkt.dossiers.models import Dossier, DossierEvent
from tdkt.movements.scoring.enums import RoundKind
from tdkt.movements.scoring.models import SelfScore
from tdkt.reports.periods import Period
from tdkt.workcalendar.calendar import current_calendar


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _dossiers(period: Period, unit_ids):
    """Dossiers opened in the period (by creation date, local time), of the units when given. A range of
    instants, not `created_at__date`: that casts every row (a function call per row on SQLite)."""
    dossiers = Dossier.objects.filter(created_at__gte=_day_start(period.start),
                                      created_at__lt=_day_start(period.end + datetime.timedelta(days=1)))
    return dossiers if unit_ids is None else dossiers.filter(unit_id__in=list(unit_ids))


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int
    overdue: int


def dossiers_by_state(period: Period, unit_ids, today) -> list[StateCount]:
    """Dossiers opened in the period by their state now, with those whose current step is past its due date
    (closed dossiers are never overdue). One query; states in the workflow's order."""
    rows = {row["state"]: row for row in _dossiers(period, unit_ids).values("state").annotate(
        n=Count("id"), overdue=Count("id", filter=Q(step_due_on__lt=today) & ~Q(state__in=CLOSED_STATES)))
        .order_by()}
    return [StateCount(state.value, str(state.label), rows[state.value]["n"], rows[state.value]["overdue"])
            for state in DossierState if state.value in rows]


@dataclass(frozen=True)
class StepTime:
    state: str
    label: str
    count: int
    median: float
    p90: int
    limit: int | None
    within_limit: int

    @property
    def over_limit(self) -> int:
        return self.count - self.within_limit if self.limit is not None else 0


def percentile(values: list[int], share: float) -> int:
    """Nearest-rank percentile (the smallest value with at least `share` of the values at or below it)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


class WorkingDayCounter:
    """Working days between two dates of a span in constant time: the running count of the province's working
    days over the span, read once from its calendar (tdkt.workcalendar)."""

    def __init__(self, first: datetime.date, last: datetime.date):
        calendar = current_calendar()
        self.first = first.toordinal()
        running, self.counts = 0, []
        for ordinal in range(self.first, last.toordinal() + 1):
            running += calendar.is_working_day(datetime.date.fromordinal(ordinal))
            self.counts.append(running)

    def between(self, start: datetime.date, end: datetime.date) -> int:
        """As tdkt.workcalendar.calendar.working_days_between: after `start`, up to and including `end`."""
        if end <= start:
            return 0
        return self.counts[end.toordinal() - self.first] - self.counts[start.toordinal() - self.first]


def step_times(period: Period, unit_ids) -> list[StepTime]:
    """Working days spent in each state by the dossiers opened in the period: from entering a state to the next
    state change (a step not yet left is not counted). One query for the changes, one each for the calendar
    and the step limits."""
    events = (DossierEvent.objects.filter(dossier__in=_dossiers(period, unit_ids), kind=EventKind.STATE,
                                          nomination__isnull=True)
              .order_by("dossier_id", "at", "id").values_list("dossier_id", "to_state", "at"))
    tz = timezone.get_current_timezone()
    changes = [(dossier_id, state, at.astimezone(tz).date()) for dossier_id, state, at in events]
    counter = WorkingDayCounter(min((c[2] for c in changes), default=period.start),
                                max((c[2] for c in changes), default=period.start))
    durations: dict[str, list[int]] = defaultdict(list)
    previous = None
    for change in changes:
        if previous is not None and previous[0] == change[0] and previous[1]:
            durations[previous[1]].append(counter.between(previous[2], change[2]))
        previous = change
    limits = step_limits()
    result = []
    for state in DossierState:
        spent = durations.get(state.value)
        if not spent:
            continue
        limit = limits.get(state.value)
        within = sum(1 for days in spent if limit is not None and days <= limit)
        result.append(StepTime(state.value, str(state.label), len(spent), statistics.median(spent),
                               percentile(spent, 0.9), limit, within))
    return result


@dataclass(frozen=True)
class GroupScores:
    group_id: int
    name: str
    kind: str
    by_year: dict[int, Decimal]  # year -> average total per scored member unit


def scoring_over_years(years: list[int], unit_ids) -> list[GroupScores]:
    """Clusters and blocks: each year's average total per scored unit (points × weight), from the year-end
    round where it has scores, else the mid-year round; for a unit's dashboard, the scores of its own units.
    One aggregate query."""
    scores = SelfScore.objects.filter(points__isnull=False, sheet__round__group_year__year__gte=years[0],
                                      sheet__round__group_year__year__lte=years[-1])
    if unit_ids is not None:
        scores = scores.filter(sheet__unit_id__in=list(unit_ids))
    rows = (scores.values("sheet__round__group_year__group_id", "sheet__round__group_year__group__name",
                          "sheet__round__group_year__group__kind", "sheet__round__group_year__year",
                          "sheet__round__kind")
            .annotate(total=Sum(F("points") * F("criterion__weight"),
                                output_field=DecimalField(max_digits=14, decimal_places=4)),
                      units=Count("sheet__unit_id", distinct=True)).order_by())
    chosen: dict[tuple[int, int], dict] = {}
    names: dict[int, tuple[str, str]] = {}
    for row in rows:
        group_id, year = row["sheet__round__group_year__group_id"], row["sheet__round__group_year__year"]
        names[group_id] = (row["sheet__round__group_year__group__name"], row["sheet__round__group_year__group__kind"])
        key = (group_id, year)
        if key not in chosen or row["sheet__round__kind"] == RoundKind.YEAR_END:
            chosen[key] = row
    by_group: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for (group_id, year), row in chosen.items():
        by_group[group_id][year] = (row["total"] / row["units"]).quantize(Decimal("0.01"))
    return sorted((GroupScores(group_id, names[group_id][0], names[group_id][1], dict(sorted(values.items())))
                   for group_id, values in by_group.items()), key=lambda g: (g.kind, g.name))
