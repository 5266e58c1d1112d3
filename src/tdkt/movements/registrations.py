"""Emulation registrations (đăng ký thi đua): saving a unit's registration, submitting it (one function owns
the draft → submitted change), the year's call with its due date, and the registry's comparison of what
each unit registered with what it proposed (nomination lines in its dossiers of the year) and what it was
awarded (award history of the year). The registration's transitions are declared in tdkt.movements.transitions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record, record_create, record_update, snapshot
from tdkt.awards.models import AwardRecord, AwardType
from tdkt.dossiers.enums import NominationState
from tdkt.dossiers.models import Nomination
from tdkt.movements.enums import RegistrationState
from tdkt.movements.models import Registration, RegistrationCall, RegistrationItem
from tdkt.movements.transitions import REGISTRATION_MACHINE
from tdkt.orgs.models import Unit
from tdkt.orgs.queries import natural_key


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


@transaction.atomic
def submit_registration(registration: Registration, *, by) -> Registration:
    """Draft → submitted, once: REGISTRATION_MACHINE's `submit` (tdkt.movements.transitions; a conditional
    update: two clicks submit once)."""
    if not get_scope(by).can_write_unit(registration.unit_id):
        raise ValidationError(_("You may not submit the registration of “%(unit)s”.") % {"unit": registration.unit})
    if registration.state != RegistrationState.DRAFT:
        raise ValidationError(_("This registration has already been submitted."))
    REGISTRATION_MACHINE.perform(registration, "submit", by=by, submitted_at=timezone.now(), submitted_by=by)
    registration.refresh_from_db()
    return registration


@REGISTRATION_MACHINE.implements("submit")
def _submit(registration: Registration, *, by, reason: str = "") -> Registration:
    return submit_registration(registration, by=by)


@transaction.atomic
def set_registration_call(*, by, year: int, due_on, movement=None, note: str = "") -> RegistrationCall:
    """Open (or move the due date of) the year's call for registrations."""
    call = RegistrationCall.objects.select_for_update().filter(year=year, movement=movement).first()
    if call is None:
        call = RegistrationCall.objects.create(year=year, movement=movement, due_on=due_on, note=note.strip(),
                                               created_by=by)
        record_create(by, call)
        return call
    before = snapshot(call)
    call.due_on, call.note = due_on, note.strip()
    call.save(update_fields=["due_on", "note"])
    record_update(by, call, before)
    return call


# --- registered / proposed / awarded ----------------------------------------------------------------------

@dataclass
class ComparisonLine:
    award: object
    registered: int = 0
    proposed: int = 0
    awarded: int = 0


@dataclass
class UnitComparison:
    unit: object
    state: str = ""  # of the year-round registration; "" when the unit did not register
    lines: list[ComparisonLine] = field(default_factory=list)


def comparison(user, year: int, *, unit_ids: list[int] | None = None) -> list[UnitComparison]:
    """Per unit in the user's scope, per award: registered vs proposed vs awarded in `year` (year-round
    registrations). Five queries whatever the number of units."""
    scope = get_scope(user)
    registrations = Registration.objects.filter(year=year, movement__isnull=True)
    nominations = (Nomination.objects.filter(dossier__year=year).exclude(state=NominationState.WITHDRAWN)
                   .values("dossier__unit_id", "award_type_id").annotate(n=Count("id")))
    awards = (AwardRecord.objects.filter(year=year).filter(Q(unit__isnull=False) | Q(person__isnull=False))
              .values("unit_id", "person__unit_id", "award_type_id").annotate(n=Count("id")))
    if not scope.read_all:
        readable = scope.readable_unit_ids
        registrations = registrations.filter(unit_id__in=readable)
        nominations = nominations.filter(dossier__unit_id__in=readable)
        awards = awards.filter(Q(unit_id__in=readable) | Q(person__unit_id__in=readable))
    if unit_ids:
        registrations = registrations.filter(unit_id__in=unit_ids)
        nominations = nominations.filter(dossier__unit_id__in=unit_ids)
        awards = awards.filter(Q(unit_id__in=unit_ids) | Q(person__unit_id__in=unit_ids))
    counts: dict[int, dict[int, ComparisonLine]] = defaultdict(dict)
    states: dict[int, str] = {}

    def line(unit_id, award_id) -> ComparisonLine:
        return counts[unit_id].setdefault(award_id, ComparisonLine(award=award_id))

    for _reg_id, unit_id, state, collective_id in registrations.values_list("id", "unit_id", "state",
                                                                            "collective_award_id"):
        states[unit_id] = state
        if collective_id:
            line(unit_id, collective_id).registered += 1
    for unit_id, award_id, count in RegistrationItem.objects.filter(registration__in=registrations).values_list(
            "registration__unit_id", "award_type_id", "count"):
        line(unit_id, award_id).registered += count
    for row in nominations:
        line(row["dossier__unit_id"], row["award_type_id"]).proposed += row["n"]
    for row in awards:
        unit_id = row["unit_id"] or row["person__unit_id"]
        if (scope.read_all or unit_id in scope.readable_unit_ids) and (not unit_ids or unit_id in unit_ids):
            line(unit_id, row["award_type_id"]).awarded += row["n"]
    award_ids = {award_id for lines in counts.values() for award_id in lines}
    award_types = AwardType.objects.in_bulk(award_ids)
    units = Unit.objects.in_bulk(list(counts))
    result = []
    for unit_id, lines in counts.items():
        for entry in lines.values():
            entry.award = award_types[entry.award]
        ordered = sorted(lines.values(), key=lambda e: (e.award.sort_order, e.award.code))
        result.append(UnitComparison(unit=units[unit_id], state=states.get(unit_id, ""), lines=ordered))
    return sorted(result, key=lambda c: natural_key(c.unit.name))
