"""Working-day arithmetic for hiệp y and công khai deadlines: the province's calendar (national holidays,
bridge days, and the province's declared extra days off and make-up working days)."""

from tdkt.workcalendar.calendar import add_working_days

__all__ = ["add_working_days"]
