"""Finding the recorded persons and collectives a list names: ONE matching for the nominee-list import
(tdkt.dossiers.nominees.matching.Resolver) and the archive digitisation (tdkt.awards.archive.matching).

Persons by folded name among a set of units (a unit, its sub-units and their predecessors: `units_of`),
ranked by the birth data the list gives (tdkt.awards.imports.persons.score): exactly one candidate not
contradicted is the person; anything else is doubtful and the officer settles it. Collectives by the folded
name (or short name) of a unit of the same set. Dossier-free, so that awards (below dossiers) can use it.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from tdkt.accounts.scope import expand_units, unit_graph
from tdkt.awards.imports.persons import DOUBTFUL, score
from tdkt.lib.vntext import fold
from tdkt.orgs.models import Unit
from tdkt.people.models import Person

NAME_CHUNK = 2000  # folded names per query


def units_of(root_ids) -> set[int]:
    """The roots, their sub-units and every predecessor of those (two queries)."""
    children, predecessors = unit_graph()
    return expand_units(set(root_ids), children, predecessors)


def persons_by_name(unit_ids, names) -> dict[str, list[dict]]:
    """Persons (not merged away) of those folded names in those units, oldest first: one query per NAME_CHUNK
    names. Each: pk, full_name, name_folded, unit_id, unit__name, birth_date (ISO text or None), birth_year.
    `unit_ids` None: every unit (the province's own archive)."""
    found: dict[str, list[dict]] = defaultdict(list)
    names = sorted(name for name in set(names) if name)
    for start in range(0, len(names), NAME_CHUNK):
        persons = Person.objects.filter(name_folded__in=names[start:start + NAME_CHUNK], merged_into__isnull=True)
        if unit_ids is not None:
            persons = persons.filter(unit_id__in=unit_ids)
        for row in persons.order_by("pk").values("pk", "full_name", "name_folded", "unit_id", "unit__name",
                                                 "birth_date", "birth_year"):
            row["birth_date"] = row["birth_date"].isoformat() if row["birth_date"] else None
            found[row["name_folded"]].append(row)
    return found


def rank(wanted: dict, candidates) -> tuple[list[tuple[int, dict]], list[dict]]:
    """(every candidate with its score, best first; those the birth data does not contradict).
    `wanted`: {"birth_date": ISO text or None, "birth_year": int or None}."""
    scored = sorted(((score(wanted, candidate), candidate) for candidate in candidates),
                    key=lambda item: (-item[0], item[1]["pk"]))
    return scored, [candidate for points, candidate in scored if points >= DOUBTFUL]


def birth_text(candidate: dict) -> str:
    if candidate.get("birth_date"):
        year, month, day = candidate["birth_date"].split("-")
        return f"{day}/{month}/{year}"
    return str(candidate.get("birth_year") or _("birth unknown"))


def units_by_name(unit_ids) -> dict[str, list[tuple[int, str]]]:
    """Folded name and short name → [(pk, name)] of those units (None: every unit); one query."""
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    units = Unit.objects.all() if unit_ids is None else Unit.objects.filter(pk__in=unit_ids)
    for pk, name, short_name in units.values_list("pk", "name", "short_name"):
        for text in {fold(name), fold(short_name)} - {""}:
            found[text].append((pk, name))
    return found
