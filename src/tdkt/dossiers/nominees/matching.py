"""Matching the lines of a parsed list to the registry, in bulk: awards (AwardMatcher: two queries), persons
(by folded name over the dossier's units, then the history import's birth-date `score`), citizen IDs (one
query), collectives by name (one query), and the lines already in the dossier.

A person is looked for among the dossier's unit, its sub-units and its predecessor units (and the members
of its cluster or block for a group dossier) by folded name, honorifics and titles already taken off
(tdkt.lib.names). A nominee list is the unit's own staff, so:

- one person of that name whose birth data does not contradict the row is that person: the row is
  **linked**, never created;
- anything else is **doubtful** and goes to the review list (`ReviewRow`) with the nearest existing people
  (name, unit, birth date): two or more candidates, a candidate with another birth date, no one of that name
  in the dossier's units (people of that name elsewhere are shown for information, not to be linked);
- a doubtful row is settled only by the clerk's choice for that row (`choices`: row -> "link:<id>",
  "create" or "drop"); a person is created for no other reason. The new person takes the gender of the
  file and the unit named in its "Chức vụ, đơn vị" cell (else the dossier's unit).

A citizen ID written on the row decides on its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tdkt.accounts.scope import expand_units, get_scope, unit_graph
from tdkt.awards import recipients
from tdkt.awards.matching import AwardMatcher
from tdkt.dossiers.models import Nomination
from tdkt.dossiers.nominees import columns as C
from tdkt.dossiers.nominees.columns import folded_heading
from tdkt.dossiers.nominees.parsing import COLLECTIVE, ListProblem, ParsedLine, ParsedList
from tdkt.lib.vntext import fold
from tdkt.orgs.models import EmulationGroupMembership
from tdkt.people.models import Person

LINK, CREATE, DROP = "link", "create", "drop"
NAME_CHUNK = recipients.NAME_CHUNK  # folded names per query
OTHER_UNITS_SHOWN = 5


@dataclass
class ResolvedLine:
    parsed: ParsedLine
    award_type: object
    person_id: int | None = None
    unit_id: int | None = None
    new_person_key: str = ""  # set when the person is to be created
    new_person_unit_id: int | None = None

    @property
    def recipient_key(self) -> tuple[str, object]:
        if self.unit_id:
            return "unit", self.unit_id
        return ("person", self.person_id) if self.person_id else ("new", self.new_person_key)


@dataclass
class ReviewRow:
    """A doubtful row: the clerk links it to one of `candidates`, creates a person for it, or drops it."""

    line: ParsedLine
    reason: str
    candidates: list[dict]  # {"pk", "name", "unit", "birth", "linkable", "value" (the choice linking it)}
    choice: str = ""  # the valid choice given for the row, if any

    @property
    def row(self) -> int:
        return self.line.row

    @property
    def decided(self) -> bool:
        return bool(self.choice)

    @property
    def linkable(self) -> list[dict]:
        return [candidate for candidate in self.candidates if candidate["linkable"]]


def dossier_unit_ids(dossier) -> set[int]:
    """The units whose people and collectives a dossier may nominate (two or three queries)."""
    children, predecessors = unit_graph()
    roots = {dossier.unit_id}
    if dossier.group_year_id:
        roots |= set(EmulationGroupMembership.objects.filter(group_year_id=dossier.group_year_id)
                     .values_list("unit_id", flat=True))
    return expand_units(roots, children, predecessors)


_birth_text = recipients.birth_text


class Resolver:
    """Resolves a whole parsed list with a fixed number of queries (per 2,000 distinct names)."""

    def __init__(self, dossier, parsed: ParsedList, *, choices: dict[int, str] | None = None, reader=None):
        self.dossier = dossier
        self.reader = reader  # people of other units are shown only when this user may read their unit
        self.parsed = parsed
        self.choices = {int(row): str(choice) for row, choice in (choices or {}).items()}
        self.problems: list[ListProblem] = []
        self.review: list[ReviewRow] = []
        self.unit_ids = dossier_unit_ids(dossier)

    def problem(self, line: ParsedLine, column: str, message: str) -> None:
        self.problems.append(ListProblem(line.row, self.parsed.heading(column), message))

    def resolve(self) -> list[ResolvedLine]:
        lines = self.parsed.lines
        matcher = AwardMatcher()
        people = [line for line in lines if line.kind != COLLECTIVE]
        by_name = self._persons_by_name({line.name_folded for line in people})
        elsewhere = self._persons_elsewhere({line.name_folded for line in people} - set(by_name))
        by_national_id = self._persons_by_national_id(people)
        units_by_name = self._units_by_name()
        resolved: list[ResolvedLine] = []
        for line in lines:
            award = self._award(matcher, line)
            if line.kind == COLLECTIVE:
                found = self._collective(line, units_by_name)
                if found is not None and award is not None:
                    resolved.append(ResolvedLine(line, award, unit_id=found))
            else:
                found = self._person(line, by_name, elsewhere, by_national_id)
                if found is not None and award is not None:
                    person_id, key = found
                    resolved.append(ResolvedLine(line, award, person_id=person_id, new_person_key=key,
                                                 new_person_unit_id=self._unit_of(line, units_by_name) if key
                                                 else None))
        self._duplicates(resolved)
        self.problems.sort(key=lambda p: (p.row or 0))
        return resolved

    @property
    def pending(self) -> list[ReviewRow]:
        return [row for row in self.review if not row.decided]

    def _persons_by_name(self, names: set[str]) -> dict[str, list[dict]]:
        return recipients.persons_by_name(self.unit_ids, names)

    def _persons_elsewhere(self, names: set[str]) -> dict[str, list[dict]]:
        """People of those names in other units the reader may read: shown on the review list, never linked (no
        birth date shown). A unit clerk reads only its own units, so sees none of them."""
        found: dict[str, list[dict]] = defaultdict(list)
        if self.reader is None:
            return found
        scope = get_scope(self.reader)
        names = sorted(name for name in names if name)
        for start in range(0, len(names), NAME_CHUNK):
            rows = Person.objects.filter(name_folded__in=names[start:start + NAME_CHUNK],
                                         merged_into__isnull=True).exclude(unit_id__in=self.unit_ids).order_by(
                "pk").values("pk", "full_name", "name_folded", "unit_id", "unit__name")
            for row in rows:
                if len(found[row["name_folded"]]) < OTHER_UNITS_SHOWN and scope.can_read_unit(row["unit_id"]):
                    found[row["name_folded"]].append(row)
        return found

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

    def _person(self, line: ParsedLine, by_name, elsewhere, by_national_id) -> tuple[int | None, str] | None:
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
        scored, agreeing = recipients.rank(wanted, by_name.get(line.name_folded, ()))
        if len(agreeing) == 1:
            return agreeing[0]["pk"], ""
        candidates = [{"pk": c["pk"], "name": c["full_name"], "unit": c["unit__name"], "birth": _birth_text(c),
                       "linkable": True, "value": f"{LINK}:{c['pk']}"} for _points, c in scored]
        if len(agreeing) > 1:
            reason = _("%(count)s persons of this name are recorded in %(unit)s and its sub-units; choose the right "
                       "one.") % {"count": len(agreeing), "name": line.name, "unit": self.dossier.unit}
        elif candidates:
            reason = _("A person of this name is recorded with another birth date; is it the same person?")
        else:
            others = elsewhere.get(line.name_folded, ())
            candidates = [{"pk": c["pk"], "name": c["full_name"], "unit": c["unit__name"], "birth": "",
                           "linkable": False} for c in others]
            reason = (_("No person of this name is recorded in %(unit)s or its sub-units; persons of this name are "
                        "recorded in other units.") if others else
                      _("No person of this name is recorded in %(unit)s or its sub-units.")) % {
                "unit": self.dossier.unit}
        review = ReviewRow(line, reason, candidates)
        self.review.append(review)
        choice = self.choices.get(line.row, "")
        if choice.startswith(LINK + ":"):
            pk = choice.partition(":")[2]
            if pk.isdigit() and any(c["pk"] == int(pk) for c in review.linkable):
                review.choice = choice
                return int(pk), ""
        elif choice == CREATE:
            review.choice = choice
            return None, f"{line.name_folded}|{line.birth_date or line.birth_year or ''}|{line.national_id}"
        elif choice == DROP:
            review.choice = choice
        return None

    def _unit_of(self, line: ParsedLine, units_by_name) -> int:
        """The unit named in the row's "Chức vụ, đơn vị" (the longest name found), else the dossier's unit."""
        text = f" {folded_heading(line.position_and_unit)} "
        best, length = self.dossier.unit_id, 0
        for name, units in units_by_name.items():
            key = folded_heading(name)
            if len(key) >= 4 and len(key) > length and len({pk for pk, _n in units}) == 1 and f" {key} " in text:
                best, length = units[0][0], len(key)
        return best

    # --- collectives ------------------------------------------------------------------------------------

    def _units_by_name(self) -> dict[str, list[tuple[int, str]]]:
        return recipients.units_by_name(self.unit_ids)

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
