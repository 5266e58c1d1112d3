""""Việc của tôi", the signed-in home: what waits for the user (tdkt.workflow.agenda) with its deadline in
working days, overdue first; the main action of each role the user holds; a chart of the waiting work."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.lib import charts
from tdkt.workcalendar import calendar
from tdkt.workflow.agenda import AgendaItem, agenda


@dataclass(frozen=True)
class HomeItem:
    item: AgendaItem
    days_left: int | None  # working days: negative overdue, None without a deadline

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def sort_key(entry: HomeItem) -> tuple:
    """Overdue first (the most overdue first), then by due date; items without a deadline last."""
    due = entry.item.due
    return (not entry.overdue, due is None, due or datetime.date.max, entry.item.kind, entry.item.pk)


def my_work(user, today: datetime.date) -> list[HomeItem]:
    """Everything waiting for `user`, sorted (the province calendar is read once per request)."""
    entries = [HomeItem(item, calendar.working_days_left(item.due, today) if item.due else None)
               for item in agenda(user)]
    return sorted(entries, key=sort_key)


# Each role's main action: its big button on the home (label, URL name). The order says which comes first
# for a user holding several roles.
MAIN_ACTIONS = [
    (Role.UNIT_CLERK, gettext_lazy("Prepare a nomination dossier"), "dossiers:create"),
    (Role.UNIT_LEADER, gettext_lazy("Dossiers of my unit"), "dossiers:inbox"),
    (Role.PROVINCE_SPECIALIST, gettext_lazy("Dossier queue"), "dossiers:queue"),
    (Role.COUNCIL_MEMBER, gettext_lazy("Council meetings and ballots"), "council:meetings"),
    (Role.COUNCIL_SECRETARY, gettext_lazy("Council meetings"), "council:meetings"),
    (Role.SIGNER, gettext_lazy("Decisions"), "decisions:list"),
    (Role.GROUP_HEAD, gettext_lazy("Scoring of my cluster or block"), "scoring:index"),
    (Role.SYSTEM_ADMIN, gettext_lazy("Audit log"), "audit:list"),
]


def main_actions(user, work: list[HomeItem]) -> list[dict]:
    """The big buttons of the roles the user holds; a council member with a ballot to vote in goes straight to
    it, a signer to the decisions waiting for him."""
    held = get_scope(user).roles
    votes = [entry.item for entry in work if entry.item.kind == "vote"]
    buttons = []
    for role, label, url_name in MAIN_ACTIONS:
        if role not in held:
            continue
        url = reverse(url_name)
        if role == Role.COUNCIL_MEMBER and votes:
            label, url = _("Vote in the open ballot"), votes[0].url
        elif role == Role.SIGNER:
            url += "?state=draft"
            label = _("Decisions to sign")
        buttons.append({"role": role.value, "label": label, "url": url})
    return buttons


def work_chart(work: list[HomeItem]) -> SafeString | str:
    """Horizontal bars: how many items of each kind wait; a kind with overdue items is drawn highlighted (the
    page says how many are overdue under the chart)."""
    if not work:
        return ""
    counts: dict[str, list[int]] = {}
    for entry in work:
        row = counts.setdefault(entry.item.noun, [0, 0])
        row[0] += 1
        row[1] += entry.overdue
    labels = [noun[:1].upper() + noun[1:] for noun in counts]
    svg = charts.hbar_chart(labels, [row[0] for row in counts.values()], title=_("Waiting work by kind"), width=480,
                            label_width=160, highlight=[row[1] > 0 for row in counts.values()])
    return mark_safe(svg)  # noqa: S308 - tdkt.lib.charts escapes every label


def overdue_count(work: list[HomeItem]) -> int:
    return sum(entry.overdue for entry in work)
