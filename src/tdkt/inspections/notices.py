"""Who hears of a recommendation and its follow-up: the inspected unit's clerks and leaders when the team
records a recommendation, accepts or returns its follow-up, and when it comes due or is overdue (the daily
sweep `send_inspection_reminders`); the team (its members with an account, and who planned the inspection)
when the unit reports. In-app always; by e-mail unless the user turned the kind off."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext

from tdkt.accounts.members import unit_users
from tdkt.inspections.enums import UNIT_OWES_STATES
from tdkt.inspections.models import Recommendation
from tdkt.notifications.models import NotificationKind
from tdkt.notifications.services import notify
from tdkt.workcalendar.calendar import add_working_days
from tdkt.workflow.machine import Notice

DUE_SOON_WORKING_DAYS = 3  # how early the unit is reminded of a due date (a convenience, not a legal limit)


def _short(text: str, size: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1] + "…"


def _url(item) -> str:
    return reverse("inspections:record", args=[item.record_id])


def _team_users(inspection) -> list[int]:
    members = set(inspection.team.filter(user__isnull=False).values_list("user_id", flat=True))
    return sorted(members | ({inspection.created_by_id} if inspection.created_by_id else set()))


def recommended(item) -> None:
    """A new recommendation: the inspected unit, once."""
    record = item.record
    text = gettext("The inspection “%(inspection)s” recommends to %(unit)s: “%(content)s”. Report what was done "
                   "by %(due)s.") % {"inspection": record.inspection.title, "unit": record.unit.name,
                                     "content": _short(item.content), "due": f"{item.due_on:%d/%m/%Y}"}
    notify(unit_users(record.unit_id), text=text, url=_url(item), key=f"inspection-recommended:{item.pk}",
           kind=NotificationKind.INSPECTION, subject=gettext("Inspection recommendation to %(unit)s") % {
               "unit": record.unit.name})


def reported(item, _transition):
    """The unit reported its follow-up: the team, to accept or return it."""
    record = item.record
    yield Notice(users=_team_users(record.inspection), url=_url(item), kind=NotificationKind.INSPECTION,
                 text=gettext("%(unit)s has reported what it did on the recommendation “%(content)s”: accept it or "
                              "return it.") % {"unit": record.unit.name, "content": _short(item.content)},
                 subject=gettext("Follow-up reported by %(unit)s") % {"unit": record.unit.name})


def accepted(item, _transition):
    record = item.record
    yield Notice(users=unit_users(record.unit_id), url=_url(item), kind=NotificationKind.INSPECTION,
                 text=gettext("The inspection team accepted the follow-up of the recommendation “%(content)s”; it is "
                              "closed.") % {"content": _short(item.content)},
                 subject=gettext("Recommendation closed"))


def returned(item, _transition):
    record = item.record
    reason = item.state_changes.order_by("-id").values_list("reason", flat=True).first() or ""
    yield Notice(users=unit_users(record.unit_id), url=_url(item), kind=NotificationKind.INSPECTION,
                 text=gettext("The inspection team returned the follow-up of the recommendation “%(content)s” "
                              "(due %(due)s). Reason: %(reason)s") % {
                     "content": _short(item.content), "due": f"{item.due_on:%d/%m/%Y}", "reason": reason},
                 subject=gettext("Follow-up returned"))


def send_reminders(today: datetime.date) -> dict[str, int]:
    """The daily sweep: each recommendation the unit still owes, once when it comes within
    DUE_SOON_WORKING_DAYS working days of its due date and once when it is overdue (again after a return: the
    key carries the day of its last state change). Returns how many users were notified of each."""
    soon_until = add_working_days(today, DUE_SOON_WORKING_DAYS)
    owed = (Recommendation.objects.filter(state__in=UNIT_OWES_STATES, due_on__lte=soon_until)
            .select_related("record__unit", "record__inspection").order_by("due_on", "id"))
    sent = {"due_soon": 0, "overdue": 0}
    users: dict[int, list[int]] = {}  # per unit: one query, whatever its number of recommendations
    for item in owed:
        if item.record.unit_id not in users:
            users[item.record.unit_id] = unit_users(item.record.unit_id)
        overdue = item.due_on < today
        since = f"{item.state_changed_at:%Y%m%d}" if item.state_changed_at else "0"
        key = f"inspection-{'overdue' if overdue else 'due-soon'}:{item.pk}:{since}"
        values = {"content": _short(item.content), "unit": item.record.unit.name, "due": f"{item.due_on:%d/%m/%Y}"}
        text = (gettext("The recommendation “%(content)s” to %(unit)s was due on %(due)s: report what was done.")
                if overdue else
                gettext("The recommendation “%(content)s” to %(unit)s is due on %(due)s.")) % values
        sent["overdue" if overdue else "due_soon"] += len(notify(
            users[item.record.unit_id], text=text, url=_url(item), key=key, kind=NotificationKind.INSPECTION,
            subject=gettext("Recommendation due: %(unit)s") % values))
    return sent
