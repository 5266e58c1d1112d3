"""Reads for the organisation pages, with access checked in the same step."""

import re
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.lib.paging import CheapPage
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


TREE_PAGE_SIZE = 100  # rows of one level or of one search on the unit page: the page stays small at any size


@dataclass(frozen=True)
class TreeLevel:
    """One page of the folded unit tree: the opened unit (None at the top) with its ancestors, and the page of its
    visible children (or of the units matching a search)."""

    opened: TreeRow | None
    ancestors: list  # [(id, name)] from the top down to the opened unit's parent
    page: CheapPage  # its items: [TreeRow], each with the number of its visible children in child_count


@dataclass(frozen=True)
class LevelRow:
    id: int
    name: str
    code: str
    kind_label: str
    child_count: int
    dissolved: bool
    parent_name: str = ""


def unit_tree_level(user, *, parent_id=None, query: str = "", include_dissolved=False, page=1) -> TreeLevel:
    """The unit page folded on the server (issue 23): one level at a time, children loaded when a unit is opened,
    or the units whose name or code matches a search; TREE_PAGE_SIZE rows a page; one query whatever the number of units
    (the scope's aside). Opened at the top, a single visible root opens by itself (the province's committee).

    Reads only (id, name, code, kind, parent, dissolved) of the visible units, in one query; the ordering, the
    child counts and the search (accents folded) are done on those tuples, and only the page is rendered."""
    scope = get_scope(user)
    queryset = Unit.objects.values_list("id", "name", "code", "kind", "parent_id", "dissolved_on")
    if not include_dissolved:
        queryset = queryset.filter(dissolved_on__isnull=True)
    if scope.read_all and not query:
        return _read_all_level(queryset, parent_id, page, include_dissolved)
    if not scope.read_all:
        queryset = queryset.filter(pk__in=scope.readable_unit_ids)
    units = {row[0]: row for row in queryset}
    children: dict[int | None, list] = {}
    for row in units.values():
        children.setdefault(row[4] if row[4] in units else None, []).append(row)
    labels = dict(Unit._meta.get_field("kind").flatchoices)
    kind_rank = {kind: rank for rank, kind in enumerate(UnitKind.values)}

    def level_row(row, parent_name=""):
        return LevelRow(row[0], row[1], row[2], str(labels.get(row[3], row[3])), len(children.get(row[0], ())),
                        row[5] is not None, parent_name)

    if parent_id is None and len(children.get(None, [])) == 1 and not query:
        parent_id = children[None][0][0]
    opened, ancestors = None, []
    if parent_id is not None:
        if parent_id not in units:
            raise Http404
        opened = level_row(units[parent_id])
        up = units[parent_id][4]
        while up in units:
            ancestors.insert(0, (up, units[up][1]))
            up = units[up][4]
    if query:
        needle = fold(query).strip()
        found = [row for row in units.values() if needle in fold(row[1]) or needle in row[2].lower()]
    else:
        found = list(children.get(parent_id, []))
    found.sort(key=lambda row: (kind_rank.get(row[3], 99), natural_key(row[1])))
    number = max(1, page)
    start = (number - 1) * TREE_PAGE_SIZE
    chosen = found[start:start + TREE_PAGE_SIZE]
    rows = [level_row(row, units[row[4]][1] if query and row[4] in units else "") for row in chosen]
    return TreeLevel(opened, ancestors, CheapPage(rows, number, len(found) > start + TREE_PAGE_SIZE))


def _read_all_level(queryset, parent_id: int | None, page: int, include_dissolved: bool) -> TreeLevel:
    """A province-wide reader: the opened unit's children with their own child counts in one query, the unit
    with its ancestors (one query a level, four levels in a province) — nothing else of the province is read.
    At the top, the roots (units without a parent, or whose parent is dissolved and hidden)."""
    labels = dict(Unit._meta.get_field("kind").flatchoices)
    kind_rank = {kind: rank for rank, kind in enumerate(UnitKind.values)}
    top = Q(parent__isnull=True) if include_dissolved else Q(parent__isnull=True) | Q(parent__dissolved_on__isnull=False)
    if parent_id is None:
        roots = list(queryset.filter(top).values_list("id", flat=True)[:2])
        if len(roots) == 1:  # the province's committee opens by itself
            parent_id = roots[0]
    chain, up = [], parent_id
    while up is not None and len(chain) < 10:  # services refuse a cycle; bounded anyway
        row = queryset.filter(pk=up).first()
        if row is None:
            if not chain:
                raise Http404
            break
        chain.insert(0, row)
        up = row[4]
    live = Q() if include_dissolved else Q(children__dissolved_on__isnull=True)
    kids = queryset.filter(top if parent_id is None else Q(parent_id=parent_id)).annotate(
        kids=Count("children", filter=live)).values_list("id", "name", "code", "kind", "parent_id", "dissolved_on", "kids")
    found = sorted(kids, key=lambda row: (kind_rank.get(row[3], 99), natural_key(row[1])))
    number = max(1, page)
    start = (number - 1) * TREE_PAGE_SIZE

    def level_row(row, count):
        return LevelRow(row[0], row[1], row[2], str(labels.get(row[3], row[3])), count, row[5] is not None)

    rows = [level_row(row, row[6]) for row in found[start:start + TREE_PAGE_SIZE]]
    return TreeLevel(level_row(chain[-1], len(found)) if chain else None, [(row[0], row[1]) for row in chain[:-1]],
                     CheapPage(rows, number, len(found) > start + TREE_PAGE_SIZE))


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
