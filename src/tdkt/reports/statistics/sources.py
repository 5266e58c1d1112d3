"""What a form counts (its "source"), the dimensions of one counted item, and the items behind a cell.

- awards (0602, 0603): award records decided in the period for the unit's recipients, through
  tdkt.reports.register (the one set of counting rules). Counted with ONE grouped query over the dimensions
  (award code, level, recipient, enterprise flag, person group, method): the aggregate has a few hundred
  rows however many records there are, and every cell is evaluated from it.
- movements (0601): movements running at some time in the period (started before its end, not ended before
  its start: a five-year movement is counted in each of its years [U]); a unit's report counts those its
  subtree launched. Scope, duration band and method are the movement's own rules (Movement properties).
- offices (0604): TĐKT organisations in operation on the last day of the period.
- staff (0605): TĐKT civil servants in post on the last day of the period; age and years in TĐKT work are
  counted at that day.
The last three are small sets (hundreds of rows a province): read once and classified in Python."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from tdkt.movements.models import Movement
from tdkt.reports.models import TdktOffice, TdktStaffMember
from tdkt.reports.periods import Period
from tdkt.reports.register import RECIPIENT, award_records, units_under, with_group
from tdkt.reports.statistics import filters

UNCLASSIFIED_KEY = "unclassified"  # the vocabulary's name for the blank group ("chưa phân loại")


@dataclass(frozen=True)
class Source:
    name: str
    filter_keys: frozenset[str]
    tally: Callable  # (period, unit, base) -> list[(facts, count)]
    items: Callable  # (period, unit, base, spec) -> QuerySet of the items matching spec


# --- awards -------------------------------------------------------------------------------------------------

AWARD_DIMENSIONS = {"codes": "award_type__code", "level": "award_type__level", "recipient": "stat_recipient",
                    "enterprise": "is_enterprise", "group": "group", "basis": "basis"}


def _award_value(key: str, value):
    return "" if key == "group" and value == UNCLASSIFIED_KEY else value


def award_lookups() -> dict[str, Callable[[list], Q]]:
    # The annotations of award_queryset (recipient, group) are queried as they are counted.
    return {key: (lambda values, key=key, field=field: Q(**{f"{field}__in": [_award_value(key, v) for v in values]}))
            for key, field in AWARD_DIMENSIONS.items()}


def award_queryset(period: Period | None, unit) -> QuerySet:

    # Not "recipient" nor "recipient_kind": AwardRecord has properties of those names.
    return with_group(award_records(period, unit)).annotate(stat_recipient=RECIPIENT)


def award_facts(row: dict) -> dict:
    """The dimensions of one aggregate row, in the vocabulary's terms. The group is an individual's only."""
    group = row["group"] if row["stat_recipient"] == "individual" else None
    return {"codes": row["award_type__code"], "level": row["award_type__level"], "recipient": row["stat_recipient"],
            "enterprise": row["is_enterprise"], "group": UNCLASSIFIED_KEY if group == "" else group,
            "basis": row["basis"]}


def _award_tally(period: Period, unit, base: dict) -> list[tuple[dict, int]]:
    fields = list(AWARD_DIMENSIONS.values())
    rows = (award_queryset(period, unit).filter(filters.to_q(base, award_lookups()))
            .values(*fields).annotate(n=Count("pk")).order_by())
    return [(award_facts(row), row["n"]) for row in rows]


def _award_items(period: Period, unit, base: dict, spec: dict) -> QuerySet:
    lookups = award_lookups()
    return (award_queryset(period, unit).filter(filters.to_q(base, lookups) & filters.to_q(spec, lookups))
            .select_related("award_type", "person__unit", "unit", "household__unit").order_by("decision_date", "pk"))


# --- movements, offices, staff: small sets classified in Python ---------------------------------------------

def _units(unit) -> list[int] | None:
    if unit is None:
        return None

    return list(units_under(unit))


def _movements(period: Period, unit) -> QuerySet:

    # Running at some time in the period: launched before its end, not ended before its start.
    movements = Movement.objects.filter(Q(start_date__lte=period.end),
                                        Q(end_date__isnull=True) | Q(end_date__gte=period.start))
    units = _units(unit)
    return movements if units is None else movements.filter(launching_unit_id__in=units)


def movement_facts(movement) -> dict:
    return {"launch_level": movement.level, "scope": movement.statistical_scope,
            "duration": movement.duration_band or "none", "method": movement.method}


def _offices(period: Period, unit) -> QuerySet:

    offices = TdktOffice.objects.filter(Q(established_on__lte=period.end),
                                        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=period.end))
    units = _units(unit)
    return offices if units is None else offices.filter(unit_id__in=units)


def office_facts(office) -> dict:
    return {"structure": office.structure}


def _staff(period: Period, unit) -> QuerySet:

    staff = TdktStaffMember.objects.filter(Q(started_on__lte=period.end),
                                           Q(ended_on__isnull=True) | Q(ended_on__gte=period.end))
    units = _units(unit)
    return (staff if units is None else staff.filter(unit_id__in=units)).select_related("person")


def full_years(since: datetime.date, on: datetime.date) -> int:
    return on.year - since.year - ((on.month, on.day) < (since.month, since.day))


def age_band(person, on: datetime.date) -> str:
    if person.birth_date:
        age = full_years(person.birth_date, on)
    elif person.birth_year:
        age = on.year - person.birth_year  # only the year is known: the age reached in that year
    else:
        return "unknown"
    for limit, band in ((30, "le30"), (40, "31to40"), (50, "41to50"), (55, "51to55"), (60, "56to60")):
        if age <= limit:
            return band
    return "gt60"


def years_band(since: datetime.date, on: datetime.date) -> str:
    years = full_years(since, on)
    return "lt5" if years < 5 else "5to10" if years < 10 else "ge10"


def staff_facts(member, on: datetime.date) -> dict:
    return {"gender": member.person.gender, "age_band": age_band(member.person, on), "training": member.training,
            "years_band": years_band(member.tdkt_work_since, on)}


def _python_source(name: str, keys: Iterable[str], read: Callable, facts: Callable[[object, Period], dict],
                   related: tuple[str, ...]) -> Source:
    def tally(period, unit, base):
        counts = Counter()
        for item in read(period, unit):
            item_facts = facts(item, period)
            if filters.matches(base, item_facts):
                counts[tuple(sorted(item_facts.items()))] += 1
        return [(dict(key), n) for key, n in counts.items()]

    def items(period, unit, base, spec):
        queryset = read(period, unit)
        ids = [item.pk for item in queryset
               if filters.matches(base, facts(item, period)) and filters.matches(spec, facts(item, period))]
        return queryset.model.objects.filter(pk__in=ids).select_related(*related)

    return Source(name, frozenset(keys), tally, items)


SOURCES: dict[str, Source] = {
    "awards": Source("awards", frozenset(AWARD_DIMENSIONS), _award_tally, _award_items),
    "movements": _python_source("movements", ("launch_level", "scope", "duration", "method"), _movements,
                                lambda movement, period: movement_facts(movement), ("launching_unit",)),
    "offices": _python_source("offices", ("structure",), _offices, lambda office, period: office_facts(office),
                             ("unit",)),
    "staff": _python_source("staff", ("gender", "age_band", "training", "years_band"), _staff,
                            lambda member, period: staff_facts(member, period.end), ("person", "unit", "office")),
}
