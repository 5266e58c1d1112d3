"""Operations on units, emulation groups and councils. Each one validates, saves and audits
in a single transaction; views, commands and tests all call these."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import expand_units, predecessor_map
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record, record_create, record_update, snapshot
from tdkt.orgs.divisions import wards_of_province
from tdkt.orgs.enums import GroupRole, SuccessionKind
from tdkt.orgs.models import (
    Council,
    CouncilMember,
    EmulationGroupMembership,
    EmulationGroupYear,
    Unit,
    UnitName,
    UnitSuccession,
)

UNIT_FIELDS = (
    "name", "short_name", "code", "kind", "parent", "admin_code", "is_remote", "is_border",
    "is_especially_difficult", "is_ethnic_minority_area", "established_on",
)


def _check_parent(unit: Unit, parent: Unit | None) -> None:
    if parent is None:
        return
    if parent.dissolved_on is not None:
        raise ValidationError({"parent": _("The parent unit “%(name)s” has been dissolved.") % {"name": parent}})
    if unit.pk is None:
        return
    ancestor = parent
    seen = set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == unit.pk:
            raise ValidationError(
                {"parent": _("A unit cannot be placed under itself or under one of its own sub-units.")}
            )
        seen.add(ancestor.pk)
        ancestor = ancestor.parent


def _check_admin_code(unit: Unit) -> None:
    if not unit.admin_code:
        return
    wards = wards_of_province(settings.PROVINCE_NAME)
    if unit.admin_code not in wards:
        raise ValidationError({"admin_code": _(
            "“%(code)s” is not the code of a commune or ward of %(province)s in the national list."
        ) % {"code": unit.admin_code, "province": settings.PROVINCE_NAME}})


def _check_code_free(code: str, exclude_pk=None) -> None:
    if Unit.objects.filter(code__iexact=code).exclude(pk=exclude_pk).exists():
        raise ValidationError({"code": _("The unit code “%(code)s” is already used by another unit.") % {"code": code}})


@transaction.atomic
def create_unit(*, by, **fields) -> Unit:
    unit = Unit(**fields)
    _check_code_free(unit.code)
    _check_parent(unit, unit.parent)
    _check_admin_code(unit)
    unit.full_clean()
    unit.save()
    record_create(by, unit)
    return unit


@transaction.atomic
def update_unit(unit: Unit, *, by, **changes) -> Unit:
    """Edit a unit. A change of name keeps the old name in the unit's name history."""
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if locked.dissolved_on is not None:
        raise ValidationError(_("A dissolved unit cannot be edited."))
    before = snapshot(locked)
    old_name, old_short = locked.name, locked.short_name
    for field, value in changes.items():
        setattr(locked, field, value)
    _check_code_free(locked.code, exclude_pk=locked.pk)
    _check_parent(locked, locked.parent)
    _check_admin_code(locked)
    locked.full_clean()
    locked.save()
    if locked.name != old_name:
        UnitName.objects.create(
            unit=locked, name=old_name, short_name=old_short, used_until=timezone.localdate()
        )
    record_update(by, locked, before)
    return locked


def _dissolve(unit: Unit, on: datetime.date) -> None:
    unit.dissolved_on = on
    unit.save(update_fields=["dissolved_on"])


@transaction.atomic
def merge_units(sources: list[Unit], into: Unit, *, effective_on: datetime.date, by, note: str = "") -> Unit:
    """Merge units into an existing one (sáp nhập). Sources are dissolved, their active sub-units move
    under the target, and successions keep their people, awards and dossiers reachable."""
    into = Unit.objects.select_for_update().get(pk=into.pk)
    if into.dissolved_on is not None:
        raise ValidationError({"into": _("Cannot merge into “%(name)s”: that unit has been dissolved.") % {"name": into}})
    if not sources:
        raise ValidationError({"sources": _("Choose at least one unit to merge.")})
    locked = list(Unit.objects.select_for_update().filter(pk__in=[s.pk for s in sources]))
    for source in locked:
        if source.pk == into.pk:
            raise ValidationError({"sources": _("A unit cannot be merged into itself.")})
        if source.dissolved_on is not None:
            raise ValidationError({"sources": _("“%(name)s” has already been dissolved.") % {"name": source}})
        if effective_on < source.established_on:
            raise ValidationError({"effective_on": _("The merge date is before “%(name)s” was established.") % {"name": source}})
    ancestor = into.parent
    while ancestor is not None:
        if ancestor.pk in {s.pk for s in locked}:
            raise ValidationError({"into": _("Cannot merge a unit into one of its own sub-units.")})
        ancestor = ancestor.parent
    for source in locked:
        Unit.objects.filter(parent=source, dissolved_on__isnull=True).update(parent=into)
        UnitSuccession.objects.create(
            predecessor=source, successor=into, kind=SuccessionKind.MERGE, effective_on=effective_on, note=note
        )
        _dissolve(source, effective_on)
    record(by, AuditAction.MERGE, into, changes={
        "merged": [{"id": s.pk, "name": s.name} for s in locked], "effective_on": str(effective_on),
    })
    return into


@transaction.atomic
def split_unit(source: Unit, parts: list[dict], *, effective_on: datetime.date, by, note: str = "") -> list[Unit]:
    """Split a unit into new ones (chia tách). Each part is a dict of Unit fields."""
    source = Unit.objects.select_for_update().get(pk=source.pk)
    if source.dissolved_on is not None:
        raise ValidationError(_("“%(name)s” has already been dissolved.") % {"name": source})
    if len(parts) < 2:
        raise ValidationError(_("A split needs at least two new units."))
    sub_units = source.children.filter(dissolved_on__isnull=True).count()
    if sub_units:
        # Which new unit takes which sub-unit is a human decision: ask for it before the split.
        raise ValidationError(_("“%(name)s” still has %(count)d active sub-units: move them first.")
                              % {"name": source, "count": sub_units})
    codes = [part["code"].strip().upper() for part in parts]
    if len(set(codes)) != len(codes):
        raise ValidationError({"code": _("The new units must have different codes.")})
    created = []
    for part in parts:
        part = {"kind": source.kind, "parent": source.parent, "established_on": effective_on, **part}
        unit = create_unit(by=by, **part)
        UnitSuccession.objects.create(
            predecessor=source, successor=unit, kind=SuccessionKind.SPLIT, effective_on=effective_on, note=note
        )
        created.append(unit)
    _dissolve(source, effective_on)
    record(by, AuditAction.SPLIT, source, changes={
        "into": [{"id": u.pk, "name": u.name} for u in created], "effective_on": str(effective_on),
    })
    return created


def lineage_ids(unit: Unit) -> set[int]:
    """The unit and all its predecessors, recursively: whose history the unit carries."""
    return expand_units([unit.pk], {}, predecessor_map())


@transaction.atomic
def add_group_member(group_year: EmulationGroupYear, unit: Unit, role: str, *, by) -> EmulationGroupMembership:
    """Add a unit to a group-year as head, deputy head or member."""
    if unit.dissolved_on is not None:
        raise ValidationError({"unit": _("“%(name)s” has been dissolved.") % {"name": unit}})
    existing = EmulationGroupMembership.objects.select_for_update().filter(group_year=group_year)
    if role in (GroupRole.HEAD, GroupRole.DEPUTY):
        holder = existing.filter(role=role).exclude(unit=unit).select_related("unit").first()
        if holder is not None:
            message = (_("%(group)s already has a head unit: %(unit)s.") if role == GroupRole.HEAD
                       else _("%(group)s already has a deputy head unit: %(unit)s."))
            raise ValidationError({"role": message % {"group": group_year, "unit": holder.unit}})
    other = (
        EmulationGroupMembership.objects.filter(
            unit=unit, group_year__year=group_year.year, group_year__group__kind=group_year.group.kind
        ).exclude(group_year=group_year).select_related("group_year__group").first()
    )
    if other is not None:
        raise ValidationError({"unit": _("“%(unit)s” already belongs to %(group)s in %(year)s.") % {
            "unit": unit, "group": other.group_year.group, "year": group_year.year}})
    membership = existing.filter(unit=unit).first()
    try:
        with transaction.atomic():
            if membership is None:
                membership = EmulationGroupMembership.objects.create(group_year=group_year, unit=unit, role=role)
                record_create(by, membership)
            else:
                before = snapshot(membership)
                membership.role = role
                membership.save(update_fields=["role"])
                record_update(by, membership, before)
    except IntegrityError as exc:  # a concurrent request took the head or deputy seat first
        raise ValidationError({"role": _("Someone else changed this group at the same time. Reload and try again.")}) from exc
    return membership


@transaction.atomic
def create_group_year(group, year: int, *, by, copy_from_previous: bool = True) -> EmulationGroupYear:
    """Open a new year for a group, optionally with last year's members (heads are chosen anew)."""
    if EmulationGroupYear.objects.filter(group=group, year=year).exists():
        raise ValidationError({"year": _("%(group)s already has a composition for %(year)s.") % {"group": group, "year": year}})
    group_year = EmulationGroupYear.objects.create(group=group, year=year)
    record_create(by, group_year)
    if copy_from_previous:
        previous = EmulationGroupYear.objects.filter(group=group, year=year - 1).first()
        if previous is not None:
            # Units already placed in another group of this kind for the year stay where they are.
            taken = set(
                EmulationGroupMembership.objects.filter(
                    group_year__year=year, group_year__group__kind=group.kind
                ).values_list("unit_id", flat=True)
            )
            for old in previous.memberships.select_related("unit").order_by("unit__name"):
                if old.unit.dissolved_on is None and old.unit_id not in taken:
                    membership = EmulationGroupMembership.objects.create(
                        group_year=group_year, unit=old.unit, role=GroupRole.MEMBER
                    )
                    record_create(by, membership)
    return group_year


@transaction.atomic
def add_council_member(council: Council, *, person, role: str, term_start, title: str = "", user=None, by) -> CouncilMember:
    member = CouncilMember(council=council, person=person, role=role, term_start=term_start, title=title, user=user)
    if CouncilMember.objects.filter(council=council, person=person, term_end__isnull=True).exists():
        raise ValidationError({"person": _("%(person)s is already a member of this council.") % {"person": person}})
    if role == "chair" and CouncilMember.objects.filter(council=council, role="chair", term_end__isnull=True).exists():
        raise ValidationError({"role": _("This council already has a chair.")})
    member.full_clean()
    member.save()
    record_create(by, member)
    return member
