"""One row of a history file read into plain values (ImportRow.parsed) and its errors.

`parse_row` reads the cells only: no query (the catalogue and the units are preloaded in RowContext);
duplicates, person matching and what is already recorded are decided by tdkt.awards.imports.validation.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from tdkt.awards.enums import AwardBasis, AwardCategory
from tdkt.awards.imports.models import ImportKind
from tdkt.awards.imports.parsing import (
    RATINGS,
    SCOPES,
    CellError,
    check_birth,
    check_date,
    check_year,
    read_basis,
    read_choice,
    read_person_group,
)
from tdkt.awards.imports.persons import person_key
from tdkt.awards.imports.readers import formula_message
from tdkt.awards.matching import AwardMatcher
from tdkt.lib.names import strip_name
from tdkt.lib.vntext import fold, normalize
from tdkt.orgs.models import Unit


class UnitLookup:
    """Units by folded name, short name or code (one query); only those the importer may write count."""

    def __init__(self, scope):
        self.scope = scope
        self.by_text: dict[str, set[int]] = defaultdict(set)
        self.names: dict[int, str] = {}
        self.dissolved: set[int] = set()
        for pk, name, short_name, code, dissolved_on in Unit.objects.values_list(
                "pk", "name", "short_name", "code", "dissolved_on"):
            self.names[pk] = name
            if dissolved_on is not None:
                self.dissolved.add(pk)
            for text in (name, short_name, code):
                if text:
                    self.by_text[fold(text)].add(pk)

    def find(self, column: str, text: str, errors: list) -> int | None:
        found = self.by_text.get(fold(text), set())
        if not found:
            errors.append(_("Column “%(column)s”: no unit “%(value)s” was found (write its name or code).") % {
                "column": column, "value": text})
            return None
        writable = {pk for pk in found if self.scope.can_write_unit(pk)}
        if not writable:
            errors.append(_("Column “%(column)s”: “%(value)s” is outside the units you may import for.") % {
                "column": column, "value": text})
            return None
        if len(writable) > 1:
            errors.append(_("Column “%(column)s”: several units are named “%(value)s”; write the unit code.") % {
                "column": column, "value": text})
            return None
        return next(iter(writable))


@dataclass
class RowContext:
    kind: str
    mapping: dict[str, int]
    header: list[str]
    default_unit_id: int
    units: UnitLookup
    awards: AwardMatcher | None = None
    today: datetime.date = field(default_factory=datetime.date.today)
    _award_cache: dict = field(default_factory=dict)

    def column(self, name: str) -> str:
        return self.header[self.mapping[name]]

    def award(self, text: str):
        if text not in self._award_cache:
            self._award_cache[text] = self.awards.match(text)
        return self._award_cache[text]


def _required(ctx: RowContext, values: dict, name: str, errors: list) -> str:
    text = values.get(name, "")
    if not text and name in ctx.mapping:
        errors.append(_("Column “%(column)s” is empty.") % {"column": ctx.column(name)})
    return text


def _choice(ctx: RowContext, values: dict, name: str, choices: dict, message: str, errors: list) -> str | None:
    try:
        return read_choice(values.get(name, ""), choices)
    except CellError as exc:
        errors.append(message % {"column": ctx.column(name), "value": exc})
        return None


def _read(ctx: RowContext, values: dict, name: str, reader, message: str, errors: list) -> str | None:
    """An optional column read by `reader` (tdkt.awards.imports.parsing); a value it does not know is an error
    naming the column as headed in the file (the row is the batch page's and the report's)."""
    if not values.get(name):
        return None
    try:
        return reader(values[name])
    except CellError as exc:
        errors.append(message % {"column": ctx.column(name), "value": exc})
        return None


def _person(ctx: RowContext, values: dict, errors: list) -> dict:
    # "Ông Nguyễn Văn An", "Đ/c …": archive lists write honorifics; the person is the name (tdkt.lib.names).
    name = normalize(strip_name(_required(ctx, values, "full_name", errors)))[:200]
    birth_date, birth_year = (check_birth(ctx.column("birth"), values["birth"], today=ctx.today, errors=errors)
                              if values.get("birth") else (None, None))
    unit_id = ctx.default_unit_id
    if values.get("unit"):
        unit_id = ctx.units.find(ctx.column("unit"), values["unit"], errors)
    folded = fold(name)
    return {"name": name, "name_folded": folded, "birth_date": birth_date, "birth_year": birth_year,
            "unit_id": unit_id, "unit_name": ctx.units.names.get(unit_id, ""),
            "person_key": person_key(folded, birth_date, birth_year, unit_id)}


def _decision(ctx: RowContext, values: dict, errors: list) -> dict:
    day = (check_date(ctx.column("decision_date"), values["decision_date"], today=ctx.today, errors=errors)
           if values.get("decision_date") else None)
    return {"decision_number": values.get("decision_number", "")[:64], "decision_date": day.isoformat() if day else None}


def _award_fields(ctx: RowContext, values: dict, errors: list) -> dict:
    text = _required(ctx, values, "award", errors)
    data = {}
    award_type = ctx.award(text) if text else None
    if text and award_type is None:
        suggestions = ", ".join(f"“{suggested.name}”" for suggested in ctx.awards.suggest(text))
        message = (_("Column “%(column)s”: “%(value)s” is not a known title or form of commendation; did you mean "
                     "%(suggestions)s?") if suggestions else
                   _("Column “%(column)s”: “%(value)s” is not a known title or form of commendation."))
        errors.append(message % {"column": ctx.column("award"), "value": text, "suggestions": suggestions})
    elif award_type is not None:
        data.update(award_type_id=award_type.pk, award_code=award_type.code, award_name=award_type.name,
                    title=award_type.category == AwardCategory.TITLE)
        if not award_type.for_individual:
            errors.append(_("“%(award)s” is not given to individuals.") % {"award": award_type})
    basis = _read(ctx, values, "basis", read_basis, _(
        "Column “%(column)s”: “%(value)s” is not a kind of commendation (thường xuyên, chuyên đề, đột xuất, đối "
        "ngoại, cống hiến, niên hạn, kháng chiến)."), errors)
    data["person_group"] = _read(ctx, values, "person_group", read_person_group, _(
        "Column “%(column)s”: “%(value)s” is not a person group (lãnh đạo cấp bộ, tỉnh; lãnh đạo cấp vụ, sở; doanh "
        "nhân; cán bộ quản lý từ phó trưởng phòng; người trực tiếp lao động, công tác)."), errors) or ""
    if data["person_group"] and award_type is not None and not award_type.for_individual:
        errors.append(_("Column “%(column)s”: a person group is given for an individual only; “%(award)s” is "
                        "awarded to collectives or households.") % {"column": ctx.column("person_group"),
                                                                    "award": award_type})
    if award_type is not None:
        if basis is None:
            basis = AwardBasis.MERIT if AwardBasis.MERIT in award_type.bases or not award_type.bases \
                else award_type.bases[0]
        elif basis not in award_type.bases:
            errors.append(_("“%(award)s” is not given as “%(basis)s”.") % {"award": award_type,
                                                                         "basis": AwardBasis(basis).label})
    data["basis"] = str(basis or AwardBasis.MERIT)
    year, school_year = (check_year(ctx.column("year"), values["year"], today=ctx.today, errors=errors)
                         if values.get("year") else (None, ""))
    data.update(_decision(ctx, values, errors))
    if year is None and not values.get("year"):
        if data["decision_date"]:
            year = int(data["decision_date"][:4])  # no achievement period given: the year of the decision
        else:
            errors.append(_("Give the achievement year, the school year or the achievement period."))
    if year and data["decision_date"] and int(data["decision_date"][:4]) < year:
        errors.append(_("The decision is dated before the achievement year %(year)s.") % {"year": year})
    data.update(year=year, school_year=school_year, decision_issuer=values.get("decision_issuer", "")[:255],
                note=values.get("note", ""))
    return data


def _rating_fields(ctx: RowContext, values: dict, errors: list) -> dict:
    year, _school = check_year(ctx.column("year"), values["year"], today=ctx.today, errors=errors) \
        if _required(ctx, values, "year", errors) else (None, "")
    level = _choice(ctx, values, "level", RATINGS,
                    _("Column “%(column)s”: “%(value)s” is not a rating (HTXSNV, HTTNV, HTNV, KHTNV)."), errors) \
        if _required(ctx, values, "level", errors) else None
    return {"year": year, "level": level, "note": values.get("note", "")[:255]}


def _initiative_fields(ctx: RowContext, values: dict, errors: list) -> dict:
    title = normalize(_required(ctx, values, "title", errors))[:500]
    year, _school = check_year(ctx.column("year"), values["year"], today=ctx.today, errors=errors) \
        if _required(ctx, values, "year", errors) else (None, "")
    scope = _choice(ctx, values, "scope", SCOPES,
                    _("Column “%(column)s”: “%(value)s” is not a scope (cơ sở, tỉnh, toàn quốc)."), errors) \
        if _required(ctx, values, "scope", errors) else None
    data = {"title": title, "title_key": fold(title), "year": year, "scope": scope,
            "recognised_by": values.get("recognised_by", "")[:255]}
    data.update(_decision(ctx, values, errors))
    if year and data["decision_date"] and int(data["decision_date"][:4]) < year:
        errors.append(_("The recognising decision is dated before the year %(year)s.") % {"year": year})
    return data


KIND_FIELDS = {ImportKind.AWARDS: _award_fields, ImportKind.RATINGS: _rating_fields,
               ImportKind.INITIATIVES: _initiative_fields}


def parse_row(ctx: RowContext, number: int, cells: list) -> tuple[dict, dict, list[str]]:
    """(raw, parsed, errors) of one row: raw maps each heading to its cell text."""
    cells = [str(cell) if cell is not None else "" for cell in cells]
    cells += [""] * (len(ctx.header) - len(cells))
    raw = {heading: cells[index] for index, heading in enumerate(ctx.header) if cells[index]}
    errors: list[str] = []
    formula = next((index for index, cell in enumerate(cells) if cell.startswith("=")), None)
    if formula is not None:
        errors.append(formula_message(f"{get_column_letter(formula + 1)}{number}"))
        return raw, {}, errors
    values = {name: cells[index].strip() for name, index in ctx.mapping.items() if index < len(cells)}
    parsed = _person(ctx, values, errors)
    parsed.update(KIND_FIELDS[ctx.kind](ctx, values, errors))
    return raw, parsed, errors
