"""Matching what an archived document names to the registry, with the nominee lists' one matching
(tdkt.awards.recipients): persons by folded name among the batch unit's units, sub-units and predecessors
(the province's own archive: every unit), ranked by the birth data the document gives; collectives by
unit name; award texts by tdkt.awards.matching.AwardMatcher; the issuing authority by its name or symbol.

A fixed number of queries per document: persons (1 per 2,000 names), units (1), authorities (1)."""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

from tdkt.awards import recipients
from tdkt.awards.archive.models import ArchivedLine, LineStatus
from tdkt.awards.matching import AwardMatcher
from tdkt.lib.awarddoc import COLLECTIVE, INDIVIDUAL, INITIATIVE_DECISION
from tdkt.lib.vntext import fold
from tdkt.orgs.models import IssuingAuthority

_BIRTH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_BIRTH_YEAR = re.compile(r"^(\d{4})$")


def batch_unit_ids(batch) -> set[int] | None:
    """Whose persons a batch matches: None (every unit) for the province's archive — a unit without a
    parent — else the unit, its sub-units and their predecessors."""
    if batch.unit.parent_id is None:
        return None
    return recipients.units_of({batch.unit_id})


def parse_birth(text: str) -> dict:
    text = (text or "").strip()
    if match := _BIRTH_DATE.match(text):
        try:
            day = datetime.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return {"birth_date": None, "birth_year": None}
        return {"birth_date": day.isoformat(), "birth_year": day.year}
    if match := _BIRTH_YEAR.match(text):
        return {"birth_date": None, "birth_year": int(match[1])}
    return {"birth_date": None, "birth_year": None}


def match_authority(issuer: str | None, number: str | None):
    """The issuing authority whose name is the issuer text (folded), else the only one whose decision
    symbol ends the number; None when it cannot be told (chosen on review)."""
    authorities = list(IssuingAuthority.objects.filter(active=True).order_by("pk"))
    folded = fold(issuer or "")
    if folded:
        named = [a for a in authorities if fold(a.name) == folded or (a.decider_title and fold(a.decider_title)
                                                                       == folded)]
        if len(named) == 1:
            return named[0]
    symbol = (number or "").partition("/")[2].strip().upper()
    if symbol:
        by_symbol = [a for a in authorities if a.symbol.upper() == symbol]
        if len(by_symbol) == 1:
            return by_symbol[0]
    return None


class LineMatcher:
    """Matches the recipients of one document; `lines()` gives unsaved ArchivedLine objects."""

    def __init__(self, batch, unit_ids: set[int] | None, awards: AwardMatcher | None = None):
        self.batch = batch
        self.unit_ids = unit_ids
        self.awards = awards or AwardMatcher()

    def lines(self, document, reading: dict) -> list[ArchivedLine]:
        if reading.get("kind") == INITIATIVE_DECISION:
            return self.author_lines(document, reading)
        people = [r for r in reading.get("recipients", []) if r.get("kind") != COLLECTIVE]
        by_name = recipients.persons_by_name(self.unit_ids, {fold(r["name"]) for r in people})
        units = recipients.units_by_name(self.unit_ids) if len(people) < len(reading.get("recipients", [])) else {}
        forms = reading.get("award_forms") or []
        seen: dict[tuple, int] = {}
        lines = []
        for item in reading.get("recipients", []):
            award_text = item.get("award") or (forms[0] if len(forms) == 1 else "")
            line = ArchivedLine(document=document, line=item.get("line") or 0, page=item.get("page"),
                                name=item["name"][:255], kind=item.get("kind") or "individual",
                                position=(item.get("position") or "")[:255], unit_text=(item.get("unit") or "")[:255],
                                award_text=award_text[:500], confidence=item.get("confidence") or 0,
                                birth=(item.get("birth") or "")[:32])
            award_error = self._award(line)
            if award_error:
                line.status, line.message = LineStatus.ERROR, award_error  # not a state: a line's outcome
            elif line.kind == COLLECTIVE:
                self._collective(line, units)
            else:
                self._person(line, by_name)
            key = (fold(line.name), line.birth, line.award_type_id)
            if key in seen and line.status != LineStatus.ERROR:
                line.status = LineStatus.ERROR  # not a state: a line's outcome
                line.message = _("Line %(line)s: “%(name)s” is listed twice (lines %(first)s and %(line)s).") % {
                    "line": line.line, "name": line.name, "first": seen[key]}
            seen.setdefault(key, line.line)
            lines.append(line)
        return lines

    def author_lines(self, document, reading: dict) -> list[ArchivedLine]:
        """A decision recognising initiatives: one line per author, grouped by initiative; an initiative whose
        authors could not be read is one line in error (the officer drops it, or corrects the document)."""
        entries = reading.get("initiatives") or []
        by_name = recipients.persons_by_name(self.unit_ids, {fold(a["name"]) for e in entries for a in e["authors"]})
        lines = []
        for index, entry in enumerate(entries):
            title = (entry.get("title") or "")[:500]
            if not entry.get("authors"):
                lines.append(ArchivedLine(
                    document=document, line=entry.get("line") or 0, page=entry.get("page"), name="", kind=INDIVIDUAL,
                    initiative=index, initiative_title=title, status=LineStatus.ERROR,
                    message=_("Line %(line)s: no author of the initiative “%(title)s” could be read; drop the line "
                              "or correct the document and upload it again.") % {"line": entry.get("line"),
                                                                                  "title": title}))
                continue
            seen: dict[str, int] = {}
            for author in entry["authors"]:
                line = ArchivedLine(document=document, line=author.get("line") or entry.get("line") or 0,
                                    page=author.get("page"), name=author["name"][:255], kind=INDIVIDUAL,
                                    position=(author.get("position") or "")[:255],
                                    unit_text=(author.get("unit") or "")[:255], initiative=index,
                                    initiative_title=title, share=author.get("share"), confidence=0.9)
                self._person(line, by_name)
                folded = fold(line.name)
                if folded in seen:
                    line.status = LineStatus.ERROR  # not a state: a line's outcome
                    line.message = _("Line %(line)s: “%(name)s” is listed twice among the authors of “%(title)s”.") % {
                        "line": line.line, "name": line.name, "title": title}
                seen.setdefault(folded, line.line)
                lines.append(line)
        return lines

    def _award(self, line: ArchivedLine) -> str:
        if not line.award_text:
            return _("Line %(line)s: the award is not written; it cannot be recorded.") % {"line": line.line}
        award = self.awards.match(line.award_text)
        if award is None:
            return _("Line %(line)s: “%(text)s” is not a known award.") % {"line": line.line, "text": line.award_text}
        fits = award.for_collective if line.kind == COLLECTIVE else award.for_individual
        if not fits:
            return (_("Line %(line)s: “%(award)s” is not awarded to collectives.") if line.kind == COLLECTIVE
                    else _("Line %(line)s: “%(award)s” is not awarded to individuals.")) % {
                "line": line.line, "award": award.name}
        line.award_type = award
        return ""

    def _collective(self, line: ArchivedLine, units) -> None:
        found = list(dict.fromkeys(units.get(fold(line.name), [])))
        if len(found) == 1:
            line.unit_id, line.status = found[0][0], LineStatus.LINKED  # not a state: a line's outcome
            return
        line.status = LineStatus.ERROR  # not a state: a line's outcome
        line.message = (_("Line %(line)s: %(count)s units are named “%(name)s”.") if found else
                        _("Line %(line)s: no unit named “%(name)s” belongs to %(unit)s.")) % {
            "line": line.line, "count": len(found), "name": line.name, "unit": self.batch.unit}

    def _person(self, line: ArchivedLine, by_name) -> None:
        scored, agreeing = recipients.rank(parse_birth(line.birth), by_name.get(fold(line.name), ()))
        line.candidates = [{"pk": c["pk"], "name": c["full_name"], "unit": c["unit__name"],
                            "birth": recipients.birth_text(c)} for _points, c in scored]
        if len(agreeing) == 1:
            line.person_id, line.status = agreeing[0]["pk"], LineStatus.LINKED  # not a state: a line's outcome
            return
        line.status = LineStatus.DOUBTFUL  # not a state: a line's outcome
        if len(agreeing) > 1:
            line.message = _("%(count)s persons named “%(name)s” are recorded in %(unit)s and its sub-units; choose "
                             "the right one.") % {"count": len(agreeing), "name": line.name, "unit": self.batch.unit}
        elif scored:
            line.message = _("A person of this name is recorded with another birth date; is it the same person?")
        else:
            line.message = _("No person named “%(name)s” is recorded in %(unit)s or its sub-units; create one or "
                             "drop the line.") % {"name": line.name, "unit": self.batch.unit}
