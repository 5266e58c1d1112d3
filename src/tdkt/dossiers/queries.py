"""Dossiers as a user may see them. Unit users see their units' dossiers (and sub-units') and those sent to
their units' own authority; the standing body, the council and signers see all (a unit's round read only:
tdkt.dossiers.transitions.acts_for_receiver). Another unit's dossier is a 404, never a 403."""

from django.db.models import Count, F, Q
from django.http import Http404

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.dossiers.enums import LIVE_NOMINATION_STATES, PROVINCE_STATES, DossierState, EventKind, NominationState
from tdkt.dossiers.models import Dossier, DossierEvent, Nomination
from tdkt.lib.workdays import add_working_days
from tdkt.workcalendar.templatetags.workdays import working_days_left


def dossiers_for_user(user):
    scope = get_scope(user)
    queryset = Dossier.objects.all()
    if not scope.read_all:
        queryset = queryset.filter(Q(unit_id__in=scope.readable_unit_ids)
                                   | Q(receiving_authority__unit_id__in=scope.officer_unit_ids))
    return queryset


def may_read(scope, dossier) -> bool:
    """The dossier's unit is within the user's reach, or the dossier is sent to an authority the user is
    an officer of (a unit's round receives dossiers of units outside its tree only through an ancestor,
    but the rule is stated once here)."""
    if scope.can_read_unit(dossier.unit_id):
        return True
    return bool(dossier.receiving_authority_id) and dossier.receiving_authority.unit_id in scope.officer_unit_ids


def get_dossier_for_user(user, pk, *, write=False) -> Dossier:
    """The dossier if the user may read it (write=True: may act on it for its unit or as the province)."""
    scope = get_scope(user)
    dossier = Dossier.objects.select_related("unit", "group_year__group", "assignee", "movement", "call",
                                             "receiving_authority").filter(
        pk=pk).first()
    if dossier is None or not may_read(scope, dossier):
        raise Http404
    if write and not scope.can_act_for_dossier(dossier.unit_id, dossier.group_year_id):
        raise Http404
    return dossier


def get_nomination_for_user(user, pk, *, write=False) -> Nomination:
    nomination = Nomination.objects.select_related("dossier", "person", "unit", "household", "award_type").filter(
        pk=pk).first()
    if nomination is None:
        raise Http404
    get_dossier_for_user(user, nomination.dossier_id, write=write)
    return nomination


# --- lists: the unit inbox and the specialist work queue (a fixed number of queries per page) ---------------------

def due_badge(due, today):
    """Working days left (or overdue) of a step's due date, on the province's calendar; "" without a date."""
    return working_days_left(due, today)


def line_counts(dossier_ids) -> dict[int, dict[str, int]]:
    """Per dossier: number of lines and of lines to fix (one grouped query)."""
    rows = (Nomination.objects.filter(dossier_id__in=dossier_ids).values("dossier_id")
            .annotate(lines=Count("id", filter=Q(state__in=LIVE_NOMINATION_STATES)),
                      to_fix=Count("id", filter=Q(state=NominationState.NEEDS_FIX))).order_by())
    return {row["dossier_id"]: row for row in rows}


def last_return_reasons(dossier_ids) -> dict[int, str]:
    """The reason of the latest return of each returned dossier (one query)."""
    reasons: dict[int, str] = {}
    for dossier_id, reason in (DossierEvent.objects.filter(dossier_id__in=dossier_ids, kind=EventKind.STATE,
                                                           to_state=DossierState.RETURNED)
                               .order_by("dossier_id", "-at", "-id").values_list("dossier_id", "reason")):
        reasons.setdefault(dossier_id, reason)
    return reasons


def receiving_filter(user, *, all_levels: bool = False) -> Q:
    """The dossiers a user's queue holds: the province's (all levels, read only, on request) for its
    specialists; for a unit's officer, the rounds sent to the authority of the units it is an officer of."""
    scope = get_scope(user)
    if scope.roles & PROVINCE_WIDE_ROLES:
        return Q() if all_levels else Q(receiving_authority__isnull=True)
    return Q(receiving_authority__unit_id__in=scope.officer_unit_ids)


def queue_queryset(*, user, state="", kind="", unit=None, due="", days=None, assignee="", today=None,
                   all_levels=False):
    """Dossiers for the receiving side's queue, most urgent first (no COUNT: pages use cheap_page)."""
    queryset = Dossier.objects.select_related("unit", "assignee").filter(receiving_filter(user, all_levels=all_levels))
    queryset = queryset.filter(state=state) if state else queryset.filter(state__in=PROVINCE_STATES)
    if kind:
        queryset = queryset.filter(kind=kind)
    if unit is not None:
        queryset = queryset.filter(unit=unit)
    if due == "overdue":
        queryset = queryset.filter(step_due_on__lt=today)
    elif due == "soon":
        queryset = queryset.filter(step_due_on__gte=today, step_due_on__lte=add_working_days(today, days or 0))
    if assignee == "me":
        queryset = queryset.filter(assignee=user)
    elif assignee == "nobody":
        queryset = queryset.filter(assignee__isnull=True)
    return queryset.order_by(F("step_due_on").asc(nulls_last=True), "id")
