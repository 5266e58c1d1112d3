"""Which emulation movement a dossier may name (the dossier form, the API, create and update).

A movement is open to a unit's dossier when it has started, has not been over for longer than
settings.MOVEMENT_DOSSIER_GRACE_DAYS (its final review comes after its end), and the unit takes part:
- every unit, for a movement launched nationally or by the province for everyone;
- the launching unit and the units below it, for a movement a unit launched for everyone;
- the chosen units (and the units below them), or the members of the chosen clusters and blocks in a year
  the movement runs.

The movements app sits above this one (tdkt.movements imports dossiers), so the Movement model is reached
through the dossier's foreign key and its fields by name, never imported."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.dossiers.models import Dossier
from tdkt.orgs.models import Unit

# The values of tdkt.movements.enums.TargetScope and MovementLevel this rule reads (see the module docstring).
EVERYONE, CHOSEN_UNITS, CHOSEN_GROUPS = "everyone", "units", "groups"
LAUNCHED_BY_UNIT = "unit"


def movement_model():
    return Dossier._meta.get_field("movement").related_model


def unit_chain_ids(unit_id: int | None) -> list[int]:
    """The unit and the units above it, nearest first (one query per level; a unit tree is a few levels deep)."""
    chain: list[int] = []
    while unit_id is not None and unit_id not in chain:
        chain.append(unit_id)
        unit_id = Unit.objects.filter(pk=unit_id).values_list("parent_id", flat=True).first()
    return chain


def running_on(day: datetime.date) -> Q:
    """Started by `day` and not over for longer than the grace period."""
    last_end = day - datetime.timedelta(days=settings.MOVEMENT_DOSSIER_GRACE_DAYS)
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=last_end))


def taking_part(chain: list[int]) -> Q:
    everyone = Q(target_scope=EVERYONE) & (~Q(level=LAUNCHED_BY_UNIT) | Q(launching_unit_id__in=chain))
    units = Q(target_scope=CHOSEN_UNITS, participants__unit_id__in=chain)
    # A member of a chosen cluster or block in a year the movement runs.
    groups = (Q(target_scope=CHOSEN_GROUPS, participants__group__years__memberships__unit_id__in=chain,
                participants__group__years__year__gte=ExtractYear("start_date"))
              & (Q(end_date__isnull=True) | Q(participants__group__years__year__lte=ExtractYear("end_date"))))
    return everyone | units | groups


def open_movements(unit: Unit | None, day: datetime.date | None = None):
    """The movements a dossier of `unit` may name on `day` (without a unit: those running, for any unit)."""
    day = day or timezone.localdate()
    queryset = movement_model().objects.filter(running_on(day))
    if unit is not None:
        queryset = queryset.filter(pk__in=movement_model().objects.filter(taking_part(unit_chain_ids(unit.pk)))
                                   .values("pk"))
    return queryset.order_by("-start_date", "name")


def choices_for(unit: Unit | None, current=None, day: datetime.date | None = None):
    """The form's choices: the open movements, plus the dossier's current one (kept even when it closed)."""
    queryset = open_movements(unit, day)
    if current is not None:
        queryset = movement_model().objects.filter(Q(pk__in=queryset.values("pk")) | Q(pk=current.pk)).order_by(
            "-start_date", "name")
    return queryset


def check_movement(unit: Unit, movement, day: datetime.date | None = None) -> None:
    """Refuse a movement the unit's dossier may not name, saying why, under the field `movement`."""
    if movement is None:
        return
    day = day or timezone.localdate()
    name = {"movement": movement.name, "unit": unit.name}
    if movement.start_date > day:
        message = _("Movement: “%(movement)s” starts on %(date)s; it takes no dossier yet.") % (
            name | {"date": movement.start_date.strftime("%d/%m/%Y")})
    elif not movement_model().objects.filter(running_on(day), pk=movement.pk).exists():
        message = _("Movement: “%(movement)s” ended on %(date)s; it takes no more dossiers.") % (
            name | {"date": movement.end_date.strftime("%d/%m/%Y")})
    elif not open_movements(unit, day).filter(pk=movement.pk).exists():
        message = _("Movement: “%(unit)s” does not take part in “%(movement)s”.") % name
    else:
        return
    raise ValidationError({"movement": message})


def movement_for_call(movement, call):
    """A call that is a movement review's round carries its movement: the dossier names it (filled in when left
    blank); naming another one is refused."""
    if call is None or call.movement_id is None:
        return movement
    if movement is None:
        return call.movement
    if movement.pk != call.movement_id:
        raise ValidationError({"movement": _("Movement: the call “%(call)s” is the review round of “%(movement)s”; "
                                             "a dossier of that call names that movement.") % {
            "call": call.name, "movement": call.movement.name}})
    return movement


def movement_by_id(pk: int | None):
    """The movement of an API request's movement_id; an unknown one refused with a message naming the field."""
    if pk is None:
        return None
    movement = movement_model().objects.filter(pk=pk).first()
    if movement is None:
        raise ValidationError({"movement": _("Movement: there is no emulation movement with the id %(id)s.") % {
            "id": pk}})
    return movement
