"""Who approves and sends a unit's dossier: the unit's leader (lãnh đạo đơn vị: the tờ trình is the
leader's), or a clerk the leader delegated sending to for a period (SendingDelegation). The clerk prepares.

A leader of a unit also leads its sub-units (the same tree as write access, tdkt.accounts.scope). A cụm/khối
head sends its group's dossiers as before (the head unit's leader or clerk)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.accounts.scope import expand_units, get_scope, unit_graph
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.dossiers.models import SendingDelegation


def _current(queryset, today):
    return queryset.exclude(valid_from__gt=today).exclude(valid_to__lt=today)


def leads_unit(user, unit_id, today: datetime.date | None = None) -> bool:
    """Does `user` hold a current unit-leader membership of `unit_id` or of a unit above it?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    today = today or timezone.localdate()
    roots = set(_current(Membership.objects.filter(user=user, role=Role.UNIT_LEADER), today)
                .values_list("unit_id", flat=True))
    if not roots:
        return False
    return unit_id in roots or unit_id in expand_units(roots, *unit_graph())


def active_delegation(user, unit_id, today: datetime.date | None = None):
    """The delegation under which clerk `user` may send `unit_id`'s dossiers today, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    today = today or timezone.localdate()
    if unit_id not in get_scope(user).writable_unit_ids:  # the clerk must still write the unit
        return None
    return (_current(SendingDelegation.objects.filter(unit_id=unit_id, clerk=user, revoked_at__isnull=True), today)
            .select_related("leader").order_by("-valid_to").first())


def leader_name(delegation) -> str:
    leader = delegation.leader
    return leader.full_name or leader.get_full_name() or leader.username


@transaction.atomic
def delegate_sending(*, unit, clerk, valid_from: datetime.date, valid_to: datetime.date, by) -> SendingDelegation:
    """The leader of `unit` lets `clerk` (a clerk of that unit) approve and send for the period."""
    if not leads_unit(by, unit.pk):
        raise PermissionDenied(_("Only the leader of “%(unit)s” may delegate sending its dossiers.") % {"unit": unit})
    if valid_from is None or valid_to is None or valid_from > valid_to:
        raise ValidationError({"valid_to": _("The period of the delegation must end on or after its first day.")})
    today = timezone.localdate()
    if valid_to < today:
        raise ValidationError({"valid_to": _("The period of the delegation is already over.")})
    is_clerk = _current(Membership.objects.filter(user=clerk, role=Role.UNIT_CLERK, unit=unit), today).exists()
    if not (clerk.is_active and is_clerk):
        raise ValidationError({"clerk": _("%(name)s is not a clerk of “%(unit)s”.") % {
            "name": clerk.get_full_name() or clerk.username, "unit": unit}})
    delegation = SendingDelegation.objects.create(unit=unit, leader=by, clerk=clerk, valid_from=valid_from,
                                                  valid_to=valid_to)
    record(by, AuditAction.CREATE, delegation, changes={
        "unit": unit.pk, "leader": by.pk, "clerk": clerk.pk, "valid_from": valid_from.isoformat(),
        "valid_to": valid_to.isoformat()})
    return delegation


@transaction.atomic
def revoke_delegation(delegation: SendingDelegation, *, by) -> SendingDelegation:
    if not leads_unit(by, delegation.unit_id):
        raise PermissionDenied(_("Only the leader of “%(unit)s” may delegate sending its dossiers.") % {
            "unit": delegation.unit})
    now = timezone.now()
    if not SendingDelegation.objects.filter(pk=delegation.pk, revoked_at__isnull=True).update(revoked_at=now):
        raise ValidationError(_("This delegation was already revoked."))
    delegation.revoked_at = now
    record(by, AuditAction.UPDATE, delegation, changes={"revoked_at": [None, now.isoformat()]})
    return delegation
