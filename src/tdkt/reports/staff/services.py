"""The register of the organisations and civil servants doing TĐKT work (forms 0604.N/0605.N): who may see and
change which rows, the changes (audited), and the list as the forms see it (age and years in TĐKT work on
30/11 of the statistical year)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.services import record_create, record_update, snapshot
from tdkt.orgs.models import Unit
from tdkt.people.models import Person
from tdkt.reports.models import TdktOffice, TdktStaffMember
from tdkt.reports.periods import statistical_year, statistical_year_of

OFFICE_FIELDS = ("unit", "name", "structure", "established_on", "dissolved_on")
POST_FIELDS = ("person", "unit", "office", "training", "tdkt_work_since", "started_on", "ended_on")


# --- scope ------------------------------------------------------------------------------------------------


def unit_ids_for(user) -> frozenset[int] | None:
    """The units whose register this officer keeps: None for the province-wide roles (every unit), else the
    units they write for (their units, sub-units and predecessors)."""
    scope = get_scope(user)
    return None if scope.write_all else scope.writable_unit_ids


def units_for(user):
    ids = unit_ids_for(user)
    units = Unit.objects.filter(dissolved_on__isnull=True).order_by("name")
    return units if ids is None else units.filter(pk__in=ids)


def default_unit(user) -> Unit | None:
    """Where a new post or organisation is recorded when no unit is chosen: the officer's own unit."""
    scope = get_scope(user)
    home = sorted(scope.officer_unit_ids or scope.home_unit_ids)
    return Unit.objects.filter(pk__in=home, dissolved_on__isnull=True).order_by("name").first()


def get_office_for_user(user, pk) -> TdktOffice:
    office = TdktOffice.objects.select_related("unit").filter(pk=pk).first()
    if office is None or not get_scope(user).can_write_unit(office.unit_id):
        raise Http404
    return office


def get_post_for_user(user, pk) -> TdktStaffMember:
    post = TdktStaffMember.objects.select_related("person", "unit", "office").filter(pk=pk).first()
    if post is None or not get_scope(user).can_write_unit(post.unit_id):
        raise Http404
    return post


# --- changes ----------------------------------------------------------------------------------------------


def _check_office(by, office: TdktOffice) -> None:
    if not get_scope(by).can_write_unit(office.unit_id):
        raise ValidationError({"unit": _("You may not keep the register of “%(unit)s”.") % {"unit": office.unit}})


def _check_post(by, post: TdktStaffMember) -> None:
    errors = {}
    if not get_scope(by).can_write_unit(post.unit_id):
        errors["unit"] = _("You may not keep the register of “%(unit)s”.") % {"unit": post.unit}
    elif post.person.unit_id != post.unit_id:
        errors["person"] = _("“%(person)s” is not a person of “%(unit)s”.") % {"person": post.person,
                                                                               "unit": post.unit}
    if post.office_id and post.office.unit_id != post.unit_id:
        errors["office"] = _("The organisation “%(office)s” is not of “%(unit)s”.") % {"office": post.office,
                                                                                       "unit": post.unit}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_office(*, by, **fields) -> TdktOffice:
    office = TdktOffice(**{k: v for k, v in fields.items() if k in OFFICE_FIELDS})
    _check_office(by, office)
    office.full_clean()
    office.save()
    record_create(by, office)
    return office


@transaction.atomic
def update_office(office: TdktOffice, *, by, **changes) -> TdktOffice:
    locked = TdktOffice.objects.select_for_update().get(pk=office.pk)
    before = snapshot(locked)
    for field, value in changes.items():
        if field in OFFICE_FIELDS:
            setattr(locked, field, value)
    _check_office(by, locked)
    locked.full_clean()
    locked.save()
    record_update(by, locked, before)
    return locked


@transaction.atomic
def create_post(*, by, **fields) -> TdktStaffMember:
    post = TdktStaffMember(created_by=by, **{k: v for k, v in fields.items() if k in POST_FIELDS})
    _check_post(by, post)
    post.full_clean()
    post.save()
    record_create(by, post)
    return post


@transaction.atomic
def update_post(post: TdktStaffMember, *, by, **changes) -> TdktStaffMember:
    """Edit a post; setting `ended_on` ends it (the person left TĐKT work or this post): the row stays, for
    the forms of the years it was held."""
    locked = TdktStaffMember.objects.select_for_update().get(pk=post.pk)
    before = snapshot(locked)
    for field, value in changes.items():
        if field in POST_FIELDS:
            setattr(locked, field, value)
    _check_post(by, locked)
    locked.full_clean()
    locked.save()
    record_update(by, locked, before)
    return locked


# --- the list ---------------------------------------------------------------------------------------------


def reference_date(today: datetime.date | None = None) -> datetime.date:
    """30/11 of the current statistical year: the date the form 0605.N counts ages and years of work on."""
    return statistical_year(statistical_year_of(today or timezone.localdate())).end


def full_years(since: datetime.date, on: datetime.date) -> int:
    return on.year - since.year - ((on.month, on.day) < (since.month, since.day))


def age_on(person: Person, on: datetime.date) -> int | None:
    """Age in full years; from the year of birth alone when that is all that is known (age reached in the year)."""
    if person.birth_date:
        return full_years(person.birth_date, on)
    return on.year - person.birth_year if person.birth_year else None


@dataclass(frozen=True)
class StaffRow:
    post: TdktStaffMember
    age: int | None
    years_in_tdkt: int
    in_post: bool


def offices(user, unit: Unit | None = None):
    ids = unit_ids_for(user)
    queryset = TdktOffice.objects.select_related("unit").order_by("unit__name", "name", "id")
    if ids is not None:
        queryset = queryset.filter(unit_id__in=ids)
    return queryset.filter(unit=unit) if unit is not None else queryset


def staff(user, unit: Unit | None = None):
    ids = unit_ids_for(user)
    queryset = (TdktStaffMember.objects.select_related("person", "unit", "office")
                .order_by("unit__name", "person__name_folded", "id"))
    if ids is not None:
        queryset = queryset.filter(unit_id__in=ids)
    return queryset.filter(unit=unit) if unit is not None else queryset


def staff_rows(user, unit: Unit | None = None, *, on: datetime.date | None = None) -> list[StaffRow]:
    """The posts with the figures of the form 0605.N on the reference date; one query."""
    on = on or reference_date()
    return [StaffRow(post=post, age=age_on(post.person, on), years_in_tdkt=max(full_years(post.tdkt_work_since, on), 0),
                     in_post=post.started_on <= on and (post.ended_on is None or post.ended_on >= on))
            for post in staff(user, unit)]
