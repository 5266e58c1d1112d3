"""The daily reminders: tasks due soon, overdue tasks, unit plans due soon or missing.

`send_reminders(today=…, days_ahead=3)` first runs the overdue sweep (tdkt.plans.services), then mails
each unit's users once, listing what is new for that unit. A Reminder row per (item, unit, kind, date)
is written with the mail, under a unique key, so a second run the same day — or any later run — sends
nothing for what was already reminded:

- task due soon: once per due date, when it is `days_ahead` days away or less (lead units);
- task overdue: once, when the task is overdue after its last due date (lead units);
- unit plan due soon / missing: once each, before and after the deadline (the unit itself).

Recipients are the active users with an e-mail address and a membership of the unit valid today.
A unit without one gets nothing and nothing is logged, so it is reminded once somebody is added.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdkt.accounts.models import Membership
from tdkt.orgs.models import Unit
from tdkt.plans.enums import ReminderKind, TaskState, UnitRole
from tdkt.plans.models import PlanTask, PlanTaskUnit, Reminder, TaskDueDate, UnitPlanSubmission
from tdkt.plans.services import sweep_overdue

KIND_ORDER = (ReminderKind.TASK_OVERDUE, ReminderKind.TASK_DUE_SOON, ReminderKind.UNIT_PLAN_MISSING,
              ReminderKind.UNIT_PLAN_DUE_SOON)


@dataclass(frozen=True)
class Item:
    kind: str
    unit_id: int
    about: datetime.date
    task: PlanTask | None = None
    submission: UnitPlanSubmission | None = None

    @property
    def key(self) -> str:
        subject = f"task:{self.task.pk}" if self.task else f"unitplan:{self.submission.pk}"
        return f"{self.kind}:{subject}:unit:{self.unit_id}:{self.about.isoformat()}"


@dataclass
class RunResult:
    swept: int = 0
    mails: int = 0
    reminders: int = 0
    already_sent: int = 0
    units_without_recipients: list[str] = field(default_factory=list)


def _lead_units(task_ids) -> dict[int, list[int]]:
    leads: dict[int, list[int]] = {}
    for task_id, unit_id in PlanTaskUnit.objects.filter(task_id__in=task_ids, role=UnitRole.LEAD,
                                                        unit__isnull=False).values_list("task_id", "unit_id"):
        leads.setdefault(task_id, []).append(unit_id)
    return leads


def collect(today: datetime.date, days_ahead: int) -> list[Item]:
    horizon = today + datetime.timedelta(days=days_ahead)
    items: list[Item] = []
    dues = list(TaskDueDate.objects.filter(on__range=(today, horizon), task__state__in=(
        TaskState.NOT_STARTED, TaskState.IN_PROGRESS)).select_related("task__plan").order_by("on", "task_id"))
    overdue = list(PlanTask.objects.filter(state=TaskState.OVERDUE, due_date__lt=today).select_related("plan")
                   .order_by("due_date", "id"))
    leads = _lead_units({due.task_id for due in dues} | {task.pk for task in overdue})
    for due in dues:
        items += [Item(ReminderKind.TASK_DUE_SOON, unit_id, due.on, task=due.task) for unit_id in leads.get(due.task_id, ())]
    for task in overdue:
        items += [Item(ReminderKind.TASK_OVERDUE, unit_id, task.due_date, task=task) for unit_id in leads.get(task.pk, ())]
    missing = (UnitPlanSubmission.objects.filter(submitted_at__isnull=True, requirement__deadline__isnull=False,
                                                 requirement__deadline__lte=horizon)
               .select_related("requirement__plan").order_by("requirement__deadline", "id"))
    for submission in missing:
        deadline = submission.requirement.deadline
        kind = ReminderKind.UNIT_PLAN_MISSING if deadline < today else ReminderKind.UNIT_PLAN_DUE_SOON
        items.append(Item(kind, submission.unit_id, deadline, submission=submission))
    return items


def recipients(unit_ids, today: datetime.date) -> dict[int, list[str]]:
    """Unit id → sorted e-mail addresses of its active users with a membership valid today."""
    found: dict[int, set[str]] = {}
    memberships = (Membership.objects.filter(unit_id__in=unit_ids, user__is_active=True)
                   .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
                   .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
                   .exclude(user__email="").values_list("unit_id", "user__email"))
    for unit_id, email in memberships:
        found.setdefault(unit_id, set()).add(email)
    return {unit_id: sorted(emails) for unit_id, emails in found.items()}


def _link(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _line(item: Item) -> str:
    if item.task is not None:
        task = item.task
        number = f"{task.number}. " if task.number else ""
        content = " ".join(task.content.split())
        if len(content) > 160:
            content = content[:157] + "…"
        return _("- %(number)s%(content)s (due %(date)s): %(link)s") % {
            "number": number, "content": content, "date": item.about.strftime("%d/%m/%Y"),
            "link": _link(reverse("plans:task", kwargs={"pk": task.pk}))}
    plan = item.submission.requirement.plan
    return _("- Your unit's own plan for “%(plan)s” (deadline %(date)s): %(link)s") % {
        "plan": plan.title, "date": item.about.strftime("%d/%m/%Y"),
        "link": _link(reverse("plans:unit_plans", kwargs={"pk": plan.pk}))}


HEADINGS = {
    ReminderKind.TASK_OVERDUE: gettext_noop("Overdue tasks your unit leads:"),
    ReminderKind.TASK_DUE_SOON: gettext_noop("Tasks your unit leads that are due soon:"),
    ReminderKind.UNIT_PLAN_MISSING: gettext_noop("Unit plans not sent by the deadline:"),
    ReminderKind.UNIT_PLAN_DUE_SOON: gettext_noop("Unit plans to send soon:"),
}


def compose(unit: Unit, items: list[Item]) -> tuple[str, str]:
    """(subject, body) of one unit's mail, in the active language."""
    subject = _("[TĐKT] Reminders for %(unit)s: %(count)s items") % {"unit": unit.name, "count": len(items)}
    lines = [_("To: %(unit)s") % {"unit": unit.name}, ""]
    for kind in KIND_ORDER:
        chosen = [item for item in items if item.kind == kind]
        if chosen:
            lines.append(_(HEADINGS[kind]))
            lines += [_line(item) for item in chosen]
            lines.append("")
    lines.append(_("This message was sent automatically by the emulation and commendation information system."))
    return subject, "\n".join(lines)


def send_reminders(*, today: datetime.date | None = None, days_ahead: int = 3, language: str = "vi") -> RunResult:
    today = today or timezone.localdate()
    result = RunResult()
    with translation.override(language):
        result.swept = len(sweep_overdue(today))
        items = collect(today, days_ahead)
        known = set(Reminder.objects.filter(key__in=[item.key for item in items]).values_list("key", flat=True))
        result.already_sent = sum(1 for item in items if item.key in known)
        fresh: dict[int, list[Item]] = {}
        for item in items:
            if item.key not in known:
                fresh.setdefault(item.unit_id, []).append(item)
        addresses = recipients(list(fresh), today)
        units = Unit.objects.in_bulk(list(fresh))
        for unit_id in sorted(fresh, key=lambda pk: units[pk].name):
            unit, unit_items = units[unit_id], fresh[unit_id]
            emails = addresses.get(unit_id)
            if not emails:
                result.units_without_recipients.append(unit.name)
                continue
            subject, body = compose(unit, unit_items)
            try:
                with transaction.atomic():
                    Reminder.objects.bulk_create([Reminder(
                        key=item.key, kind=item.kind, unit_id=unit_id, task=item.task, submission=item.submission,
                        about_date=item.about, sent_on=today, recipients=emails) for item in unit_items])
                    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, emails).send()
            except IntegrityError:
                continue  # another run logged them first: it sent this mail
            result.mails += 1
            result.reminders += len(unit_items)
    return result
