"""The header's one search box: people, units, dossiers and decisions the user may read.

A fixed number of queries whatever the data (people: 2, through the people search's bounded plans; units,
dossiers, decisions: 1 each), each kind capped at LIMIT rows plus one to tell "more". Names are matched without
diacritics like the people search; a decision is found by its number as printed ("123/QĐ-UBND", "123/qd-ubnd")
or by its number alone; a dossier by its id, its cover letter number or its title. Titles are matched without
case and diacritics on both databases (tdkt.lib.textmatch, shared with the public portal's search).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from tdkt.accounts.scope import get_scope
from tdkt.decisions.queries import decisions_for_user, with_typed_number
from tdkt.dossiers.queries import dossiers_for_user
from tdkt.lib.pickers import MIN_QUERY
from tdkt.lib.textmatch import text_match
from tdkt.lib.vntext import fold, normalize
from tdkt.orgs.models import Unit
from tdkt.people.queries import pick_people

LIMIT = 20


@dataclass
class Found:
    rows: list = field(default_factory=list)
    more: bool = False


@dataclass
class Results:
    query: str
    searched: bool = False
    people: Found = field(default_factory=Found)
    units: Found = field(default_factory=Found)
    dossiers: Found = field(default_factory=Found)
    decisions: Found = field(default_factory=Found)

    @property
    def total(self) -> int:
        return sum(len(found.rows) for found in (self.people, self.units, self.dossiers, self.decisions))


def _capped(rows) -> Found:
    rows = list(rows)
    return Found(rows[:LIMIT], len(rows) > LIMIT)


def search_units(user, folded: str) -> Found:
    """Units whose folded name or code contains the folded text: one query over the readable units (a province
    has hundreds, read as three short columns), matched here because units carry no folded name column."""
    scope = get_scope(user)
    units = Unit.objects.select_related("parent").only("id", "name", "code", "dissolved_on", "parent__name")
    if not scope.read_all:
        units = units.filter(id__in=scope.readable_unit_ids)
    matches = sorted((unit for unit in units if folded in fold(unit.name) or folded == fold(unit.code)),
                     key=lambda unit: (fold(unit.name), unit.pk))
    return _capped(matches[:LIMIT + 1])


def search_dossiers(user, query: str) -> Found:
    condition = text_match("title", query) | Q(cover_letter_number__icontains=query)
    if query.isdigit() and len(query) <= 9:  # a dossier's id; longer digits are no id (and overflow SQLite)
        condition |= Q(pk=int(query))
    rows = dossiers_for_user(user).filter(condition).select_related("unit").order_by("-id")[:LIMIT + 1]
    return _capped(rows)


def search_decisions(user, query: str) -> Found:
    queryset = decisions_for_user(user).order_by("-year", "-id")
    by_number = with_typed_number(queryset, query, LIMIT + 1)
    if by_number is not None:
        return _capped(by_number)
    return _capped(queryset.filter(text_match("title", query))[:LIMIT + 1])


def search_everything(user, query: str) -> Results:
    query = normalize(query or "")[:100]
    folded = fold(query)
    results = Results(query)
    if len(folded) < MIN_QUERY:
        return results
    people, more = pick_people(user, query)
    results.searched = True
    results.people = Found(people, more)
    results.units = search_units(user, folded)
    results.dossiers = search_dossiers(user, query)
    results.decisions = search_decisions(user, query)
    return results
