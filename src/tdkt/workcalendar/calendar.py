"""The province's working-day calendar: the national calendar of tdkt.lib.workdays (weekends, public
holidays from the `holidays` package, Saturdays swapped for bridge holidays) with the province's own
declarations on top (ProvinceDay: extra days off, make-up working days).

`ProvinceCalendar` is pure: built from two sets of dates, no database. The module functions use the
calendar of the current request or command run (tdkt.workcalendar.cache): one query for the
province's days, whatever the number of dates computed.

    add_working_days(date(2026, 2, 13), 1)  ->  2026-02-23 (Monday after Tết)
    working_days_left(due, today)           ->  3 (three working days left), 0 (due today), -2 (two overdue)

Counting follows "trong thời hạn N ngày làm việc kể từ ngày …": the start day itself is not counted.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass, field

from tdkt.lib import workdays
from tdkt.workcalendar.cache import cached
from tdkt.workcalendar.enums import ProvinceDayKind
from tdkt.workcalendar.models import ProvinceDay


@dataclass(frozen=True)
class ProvinceCalendar:
    days_off: frozenset[datetime.date] = field(default_factory=frozenset)  # declared by the province
    working_days: frozenset[datetime.date] = field(default_factory=frozenset)  # làm bù declared by the province
    # memo filled on first use: year -> (days off, worked weekend days), national and province merged;
    # ("ordinals", year) -> the year's working days
    _years: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def _year(self, year: int) -> tuple[frozenset, frozenset]:
        merged = self._years.get(year)
        if merged is None:
            national_off, _ = workdays.year_calendar(year)
            swapped = workdays.year_calendar(year)[1] | workdays.year_calendar(year + 1)[1]
            off = {day for day in national_off | self.days_off if day.year == year}
            worked = {day for day in swapped | self.working_days if day.year == year}
            off -= self.working_days
            worked -= self.days_off
            merged = self._years[year] = (frozenset(off), frozenset(worked))
        return merged

    def is_working_day(self, day: datetime.date) -> bool:
        off, worked = self._year(day.year)
        if day in worked:
            return True
        return day.weekday() < 5 and day not in off

    def _working_ordinals(self, year: int) -> list[int]:
        """Sorted ordinals of the working days of `year` (memoised): counting becomes two bisections."""
        key = ("ordinals", year)
        ordinals = self._years.get(key)
        if ordinals is None:
            first = datetime.date(year, 1, 1).toordinal()
            last = datetime.date(year, 12, 31).toordinal()
            ordinals = self._years[key] = [ordinal for ordinal in range(first, last + 1)
                                           if self.is_working_day(datetime.date.fromordinal(ordinal))]
        return ordinals

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The date `days` working days after `start` (start not counted); 0 gives `start` itself."""
        if days < 0:
            raise ValueError("days must not be negative")
        if days > workdays.MAX_WORKING_DAYS:
            raise ValueError(f"days must not exceed {workdays.MAX_WORKING_DAYS}")
        if days == 0:
            return start
        remaining, year, after = days, start.year, start.toordinal()
        while True:
            ordinals = self._working_ordinals(year)
            index = bisect.bisect_right(ordinals, after)
            available = len(ordinals) - index
            if remaining <= available:
                return datetime.date.fromordinal(ordinals[index + remaining - 1])
            remaining -= available
            year += 1

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (0 when end ≤ start)."""
        if end <= start:
            return 0
        count = 0
        for year in range(start.year, end.year + 1):
            ordinals = self._working_ordinals(year)
            count += bisect.bisect_right(ordinals, end.toordinal()) - bisect.bisect_right(ordinals, start.toordinal())
        return count

    def working_days_left(self, due: datetime.date, today: datetime.date) -> int:
        """Working days from `today` to `due`: positive left, 0 due today, negative overdue by that many."""
        if due >= today:
            return self.working_days_between(today, due)
        return -self.working_days_between(due, today)


def load_calendar() -> ProvinceCalendar:
    """The province's calendar from the database (one query: the table holds a few rows a year)."""
    days_off, worked = set(), set()
    for day, kind in ProvinceDay.objects.values_list("date", "kind"):
        (worked if kind == ProvinceDayKind.WORKING_DAY else days_off).add(day)
    return ProvinceCalendar(frozenset(days_off), frozenset(worked))


def current_calendar() -> ProvinceCalendar:
    return cached("calendar", load_calendar)


def is_working_day(day: datetime.date) -> bool:
    return current_calendar().is_working_day(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    return current_calendar().add_working_days(start, days)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    return current_calendar().working_days_between(start, end)


def working_days_left(due: datetime.date, today: datetime.date) -> int:
    return current_calendar().working_days_left(due, today)


@dataclass(frozen=True)
class SpecialDay:
    """One row of a year's calendar overview: a national holiday, a national make-up Saturday, or a
    province declaration (`province_day` set)."""

    date: datetime.date
    name: str
    is_working: bool
    national: bool
    province_day: object = None


def national_days(year: int) -> list[SpecialDay]:
    """The national holidays and swapped working weekend days of `year` (no database)."""
    holidays_off, swapped = workdays.year_calendar(year)
    next_swapped = workdays.year_calendar(year + 1)[1]  # a bridge day of January may swap a December Saturday
    rows = [SpecialDay(day, workdays.holiday_name(day) or "", False, True) for day in holidays_off]
    for day in sorted(swapped | next_swapped):
        if day.year == year:
            rows.append(SpecialDay(day, "", True, True))
    return sorted(rows, key=lambda row: row.date)
