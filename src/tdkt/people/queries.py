from django.db import connection
from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.lib.paging import CheapPage, cheap_page
from tdkt.lib.pickers import MAX_RESULTS, MIN_QUERY
from tdkt.lib.vntext import fold
from tdkt.people.models import Person

PAGE_SIZE = 50

# PostgreSQL page search (see `page_ids`): how many index entries the first, bounded walk in name order reads
# before it gives up, and how many trigram matches the second step sorts before it gives up in turn.
WALK_ENTRIES = 20_000
TRIGRAM_MATCHES = 30_000
# SQLite: a scope of at most this many units is read through (unit_id, name_folded, id) and sorted.
FEW_UNITS = 20


def people_for_user(user):
    scope = get_scope(user)
    queryset = Person.objects.select_related("unit").filter(merged_into__isnull=True)  # merged duplicates hidden
    if not scope.read_all:
        queryset = queryset.filter(unit_id__in=scope.readable_unit_ids)
    return queryset


def search_people(user, query: str = "", unit_id: int | None = None):
    """Diacritic- and case-insensitive contains-match on the name: "nguyen van an" finds "Nguyễn Văn An".

    The reference query (also the export's). The people page gets the same rows, in the same order, from
    `search_page`, which finds the page's ids first."""
    queryset = people_for_user(user)
    folded = fold(query)
    if folded:
        queryset = queryset.filter(name_folded__contains=folded)
    if unit_id:
        queryset = queryset.filter(unit_id=unit_id)
    return queryset.order_by("name_folded", "id")


def pick_people(user, query: str, unit_ids=()) -> tuple[list[Person], bool]:
    """The persons the picker offers for the typed text (tdkt.lib.pickers contract): at most MAX_RESULTS live
    persons of the user's scope whose folded name contains the folded text, in name order, narrowed to
    `unit_ids` when given, and whether there are more. Two queries, through the page search's bounded plans."""
    folded = fold(query)
    if len(folded) < MIN_QUERY:
        return [], False
    scope = get_scope(user)
    units = None if scope.read_all else set(scope.readable_unit_ids)
    if unit_ids:
        units = set(unit_ids) if units is None else units & set(unit_ids)
    ids = _PageIds(folded, None if units is None else sorted(units))[0:MAX_RESULTS + 1]
    shown = ids[:MAX_RESULTS]
    loaded = Person.objects.select_related("unit").in_bulk(shown) if shown else {}
    return [loaded[pk] for pk in shown if pk in loaded], len(ids) > MAX_RESULTS


def search_page(user, query: str, page_param) -> CheapPage:
    """One page of `search_people(user, query)` (same rows, same order, same paging as `cheap_page`), in two
    steps: the ids of the page (plus one, for "next"), then those persons with their unit, by id."""
    scope = get_scope(user)
    units = None if scope.read_all else sorted(scope.readable_unit_ids)
    ids = cheap_page(_PageIds(fold(query), units), page_param, PAGE_SIZE)
    loaded = Person.objects.select_related("unit").in_bulk(ids.items) if ids.items else {}
    return CheapPage(items=[loaded[pk] for pk in ids.items if pk in loaded], number=ids.number, has_next=ids.has_next)


class _PageIds:
    """What `cheap_page` slices: `[start:stop]` gives the ids of the matching live persons at those positions
    in the order (name_folded, id)."""

    def __init__(self, folded: str, units):
        self.folded = folded
        self.units = units

    def __getitem__(self, window: slice) -> list[int]:
        if self.units is not None and not self.units:
            return []
        if connection.vendor == "postgresql":
            return page_ids_postgresql(self.folded, self.units, window.start, window.stop)
        return page_ids_plain(self.folded, self.units, window.start, window.stop)


def page_ids_plain(folded: str, units, start: int, stop: int) -> list[int]:
    """SQLite (no trigram index): one ordered walk of the partial index (name_folded, id, unit_id) of live
    persons, which holds every column the filter needs (no table row read), stopping at the page's end; a clerk's
    few units (FEW_UNITS) through (unit_id, name_folded, id), bounded by the persons of those units. INDEXED BY: without
    statistics (no ANALYZE yet) SQLite would read every live person through the merged_into index and sort."""
    if connection.vendor != "sqlite":
        queryset = Person.objects.filter(merged_into__isnull=True)
        if units is not None:
            queryset = queryset.filter(unit_id__in=units)
        if folded:
            queryset = queryset.filter(name_folded__contains=folded)
        return list(queryset.order_by("name_folded", "id").values_list("id", flat=True)[start:stop])
    index, conditions, params = "people_person_live_name", ["merged_into_id IS NULL"], []
    if units is not None:
        if len(units) <= FEW_UNITS:  # a wide scope (a district, the province committee) walks the name index
            index = "people_person_live_unit_name"
        conditions.append(f"unit_id IN ({', '.join(['%s'] * len(units))})")
        params += units
    if folded:
        conditions.append("name_folded LIKE %s ESCAPE '\\'")
        params.append(_like(folded))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM people_person INDEXED BY {index} WHERE {' AND '.join(conditions)} "
                       "ORDER BY name_folded, id LIMIT %s OFFSET %s", [*params, stop - start, start])
        return [row[0] for row in cursor.fetchall()]


def _like(folded: str) -> str:
    return "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def page_ids_postgresql(folded: str, units, start: int, stop: int) -> list[int]:
    """The page's ids in at most three steps, each bounded, each an index plan the planner cannot get wrong
    (it estimates every LIKE '%…%' at about 1% of the rows, so it walked the name index past 775,000 rows
    for "phung"):

    1. a bounded walk: the first WALK_ENTRIES entries of the partial covering index (name_folded, id)
       INCLUDE (unit_id) of live persons, in order, filtered in the index (index-only). Enough when the
       matches are dense (no query, "thi mai", "van an").
    2. otherwise the matches themselves, found without regard to order (the trigram index, or the reader's
       units through (unit_id, name_folded, id)), at most TRIGRAM_MATCHES of them, sorted by the database:
       selective queries ("nguyen van an", "phung", "qwerty") and a clerk's units.
    3. otherwise (a query matching more persons than that, all far from the start of the alphabet:
       "nguyen"): the unbounded ordered walk of the same covering index, index-only.
    """
    want = stop
    pattern = _like(folded) if folded else None
    filters = []
    params = {"want": want, "start": start, "rows": stop - start, "walk": WALK_ENTRIES, "cap": TRIGRAM_MATCHES,
              "pattern": pattern, "units": units}
    if units is not None:
        filters.append("unit_id = ANY(%(units)s)")
    if pattern is not None:
        filters.append("name_folded LIKE %(pattern)s")
    walk_where = " AND ".join(filters) or "true"
    where = " AND ".join(["merged_into_id IS NULL", *filters])
    with connection.cursor() as cursor:
        # One statement for steps 1 and 2: the walk streams and stops at the page's end; the CTE `found` is
        # computed only when a CASE needs it, i.e. when the walk came back short.
        cursor.execute(
            "WITH page AS MATERIALIZED (SELECT array(SELECT id FROM (SELECT id, name_folded, unit_id "
            "FROM people_person WHERE merged_into_id IS NULL ORDER BY name_folded, id LIMIT %(walk)s) walk "
            f"WHERE {walk_where} ORDER BY name_folded, id LIMIT %(want)s) AS ids), "
            "found AS MATERIALIZED (SELECT id, name_folded FROM people_person "
            f"WHERE {where} LIMIT %(cap)s) "
            "SELECT ids, CASE WHEN cardinality(ids) < %(want)s THEN (SELECT count(*) FROM found) END, "
            "CASE WHEN cardinality(ids) < %(want)s THEN "
            "array(SELECT id FROM found ORDER BY name_folded, id LIMIT %(want)s) END FROM page",
            params)
        ids, found, found_ids = cursor.fetchone()
        if len(ids) >= want:
            return ids[start:]
        if found < TRIGRAM_MATCHES:
            return found_ids[start:]
        cursor.execute(
            f"SELECT id FROM people_person WHERE {where} ORDER BY name_folded, id LIMIT %(rows)s OFFSET %(start)s",
            params)
        return [row[0] for row in cursor.fetchall()]


def get_person_for_user(user, pk, *, write=False) -> Person:
    scope = get_scope(user)
    person = Person.objects.select_related("unit", "group_confirmed_by").filter(pk=pk).first()
    if person is None or not scope.can_read_unit(person.unit_id):
        raise Http404
    if write and not scope.can_write_unit(person.unit_id):
        raise Http404
    return person
