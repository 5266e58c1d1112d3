"""Reporting periods: the TĐKT statistical year and the half-year of the work reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    def previous(self) -> Period:
        """The same period a year earlier (comparisons "so với cùng kỳ")."""
        return Period(_year_earlier(self.start), _year_earlier(self.end))


def _year_earlier(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29/02
        return day.replace(year=day.year - 1, day=28)


FIRST_STATISTICAL_YEAR = 1945


def statistical_year(year: int) -> Period:
    """TĐKT statistics count 01/12 of the previous year to 30/11 (reporting.md, [S])."""
    if not FIRST_STATISTICAL_YEAR <= year <= 9998:
        raise ValueError(_("The year %(year)s is not a valid statistical year.") % {"year": year})
    return Period(datetime.date(year - 1, 12, 1), datetime.date(year, 11, 30))


def statistical_year_of(day: datetime.date) -> int:
    """The statistical year a date falls in: December counts to the next year."""
    return day.year + 1 if day.month == 12 else day.year


# The seed plans' "sơ kết 6 tháng đầu năm" (reported in June or July) covers the first six months of the calendar
# year; the year-end report (sent with the forms by 15/12) covers the statistical year. Neither is set by law
# here [U]: these are the defaults, and the report form lets the specialist set other dates.
HALF_YEAR_END = (6, 30)


def half_year(year: int) -> Period:
    """Six months from 01/01 (the default period of the half-year review report)."""
    statistical_year(year)  # validates the year
    return Period(datetime.date(year, 1, 1), datetime.date(year, *HALF_YEAR_END))


def year_end(year: int) -> Period:
    """The period of the year-end report by default: the statistical year."""
    return statistical_year(year)
