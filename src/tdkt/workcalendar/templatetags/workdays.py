"""`{% load workdays %}` then `{{ dossier.step_due_on|working_days_left }}`:

    <span class="due due-soon" data-working-days="2">còn 2 ngày làm việc</span>
    <span class="due due-today" data-working-days="0">hạn là hôm nay</span>
    <span class="due overdue" data-working-days="-3">quá hạn 3 ngày làm việc</span>

CSS hooks: `due` plus one of `due-ok`, `due-soon` (DUE_SOON_WORKING_DAYS or fewer left), `due-today`,
`overdue` (see static/workcalendar/workdays.css). An empty date renders nothing. An optional argument
gives "today" (`|working_days_left:today`); otherwise the local date. No query per row: the province
calendar is read once per request (tdkt.workcalendar.cache)."""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt.workcalendar import calendar

register = template.Library()

DUE_SOON_WORKING_DAYS = 2  # the reminders' horizon too (tdkt.dossiers.reminders); a provincial choice


def due_state(left: int) -> str:
    if left < 0:
        return "overdue"
    if left == 0:
        return "due-today"
    return "due-soon" if left <= DUE_SOON_WORKING_DAYS else "due-ok"


def describe_left(left: int) -> str:
    if left < 0:
        return ngettext("%(count)s working day overdue", "%(count)s working days overdue", -left) % {"count": -left}
    if left == 0:
        return _("due today")
    return ngettext("%(count)s working day left", "%(count)s working days left", left) % {"count": left}


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, datetime.date) else None


@register.filter
def working_days_left(due, today=None):
    due = _as_date(due)
    if due is None:
        return ""
    left = calendar.working_days_left(due, _as_date(today) or timezone.localdate())
    return format_html('<span class="due {}" data-working-days="{}">{}</span>', due_state(left), left,
                       describe_left(left))


@register.filter
def working_days_left_count(due, today=None):
    """The signed number alone (negative: overdue), for sorting or custom display; "" for no date."""
    due = _as_date(due)
    if due is None:
        return ""
    return calendar.working_days_left(due, _as_date(today) or timezone.localdate())
