"""Figures on the dashboard: counted within what the user may see."""

from django.db.models import Count, Q
from django.utils import timezone

from tdkt.accounts.scope import get_scope
from tdkt.dossiers.enums import PROVINCE_STATES, DossierState
from tdkt.dossiers.queries import dossiers_for_user
from tdkt.notifications.services import unread_count
from tdkt.orgs.models import EmulationGroupYear, Unit
from tdkt.people.models import Person


def dashboard_figures(user) -> dict:
    scope = get_scope(user)
    year = timezone.localdate().year
    units = Unit.objects.active()
    people = Person.objects.all()
    groups = EmulationGroupYear.objects.filter(year=year)
    if not scope.read_all:
        units = units.filter(id__in=scope.readable_unit_ids)
        people = people.filter(unit_id__in=scope.readable_unit_ids)
        groups = groups.filter(memberships__unit_id__in=scope.readable_unit_ids).distinct()
    return {
        "year": year,
        "units": units.count(),
        "communes": units.filter(kind="commune").count(),
        "people": people.count(),
        "groups": groups.count(),
    }


def dossier_figures(user) -> dict:
    """What waits for the user: dossiers to receive or to complete, steps overdue, unread notifications."""
    today = timezone.localdate()
    counts = dossiers_for_user(user).aggregate(
        submitted=Count("id", filter=Q(state=DossierState.SUBMITTED)),
        returned=Count("id", filter=Q(state=DossierState.RETURNED)),
        awaiting=Count("id", filter=Q(state=DossierState.AWAITING_APPROVAL)),
        overdue=Count("id", filter=Q(state__in=PROVINCE_STATES, step_due_on__lt=today)),
    )
    return {**counts, "unread": unread_count(user)}
