"""Matching the lines of a parsed list to the registry, in bulk: awards (AwardMatcher: two queries), persons
(the history import's PersonIndex and scoring, tdkt.awards.imports.persons, over the dossier's units),
citizen IDs (one query), collectives by name (one query), and the lines already in the dossier.

A person is looked for among the dossier's unit, its sub-units (and the members of its cluster or block
for a group dossier) by folded name; the birth date or year, when written, must agree
(tdkt.awards.imports.persons.score). A nominee list is the unit's own staff: one person of that name whose
birth data does not contradict the row is that person; two or more are an error naming the candidates.
A citizen ID written on the row decides on its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tdkt.accounts.scope import expand_units, unit_graph
from tdkt.awards.imports.persons import DOUBTFUL, PersonIndex, score
from tdkt.awards.matching import AwardMatcher
from tdkt.dossiers.models import Nomination
from tdkt.dossiers.nominees import columns as C
from tdkt.dossiers.nominees.parsing import COLLECTIVE, ListProblem, ParsedLine, ParsedList
from tdkt.lib.vntext import fold
from tdkt.orgs.models import EmulationGroupMembership, Unit
from tdkt.people.models import Person


@dataclass
class ResolvedLine:
    parsed: ParsedLine
    award_type: object
    person_id: int | None = None
    unit_id: int | None = None
    new_person_key: str = ""  # set when the person is to be created

    @property
    def recipient_key(self) -> tuple[str, object]:
        if self.unit_id:
            return "unit", self.unit_id
        return ("person", self.person_id) if self.person_id else ("new", self.new_person_key)


def dossier_unit_ids(dossier) -> set[int]:
    """The units whose people and collectives a dossier may nominate (two or three queries)."""
    children, predecessors = unit_graph()
    roots = {dossier.unit_id}
    if dossier.group_year_id:
        roots |= set(EmulationGroupMembership.objects.filter(group_year_id=dossier.group_year_id)
                     .values_list("unit_id", flat=True))
    return expand_units(roots, children, predecessors)


def _birth_text(candidate: dict) -> str:
    if candidate.get("birth_date"):
        year, month, day = candidate["birth_date"].split("-")
        return f"{day}/{month}/{year}"
    return str(candidate.get("birth_year") or _("birth unknown"))


class Resolver:
    """Resolves a whole parsed list with a fixed number of queries."""

    def __init__(self, dossier, parsed: ParsedList, *, create_missing: bool):
        self.dossier = dossier
        self.parsed = parsed
        self.create_missing = create_missing
        self.problems: list[ListProblem] = []
        self.unit_ids = dossier_unit_ids(dossier)

    def problem(self, line: ParsedLine, column: str, message: str) -> None:
        self.problems.append(ListProblem(line.row, self.parsed.heading(column), message))

    def resolve(self) -> list[ResolvedLine]:
        lines = self.parsed.lines
        matcher = AwardMatcher()
        people = [line for line in lines if line.kind != COLLECTIVE]
        collectives = [line for line in lines if line.kind == COLLECTIVE]
        index = PersonIndex({(unit_id, line.name_folded) for unit_id in self.unit_ids for line in people})
        by_name: dict[str, list[dict]] = defaultdict(list)
        for (_unit_id, name), rows in index.by_unit_name.items():
            by_name[name].extend(rows)
        by_national_id = self._persons_by_national_id(people)
        units_by_name = self._units_by_name() if collectives else {}
        resolved: list[ResolvedLine] = []
        for line in lines:
            award = self._award(matcher, line)
            if line.kind == COLLECTIVE:
                found = self._collective(line, units_by_name)
                if found is not None and award is not None:
                    resolved.append(ResolvedLine(line, award, unit_id=found))
            else:
                found = self._person(line, by_name, by_national_id)
                if found is not None and award is not None:
                    person_id, key = found
                    resolved.append(ResolvedLine(line, award, person_id=person_id, new_person_key=key))
        self._duplicates(resolved)
        self.problems.sort(key=lambda p: (p.row or 0))
        return resolved

    # --- awards -----------------------------------------------------------------------------------------

    def _award(self, matcher: AwardMatcher, line: ParsedLine):
        award = matcher.match(line.award_text)
        if award is None:
            suggestions = matcher.suggest(line.award_text)
            message = _("“%(text)s” is not a known award.") % {"text": line.award_text}
            if suggestions:
                message += " " + _("Did you mean: %(names)s?") % {
                    "names": ", ".join(f"“{s.name}”" for s in suggestions)}
            self.problem(line, C.AWARD, message)
            return None
        if not award.active:
            self.problem(line, C.AWARD, _("“%(award)s” is no longer awarded.") % {"award": award.name})
            return None
        fits = award.for_collective if line.kind == COLLECTIVE else award.for_individual
        if not fits:
            message = (_("“%(award)s” is not awarded to collectives.") if line.kind == COLLECTIVE
                       else _("“%(award)s” is not awarded to individuals.")) % {"award": award.name}
            self.problem(line, C.AWARD, message)
            return None
        return award

    # --- persons ----------------------------------------------------------------------------------------

    def _persons_by_national_id(self, people) -> dict[str, dict]:
        ids = {line.national_id for line in people if line.national_id}
        if not ids:
            return {}
        rows = Person.objects.filter(national_id__in=ids, merged_into__isnull=True).values(
            "pk", "full_name", "name_folded", "unit_id", "national_id")
        return {row["national_id"]: row for row in rows}

    def _person(self, line: ParsedLine, by_name, by_national_id) -> tuple[int | None, str] | None:
        if line.national_id and line.national_id in by_national_id:
            row = by_national_id[line.national_id]
            if row["unit_id"] not in self.unit_ids:
                self.problem(line, C.NATIONAL_ID, _("this citizen ID belongs to a person of another unit."))
                return None
            if row["name_folded"] != line.name_folded:
                self.problem(line, C.NATIONAL_ID, _("this citizen ID belongs to “%(name)s”, not to “%(row)s”.") % {
                    "name": row["full_name"], "row": line.name})
                return None
            return row["pk"], ""
        wanted = {"birth_date": line.birth_date.isoformat() if line.birth_date else None,
                  "birth_year": line.birth_year}
        scored = sorted(((score(wanted, candidate), candidate) for candidate in by_name.get(line.name_folded, ())),
                        key=lambda item: (-item[0], item[1]["pk"]))
        scored = [(points, candidate) for points, candidate in scored if points >= DOUBTFUL]
        if len(scored) == 1:
            return scored[0][1]["pk"], ""
        if len(scored) > 1:
            names = "; ".join(f"{c['full_name']} ({_birth_text(c)}, {c['unit__name']})" for _p, c in scored[:5])
            self.problem(line, C.NAME, _("%(count)s persons match “%(name)s”: %(candidates)s. Add the year of birth "
                                         "or the citizen ID to tell them apart.") % {
                "count": len(scored), "name": line.name, "candidates": names})
            return None
        if not self.create_missing:
            self.problem(line, C.NAME, _("no person named “%(name)s” is recorded in %(unit)s or its sub-units. Add "
                                         "the person to the registry, or tick “Create the persons not found” and "
                                         "give the year of birth.") % {"name": line.name, "unit": self.dossier.unit})
            return None
        if not line.birth_year:
            self.problem(line, C.BIRTH if C.BIRTH in self.parsed.headings else C.NAME, _(
                "“%(name)s” is not recorded yet; the year of birth is needed to create the person.") % {
                "name": line.name})
            return None
        return None, f"{line.name_folded}|{line.birth_date or line.birth_year}|{line.national_id}"

    # --- collectives ------------------------------------------------------------------------------------

    def _units_by_name(self) -> dict[str, list[tuple[int, str]]]:
        found: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for pk, name, short_name in Unit.objects.filter(pk__in=self.unit_ids).values_list("pk", "name", "short_name"):
            for text in {fold(name), fold(short_name)} - {""}:
                found[text].append((pk, name))
        return found

    def _collective(self, line: ParsedLine, units_by_name) -> int | None:
        candidates = units_by_name.get(fold(line.collective_name)) or units_by_name.get(line.name_folded) or []
        distinct = list(dict.fromkeys(candidates))
        if len(distinct) == 1:
            return distinct[0][0]
        if distinct:
            self.problem(line, C.NAME, _("%(count)s units are named “%(name)s”: %(units)s.") % {
                "count": len(distinct), "name": line.collective_name,
                "units": ", ".join(name for _pk, name in distinct)})
        else:
            self.problem(line, C.NAME, _("no unit named “%(name)s” belongs to %(unit)s.") % {
                "name": line.collective_name, "unit": self.dossier.unit})
        return None

    # --- duplicates -------------------------------------------------------------------------------------

    def _duplicates(self, resolved: list[ResolvedLine]) -> None:
        first_row: dict[tuple, int] = {}
        existing = set()
        if self.dossier.pk:
            for person_id, unit_id in Nomination.objects.filter(dossier=self.dossier).values_list("person_id",
                                                                                                  "unit_id"):
                existing.add(("person", person_id) if person_id else ("unit", unit_id))
        kept = []
        for item in resolved:
            key = item.recipient_key
            if key in first_row:
                self.problem(item.parsed, C.NAME, _("“%(name)s” appears twice in the list (rows %(first)s and "
                                                    "%(second)s).") % {"name": item.parsed.name,
                                                                       "first": first_row[key],
                                                                       "second": item.parsed.row})
                continue
            first_row[key] = item.parsed.row
            if key in existing:
                self.problem(item.parsed, C.NAME, _("“%(name)s” is already a line of this dossier.") % {
                    "name": item.parsed.name})
                continue
            kept.append(item)
        resolved[:] = kept
