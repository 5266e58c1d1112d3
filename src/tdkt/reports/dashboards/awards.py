"""Award figures of the dashboards, counted through tdkt.reports.register (the forms' counting rules).

Each function is one aggregate query whatever the number of years or records."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, Value, When

from tdkt.awards.enums import AwardBasis
from tdkt.people.enums import Gender, PersonGroup
from tdkt.reports.enums import EquityMeasure
from tdkt.reports.models import EquityTarget
from tdkt.reports.periods import Period, statistical_year
from tdkt.reports.register import ETHNIC_MINORITY, award_records, group_is, in_units

YEARS_SHOWN = 10
TOP_FORMS = 12


def years_up_to(year: int, count: int = YEARS_SHOWN) -> list[int]:
    return list(range(year - count + 1, year + 1))


def _span(years: list[int]) -> Period:
    return Period(statistical_year(years[0]).start, statistical_year(years[-1]).end)


def _records(period: Period, unit_ids):
    """The register's records of the period, of the units (ids from register.units_under) when given: the
    caller expands the unit once for every figure of the page."""
    records = award_records(period)
    return records if unit_ids is None else records.filter(in_units(unit_ids))


def statistical_year_case(years: list[int]) -> Case:
    """The statistical year of a record's decision date, as a database expression (0 outside `years`)."""
    whens = [When(decision_date__gte=statistical_year(y).start, decision_date__lte=statistical_year(y).end,
                  then=Value(y)) for y in years]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def by_year_and_level(years: list[int], unit_ids=None) -> dict[tuple[int, str], int]:
    """(statistical year, award level) -> awards decided that year."""
    rows = (_records(_span(years), unit_ids).annotate(stat_year=statistical_year_case(years))
            .values("stat_year", "award_type__level").annotate(n=Count("id")).order_by())
    return {(row["stat_year"], row["award_type__level"]): row["n"] for row in rows}


@dataclass(frozen=True)
class FormCount:
    name: str
    level: str
    count: int


def by_form(period: Period, unit_ids=None, top: int = TOP_FORMS) -> tuple[list[FormCount], int]:
    """The most frequent titles and forms of the period (at most `top`), and the count of all the others."""
    rows = list(_records(period, unit_ids).values("award_type_id", "award_type__name", "award_type__level")
                .annotate(n=Count("id")).order_by("-n", "award_type__name"))
    shown = [FormCount(r["award_type__name"], r["award_type__level"], r["n"]) for r in rows[:top]]
    return shown, sum(r["n"] for r in rows[top:])


AREA_FLAGS = ("is_remote", "is_border", "is_especially_difficult")


def _in_difficult_area() -> Q:
    """The recipient's unit (the person's, the household's, or the collective itself) is flagged remote, border
    or especially difficult."""
    q = Q()
    for flag in AREA_FLAGS:
        q |= Q(**{f"person__unit__{flag}": True}) | Q(**{f"unit__{flag}": True}) | Q(**{f"household__unit__{flag}": True})
    return q


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


def equity(year: int, unit_ids=None) -> list[EquityRow]:
    """The five equity shares of the statistical year beside the previous one, with the province's target in
    force for the year. Two queries (the counts of both years, the targets)."""
    years = [year - 1, year]
    aggregates = {"total": Count("id"), "individuals": Count("id", filter=Q(person__isnull=False))}
    for measure, (condition, _individual) in MEASURES.items():
        aggregates[measure.value] = Count("id", filter=condition())
    rows = {row["stat_year"]: row for row in _records(_span(years), unit_ids)
            .annotate(stat_year=statistical_year_case(years)).values("stat_year").annotate(**aggregates).order_by()}
    targets = targets_for(year)
    result = []
    for measure, (_condition, individual) in MEASURES.items():
        base_key = "individuals" if individual else "total"
        shares = [Share(rows.get(y, {}).get(measure.value, 0), rows.get(y, {}).get(base_key, 0)) for y in years]
        result.append(EquityRow(measure.value, str(measure.label), shares[1], shares[0], targets.get(measure.value)))
    return result


def targets_for(year: int) -> dict[str, Decimal]:
    """measure -> the target in force in the statistical year (the latest from_year not after it)."""
    targets: dict[str, Decimal] = {}
    for measure, percent in (EquityTarget.objects.filter(from_year__lte=year).order_by("measure", "-from_year")
                             .values_list("measure", "percent")):
        targets.setdefault(measure, percent)
    return targets
