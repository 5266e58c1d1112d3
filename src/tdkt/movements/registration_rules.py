"""Who signs a unit's registration: a user holding the unit-leader role, today, in that unit or in a unit
above it (a department's leader signs for the department's own offices). One query, cached per user, under an
attribute of its own (dossiers.delegations caches (day, units) under another: sharing one broke a page)."""

from django.db.models import Q
from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.accounts.scope import expand_units, unit_graph


def led_unit_ids(user) -> frozenset:
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_tdkt_registration_led_units", None)
    if cached is None:
        today = timezone.localdate()
        roots = set(Membership.objects.filter(user=user, role=Role.UNIT_LEADER, unit__isnull=False)
                    .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
                    .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).values_list("unit_id", flat=True))
        if roots:
            children, predecessors = unit_graph()
            cached = frozenset(expand_units(roots, children, predecessors))
        else:
            cached = frozenset()
        user._tdkt_registration_led_units = cached
    return cached


def is_leader_of(user, unit_id) -> bool:
    return unit_id in led_unit_ids(user)
