"""Who approves and sends a unit's dossier: the unit's leader (lãnh đạo đơn vị: the tờ trình is the
leader's), or a clerk the leader delegated sending to for a period (SendingDelegation). The clerk prepares.

A leader of a unit also leads its sub-units (the same tree as write access, tdkt.accounts.scope). A cụm/khối
head sends its group's dossiers as before (the head unit's leader or clerk)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.accounts.scope import expand_units, get_scope, unit_graph
from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.audit.services import record
from tdkt.dossiers.models import SendingDelegation
from tdkt.lib.names import display_name
from tdkt.orgs.models import Unit


def _current(queryset, today):
    return queryset.exclude(valid_from__gt=today).exclude(valid_to__lt=today)


def led_unit_ids(user, today: datetime.date | None = None) -> set[int]:
    """The units `user` leads today: those of a current unit-leader membership and every unit under them."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    today = today or timezone.localdate()
    cached = getattr(user, "_tdkt_led_units", None)  # per user object, i.e. per request, like get_scope
    if cached is not None and cached[0] == today:
        return cached[1]
    roots = set(_current(Membership.objects.filter(user=user, role=Role.UNIT_LEADER), today)
                .values_list("unit_id", flat=True))
    led = expand_units(roots, *unit_graph()) if roots else set()
    user._tdkt_led_units = (today, led)
    return led


def leads_unit(user, unit_id, today: datetime.date | None = None) -> bool:
    """Does `user` hold a current unit-leader membership of `unit_id` or of a unit above it?"""
    return unit_id in led_unit_ids(user, today)


def delegations_for_user(user):
    """The delegations `user` may read: those of the units he leads, and those given to him."""
    led = led_unit_ids(user)
    return (SendingDelegation.objects.filter(Q(unit_id__in=led) | Q(clerk_id=user.pk))
            .select_related("unit", "leader", "clerk").order_by("-valid_to", "-id"))


def get_delegation_for_user(user, pk) -> SendingDelegation:
    """A delegation `user` may read; any other (another unit's) is a 404."""
    delegation = delegations_for_user(user).filter(pk=pk).first()
    if delegation is None:
        raise Http404
    return delegation


def unit_clerks_for(unit_ids, today: datetime.date | None = None):
    """The active users holding a current clerk membership of one of `unit_ids` (the form's choices)."""
    today = today or timezone.localdate()
    user_ids = _current(Membership.objects.filter(unit_id__in=unit_ids, role=Role.UNIT_CLERK), today).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("full_name", "username")


def revocations(delegations) -> dict[int, object]:
    """Delegation id -> the audit row of its revocation (who, when): one query."""
    ids = [str(item.pk) for item in delegations if item.revoked_at]
    rows = (AuditEvent.objects.filter(object_type="dossiers.sendingdelegation", object_id__in=ids,
                                      action=AuditAction.UPDATE).select_related("actor").order_by("at", "id"))
    return {int(row.object_id): row for row in rows if "revoked_at" in row.changes}


def active_delegation(user, unit_id, today: datetime.date | None = None):
    """The delegation under which clerk `user` may send `unit_id`'s dossiers today, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    today = today or timezone.localdate()
    if unit_id not in get_scope(user).writable_unit_ids:  # the clerk must still write the unit
        return None
    return _delegations_held(user, today).get(unit_id)


def _delegations_held(user, today: datetime.date) -> dict:
    """{unit id: the current delegation given to clerk `user` that lasts longest}: one query per user object (per
    request, like led_unit_ids), however many dossiers of however many units a page asks about."""
    cached = getattr(user, "_tdkt_delegations_held", None)
    if cached is not None and cached[0] == today:
        return cached[1]
    held = {}
    for delegation in (_current(SendingDelegation.objects.filter(clerk=user, revoked_at__isnull=True), today)
                       .select_related("leader").order_by("-valid_to", "-id")):
        held.setdefault(delegation.unit_id, delegation)
    user._tdkt_delegations_held = (today, held)
    return held


def _forget_delegations_held(clerk) -> None:
    """A delegation given or revoked: the clerk's object read again on its next question."""
    clerk.__dict__.pop("_tdkt_delegations_held", None)


def approvers(unit_id, today: datetime.date | None = None) -> list[int]:
    """Whom a dossier of `unit_id` waiting for approval concerns: the unit's current leaders — or, when it has
    none, those of the nearest unit above it (who lead it too) — and the clerks holding a current delegation."""
    today = today or timezone.localdate()
    leaders: set[int] = set()
    seen: set[int] = set()
    current = unit_id
    while current is not None and current not in seen and not leaders:
        seen.add(current)
        leaders = set(_current(Membership.objects.filter(unit_id=current, role=Role.UNIT_LEADER,
                                                         user__is_active=True), today)
                      .values_list("user_id", flat=True))
        current = Unit.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    delegates = set(_current(SendingDelegation.objects.filter(unit_id=unit_id, revoked_at__isnull=True,
                                                              clerk__is_active=True), today)
                    .values_list("clerk_id", flat=True))
    return sorted(leaders | delegates)


def leader_name(delegation) -> str:
    return display_name(delegation.leader)


def person_name(user) -> str:
    return display_name(user)


@transaction.atomic
def delegate_sending(*, unit, clerk, valid_from: datetime.date, valid_to: datetime.date, by,
                     note: str = "") -> SendingDelegation:
    """The leader of `unit` lets `clerk` (a clerk of that unit) approve and send for the period; one delegation
    per clerk and unit at a time (an overlapping period is refused, naming the one in force)."""
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
            "name": display_name(clerk), "unit": unit}})
    # The unit's row is locked so that two leaders delegating at once cannot both pass the overlap check.
    type(unit).objects.select_for_update().filter(pk=unit.pk).exists()
    overlapping = (SendingDelegation.objects.filter(unit=unit, clerk=clerk, revoked_at__isnull=True,
                                                    valid_from__lte=valid_to, valid_to__gte=valid_from)
                   .order_by("valid_from").first())
    if overlapping is not None:
        raise ValidationError({"valid_from": _(
            "%(name)s already holds a delegation of “%(unit)s” from %(start)s to %(end)s, which overlaps this "
            "period: revoke it first or choose another period.") % {
            "name": person_name(clerk), "unit": unit, "start": overlapping.valid_from.strftime("%d/%m/%Y"),
            "end": overlapping.valid_to.strftime("%d/%m/%Y")}})
    note = (note or "").strip()
    delegation = SendingDelegation.objects.create(unit=unit, leader=by, clerk=clerk, valid_from=valid_from,
                                                  valid_to=valid_to, note=note)
    _forget_delegations_held(clerk)
    record(by, AuditAction.CREATE, delegation, changes={
        "unit": unit.pk, "leader": by.pk, "clerk": clerk.pk, "valid_from": valid_from.isoformat(),
        "valid_to": valid_to.isoformat(), **({"note": note} if note else {})})
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
    if SendingDelegation.clerk.is_cached(delegation):  # the clerk's object in this process; never fetched for it
        _forget_delegations_held(delegation.clerk)
    record(by, AuditAction.UPDATE, delegation, changes={"revoked_at": [None, now.isoformat()]})
    return delegation
