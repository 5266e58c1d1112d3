"""The page "Phân loại đối tượng thống kê": the persons of an officer's writable units whose statistical group is
not confirmed yet, each with its suggestion, to be confirmed in bulk (tdkt.people.groups.confirm_group).

The statistical forms link here with `?unit=<id>` when they count persons "chưa phân loại": the unit's subtree
(predecessors included, as every scope), within what the officer may edit; another unit is 404."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404

from tdkt.accounts.scope import expand_units, get_scope, unit_graph
from tdkt.orgs.models import Unit
from tdkt.people.enums import PersonGroup
from tdkt.people.groups import UNCLASSIFIED, confirm_group, suggest_group
from tdkt.people.models import Person

PAGE_SIZE = 50


def writable_people(user, unit: Unit | None = None):
    """Live persons of the units this officer may edit (the province's for province-wide roles), or of `unit`'s
    subtree within them."""
    scope = get_scope(user)
    people = Person.objects.filter(merged_into__isnull=True)
    if not scope.write_all:
        people = people.filter(unit_id__in=scope.writable_unit_ids)
    if unit is not None:
        children, predecessors = unit_graph()
        people = people.filter(unit_id__in=expand_units([unit.pk], children, predecessors))
    return people


def chosen_unit(user, unit_param) -> Unit | None:
    """The `?unit=` filter: None when absent; 404 for a unit the officer may not edit or that does not exist."""
    if not unit_param:
        return None
    try:
        unit_id = int(unit_param)
    except (TypeError, ValueError):
        raise Http404 from None
    if not get_scope(user).can_write_unit(unit_id):
        raise Http404
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def filter_units(user):
    """The units the filter offers: those the officer may edit, still active."""
    scope = get_scope(user)
    units = Unit.objects.filter(dissolved_on__isnull=True).order_by("name")
    return units if scope.write_all else units.filter(pk__in=scope.writable_unit_ids)


@dataclass(frozen=True)
class Counts:
    confirmed: int
    unconfirmed: int


def counts(people) -> Counts:
    row = people.aggregate(unconfirmed=Count("id", filter=Q(statistical_group=UNCLASSIFIED)),
                           confirmed=Count("id", filter=~Q(statistical_group=UNCLASSIFIED)))
    return Counts(confirmed=row["confirmed"], unconfirmed=row["unconfirmed"])


def unconfirmed_page(people, page_param):
    """One page of these persons (writable_people) still "chưa phân loại", each with `suggested` (a PersonGroup
    value or None) and `suggested_label`. Two queries: a count and the page (unit joined)."""
    people = (people.filter(statistical_group=UNCLASSIFIED).select_related("unit")
              .order_by("name_folded", "id"))
    page = Paginator(people, PAGE_SIZE).get_page(page_param)
    for person in page.object_list:
        person.suggested = suggest_group(person.position, person.category)
        person.suggested_label = PersonGroup(person.suggested).label if person.suggested else None
    return page


@transaction.atomic
def confirm_selected(user, persons, group: str) -> tuple[int, int]:
    """Confirm the chosen persons (already restricted to the officer's units by the form) with `group`, or, when
    `group` is blank, each with its own suggestion. Returns (confirmed, left without a suggestion)."""
    if group:
        return confirm_group(persons, group, by=user), 0
    by_group: dict[str, list[int]] = {}
    skipped = 0
    for person in persons:
        suggested = suggest_group(person.position, person.category)
        if suggested:
            by_group.setdefault(suggested, []).append(person.pk)
        else:
            skipped += 1
    return sum(confirm_group(ids, value, by=user) for value, ids in by_group.items()), skipped
