"""The ratings sheet of a unit and a year (bảng xếp loại): every person working in the unit with that year's
rating, filled in one table or pasted from a spreadsheet.

`sheet_rows(unit, year)` reads the table (two queries whatever the number of persons). `parse_paste(text,
people)` reads rows copied from Excel (tab-separated): a person by citizen ID (CCCD) or full name (honorifics
and titles taken off, diacritics and case ignored), a rating by code (HTXSNV…) or by its Vietnamese label
("Hoàn thành xuất sắc nhiệm vụ"); other columns (STT, position, notes), a header row and blank lines are
ignored. Every row that cannot be read is reported with its number and why. `save_ratings` records them all
or none (one transaction), through the registry's services (audit row each); a rating already recorded with
the same level is left as it is, so sending the same sheet again changes nothing. The services tell the
recipients' facts changed (tdkt.awards.facts): the stored verdicts of their open dossier lines are
recomputed by ONE task when the transaction commits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.awards import services
from tdkt.awards.enums import RatingLevel
from tdkt.awards.models import Rating
from tdkt.lib.names import strip_name
from tdkt.lib.vntext import fold
from tdkt.people.models import Person

# Folded text -> level: the codes, the Vietnamese labels (with or without "nhiệm vụ"), as units write them.
RATING_WORDS = {
    "htxsnv": RatingLevel.HTXSNV, "hoan thanh xuat sac nhiem vu": RatingLevel.HTXSNV,
    "hoan thanh xuat sac": RatingLevel.HTXSNV, "xuat sac": RatingLevel.HTXSNV,
    "httnv": RatingLevel.HTTNV, "hoan thanh tot nhiem vu": RatingLevel.HTTNV, "hoan thanh tot": RatingLevel.HTTNV,
    "htnv": RatingLevel.HTNV, "hoan thanh nhiem vu": RatingLevel.HTNV, "hoan thanh": RatingLevel.HTNV,
    "khtnv": RatingLevel.KHTNV, "khong hoan thanh nhiem vu": RatingLevel.KHTNV,
    "khong hoan thanh": RatingLevel.KHTNV,
}
HEADER_WORDS = ("ho va ten", "ho ten", "xep loai", "muc do", "cccd", "can cuoc", "stt", "ket qua")
_NATIONAL_ID = re.compile(r"^\d{9}(?:\d{3})?$")
_NUMBER = re.compile(r"^[\d.,]+$")
_CODE_IN_BRACKETS = re.compile(r"\(([a-z]+)\)")
_EDGES = re.compile(r"^[\s.,;:*\-–]+|[\s.,;:*\-–]+$")


@dataclass
class SheetRow:
    """One person of the unit and the year's rating (None when none is recorded)."""

    person: Person
    rating: Rating | None

    @property
    def level(self) -> str:
        return self.rating.level if self.rating else ""


def unit_people(unit):
    """The persons working in the unit now (merged duplicates left out), in name order."""
    return Person.objects.filter(unit=unit, merged_into__isnull=True).order_by("name_folded", "id")


def sheet_rows(unit, year: int) -> list[SheetRow]:
    """Every person of the unit with the year's rating: two queries."""
    people = list(unit_people(unit).only("id", "full_name", "name_folded", "national_id", "position", "birth_year",
                                         "birth_date", "unit_id"))
    ratings = {rating.person_id: rating for rating in
               Rating.objects.filter(person__in=[p.pk for p in people], year=year)}
    return [SheetRow(person, ratings.get(person.pk)) for person in people]


def read_level(text: str) -> str | None:
    """The rating level a cell names (code or Vietnamese label), None when it names none."""
    folded = _EDGES.sub("", fold(text))
    if folded in RATING_WORDS:
        return RATING_WORDS[folded]
    bracketed = _CODE_IN_BRACKETS.search(folded)
    if bracketed and bracketed.group(1) in RATING_WORDS:
        return RATING_WORDS[bracketed.group(1)]
    return None


@dataclass
class PastedRow:
    number: int  # line of the pasted text, from 1
    person: Person
    level: str


@dataclass
class PasteResult:
    rows: list[PastedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: int = 0  # header and blank lines


def _people_index(people):
    by_id, by_name = {}, {}
    for person in people:
        if person.national_id:
            by_id[person.national_id] = person
        by_name.setdefault(fold(strip_name(person.full_name)), []).append(person)
    return by_id, by_name


def _is_header(cells: list[str]) -> bool:
    text = " ".join(fold(cell) for cell in cells)
    return any(word in text for word in HEADER_WORDS)


def parse_paste(text: str, people) -> PasteResult:
    """Read rows pasted from a spreadsheet against the unit's people (see the module's docstring)."""
    by_id, by_name = _people_index(people)
    result = PasteResult()
    seen: dict[int, tuple[int, str]] = {}
    for number, raw in enumerate((text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        cells = [cell.strip() for cell in raw.split("\t")]
        cells = [cell for cell in cells if cell]
        if not cells:
            result.skipped += 1
            continue
        levels = [level for level in (read_level(cell) for cell in cells) if level]
        ids = [cell.replace(" ", "") for cell in cells if _NATIONAL_ID.match(cell.replace(" ", ""))]
        names = [cell for cell in cells if not read_level(cell) and not _NUMBER.match(cell.replace(" ", ""))
                 and any(ch.isalpha() for ch in cell)]
        if not levels and not ids and _is_header(cells):
            result.skipped += 1
            continue
        person, problem = _find_person(number, ids, names, by_id, by_name)
        if problem:
            result.errors.append(problem)
            continue
        if not levels:
            result.errors.append(_("Row %(row)s (%(name)s): no rating can be read; write one of HTXSNV, HTTNV, HTNV, "
                                   "KHTNV or its full wording (e.g. “Hoàn thành xuất sắc nhiệm vụ”).") % {
                "row": number, "name": person.full_name})
            continue
        if len(set(levels)) > 1:
            result.errors.append(_("Row %(row)s (%(name)s): two different ratings are written; keep one.") % {
                "row": number, "name": person.full_name})
            continue
        level = levels[0]
        if person.pk in seen:
            first, first_level = seen[person.pk]
            if first_level != level:
                result.errors.append(_("Row %(row)s: %(name)s is already on row %(first)s with another rating.") % {
                    "row": number, "name": person.full_name, "first": first})
            else:
                result.skipped += 1
            continue
        seen[person.pk] = (number, level)
        result.rows.append(PastedRow(number, person, level))
    return result


def _find_person(number, ids, names, by_id, by_name) -> tuple[Person | None, str]:
    for national_id in ids:
        if national_id in by_id:
            return by_id[national_id], ""
    if ids and not names:
        return None, _("Row %(row)s: nobody of the unit has the citizen ID %(id)s.") % {"row": number, "id": ids[0]}
    for name in names:
        found = by_name.get(fold(strip_name(name)), [])
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1:
            return None, _("Row %(row)s: %(count)s persons of the unit are named “%(name)s”; write the citizen ID "
                           "(CCCD) to tell them apart.") % {"row": number, "count": len(found), "name": name}
    if names:
        return None, _("Row %(row)s: “%(name)s” is not among the persons of the unit.") % {"row": number,
                                                                                             "name": names[0]}
    return None, _("Row %(row)s: no full name or citizen ID can be read.") % {"row": number}


@dataclass
class SaveResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated


@transaction.atomic
def save_ratings(unit, year: int, levels: dict[int, str], *, by) -> SaveResult:
    """Record `levels` ({person id: level}) for persons of the unit, all or none. Refused (nothing saved) when
    a person is not of the unit or a level is unknown; the same level already recorded is left as it is."""
    people = {person.pk: person for person in unit_people(unit).filter(pk__in=list(levels))}
    errors = [_("The person no. %(id)s is not of this unit.") % {"id": pk} for pk in levels if pk not in people]
    errors += [_("“%(level)s” is not a rating.") % {"level": level} for level in levels.values()
               if level not in RatingLevel.values]
    if errors:
        raise ValidationError(errors)
    existing = {rating.person_id: rating for rating in
                Rating.objects.select_for_update().filter(person__in=list(people), year=year)}
    result = SaveResult()
    for pk, level in sorted(levels.items()):
        rating = existing.get(pk)
        try:
            if rating is None:
                services.create_rating(by=by, person=people[pk], year=year, level=level)
                result.created += 1
            elif rating.level != level:
                services.update_rating(rating, by=by, level=level)
                result.updated += 1
            else:
                result.unchanged += 1
        except ValidationError as exc:
            raise ValidationError(_("%(name)s: %(error)s") % {"name": people[pk].full_name,
                                                              "error": " ".join(exc.messages)}) from exc
    return result
