"""Figures on the dashboard: counted within what the user may see."""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from tdkt.accounts.scope import get_scope
from tdkt.dossiers.enums import PROVINCE_STATES, DossierState
from tdkt.dossiers.queries import dossiers_for_user
from tdkt.notifications.services import unread_count
from tdkt.orgs.models import EmulationGroupYear, Unit
from tdkt.people.models import Person

# The register's sizes change slowly and counting a million-row table costs every home page a full scan that
# grows with the province's history: the figures are kept this long (per process) for the same scope.
FIGURES_CACHE_SECONDS = 300


def dashboard_figures(user) -> dict:
    """The register's sizes within what the user may read (units, communes, persons, clusters this year)."""
    scope = get_scope(user)
    year = timezone.localdate().year
    readable = "all" if scope.read_all else ",".join(map(str, sorted(scope.readable_unit_ids)))
    key = "tdkt.home.figures:" + hashlib.sha256(f"{year}:{readable}".encode()).hexdigest()
    return cache.get_or_set(key, lambda: _count_figures(scope, year), FIGURES_CACHE_SECONDS)


def _count_figures(scope, year: int) -> dict:
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
    # Only the states counted are read (the (state, step_due_on) index): the closed dossiers of past years are
    # most of the table and grow every year.
    counted = {DossierState.SUBMITTED, DossierState.RETURNED, DossierState.AWAITING_APPROVAL, *PROVINCE_STATES}
    counts = dossiers_for_user(user).filter(state__in=counted).aggregate(
        submitted=Count("id", filter=Q(state=DossierState.SUBMITTED)),
        returned=Count("id", filter=Q(state=DossierState.RETURNED)),
        awaiting=Count("id", filter=Q(state=DossierState.AWAITING_APPROVAL)),
        overdue=Count("id", filter=Q(state__in=PROVINCE_STATES, step_due_on__lt=today)),
    )
    return {**counts, "unread": unread_count(user)}
