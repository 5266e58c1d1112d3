"""The Vietnamese working-day calendar: weekends and public holidays (the `holidays` package, VN).

Framework-free. A working day is a Monday–Friday that is not a public holiday, or a Saturday/Sunday
that the Government declared a working day in exchange for a bridge holiday ("làm bù"). The `holidays`
package names such a bridge holiday "Ngày nghỉ (thay cho ngày 22/08/2026)": the date in brackets is the
weekend day worked instead, so it is read back from the name.

    add_working_days(date(2026, 2, 12), 1)  ->  2026-02-13 (Friday)
    add_working_days(date(2026, 2, 13), 1)  ->  2026-02-23 (Monday after the Tết holiday)

`add_working_days(start, n)` counts n working days after `start` (the start day itself is not counted,
as in "trong thời hạn 10 ngày làm việc kể từ ngày ban hành").
"""

from __future__ import annotations

import datetime
import functools
import re

import holidays

_SWAPPED = re.compile(r"thay cho ngày (\d{1,2})/(\d{1,2})/(\d{4})")
MAX_WORKING_DAYS = 3660  # ten years: a guard against runaway loops on absurd input


@functools.lru_cache(maxsize=64)
def year_calendar(year: int) -> tuple[frozenset[datetime.date], frozenset[datetime.date]]:
    """(holidays, weekend days worked instead of a bridge holiday) of one year."""
    public = holidays.country_holidays("VN", years=year, language="vi")
    days_off = frozenset(public)
    worked: set[datetime.date] = set()
    for name in public.values():
        for match in _SWAPPED.finditer(name):
            day, month, swapped_year = (int(part) for part in match.groups())
            try:
                worked.add(datetime.date(swapped_year, month, day))
            except ValueError:
                continue
    return days_off, frozenset(worked)


def holiday_name(day: datetime.date) -> str | None:
    """The holiday's Vietnamese name, or None when `day` is not a public holiday."""
    public = holidays.country_holidays("VN", years=day.year, language="vi")
    return public.get(day)


def is_working_day(day: datetime.date) -> bool:
    days_off, _ = year_calendar(day.year)
    if day in days_off:
        return False
    if day.weekday() >= 5:
        # A weekend day is worked only when a bridge holiday of this or the next year says so.
        return any(day in year_calendar(year)[1] for year in (day.year, day.year + 1))
    return True


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (start not counted); `days` = 0 gives `start`."""
    if days < 0:
        raise ValueError("days must not be negative")
    if days > MAX_WORKING_DAYS:
        raise ValueError(f"days must not exceed {MAX_WORKING_DAYS}")
    day = start
    remaining = days
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end ≤ start)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
