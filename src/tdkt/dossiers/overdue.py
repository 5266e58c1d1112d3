"""Overdue and due-soon dossiers per specialist: what the work queue summarises.

A dossier counts while the province holds it (PROVINCE_STATES) and its current step has a due date:
overdue when the due date is before today, due soon when it falls within DUE_SOON_WORKING_DAYS
working days from today (today included)."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from tdkt.dossiers.enums import PROVINCE_STATES
from tdkt.dossiers.models import Dossier
from tdkt.workcalendar.calendar import add_working_days
from tdkt.workcalendar.templatetags.workdays import DUE_SOON_WORKING_DAYS


@dataclass
class OverdueRow:
    specialist: object  # a User, or None for dossiers nobody is assigned to yet
    overdue: int
    due_soon: int
    queue_url: str = ""  # set by the page

    @property
    def specialist_id(self):
        return getattr(self.specialist, "pk", None)


def due_soon_limit(today: datetime.date) -> datetime.date:
    return add_working_days(today, DUE_SOON_WORKING_DAYS)


def watched_dossiers(today: datetime.date):
    """Dossiers held by the province whose step is overdue or due soon."""
    return Dossier.objects.filter(state__in=PROVINCE_STATES, step_due_on__isnull=False,
                                  step_due_on__lte=due_soon_limit(today))


def overdue_by_specialist(today: datetime.date) -> list[OverdueRow]:
    """One row per specialist with overdue or due-soon dossiers (unassigned ones last, specialist None),
    most overdue first. Two queries (one aggregate, one for the users) plus the calendar's."""
    counts = list(watched_dossiers(today).values("assignee_id").annotate(
        overdue=Count("id", filter=Q(step_due_on__lt=today)),
        due_soon=Count("id", filter=Q(step_due_on__gte=today))).order_by())
    users = get_user_model().objects.in_bulk([row["assignee_id"] for row in counts if row["assignee_id"]])
    rows = [OverdueRow(users.get(row["assignee_id"]), row["overdue"], row["due_soon"]) for row in counts]
    return sorted(rows, key=lambda row: (row.specialist is None, -row.overdue, -row.due_soon,
                                         str(row.specialist or "")))
