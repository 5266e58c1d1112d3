"""Figures on the dashboard: counted within what the user may see."""

from django.utils import timezone

from tdkt.accounts.scope import get_scope
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
