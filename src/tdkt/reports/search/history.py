"""A person's or a collective's full history for printing: the same rows the profile pages show
(tdkt.awards.queries), a collective's with its predecessors' (a merged unit's old awards stay its history)."""

from __future__ import annotations

from django.http import Http404

from tdkt.accounts.scope import Scope, expand_units, predecessor_map
from tdkt.awards.models import AwardRecord, OpenCase, Rating
from tdkt.awards.queries import Timeline, YearRow, person_timeline
from tdkt.orgs.models import Unit
from tdkt.people.models import Person


def person_for_print(scope: Scope, pk) -> Person:
    """The person, 404 outside the reader's units."""
    person = Person.objects.select_related("unit").filter(pk=pk).first()
    if person is None or not scope.can_read_unit(person.unit_id):
        raise Http404
    return person


def unit_for_print(scope: Scope, pk) -> Unit:
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not scope.can_read_unit(unit.pk):
        raise Http404
    return unit


def person_history(person: Person) -> Timeline:
    return person_timeline(person)


def unit_lineage(unit: Unit) -> list[Unit]:
    """The unit and its predecessors (recursively), the unit first."""
    ids = expand_units([unit.pk], {}, predecessor_map())
    others = Unit.objects.filter(pk__in=ids - {unit.pk}).order_by("name")
    return [unit, *others]


def collective_history(lineage: list[Unit]) -> Timeline:
    """Collective awards, ratings and cases of the unit and its predecessors, by year: three queries."""
    ids = [unit.pk for unit in lineage]
    rows: dict[int, YearRow] = {}
    for rating in Rating.objects.filter(unit_id__in=ids).select_related("unit").order_by("year", "unit__name"):
        rows.setdefault(rating.year, YearRow(rating.year)).ratings.append(rating)
    for award in (AwardRecord.objects.filter(unit_id__in=ids).select_related("award_type", "unit", "archived_document")
                  .order_by("year", "decision_date", "id")):
        rows.setdefault(award.year, YearRow(award.year)).awards.append(award)
    cases = list(OpenCase.objects.filter(unit_id__in=ids).order_by("opened_on"))
    return Timeline(years=[rows[year] for year in sorted(rows)],
                    open_cases=[case for case in cases if case.is_open],
                    closed_cases=[case for case in cases if not case.is_open])
