"""Award figures of the dashboards, counted through tdkt.reports.register (the forms' counting rules).

award_figures counts everything the award sections show in a fixed number of queries, and stores it
(register.stored_figures): a later view reads the stored figures until the register changes. The other
functions read those figures."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, Value, When

from tdkt.awards.enums import AwardBasis
from tdkt.awards.models import AwardType
from tdkt.orgs.models import Unit
from tdkt.people.enums import Gender, PersonGroup
from tdkt.reports.enums import EquityMeasure
from tdkt.reports.models import EquityTarget
from tdkt.reports.periods import Period, statistical_year
from tdkt.reports.register import ETHNIC_MINORITY, award_records, group_is, recipients_in, stored_figures

YEARS_SHOWN = 10
TOP_FORMS = 12


def years_up_to(year: int, count: int = YEARS_SHOWN) -> list[int]:
    return list(range(year - count + 1, year + 1))


def award_figures(year: int, unit=None, unit_ids=None) -> dict:
    """The counts of the award sections for the statistical year (and the years before it), of the province
    (unit None) or of the units `unit_ids` (the unit's subtree), stored until the register or the subtree
    changes: {"by_type": {year: {award type id: n}}, "equity": {year: {measure: n}}} (keys as strings, as
    stored)."""
    digest = "" if unit_ids is None else hashlib.sha256(
        ",".join(map(str, sorted(unit_ids))).encode()).hexdigest()[:16]

    def count() -> dict:
        recipients = None if unit_ids is None else recipients_in(unit_ids)
        return {"by_type": _by_type(years_up_to(year), recipients),
                "equity": _equity_counts([year - 1, year], recipients)}

    return stored_figures(f"dashboard:{unit.pk if unit is not None else 'province'}:{year}", count, digest)


def _records(period: Period, recipients: Q | None):
    """The register's records of the period, of the recipients (register.recipients_in, read once for every
    figure of the page) when given."""
    records = award_records(period)
    return records if recipients is None else records.filter(recipients)


def _by_type(years: list[int], recipients: Q | None) -> dict[str, dict[str, int]]:
    """Awards by statistical year and award type: one query per year (PostgreSQL answers each from the index
    on (decision date, award type) alone, where one query over ten years computed a CASE for every record)."""
    return {str(year): {str(type_id): n for type_id, n in (
        _records(statistical_year(year), recipients).values_list("award_type_id").annotate(n=Count("*"))
        .order_by().values_list("award_type_id", "n"))} for year in years}


def award_types() -> dict[int, tuple[str, str]]:
    """id -> (name, level) of every award type (one query, for the figures of the page)."""
    return {pk: (name, level) for pk, name, level in AwardType.objects.values_list("id", "name", "level")}


def by_year_and_level(figures: dict, types: dict, years: list[int]) -> dict[tuple[int, str], int]:
    """(statistical year, award level) -> awards decided that year."""
    counts: Counter = Counter()
    for year in years:
        for type_id, n in figures["by_type"].get(str(year), {}).items():
            counts[(year, types[int(type_id)][1])] += n
    return dict(counts)


@dataclass(frozen=True)
class FormCount:
    name: str
    level: str
    count: int


def by_form(figures: dict, types: dict, year: int, top: int = TOP_FORMS) -> tuple[list[FormCount], int]:
    """The most frequent titles and forms of the year (at most `top`, ties by name), and the count of all the
    others."""
    rows = sorted(((*types[int(type_id)], n) for type_id, n in figures["by_type"].get(str(year), {}).items()),
                  key=lambda row: (-row[2], row[0]))
    shown = [FormCount(name, level, n) for name, level, n in rows[:top]]
    return shown, sum(n for _name, _level, n in rows[top:])


AREA_FLAGS = ("is_remote", "is_border", "is_especially_difficult")


def _in_difficult_area() -> Q:
    """The recipient's unit (the person's, the household's, or the collective itself) is flagged remote, border
    or especially difficult. The flagged units are read first: the records are not joined to three units."""
    flagged = Q()
    for flag in AREA_FLAGS:
        flagged |= Q(**{flag: True})
    units = list(Unit.objects.filter(flagged).values_list("id", flat=True))
    return Q(person__unit_id__in=units) | Q(unit_id__in=units) | Q(household__unit_id__in=units)


def _ethnic_minority() -> Q:
    return ETHNIC_MINORITY


# measure -> (numerator filter, whether the denominator is the individuals' awards rather than all awards)
MEASURES = {
    EquityMeasure.DIRECT_WORKER: (lambda: group_is(PersonGroup.DIRECT_WORKER), True),
    EquityMeasure.WOMEN: (lambda: Q(person__gender=Gender.FEMALE), True),
    EquityMeasure.ETHNIC_MINORITY: (_ethnic_minority, True),
    EquityMeasure.DIFFICULT_AREA: (_in_difficult_area, False),
    EquityMeasure.ADHOC: (lambda: Q(basis=AwardBasis.ADHOC), False),
}


@dataclass(frozen=True)
class Share:
    count: int
    base: int

    @property
    def percent(self) -> Decimal | None:
        """Percent with one decimal; None when there is nothing to divide (no awards in the period)."""
        if not self.base:
            return None
        return (Decimal(self.count) * 100 / Decimal(self.base)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class EquityRow:
    measure: str
    label: str
    current: Share
    previous: Share
    target: Decimal | None

    @property
    def meets_target(self) -> bool | None:
        if self.target is None or self.current.percent is None:
            return None
        return self.current.percent >= self.target


def _equity_counts(years: list[int], recipients: Q | None) -> dict[str, dict[str, int]]:
    """{year: {"total", "individuals", measure: awards}} for the statistical years: one query (PostgreSQL
    reads the records' columns it needs from the index award_record_figures, reports 0006)."""
    aggregates = {"total": Count("id"), "individuals": Count("id", filter=Q(person__isnull=False))}
    for measure, (condition, _individual) in MEASURES.items():
        aggregates[measure.value] = Count("id", filter=condition())
    year_of = Case(*[When(decision_date__gte=statistical_year(y).start, decision_date__lte=statistical_year(y).end,
                          then=Value(y)) for y in years], default=Value(0), output_field=IntegerField())
    rows = (_records(Period(statistical_year(years[0]).start, statistical_year(years[-1]).end), recipients)
            .annotate(stat_year=year_of).values("stat_year").annotate(**aggregates).order_by())
    return {str(row.pop("stat_year")): row for row in rows}


def equity(figures: dict, year: int) -> list[EquityRow]:
    """The five equity shares of the statistical year beside the previous one, with the province's target in
    force for the year (one query)."""
    years = [year - 1, year]
    counts = figures["equity"]
    targets = targets_for(year)
    result = []
    for measure, (_condition, individual) in MEASURES.items():
        base_key = "individuals" if individual else "total"
        shares = [Share(counts.get(str(y), {}).get(measure.value, 0), counts.get(str(y), {}).get(base_key, 0))
                  for y in years]
        result.append(EquityRow(measure.value, str(measure.label), shares[1], shares[0], targets.get(measure.value)))
    return result


def targets_for(year: int) -> dict[str, Decimal]:
    """measure -> the target in force in the statistical year (the latest from_year not after it)."""
    targets: dict[str, Decimal] = {}
    for measure, percent in (EquityTarget.objects.filter(from_year__lte=year).order_by("measure", "-from_year")
                             .values_list("measure", "percent")):
        targets.setdefault(measure, percent)
    return targets
