"""Working-day arithmetic for hiệp y and công khai deadlines.

The province's calendar (tdkt.workcalendar: declared extra days off, make-up Saturdays) is used when it
is installed; otherwise the national calendar of tdkt.lib.workdays (weekends and public holidays)."""

import datetime


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    try:
        from tdkt.workcalendar.calendar import add_working_days as calendar_add
    except ImportError:
        from tdkt.lib.workdays import add_working_days as calendar_add
    return calendar_add(start, days)
