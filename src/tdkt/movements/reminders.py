"""Reminders of movement milestones and registration deadlines, by e-mail and in-app notification
(tdkt.notifications.services.notify). Run daily by `send_movement_reminders`; idempotent:

- a milestone (launch, sơ kết, tổng kết…) `days_ahead` days away or less is reminded once: its
  `reminder_sent_at` is set by a conditional update before anything is sent, so two runs never both send;
- a registration call reminds each expected unit that has not submitted, once before the due date
  ("due soon") and once after it ("missing"), under a unique MovementReminder key per call, unit and kind.

Who is reminded: the users (with a membership valid today) of the units taking part — the chosen units, the
members of the chosen clusters and blocks in that year, or, for a movement of every unit, the standing
agency and the province specialists. For a registration call: the units without a submitted registration
among the movement's participants, or among the members of the year's clusters and blocks.
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

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.movements.enums import RegistrationState, ReminderKind, TargetScope
from tdkt.movements.models import Milestone, Movement, MovementReminder, Registration, RegistrationCall
from tdkt.notifications.services import notify
from tdkt.orgs.models import EmulationGroupMembership, Unit
from tdkt.orgs.queries import natural_key


@dataclass
class RunResult:
    milestones: int = 0
    registration_reminders: int = 0
    mails: int = 0
    notifications: int = 0
    already_sent: int = 0
    without_recipients: list[str] = field(default_factory=list)
    units_without_users: int = 0  # units missing a registration that have no user to remind


def _valid(queryset, today):
    return (queryset.filter(user__is_active=True)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)))


def _users_of_units(unit_ids, today) -> dict[int, list[tuple[int, str]]]:
    """unit id -> [(user id, e-mail)] of its users with a membership valid today."""
    found: dict[int, dict[int, str]] = {}
    for unit_id, user_id, email in _valid(Membership.objects.filter(unit_id__in=unit_ids), today).values_list(
            "unit_id", "user_id", "user__email"):
        found.setdefault(unit_id, {})[user_id] = email
    return {unit_id: sorted(users.items()) for unit_id, users in found.items()}


def participant_unit_ids(movement: Movement, year: int) -> set[int]:
    """Units the movement targets in `year` (empty for a movement of every unit)."""
    if movement.target_scope == TargetScope.EVERYONE:
        return set()
    rows = list(movement.participants.values_list("unit_id", "group_id"))
    unit_ids = {unit_id for unit_id, _g in rows if unit_id}
    group_ids = [group_id for _u, group_id in rows if group_id]
    if group_ids:
        unit_ids |= set(EmulationGroupMembership.objects.filter(
            group_year__group_id__in=group_ids, group_year__year=year).values_list("unit_id", flat=True))
    return unit_ids


def _link(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _send(recipients: list[tuple[int, str]], *, subject: str, body: str, text: str, url: str, key: str,
          result: RunResult) -> None:
    emails = sorted({email for _id, email in recipients if email})
    if emails:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, emails).send()
        result.mails += 1
    result.notifications += len(notify([user_id for user_id, _e in recipients], text=text, url=url, key=key))


def _milestone_recipients(milestone: Milestone, today) -> list[tuple[int, str]]:
    movement = milestone.movement
    unit_ids = participant_unit_ids(movement, milestone.on.year)
    found = _users_of_units(unit_ids, today) if unit_ids else {}
    people = {user for users in found.values() for user in users}
    if movement.target_scope == TargetScope.EVERYONE:
        if movement.standing_unit_id:
            people |= {u for users in _users_of_units([movement.standing_unit_id], today).values() for u in users}
        people |= set(_valid(Membership.objects.filter(role=Role.PROVINCE_SPECIALIST), today)
                      .values_list("user_id", "user__email"))
    return sorted(people)


def remind_milestones(today: datetime.date, days_ahead: int, result: RunResult) -> None:
    horizon = today + datetime.timedelta(days=days_ahead)
    due = Milestone.objects.filter(on__range=(today, horizon), reminder_sent_at__isnull=True).select_related(
        "movement").order_by("on", "id")
    for milestone in due:
        with transaction.atomic():
            claimed = Milestone.objects.filter(pk=milestone.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now())
            if not claimed:  # another run took it
                result.already_sent += 1
                continue
            recipients = _milestone_recipients(milestone, today)
            if not recipients:
                result.without_recipients.append(milestone.movement.name)
            movement = milestone.movement
            text = _("%(kind)s of “%(movement)s” on %(date)s.") % {
                "kind": milestone.get_kind_display(), "movement": movement.name, "date": milestone.on.strftime("%d/%m/%Y")}
            url = reverse("movements:detail", kwargs={"pk": movement.pk})
            body = "\n".join([text, milestone.note, _link(url), "",
                              _("This message was sent automatically by the emulation and commendation information "
                                "system.")])
            _send(recipients, subject=f"[TĐKT] {text}"[:200], body=body, text=text, url=url,
                  key=f"movement-milestone:{milestone.pk}", result=result)
            result.milestones += 1


def expected_unit_ids(call: RegistrationCall) -> set[int]:
    if call.movement_id and call.movement.target_scope != TargetScope.EVERYONE:
        return participant_unit_ids(call.movement, call.year)
    return set(EmulationGroupMembership.objects.filter(group_year__year=call.year).values_list("unit_id", flat=True))


def missing_unit_ids(call: RegistrationCall) -> list[int]:
    """The units expected to register for the call that have not sent (submitted or signed) a registration."""
    sent = set(Registration.objects.filter(year=call.year, movement=call.movement).exclude(
        state=RegistrationState.DRAFT).values_list("unit_id", flat=True))
    return sorted(expected_unit_ids(call) - sent)


def missing_units(call: RegistrationCall) -> list:
    """missing_unit_ids as units with the state of their registration if they drafted one (two queries)."""
    ids = missing_unit_ids(call)
    drafts = set(Registration.objects.filter(year=call.year, movement=call.movement, unit_id__in=ids)
                 .values_list("unit_id", flat=True))
    units = sorted(Unit.objects.filter(pk__in=ids), key=lambda unit: natural_key(unit.name))
    for unit in units:
        unit.has_draft = unit.pk in drafts
    return units


def remind_registrations(today: datetime.date, days_ahead: int, result: RunResult) -> None:
    horizon = today + datetime.timedelta(days=days_ahead)
    calls = RegistrationCall.objects.filter(due_on__lte=horizon, year__gte=today.year - 1).select_related("movement")
    for call in calls:
        remind_call(call, today, result)


def remind_call(call: RegistrationCall, today: datetime.date, result: RunResult) -> None:
    """Remind every unit still missing for the call, once per kind (due soon / missing after the due date):
    the daily run and the standing body's "remind now" share the keys, so neither sends twice."""
    kind = ReminderKind.REGISTRATION_MISSING if call.due_on < today else ReminderKind.REGISTRATION_DUE_SOON
    pending = missing_unit_ids(call)
    keys = {unit_id: f"{kind}:call:{call.pk}:unit:{unit_id}" for unit_id in pending}
    known = set(MovementReminder.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    result.already_sent += len(known)
    fresh = [unit_id for unit_id in pending if keys[unit_id] not in known]
    users = _users_of_units(fresh, today)
    subject_of = call.movement.name if call.movement_id else _("year-round emulation")
    url = reverse("movements:registrations") + f"?year={call.year}"
    for unit_id in fresh:
        recipients = users.get(unit_id, [])
        if not recipients:
            result.units_without_users += 1
            continue  # nothing logged: reminded once somebody is added
        if kind == ReminderKind.REGISTRATION_MISSING:
            text = _("Your unit has not submitted its emulation registration for %(year)s (%(what)s), due "
                     "%(date)s.") % {"year": call.year, "what": subject_of, "date": call.due_on.strftime("%d/%m/%Y")}
        else:
            text = _("Submit your unit's emulation registration for %(year)s (%(what)s) by %(date)s.") % {
                "year": call.year, "what": subject_of, "date": call.due_on.strftime("%d/%m/%Y")}
        try:
            with transaction.atomic():
                MovementReminder.objects.create(key=keys[unit_id], kind=kind, unit_id=unit_id, sent_on=today,
                                                recipients=[email for _i, email in recipients if email])
                _send(recipients, subject=f"[TĐKT] {text}"[:200], body=f"{text}\n{_link(url)}", text=text,
                      url=url, key=keys[unit_id], result=result)
        except IntegrityError:
            result.already_sent += 1
            continue
        result.registration_reminders += 1


def send_movement_reminders(*, today: datetime.date | None = None, days_ahead: int = 7,
                            language: str = "vi") -> RunResult:
    today = today or timezone.localdate()
    result = RunResult()
    with translation.override(language):
        remind_milestones(today, days_ahead, result)
        remind_registrations(today, days_ahead, result)
    return result
