"""The daily dossier reminders: e-mail plus in-app notifications, idempotent.

What is reminded, and to whom:
- a dossier held by the province whose current step is overdue or due within DUE_SOON_WORKING_DAYS
  working days -> its specialist, or every province specialist while nobody is assigned;
- a dossier returned to its unit for completion, overdue or due soon -> the clerks of that unit; while the
  completed dossier awaits the leader's approval (the return's deadline keeps running) -> its leaders;
- an open call for dossiers whose cut-off is within CALL_REMINDER_WORKING_DAYS working days -> the
  clerks of every unit that has not sent a dossier for it yet;
- a hiệp y request (tdkt.dossiers.consultations) past its due date without an answer -> the dossier's
  specialist (else the one who sent it, else every province specialist);
- a request another body sent the province (hiệp y đến) not yet answered, overdue or due within
  DUE_SOON_WORKING_DAYS working days -> its responsible specialist, or every province specialist while
  nobody is assigned.

Each reminder has a key per (object, step, due date, day) and is stored as a Notification of each
recipient under that key: running twice a day sends nothing new; the next day reminds again while
the item is still late. One e-mail per recipient and run lists that recipient's new reminders; it is
sent in the transaction that writes the notifications, so a failed mail is retried on the next run.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.dossiers.calls import sent_unit_ids
from tdkt.dossiers.consultations.enums import OPEN_INBOUND_STATES, OPEN_REQUEST_STATES
from tdkt.dossiers.consultations.models import ConsultationRequest, InboundRequest
from tdkt.dossiers.enums import PROVINCE_STATES, DossierState
from tdkt.dossiers.models import Dossier, DossierCall
from tdkt.dossiers.overdue import due_soon_limit
from tdkt.notifications.models import Notification
from tdkt.workcalendar.cache import calendar_scope
from tdkt.workcalendar.calendar import current_calendar
from tdkt.workcalendar.templatetags.workdays import describe_left

CALL_REMINDER_WORKING_DAYS = 5  # how early units are reminded of a call's cut-off: a provincial choice


@dataclass(frozen=True)
class Item:
    key: str  # what and when: the same item on the same day has the same key
    text: str
    url: str
    user_ids: tuple[int, ...]


@dataclass
class RunResult:
    today: datetime.date
    dry_run: bool = False
    items: int = 0
    new_notifications: int = 0
    already_sent: int = 0
    mails: int = 0
    failed_mails: int = 0
    users: set[int] = field(default_factory=set)
    without_recipients: int = 0

    def summary(self) -> str:
        values = {"date": self.today.strftime("%d/%m/%Y"), "items": self.items, "new": self.new_notifications,
                  "users": len(self.users), "mails": self.mails, "old": self.already_sent,
                  "failed": self.failed_mails, "orphans": self.without_recipients}
        text = _("Dossier reminders of %(date)s: %(items)s items due; %(new)s new notifications for %(users)s "
                 "users, %(mails)s e-mails; %(old)s already sent today; %(failed)s e-mails failed; "
                 "%(orphans)s items without a recipient.") % values
        return (_("Dry run, nothing sent.") + " " + text) if self.dry_run else text


def _path(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


_SENTINEL = 987654321


def _dossier_paths():
    """dossier id -> path of its page; reversed once (reverse() per item dominated a run of 10,000)."""
    pattern = _path("dossiers:detail", pk=_SENTINEL)
    if not pattern:
        fallback = _path("dossier_calls:overdue")
        return lambda dossier_id: fallback
    return lambda dossier_id: pattern.replace(str(_SENTINEL), str(dossier_id))


def _valid_today(queryset, today):
    return (queryset.filter(user__is_active=True)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)))


def province_specialists(today) -> tuple[int, ...]:
    return tuple(sorted(set(_valid_today(Membership.objects.filter(role=Role.PROVINCE_SPECIALIST), today)
                            .values_list("user_id", flat=True))))


def unit_clerks(today, unit_ids=None, role=Role.UNIT_CLERK) -> dict[int, tuple[int, ...]]:
    """Unit id -> ids of its clerks (or holders of `role`; memberships valid today), one query."""
    memberships = _valid_today(Membership.objects.filter(role=role), today)
    if unit_ids is not None:
        memberships = memberships.filter(unit_id__in=list(unit_ids))
    found: dict[int, set[int]] = {}
    for unit_id, user_id in memberships.values_list("unit_id", "user_id"):
        found.setdefault(unit_id, set()).add(user_id)
    return {unit_id: tuple(sorted(users)) for unit_id, users in found.items()}


def _step_items(today, specialists, calendar) -> list[Item]:
    # Plain rows, not model instances: a busy day lists thousands of dossiers.
    rows = list(Dossier.objects.filter(
        state__in=PROVINCE_STATES | {DossierState.RETURNED, DossierState.AWAITING_APPROVAL}, step_due_on__isnull=False,
        step_due_on__lte=due_soon_limit(today)).order_by("step_due_on", "id").values_list(
        "pk", "title", "state", "step_due_on", "assignee_id", "unit_id", "unit__name"))
    clerks = unit_clerks(today, {row[5] for row in rows if row[2] == DossierState.RETURNED})
    awaiting = {row[5] for row in rows if row[2] == DossierState.AWAITING_APPROVAL}
    leaders = unit_clerks(today, awaiting, role=Role.UNIT_LEADER) if awaiting else {}
    step_labels = {value: str(label) for value, label in DossierState.choices}
    dossier_path = _dossier_paths()
    returned_text = _("Dossier “%(title)s” returned to %(unit)s for completion: %(left)s (due %(due)s).")
    step_text = _("Dossier “%(title)s” of %(unit)s, step “%(step)s”: %(left)s (due %(due)s).")
    awaiting_text = _("Dossier “%(title)s” of %(unit)s, returned for completion, awaits your approval: %(left)s "
                      "(due %(due)s).")
    items = []
    for pk, title, state, due, assignee_id, unit_id, unit_name in rows:
        values = {"title": title, "unit": unit_name, "step": step_labels[state],
                  "left": describe_left(calendar.working_days_left(due, today)), "due": due.strftime("%d/%m/%Y")}
        if state == DossierState.RETURNED:
            text, recipients = returned_text % values, clerks.get(unit_id, ())
        elif state == DossierState.AWAITING_APPROVAL:  # only a completed return has a deadline while it waits
            text, recipients = awaiting_text % values, leaders.get(unit_id, ())
        else:
            text, recipients = step_text % values, ((assignee_id,) if assignee_id else specialists)
        key = f"dossier-step:{pk}:{state}:{due.isoformat()}:{today.isoformat()}"
        items.append(Item(key, text, dossier_path(pk), recipients))
    return items


def _call_items(today, calendar) -> list[Item]:
    horizon = calendar.add_working_days(today, CALL_REMINDER_WORKING_DAYS)
    calls = list(DossierCall.objects.filter(is_open=True, cut_off__gte=today, cut_off__lte=horizon)
                 .order_by("cut_off", "id"))
    if not calls:
        return []
    sent = sent_unit_ids(call.pk for call in calls)
    clerks = unit_clerks(today)
    items = []
    for call in calls:
        recipients = tuple(sorted({user_id for unit_id, users in clerks.items()
                                   if unit_id not in sent.get(call.pk, set()) for user_id in users}))
        text = _("Call “%(call)s” closes on %(due)s (%(left)s) and your unit has not sent a dossier yet. "
                 "A late dossier needs a written justification.") % {
            "call": call.name, "left": describe_left(calendar.working_days_left(call.cut_off, today)),
            "due": call.cut_off.strftime("%d/%m/%Y")}
        key = f"call-cut-off:{call.pk}:{call.cut_off.isoformat()}:{today.isoformat()}"
        items.append(Item(key, text, _path("dossier_calls:calls"), recipients))
    return items


def _consultation_items(today, specialists, calendar) -> list[Item]:
    dossier_path = _dossier_paths()
    requests = list(ConsultationRequest.objects.filter(state__in=OPEN_REQUEST_STATES, due_on__lt=today)
                    .select_related("dossier", "agency").order_by("due_on", "id"))
    items = []
    for request in requests:
        specialist = request.dossier.assignee_id or request.sent_by_id
        text = _("Consultation of %(agency)s on dossier “%(title)s”: no answer, %(left)s (due %(due)s).") % {
            "agency": request.agency.name, "title": request.dossier.title,
            "left": describe_left(calendar.working_days_left(request.due_on, today)),
            "due": request.due_on.strftime("%d/%m/%Y")}
        key = f"consultation-overdue:{request.pk}:{request.due_on.isoformat()}:{today.isoformat()}"
        items.append(Item(key, text, dossier_path(request.dossier_id),
                          (specialist,) if specialist else specialists))
    return items


def _inbound_items(today, specialists, calendar) -> list[Item]:
    rows = list(InboundRequest.objects.filter(state__in=sorted(OPEN_INBOUND_STATES),
                                              due_on__lte=due_soon_limit(today))
                .order_by("due_on", "id").values_list("pk", "reference_number", "requesting_body", "due_on",
                                                      "assignee_id"))
    pattern = _path("consultations:inbound_detail", pk=_SENTINEL)
    items = []
    for pk, number, body, due, assignee_id in rows:
        text = _("Consultation request %(number)s of %(body)s: %(left)s (due %(due)s).") % {
            "number": number, "body": body, "left": describe_left(calendar.working_days_left(due, today)),
            "due": due.strftime("%d/%m/%Y")}
        key = f"inbound-due:{pk}:{due.isoformat()}:{today.isoformat()}"
        items.append(Item(key, text, pattern.replace(str(_SENTINEL), str(pk)),
                          (assignee_id,) if assignee_id else specialists))
    return items


def collect(today: datetime.date) -> list[Item]:
    calendar = current_calendar()
    specialists = province_specialists(today)
    return (_step_items(today, specialists, calendar) + _call_items(today, calendar)
            + _consultation_items(today, specialists, calendar) + _inbound_items(today, specialists, calendar))


def _link(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}" if path else ""


def _mail(user, items: list[Item], today) -> EmailMessage:
    subject = _("[TĐKT] Dossier reminders of %(date)s: %(count)s items") % {
        "date": today.strftime("%d/%m/%Y"), "count": len(items)}
    lines = [_("Dear %(name)s,") % {"name": str(user)}, ""]
    lines += [f"- {item.text} {_link(item.url)}".rstrip() for item in items]
    lines += ["", _("This message was sent automatically by the emulation and commendation information system.")]
    return EmailMessage(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [user.email])


def send_dossier_reminders(*, today: datetime.date | None = None, dry_run: bool = False,
                           language: str = "vi") -> RunResult:
    today = today or timezone.localdate()
    result = RunResult(today=today, dry_run=dry_run)
    with translation.override(language), calendar_scope():
        items = collect(today)
        result.items = len(items)
        result.without_recipients = sum(1 for item in items if not item.user_ids)
        keys = {item.key for item in items}
        known = set(Notification.objects.filter(key__in=keys).values_list("user_id", "key"))
        fresh: dict[int, list[Item]] = {}
        for item in items:
            for user_id in item.user_ids:
                if (user_id, item.key) in known:
                    result.already_sent += 1
                else:
                    fresh.setdefault(user_id, []).append(item)
        users = get_user_model().objects.in_bulk(list(fresh))
        for user_id in sorted(fresh):
            user, user_items = users[user_id], fresh[user_id]
            result.users.add(user_id)
            result.new_notifications += len(user_items)
            if dry_run:
                result.mails += 1 if user.email else 0
                continue
            try:
                with transaction.atomic():
                    now = timezone.now()
                    Notification.objects.bulk_create([Notification(
                        user_id=user_id, key=item.key, text=item.text, url=item.url, created_at=now)
                        for item in user_items])
                    if user.email:
                        _mail(user, user_items, today).send()
                        result.mails += 1
            except IntegrityError:  # a concurrent run wrote them first, and sent that mail
                result.new_notifications -= len(user_items)
                result.already_sent += len(user_items)
            except OSError:  # the mail server refused: nothing is kept, the next run tries again
                result.failed_mails += 1
                result.new_notifications -= len(user_items)
    return result
