"""Counts of the training register by unit, for a period: what the year-end work report (tdkt.reports.work)
and the Excel export read. A fixed number of queries whatever the number of units or classes.

- classes: classes held (held or closed) that the unit organised, by their first day in the period;
- trainees: trainees the unit sent (the trainee's unit at enrolment) to classes held in the period;
- attended: of those, trainees present on at least one day;
- passed: of those, trainees whose result is "passed"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from tdkt.training.enums import HELD_STATES, TraineeResult
from tdkt.training.models import Attendance, Trainee, Training


@dataclass
class UnitCounts:
    unit_id: int
    name: str
    classes: int = 0
    trainees: int = 0
    attended: int = 0
    passed: int = 0


@dataclass(frozen=True)
class Totals:
    classes: int
    trainees: int
    attended: int
    passed: int


def _held(start: datetime.date, end: datetime.date):
    return Training.objects.filter(state__in=HELD_STATES, starts_on__gte=start, starts_on__lte=end)


def by_unit(start: datetime.date, end: datetime.date, unit_ids=None) -> list[UnitCounts]:
    """One row per unit with a class or a trainee in the period, by unit name; `unit_ids` limits the units
    (a unit's subtree, a clerk's scope), None for the province. Two queries."""
    held = _held(start, end)
    classes = held if unit_ids is None else held.filter(organiser_id__in=list(unit_ids))
    rows: dict[int, UnitCounts] = {}
    for item in classes.values("organiser_id", "organiser__name").annotate(n=Count("id")):
        rows[item["organiser_id"]] = UnitCounts(item["organiser_id"], item["organiser__name"], classes=item["n"])
    trainees = Trainee.objects.filter(training__in=held)
    if unit_ids is not None:
        trainees = trainees.filter(unit_id__in=list(unit_ids))
    present = Attendance.objects.filter(trainee_id=OuterRef("pk"), present=True)
    counted = trainees.annotate(was_present=Exists(present)).values("unit_id", "unit__name").annotate(
        n=Count("id"), attended=Count("id", filter=Q(was_present=True)),
        passed=Count("id", filter=Q(result=TraineeResult.PASSED)))
    for item in counted:
        row = rows.setdefault(item["unit_id"], UnitCounts(item["unit_id"], item["unit__name"]))
        row.trainees, row.attended, row.passed = item["n"], item["attended"], item["passed"]
    return sorted(rows.values(), key=lambda row: (row.name, row.unit_id))


def totals(start: datetime.date, end: datetime.date, unit_ids=None) -> Totals:
    """The sums of `by_unit` (what the year-end report's sentence says)."""
    return totals_of(by_unit(start, end, unit_ids))


def totals_of(rows: list[UnitCounts]) -> Totals:
    return Totals(classes=sum(r.classes for r in rows), trainees=sum(r.trainees for r in rows),
                  attended=sum(r.attended for r in rows), passed=sum(r.passed for r in rows))


def sentence(counts: Totals) -> str:
    """The year-end report's sentence on training (Vietnamese: the document's language)."""
    if not counts.classes and not counts.trainees:
        return "Trong kỳ không có lớp tập huấn, bồi dưỡng nghiệp vụ thi đua, khen thưởng nào được ghi nhận trong hệ thống."
    return (f"Trong kỳ đã tổ chức {counts.classes:02d} lớp tập huấn, bồi dưỡng nghiệp vụ thi đua, khen thưởng với "
            f"{counts.trainees} lượt học viên được cử tham gia, trong đó {counts.attended} lượt có mặt, "
            f"{counts.passed} lượt đạt yêu cầu.")
