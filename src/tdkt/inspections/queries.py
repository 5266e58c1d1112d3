"""Reads of the inspections register, scoped: a unit's officers see the inspections of their units and only
their own units' records; another unit's inspection, record or recommendation is 404."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.inspections import rules
from tdkt.inspections.enums import UNIT_OWES_STATES, RecommendationState
from tdkt.inspections.models import InspectedUnit, Inspection, Recommendation, TeamMember

HOME_LIMIT = 20  # overdue recommendations listed on the home page (the register lists them all)


def _team_of(user):
    return TeamMember.objects.filter(inspection_id=OuterRef("pk"), user_id=user.pk)


def inspections_for_user(user):
    scope = get_scope(user)
    inspections = Inspection.objects.all()
    if scope.read_all:
        return inspections
    if not getattr(user, "is_authenticated", False):
        return inspections.none()
    mine = InspectedUnit.objects.filter(inspection_id=OuterRef("pk"), unit_id__in=scope.readable_unit_ids)
    return inspections.filter(Q(Exists(mine)) | Q(Exists(_team_of(user))))


def register(user, year: int | None = None):
    """The list: each inspection with its counts (one query). A unit user's counts cover its units only."""
    scope = get_scope(user)
    inspections = inspections_for_user(user)
    if year:
        inspections = inspections.filter(year=year)
    own = Q() if scope.read_all else Q(records__unit_id__in=scope.readable_unit_ids)
    return inspections.select_related("plan_task").annotate(
        unit_count=Count("records", filter=own, distinct=True),
        recommendation_count=Count("records__recommendations", filter=own, distinct=True),
        closed_count=Count("records__recommendations", distinct=True,
                           filter=own & Q(records__recommendations__state=RecommendationState.CLOSED)),
    ).order_by("-year", "starts_on", "id")


def get_inspection_for_user(user, pk) -> Inspection:
    inspection = inspections_for_user(user).select_related("plan_task").filter(pk=pk).first()
    if inspection is None:
        raise Http404
    return inspection


def records_for_user(user, inspection):
    """The inspection's records the user may read: all for the team and province-wide readers, else his
    units' own."""
    records = inspection.records.select_related("unit").annotate(
        recommendation_count=Count("recommendations"),
        open_count=Count("recommendations", filter=~Q(recommendations__state=RecommendationState.CLOSED)))
    scope = get_scope(user)
    if scope.read_all or rules.is_team(user, inspection):
        return records
    return records.filter(unit_id__in=scope.readable_unit_ids)


def get_record_for_user(user, pk) -> InspectedUnit:
    record = InspectedUnit.objects.select_related("inspection__plan_task", "unit").filter(pk=pk).first()
    scope = get_scope(user)
    if record is None or not (scope.read_all or scope.can_read_unit(record.unit_id)
                              or rules.is_team(user, record.inspection)):
        raise Http404
    return record


def get_recommendation_for_user(user, pk, write=False) -> Recommendation:
    item = Recommendation.objects.select_related("record__inspection", "record__unit").filter(pk=pk).first()
    scope = get_scope(user)
    if item is None or not (scope.read_all or scope.can_read_unit(item.record.unit_id)
                            or rules.is_team(user, item.record.inspection)):
        raise Http404
    return item


def overdue(today: datetime.date):
    """Recommendations whose follow-up the unit still owes past their due date."""
    return Recommendation.objects.filter(state__in=UNIT_OWES_STATES, due_on__lt=today)


def overdue_for_home(user, today: datetime.date) -> list[Recommendation]:
    """The home page's list (one query): for a unit's officers, their units' overdue recommendations; for the
    standing body, every unit's; nothing for the others."""
    scope = get_scope(user)
    items = overdue(today)
    if not scope.write_all:
        if not scope.writable_unit_ids:
            return []
        items = items.filter(record__unit_id__in=scope.writable_unit_ids)
    return list(items.select_related("record__unit", "record__inspection").order_by("due_on", "id")[:HOME_LIMIT + 1])


@dataclass(frozen=True)
class YearFigures:
    """The inspection figures of a report's period (tdkt.reports.work)."""

    inspections: int
    units: int
    recommendations: int
    closed: int
    overdue: list  # Recommendation rows, with unit and inspection


def figures(start: datetime.date, end: datetime.date, unit_ids=None, *, today: datetime.date) -> YearFigures:
    """Inspections that started in [start, end] (for a unit: of the units in `unit_ids`), their
    recommendations, and those overdue on `today`. Two queries."""
    records = InspectedUnit.objects.filter(inspection__starts_on__range=(start, end))
    if unit_ids is not None:
        records = records.filter(unit_id__in=list(unit_ids))
    counts = records.aggregate(  # aliases unlike the relation's name, which the filter below uses
        n_inspections=Count("inspection", distinct=True), n_units=Count("id", distinct=True),
        n_recommendations=Count("recommendations", distinct=True),
        n_closed=Count("recommendations", distinct=True,
                       filter=Q(recommendations__state=RecommendationState.CLOSED)))
    late = list(overdue(today).filter(record__in=records).select_related("record__unit", "record__inspection")
                .order_by("due_on", "id"))
    return YearFigures(inspections=counts["n_inspections"], units=counts["n_units"],
                       recommendations=counts["n_recommendations"], closed=counts["n_closed"], overdue=late)
