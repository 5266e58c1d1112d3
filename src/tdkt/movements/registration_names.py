"""Registering by name: a unit pastes the list it wrote (from Excel, Word or a plain text) and every line
becomes a reference to one of its own persons or collectives, with the title registered for it.

Reading. With a header row ("Họ và tên" … "Danh hiệu đăng ký"), or in one of the usual column layouts, the
paste is read by the nominee lists' own reader (tdkt.dossiers.nominees: sections "I. Tập thể / II. Cá
nhân", honorifics and titles taken off by tdkt.lib.names, page chrome and signature rows skipped). A title
cell left empty under a vertically merged cell takes the title above it (a merged cell pastes its text in
its first row only), else the default title chosen on the form. Without a header, each line is read as
units type it: "1. Đ/c Nguyễn Văn An – Chiến sĩ thi đua cơ sở", "Bà Lê Thị Chi, Điều dưỡng", or prose
("Đăng ký danh hiệu Lao động tiên tiến cho các ông (bà): Nguyễn Văn An, Chuyên viên; Lê Thị Chi, …").

Matching. A person is looked for among the people of the registering unit and its sub-units by folded name
(one query); a collective among those units by folded name, "Tập thể" taken off. A line is matched only
when exactly one person or unit answers (a birth year on the line settles between namesakes); everything
else is returned with its row for the unit to fix, and nothing is saved until every line is matched.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tdkt.accounts.scope import expand_units, unit_graph
from tdkt.awards.matching import AwardMatcher
from tdkt.dossiers.nominees import columns as C
from tdkt.dossiers.nominees.parsing import COLLECTIVE, INDIVIDUAL, ListFileError, parse_list
from tdkt.dossiers.nominees.paste import paste_rows
from tdkt.lib.names import split_name
from tdkt.lib.vntext import fold, normalize
from tdkt.orgs.models import Unit
from tdkt.people.models import Person

MAX_NAME_LINES = 3000
_NUMBERING = re.compile(r"^\s*(?:\d{1,4}\s*[.)/:-]?|[-+•*–])\s*")
_DASH = re.compile(r"\s+[–—-]\s+|\t+")
_PROSE = re.compile(r"^(?P<head>.*?)(?:cho|gồm|gom)\s+(?:các\s+|cac\s+)?(?:ông\s*\(bà\)|ông,?\s*bà|đồng chí|"
                    r"cá nhân|tập thể|sau)?\s*:\s*(?P<names>.+)$", re.IGNORECASE)
_COLLECTIVE_START = ("tap the ", "phong ", "khoa ", "to ", "ban ", "trung tam ", "benh vien ", "truong ", "doi ")
_BIRTH_YEAR = re.compile(r"\b(19[3-9]\d|20[0-2]\d)\b")


@dataclass
class NameLine:
    row: int
    kind: str  # COLLECTIVE or INDIVIDUAL
    written: str  # the name as written (honorifics kept)
    name: str  # honorifics and titles taken off
    award_text: str
    detail: str = ""  # position, unit, birth year… as written
    birth_year: int | None = None


@dataclass
class MatchedLine:
    line: NameLine
    award: object
    person: object = None
    unit: object = None


@dataclass
class NameProblem:
    row: int
    written: str
    message: str

    def __str__(self) -> str:
        return _("Line %(row)d (“%(name)s”): %(message)s") % {"row": self.row, "name": self.written,
                                                             "message": self.message}


@dataclass
class NameReport:
    matched: list[MatchedLine] = field(default_factory=list)
    problems: list[NameProblem] = field(default_factory=list)
    general: list[str] = field(default_factory=list)  # the paste as a whole

    @property
    def ok(self) -> bool:
        return bool(self.matched) and not self.problems and not self.general


# --- reading --------------------------------------------------------------------------------------------


def _fill_merged_titles(rows, default_title: str):
    """Rows of a list with a header: an empty title cell takes the title above it (vertical merge), else the
    default title; section rows ("II. Cá nhân") reset what is carried down."""
    found = C.find_header(rows)
    if found is None or C.AWARD not in found[2]:
        return rows
    header_row, _header, mapping = found
    award_index, name_index = mapping[C.AWARD], mapping.get(C.NAME)
    above = ""
    filled = []
    for number, cells in rows:
        if number > header_row and name_index is not None and name_index < len(cells) and cells[name_index]:
            cells = list(cells) + [""] * max(0, award_index + 1 - len(cells))
            if cells[award_index]:
                above = cells[award_index]
            elif above or default_title:
                cells[award_index] = above or default_title
        elif number > header_row and any(cells) and (name_index is None or name_index >= len(cells)
                                                      or not cells[name_index]):
            above = ""  # a section or note row
        filled.append((number, cells))
    return filled


def _plain_lines(text: str, default_title: str, matcher: AwardMatcher) -> list[NameLine]:
    """Lines without a header row, as units type them (see the module docstring)."""
    lines: list[NameLine] = []
    section = INDIVIDUAL
    for row, raw in enumerate((text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        raw = normalize(raw.replace("\t", " – "))  # cells copied without a header: a tab parts name and title
        if not raw:
            continue
        folded = fold(raw).strip(" .:")
        if re.fullmatch(r"(?:[ivx]+[.)]?\s*|[a-d][.)]\s*)?(tap the|ca nhan)", folded):
            section = COLLECTIVE if "tap the" in folded else INDIVIDUAL
            continue
        prose = _PROSE.match(raw)
        if prose and (award := matcher.match(prose.group("head").split("danh hiệu")[-1].strip(" :,")) or
                      _title_in(prose.group("head"), matcher)):
            for part in re.split(r"\s*;\s*", prose.group("names").rstrip(". ")):
                if part.strip():
                    lines.append(_line(row, part, award.name, section))
            continue
        body = _NUMBERING.sub("", raw, count=1)
        pieces = [piece.strip(" ,;") for piece in _DASH.split(body) if piece.strip(" ,;")]
        title = ""
        if len(pieces) > 1 and matcher.match(pieces[-1]) is not None:
            title = pieces.pop()
        lines.append(_line(row, ", ".join(pieces), title or default_title, section))
    return lines


def _title_in(text: str, matcher: AwardMatcher):
    """The title named at the end of a prose head ("Đăng ký danh hiệu Lao động tiên tiến")."""
    words = text.split()
    for start in range(len(words)):
        award = matcher.match(" ".join(words[start:]))
        if award is not None:
            return award
    return None


def _line(row: int, text: str, award_text: str, section: str) -> NameLine:
    written, _sep, detail = text.partition(",")
    written, detail = written.strip(), detail.strip()
    kind = COLLECTIVE if section == COLLECTIVE or fold(written).startswith(_COLLECTIVE_START) else INDIVIDUAL
    name = split_name(written).name if kind == INDIVIDUAL else _collective_name(written)
    year = _BIRTH_YEAR.search(detail)
    return NameLine(row=row, kind=kind, written=written, name=name, award_text=award_text, detail=detail,
                    birth_year=int(year.group(1)) if year else None)


def _collective_name(text: str) -> str:
    name = normalize(text)
    return name.split(" ", 2)[2] if fold(name).startswith("tap the ") and name.count(" ") >= 2 else name


def read_names(text: str, *, default_title: str = "") -> tuple[list[NameLine], list[str]]:
    """The lines of a pasted list and the problems of the paste as a whole (or of rows that cannot be read)."""
    matcher = AwardMatcher()
    try:
        rows = paste_rows(text)
    except ListFileError:
        rows = None
    if rows is None or C.find_header(rows) is None and len(max((cells for _n, cells in rows), key=len)) < 4:
        lines = _plain_lines(text, default_title, matcher)
        return lines, ([] if lines else [_("Nothing was pasted: paste the names, one per line.")])
    parsed = parse_list(_fill_merged_titles(rows, default_title))
    lines = [NameLine(row=line.row, kind=line.kind, written=line.written_name or line.name,
                      name=line.collective_name if line.kind == COLLECTIVE else line.name, award_text=line.award_text,
                      detail=line.position_and_unit, birth_year=line.birth_year or (
                          line.birth_date.year if line.birth_date else None)) for line in parsed.lines]
    return lines, [str(problem) for problem in parsed.problems]


# --- matching -------------------------------------------------------------------------------------------


def own_unit_ids(unit) -> set[int]:
    children, predecessors = unit_graph()
    return expand_units({unit.pk}, children, predecessors)


def match_names(unit, lines: list[NameLine]) -> NameReport:
    """Each line matched to one person or collective of `unit` (and its sub-units), and to a title of its kind.
    Queries: the unit graph (two), the people of those names (one), the units (one), the catalogue (two)."""
    report = NameReport()
    if len(lines) > MAX_NAME_LINES:
        report.general.append(_("The list has more than %(max)d lines; register in several parts.") % {
            "max": MAX_NAME_LINES})
        return report
    unit_ids = own_unit_ids(unit)
    wanted = {fold(line.name) for line in lines if line.kind == INDIVIDUAL}
    people: dict[str, list] = defaultdict(list)
    for person in (Person.objects.filter(unit_id__in=unit_ids, name_folded__in=wanted, merged_into__isnull=True)
                   .select_related("unit") if wanted else ()):
        people[person.name_folded].append(person)
    units: dict[str, list] = defaultdict(list)
    for candidate in Unit.objects.filter(pk__in=unit_ids):
        units[fold(candidate.name)].append(candidate)
    matcher = AwardMatcher()
    seen: dict[tuple[str, int], int] = {}
    for line in lines:
        problems = []
        award = matcher.match(line.award_text) if line.award_text else None
        if not line.award_text:
            problems.append(_("no title: write it on the line or choose a default title."))
        elif award is None:
            problems.append(_("“%(text)s” is not a known title.") % {"text": line.award_text})
        elif line.kind == INDIVIDUAL and not award.for_individual:
            problems.append(_("“%(award)s” is not a title for individuals.") % {"award": award})
        elif line.kind == COLLECTIVE and not award.for_collective:
            problems.append(_("“%(award)s” is not a title for collectives.") % {"award": award})
        recipient, message = (_person(line, people, unit) if line.kind == INDIVIDUAL
                              else _collective(line, units, unit))
        if message:
            problems.append(message)
        if recipient is not None:
            key = ("p" if line.kind == INDIVIDUAL else "u", recipient.pk)
            if key in seen:
                problems.append(_("already registered on line %(row)d.") % {"row": seen[key]})
            seen.setdefault(key, line.row)
        if problems:
            report.problems.extend(NameProblem(line.row, line.written, message) for message in problems)
        else:
            report.matched.append(MatchedLine(line, award, person=recipient if line.kind == INDIVIDUAL else None,
                                              unit=recipient if line.kind == COLLECTIVE else None))
    return report


def _person(line: NameLine, people, unit):
    if not line.name:
        return None, _("the name is empty.")
    found = people.get(fold(line.name), [])
    if len(found) > 1 and line.birth_year:
        found = [p for p in found if (p.birth_year or (p.birth_date.year if p.birth_date else None))
                 in (line.birth_year, None)]
    if not found:
        return None, _("nobody of that name works in “%(unit)s” or its units; add the person first or correct "
                       "the name.") % {"unit": unit}
    if len(found) > 1:
        return None, _("%(count)d people of that name work in “%(unit)s”: add the year of birth (“%(name)s, "
                       "1985”).") % {"count": len(found), "unit": unit, "name": line.name}
    return found[0], ""


def _collective(line: NameLine, units, unit):
    found = units.get(fold(line.name), [])
    if not found:
        return None, _("“%(name)s” is not “%(unit)s” or one of its units.") % {"name": line.name, "unit": unit}
    if len(found) > 1:
        return None, _("several units of “%(unit)s” are named “%(name)s”.") % {"unit": unit, "name": line.name}
    return found[0], ""
