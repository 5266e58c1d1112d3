"""A form computed for a statistical year and a reporting unit (None: the province): its cells, its
consistency checks (every total equals the sum of its parts) and its warnings (what the figures cannot show
and how to fix it). Pure reads: the same question gives the same figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import ngettext

from tdkt.reports.periods import Period, statistical_year
from tdkt.reports.statistics import filters
from tdkt.reports.statistics.definitions import Check, FormDefinition
from tdkt.reports.statistics.sources import SOURCES, UNCLASSIFIED_KEY, award_lookups, award_queryset


@dataclass(frozen=True)
class CheckResult:
    kind: str  # "row": rows' totals in one column; "column": columns' totals in one row
    total: str
    parts: tuple[str, ...]
    at: str  # the column number (row check) or the row code (column check)
    total_value: int
    parts_value: int

    @property
    def ok(self) -> bool:
        return self.total_value == self.parts_value


@dataclass(frozen=True)
class Warning:
    code: str
    message: str
    count: int
    link: str = ""


@dataclass
class FormResult:
    definition: FormDefinition
    year: int
    period: Period
    unit: object | None
    cells: dict[str, dict[str, int]]  # row code -> column number -> count (figure rows only)
    checks: list[CheckResult] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.cells[self.definition.total_row.code][self.definition.total_column.number]

    @property
    def failed_checks(self) -> list[CheckResult]:
        return [check for check in self.checks if not check.ok]

    def table(self) -> list[tuple]:
        """(row, [(column, count or None)]) in the form's order; None for heading rows."""
        return [(row, [(column, self.cells[row.code][column.number] if row.filter is not None else None)
                       for column in self.definition.columns]) for row in self.definition.rows]

    def as_json(self) -> dict:
        definition = self.definition
        return {
            "form": definition.number, "circular": definition.circular.id, "status": definition.circular.status,
            "period": {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()},
            "unit": None if self.unit is None else {"code": self.unit.code, "name": self.unit.name},
            "rows": [{"code": row.code, "label": row.label, "cells": dict(self.cells[row.code])}
                     for row in definition.rows if row.filter is not None],
            "checks": [{"kind": c.kind, "total": c.total, "parts": list(c.parts), "at": c.at,
                        "total_value": c.total_value, "parts_value": c.parts_value, "ok": c.ok} for c in self.checks],
            "warnings": [{"code": w.code, "message": w.message, "count": w.count} for w in self.warnings],
        }


def compute(definition: FormDefinition, year: int, unit=None) -> FormResult:
    """Raises ValueError for a year outside the statistical years."""
    period = statistical_year(year)
    source = SOURCES[definition.source]
    tally = source.tally(period, unit, definition.base)
    # One pass per row and per column over the aggregate (not per cell): which aggregate rows each matches.
    column_masks = {c.number: [filters.matches(c.filter, facts) for facts, _n in tally] for c in definition.columns}
    cells: dict[str, dict[str, int]] = {}
    for row in definition.rows:
        if row.filter is None:
            continue
        row_mask = [filters.matches(row.filter, facts) for facts, _n in tally]
        cells[row.code] = {number: sum(n for (_facts, n), in_row, in_column in zip(tally, row_mask, mask, strict=True)
                                       if in_row and in_column)
                           for number, mask in column_masks.items()}
    result = FormResult(definition, year, period, unit, cells)
    result.checks = _checks(definition, cells)
    result.warnings = _warnings(definition, period, unit, tally)
    return result


def _checks(definition: FormDefinition, cells) -> list[CheckResult]:
    results = []
    for check in definition.row_checks:
        for column in definition.columns:
            results.append(_check("row", check, column.number, cells[check.total][column.number],
                                  sum(cells[part][column.number] for part in check.parts)))
    for check in definition.column_checks:
        for row in definition.rows:
            if row.filter is not None:
                results.append(_check("column", check, row.code, cells[row.code][check.total],
                                      sum(cells[row.code][part] for part in check.parts)))
    return results


def _check(kind: str, check: Check, at: str, total: int, parts: int) -> CheckResult:
    return CheckResult(kind, check.total, check.parts, at, total, parts)


def groups_link(unit) -> str:
    """Where an officer confirms persons' statistical groups (the people app's page; built by another part of
    issue 18, hence the fallback path while it is not merged)."""
    try:
        path = reverse("people:groups")
    except NoReverseMatch:
        path = "/people/groups/"
    return path if unit is None else f"{path}?unit={unit.pk:d}"


def _counted(definition: FormDefinition, tally):
    total_row, total_column = definition.total_row.filter, definition.total_column.filter
    return [(facts, n) for facts, n in tally if filters.matches(total_row, facts) and filters.matches(total_column, facts)]


def _warnings(definition: FormDefinition, period: Period, unit, tally) -> list[Warning]:
    warnings = []
    counted = _counted(definition, tally)
    if definition.source == "awards":
        unclassified = sum(n for facts, n in counted
                           if facts["recipient"] == "individual" and facts["group"] == UNCLASSIFIED_KEY)
        if unclassified:
            warnings.append(Warning("unclassified_individuals", ngettext(
                "%(count)d award to an individual whose statistical group is not confirmed is counted as "
                "“unclassified”: confirm the persons' groups.",
                "%(count)d awards to individuals whose statistical group is not confirmed are counted as "
                "“unclassified”: confirm the persons' groups.", unclassified) % {"count": unclassified},
                unclassified, groups_link(unit)))
        outside = [(facts, n) for facts, n in tally if not filters.matches(definition.total_column.filter, facts)]
        if outside:
            count = sum(n for _facts, n in outside)
            codes = ", ".join(sorted({facts["codes"] for facts, _n in outside}))
            warnings.append(Warning("outside_columns", ngettext(
                "%(count)d award of this level is of a title or form the form has no column for (%(codes)s): "
                "not counted.",
                "%(count)d awards of this level are of titles or forms the form has no column for (%(codes)s): "
                "not counted.", count) % {"count": count, "codes": codes}, count))
        undated = _undated_awards(definition, period, unit)
        if undated:
            warnings.append(Warning("without_decision_date", ngettext(
                "%(count)d award of the achievement year %(year)d has no decision date: it is in no period.",
                "%(count)d awards of the achievement year %(year)d have no decision date: they are in no period.",
                undated) % {"count": undated, "year": period.end.year}, undated))
    elif definition.source == "movements":
        open_ended = sum(n for facts, n in counted if facts["duration"] == "none")
        if open_ended:
            warnings.append(Warning("movements_without_end", ngettext(
                "%(count)d movement has no end date: its duration cannot be classified.",
                "%(count)d movements have no end date: their duration cannot be classified.", open_ended)
                % {"count": open_ended}, open_ended))
    elif definition.source == "staff":
        unknown = sum(n for facts, n in counted if facts["age_band"] == "unknown")
        if unknown:
            warnings.append(Warning("staff_without_birth", ngettext(
                "%(count)d civil servant has no date or year of birth: the age cannot be classified.",
                "%(count)d civil servants have no date or year of birth: the age cannot be classified.", unknown)
                % {"count": unknown}, unknown))
    return warnings


def _undated_awards(definition: FormDefinition, period: Period, unit) -> int:

    records = award_queryset(None, unit).filter(decision_date__isnull=True, year=period.end.year)
    return records.filter(filters.to_q(definition.base, award_lookups())).count()
