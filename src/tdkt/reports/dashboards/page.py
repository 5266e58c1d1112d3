"""One dashboard: its sections, each a chart (server-rendered SVG, tdkt.lib.charts) with the table of its
figures. The page and the Excel export read the same sections, so the export holds what the page shows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tdkt.awards.enums import AwardLevel
from tdkt.lib import charts
from tdkt.orgs.enums import GroupKind
from tdkt.reports.dashboards import awards, workflow
from tdkt.reports.periods import statistical_year
from tdkt.reports.register import units_under


@dataclass(frozen=True)
class Figure:
    svg: SafeString
    caption: str = ""


@dataclass
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    figures: list[Figure] = field(default_factory=list)
    note: str = ""


@dataclass
class Dashboard:
    unit: Any  # None: the province
    year: int
    sections: list[Section]

    @property
    def period(self):
        return statistical_year(self.year)


def fmt_number(value) -> str:
    """1234 → "1.234", 3.5 → "3,5"; the charts hand over floats, so whole numbers lose their ",0"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return number_format(value, decimal_pos=None, use_l10n=True, force_grouping=True)


def fmt_percent(value) -> str:
    return f"{number_format(value, decimal_pos=1, use_l10n=True)} %"


def _svg(text: str, caption: str = "") -> Figure:
    return Figure(mark_safe(text), caption)  # noqa: S308 - tdkt.lib.charts escapes every label and title it writes


LEVELS = [AwardLevel.STATE, AwardLevel.PROVINCE, AwardLevel.GRASSROOTS]


def _awards_by_year(years, figures, types) -> Section:
    counts = awards.by_year_and_level(figures, types, years)
    rows = [[year, *[counts.get((year, level.value), 0) for level in LEVELS],
             sum(counts.get((year, level.value), 0) for level in LEVELS)] for year in years]
    title = _("Awards by statistical year and level")
    chart = charts.bar_chart([str(y) for y in years],
                             [(str(level.label), [row[i + 1] for row in rows]) for i, level in enumerate(LEVELS)],
                             title=title, fmt=fmt_number, series_css=[f"level-{level.value}" for level in LEVELS])
    return Section("awards_by_year", title, [_("Statistical year"), *[str(level.label) for level in LEVELS],
                                             _("All levels")], rows, [_svg(chart)],
                   _("A statistical year runs from 01/12 of the previous year to 30/11, by decision date."))


def _awards_by_form(year, figures, types) -> Section:
    shown, others = awards.by_form(figures, types, year)
    levels = dict(AwardLevel.choices)
    rows = [[form.name, str(levels.get(form.level, form.level)), form.count] for form in shown]
    if others:
        rows.append([_("Other titles and forms"), "", others])
    title = _("Awards by title and form, statistical year %(year)s") % {"year": year}
    chart = charts.hbar_chart([row[0] for row in rows], [row[2] for row in rows], title=title, fmt=fmt_number,
                               label_width=260)
    return Section("awards_by_form", title, [_("Title or form"), _("Award level"), _("Number of awards")], rows, [_svg(chart)])


def _equity(year, figures) -> Section:
    rows, svgs = [], []
    for row in awards.equity(figures, year):
        met = {True: _("met"), False: _("not met"), None: ""}[row.meets_target]
        rows.append([row.label, row.current.count, row.current.base, row.current.percent, row.previous.percent,
                     row.target, met])
        shown = "–" if row.current.percent is None else fmt_percent(row.current.percent)
        caption = f"{row.label}: {shown}"
        if row.target is not None:
            caption += f" · {_('target')} {fmt_percent(row.target)}"
        svgs.append(_svg(charts.share_bar(
            row.current.percent, title=row.label, target=row.target, previous=row.previous.percent,
            fmt=fmt_percent, target_label=_("Target"), previous_label=_("Previous year")), caption))
    return Section("equity", _("Equity shares against the province's targets, statistical year %(year)s") % {
        "year": year}, [_("Equity measure"), _("Number of awards"), _("Out of"), pgettext("proportion", "Share (%)"),
                        _("Previous year (%)"), _("Target (%)"), _("Target")], rows, svgs,
        _("Shares of people (direct workers, women, ethnic minorities) are out of the awards to individuals; "
          "areas and ad-hoc awards out of all awards. The long mark is the target, the short one the previous "
          "year."))


def _dossiers(year, unit_ids, today) -> Section:
    counts = workflow.dossiers_by_state(statistical_year(year), unit_ids, today)
    title = _("Dossiers by state, opened in the statistical year %(year)s") % {"year": year}
    chart = charts.hbar_chart([c.label for c in counts], [c.count for c in counts], title=title, fmt=fmt_number,
                              highlight=[c.overdue > 0 for c in counts])
    rows = [[c.label, c.count, c.overdue] for c in counts]
    return Section("dossiers", title, [_("State"), _("Number of dossiers"), _("Current step overdue")], rows, [_svg(chart)],
                   _("Highlighted: states with overdue steps."))


def _step_times(year, unit_ids) -> Section:
    steps = workflow.step_times(statistical_year(year), unit_ids)
    title = _("Processing time per step (working days)")
    chart = charts.bar_chart([s.label for s in steps], [(_("Median"), [s.median for s in steps]),
                                                        (_("90th percentile"), [s.p90 for s in steps])],
                             title=title, stacked=False, fmt=fmt_number)
    rows = [[s.label, s.count, s.median, s.p90, s.limit, s.over_limit if s.limit is not None else None]
            for s in steps]
    return Section("step_times", title, [_("Step (state)"), _("Steps completed"), _("Median"), _("90th percentile"),
                                         _("Limit"), _("Over the limit")], rows, [_svg(chart)],
                   _("From entering a state to the next change, for the dossiers opened in the year."))


def _scoring(years, unit_ids) -> Section:
    groups = workflow.scoring_over_years(years, unit_ids)
    kinds = dict(GroupKind.choices)
    title = _("Cluster and block scoring: average total per unit")
    chart = charts.line_chart([str(y) for y in years], [(g.name, [g.by_year.get(y) for y in years]) for g in groups],
                              title=title, fmt=fmt_number)
    rows = [[g.name, str(kinds.get(g.kind, g.kind)), *[g.by_year.get(y) for y in years]] for g in groups]
    return Section("scoring", title, [_("Cluster or block"), _("Kind"), *[str(y) for y in years]], rows,
                   [_svg(chart)], _("The year-end round where it has scores, else the mid-year round."))


def build(year: int, unit=None, today: datetime.date | None = None) -> Dashboard:
    """The dashboard of the statistical year for the province (unit None) or a unit's subtree. A fixed number
    of queries whatever the data; the award counts are read from the stored figures while the register is
    unchanged (awards.award_figures)."""
    today = today or datetime.date.today()
    years = awards.years_up_to(year)
    unit_ids = None if unit is None else units_under(unit)
    figures, types = awards.award_figures(year, unit, unit_ids), awards.award_types()
    return Dashboard(unit, year, [
        _awards_by_year(years, figures, types), _awards_by_form(year, figures, types), _equity(year, figures),
        _dossiers(year, unit_ids, today), _step_times(year, unit_ids), _scoring(years, unit_ids)])
