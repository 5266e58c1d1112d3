"""Emulation registrations (đăng ký thi đua): saving a unit's registration, submitting it (late: its delay in
working days and a required reason), the leader's signature, and the year's call with its due date (a date,
or a number of working days from the call: tdkt.workcalendar). The registration's transitions are declared
in tdkt.movements.transitions; names registered one by one are in registration_names, the registered /
proposed / awarded comparison in registration_compare (re-exported here for older callers)."""

from __future__ import annotations

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record, record_create, record_update, snapshot
from tdkt.movements.enums import RegistrationState
from tdkt.movements.models import Registration, RegistrationCall, RegistrationItem
from tdkt.movements.models_registrations import RegistrationEntry
from tdkt.movements.registration_names import NameReport, match_names, read_names
from tdkt.movements.registration_rules import is_leader_of
from tdkt.movements.transitions import REGISTRATION_MACHINE
from tdkt.workcalendar.calendar import add_working_days, working_days_between


def registrations_for_user(user, *, year: int | None = None, movement_id: int | None = None):
    scope = get_scope(user)
    queryset = Registration.objects.select_related("unit", "movement", "collective_award")
    if not scope.read_all:
        queryset = queryset.filter(unit_id__in=scope.readable_unit_ids)
    if year:
        queryset = queryset.filter(year=year)
    if movement_id:
        queryset = queryset.filter(movement_id=movement_id)
    return queryset.annotate(item_total=Coalesce(Sum("items__count"), 0))  # people registered for titles


def _check_awards(collective_award, items: dict) -> dict:
    errors: dict[str, list[str]] = {}
    if collective_award is not None and not collective_award.for_collective:
        errors["collective_award"] = [_("“%(award)s” is not a title for collectives.") % {"award": collective_award}]
    for award, count in items.items():
        if count is None or count < 0:
            errors.setdefault("items", []).append(
                _("“%(award)s”: the number must be zero or more.") % {"award": award})
        elif not award.for_individual:
            errors.setdefault("items", []).append(
                _("“%(award)s” is not a title for individuals.") % {"award": award})
    return errors


@transaction.atomic
def save_registration(*, by, unit, year: int, movement=None, collective_award=None, items: dict | None = None,
                      targets: str = "") -> Registration:
    """Create or replace the unit's draft registration for the year (and movement). `items`: award type ->
    number of people aiming for it; zero numbers are dropped. A submitted registration is not changed."""
    items = dict(items or {})
    if not get_scope(by).can_write_unit(unit.pk):
        raise ValidationError({"unit": _("You may not register for “%(unit)s”.") % {"unit": unit}})
    errors = _check_awards(collective_award, items)
    if errors:
        raise ValidationError(errors)
    registration = (Registration.objects.select_for_update()
                    .filter(unit=unit, year=year, movement=movement).first())
    if registration is not None and registration.state != RegistrationState.DRAFT:
        raise ValidationError(_("The registration of “%(unit)s” for %(year)s has been submitted; it can no longer be "
                                "changed.") % {"unit": unit, "year": year})
    if registration is not None and registration.entries.filter(person__isnull=False).exists() and \
            {award: count for award, count in items.items() if count} != {
                item.award_type: item.count for item in registration.items.select_related("award_type")}:
        raise ValidationError(_("This registration names its people: change the names, and the numbers follow."))
    if registration is None:
        registration = Registration(unit=unit, year=year, movement=movement, created_by=by)
        before = None
    else:
        before = snapshot(registration)
    registration.collective_award = collective_award
    registration.targets = targets.strip()
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # a concurrent request created it first
        raise ValidationError(_("Someone else saved this registration at the same time. Reload and try again.")) \
            from exc
    registration.items.all().delete()
    RegistrationItem.objects.bulk_create([
        RegistrationItem(registration=registration, award_type=award, count=count)
        for award, count in items.items() if count])
    if before is None:
        record_create(by, registration)
    else:
        record_update(by, registration, before)
    record(by, AuditAction.UPDATE, registration, changes={
        "items": {award.code: count for award, count in items.items() if count}})
    return registration


def call_for(registration: Registration) -> RegistrationCall | None:
    return RegistrationCall.objects.filter(year=registration.year, movement_id=registration.movement_id).first()


def delay_of(registration: Registration, on: datetime.date) -> int:
    """Working days between the call's due date and `on` (0 when on time or when no call was made)."""
    call = call_for(registration)
    if call is None or on <= call.due_on:
        return 0
    return working_days_between(call.due_on, on)


def register_names(*, by, unit, year: int, movement=None, text: str, default_title=None):
    """Register the unit's people and collectives by name from a pasted list (registration_names): every
    line must match one of the unit's own persons or units, else nothing is saved and the report lists the
    lines to fix. Returns (registration or None, report)."""
    lines, general = read_names(text, default_title=default_title.name if default_title else "")
    report = match_names(unit, lines) if lines else NameReport()
    report.general.extend(general)
    if not report.ok:
        if not report.matched and not report.problems and not report.general:
            report.general.append(_("No name could be read from the paste."))
        return None, report
    return save_names(by=by, unit=unit, year=year, movement=movement, matched=report.matched), report


@transaction.atomic
def save_names(*, by, unit, year: int, movement=None, matched) -> Registration:
    """Replace the names of the unit's draft registration (created if needed) by `matched` lines, and derive
    the numbers per individual title from them (the count columns stay the registry's one summary)."""
    if not get_scope(by).can_write_unit(unit.pk):
        raise ValidationError({"unit": _("You may not register for “%(unit)s”.") % {"unit": unit}})
    registration = (Registration.objects.select_for_update()
                    .filter(unit=unit, year=year, movement=movement).first())
    if registration is not None and registration.state != RegistrationState.DRAFT:
        raise ValidationError(_("The registration of “%(unit)s” for %(year)s has been submitted; it can no longer be "
                                "changed.") % {"unit": unit, "year": year})
    if registration is None:
        registration = Registration.objects.create(unit=unit, year=year, movement=movement, created_by=by)
        record_create(by, registration)
    registration.entries.all().delete()
    RegistrationEntry.objects.bulk_create([
        RegistrationEntry(registration=registration, award_type=line.award, person=line.person, unit=line.unit,
                          written_name=line.line.written[:300], position=index)
        for index, line in enumerate(matched)])
    counts = Counter(line.award for line in matched if line.person is not None)
    registration.items.all().delete()
    RegistrationItem.objects.bulk_create([RegistrationItem(registration=registration, award_type=award, count=count)
                                          for award, count in counts.items()])
    Registration.objects.filter(pk=registration.pk).update(updated_at=timezone.now())
    record(by, AuditAction.UPDATE, registration, changes={"names": [
        {"person": line.person.pk if line.person else None, "unit": line.unit.pk if line.unit else None,
         "award": line.award.code} for line in matched]})
    return registration


@transaction.atomic
def submit_registration(registration: Registration, *, by, reason: str = "", today: datetime.date | None = None
                        ) -> Registration:
    """Draft → submitted, once: REGISTRATION_MACHINE's `submit` (tdkt.movements.transitions; a conditional
    update: two clicks submit once). After the call's due date the delay in working days is recorded and a
    reason is required: refused without one."""
    if not get_scope(by).can_write_unit(registration.unit_id):
        raise ValidationError(_("You may not submit the registration of “%(unit)s”.") % {"unit": registration.unit})
    if registration.state != RegistrationState.DRAFT:
        raise ValidationError(_("This registration has already been submitted."))
    reason = (reason or "").strip()
    late_days = delay_of(registration, today or timezone.localdate())
    if late_days and not reason:
        raise ValidationError({"reason": _(
            "The registration is late by %(days)d working days (due %(date)s): give the reason for the delay.") % {
            "days": late_days, "date": call_for(registration).due_on.strftime("%d/%m/%Y")}})
    REGISTRATION_MACHINE.perform(registration, "submit", by=by, reason=reason if late_days else "",
                                 submitted_at=timezone.now(), submitted_by=by, late_days=late_days,
                                 late_reason=reason if late_days else "")
    registration.refresh_from_db()
    return registration


@REGISTRATION_MACHINE.implements("submit")
def _submit(registration: Registration, *, by, reason: str = "") -> Registration:
    return submit_registration(registration, by=by, reason=reason)


@transaction.atomic
def sign_registration(registration: Registration, *, by) -> Registration:
    """Submitted → signed by the unit's leader (REGISTRATION_MACHINE's `sign`): from then on it counts."""
    if not is_leader_of(by, registration.unit_id):
        raise ValidationError(_("Only the leader of “%(unit)s” signs its registration.") % {"unit": registration.unit})
    if registration.state != RegistrationState.SUBMITTED:
        raise ValidationError(_("Only a submitted registration can be signed."))
    REGISTRATION_MACHINE.perform(registration, "sign", by=by, signed_at=timezone.now(), signed_by=by)
    registration.refresh_from_db()
    return registration


@REGISTRATION_MACHINE.implements("sign")
def _sign(registration: Registration, *, by, reason: str = "") -> Registration:
    return sign_registration(registration, by=by)


@transaction.atomic
def set_registration_call(*, by, year: int, due_on=None, movement=None, note: str = "", opened_on=None,
                          working_days: int | None = None) -> RegistrationCall:
    """Open (or move the due date of) the year's call for registrations: a due date, or a number of working
    days from the call's date (counted on the province's calendar, tdkt.workcalendar)."""
    if working_days:
        if opened_on is None:
            raise ValidationError({"opened_on": _("Give the date of the call to count the working days from.")})
        due_on = add_working_days(opened_on, working_days)
    elif due_on is None:
        raise ValidationError({"due_on": _("Give the due date, or the date of the call and the number of working "
                                           "days.")})
    values = {"due_on": due_on, "note": note.strip(), "opened_on": opened_on, "working_days": working_days or None}
    call = RegistrationCall.objects.select_for_update().filter(year=year, movement=movement).first()
    if call is None:
        call = RegistrationCall.objects.create(year=year, movement=movement, created_by=by, **values)
        record_create(by, call)
        return call
    before = snapshot(call)
    for name, value in values.items():
        setattr(call, name, value)
    call.save(update_fields=list(values))
    record_update(by, call, before)
    return call
