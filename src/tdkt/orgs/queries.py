"""Reads for the organisation pages, with access checked in the same step."""

import re
from dataclasses import dataclass

from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.lib.vntext import fold
from tdkt.orgs.enums import GroupKind, UnitKind
from tdkt.orgs.models import Council, EmulationGroupYear, Unit


def get_unit_for_user(user, pk, *, write=False) -> Unit:
    """The unit, or 404 when the user may not see it (another unit's page does not exist for them)."""
    scope = get_scope(user)
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not scope.can_read_unit(unit.pk):
        raise Http404
    if write and not scope.write_all:
        raise Http404
    return unit


@dataclass(frozen=True)
class TreeRow:
    id: int
    name: str
    short_name: str
    code: str
    kind: str
    kind_label: str
    depth: int
    has_children: bool
    dissolved: bool


def unit_tree_rows(user, *, include_dissolved=False) -> list[TreeRow]:
    """The units the user may see, flattened depth-first for the tree page: one query."""
    scope = get_scope(user)
    queryset = Unit.objects.values_list(
        "id", "name", "short_name", "code", "kind", "parent_id", "dissolved_on"
    )
    if not include_dissolved:
        queryset = queryset.filter(dissolved_on__isnull=True)
    rows = list(queryset)
    visible = {row[0] for row in rows if scope.can_read_unit(row[0])}
    children: dict[int | None, list] = {}
    for row in rows:
        if row[0] not in visible:
            continue
        parent = row[5] if row[5] in visible else None
        children.setdefault(parent, []).append(row)
    # Vietnamese order (accents folded, so "Bảo hiểm" comes before "Bưu điện"), grouped by kind.
    kind_rank = {kind: rank for rank, kind in enumerate(UnitKind.values)}
    for siblings in children.values():
        siblings.sort(key=lambda row: (kind_rank.get(row[4], 99), natural_key(row[1])))
    labels = dict(Unit._meta.get_field("kind").flatchoices)
    flat: list[TreeRow] = []
    stack = [(row, 0) for row in reversed(children.get(None, []))]
    while stack:
        row, depth = stack.pop()
        kids = children.get(row[0], [])
        flat.append(TreeRow(row[0], row[1], row[2], row[3], row[4], str(labels.get(row[4], row[4])),
                            depth, bool(kids), row[6] is not None))
        stack.extend((kid, depth + 1) for kid in reversed(kids))
    return flat


def natural_key(text: str):
    """"Cụm số 2" before "Cụm số 10"."""
    return [int(part) if part.isdigit() else fold(part) for part in re.split(r"(\d+)", text)]


def group_years_for_user(user, year: int) -> list[EmulationGroupYear]:
    """The year's clusters first, then blocks, each in natural name order."""
    scope = get_scope(user)
    queryset = (
        EmulationGroupYear.objects.filter(year=year)
        .select_related("group")
        .prefetch_related("memberships__unit")
        .order_by("group__kind", "group__name")
    )
    if not scope.read_all:
        queryset = queryset.filter(memberships__unit_id__in=scope.readable_unit_ids).distinct()
    kind_order = {GroupKind.CLUSTER: 0, GroupKind.BLOCK: 1}
    return sorted(queryset, key=lambda gy: (kind_order.get(gy.group.kind, 2), natural_key(gy.group.name)))


def get_group_year_for_user(user, pk) -> EmulationGroupYear:
    group_year = (
        EmulationGroupYear.objects.select_related("group")
        .prefetch_related("memberships__unit")
        .filter(pk=pk)
        .first()
    )
    if group_year is None:
        raise Http404
    scope = get_scope(user)
    if not scope.read_all and not any(scope.can_read_unit(m.unit_id) for m in group_year.memberships.all()):
        raise Http404
    return group_year


def councils_for_user(user):
    scope = get_scope(user)
    queryset = Council.objects.select_related("unit")
    if not scope.read_all:
        queryset = queryset.filter(unit_id__in=scope.readable_unit_ids)
    return queryset


def get_council_for_user(user, pk) -> Council:
    council = councils_for_user(user).filter(pk=pk).first()
    if council is None:
        raise Http404
    return council
