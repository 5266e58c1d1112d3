"""Reads for the movement pages, with access checked in the same step and a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.dossiers.queries import dossiers_for_user
from tdkt.movements.enums import DurationBand, MovementKind, MovementScope, RegistrationState
from tdkt.movements.models import Movement, MovementReview, Registration
from tdkt.movements.reviews import award_figures, award_records, decisions_of


def movements(*, level: str | None = None, kind: str | None = None, year: int | None = None):
    """Every signed-in user sees every movement (they are launched for all); filters are optional."""
    queryset = Movement.objects.select_related("launching_unit", "standing_unit").annotate(
        milestone_count=Count("milestones", distinct=True))
    if level:
        queryset = queryset.filter(level=level)
    if kind:
        queryset = queryset.filter(kind=kind)
    if year:
        queryset = queryset.filter(start_date__year__lte=year).filter(Q(end_date__isnull=True)
                                                                      | Q(end_date__year__gte=year))
    return queryset.order_by("-start_date", "name")


def get_movement(pk) -> Movement:
    movement = Movement.objects.select_related("launching_unit", "standing_unit").filter(pk=pk).first()
    if movement is None:
        raise Http404
    return movement


def movement_page(user, movement: Movement) -> dict:
    """Everything the movement page shows, whatever the numbers of rows: a fixed number of queries
    (tests/movements/test_reviews.py pins it). Dossiers, awards and figures are those of the dossiers the user
    may read (a unit sees its own)."""
    scope = get_scope(user)
    dossiers = dossiers_for_user(user).filter(movement=movement)
    registrations = Registration.objects.filter(movement=movement)
    if not scope.read_all:
        registrations = registrations.filter(unit_id__in=scope.readable_unit_ids)
    summary = {row["state"]: row["n"] for row in registrations.values("state").annotate(n=Count("id"))}
    return {
        "statistics": statistics_of(movement),
        "phases": list(movement.phases.all()),
        "milestones": list(movement.milestones.all()),
        "documents": list(movement.documents.all()),
        "participants": list(movement.participants.select_related("unit", "group").order_by("group__name",
                                                                                            "unit__name")),
        "registration_summary": {"draft": summary.get(RegistrationState.DRAFT, 0),
                                 "submitted": summary.get(RegistrationState.SUBMITTED, 0)},
        "dossiers": list(dossiers.select_related("unit").order_by("-id")[:200]),
        "figures": award_figures(dossiers),
        "awards": award_records(dossiers),
        "reviews": list(MovementReview.objects.filter(movement=movement).select_related("call")
                        .order_by("held_on", "id")),
    }


def get_review(pk) -> MovementReview:
    review = MovementReview.objects.select_related("movement", "call").filter(pk=pk).first()
    if review is None:
        raise Http404
    return review


def review_page(user, review: MovementReview) -> dict:
    """The review page: its round's dossiers the user may read, their figures, awards and decisions."""
    dossiers = dossiers_for_user(user).filter(call_id=review.call_id)
    return {"dossiers": list(dossiers.select_related("unit").order_by("-id")[:200]),
            "figures": award_figures(dossiers), "awards": award_records(dossiers),
            "decisions": decisions_of(dossiers)}


def get_registration_for_user(user, pk, *, write=False) -> Registration:
    scope = get_scope(user)
    registration = (Registration.objects.select_related("unit", "movement", "collective_award", "submitted_by")
                    .filter(pk=pk).first())
    if registration is None or not scope.can_read_unit(registration.unit_id):
        raise Http404
    if write and not scope.can_write_unit(registration.unit_id):
        raise Http404
    return registration


def statistics_of(movement: Movement) -> dict:
    """The movement's dimensions in the form 0601.N, as labels: its scope (recorded or derived), duration band
    (None without an end date: the form counts it apart) and method."""
    band = movement.duration_band
    return {"scope": MovementScope(movement.statistical_scope).label, "scope_derived": not movement.scope,
            "duration_band": DurationBand(band).label if band else None,
            "method": MovementKind(movement.method).label}
