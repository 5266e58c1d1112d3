"""Who may do what with exemplars.

- The unit's clerks (and leaders) write their own units' drafts and send them to the leader; another unit's
  exemplar is a 404 to them.
- The unit's leader confirms (or returns) what the unit proposes: a user holding the unit-leader role today in
  that unit or a unit above it. A clerk is no leader, even of his own unit.
- The standing body (province specialists, administrators) approves and publishes, returns, archives.
- Readers: the province-wide readers and the unit's own users.
"""

from django.db.models import Q
from django.utils import timezone

from tdkt.accounts.enums import UNIT_ROLES, Role
from tdkt.accounts.models import Membership
from tdkt.accounts.scope import expand_units, get_scope, unit_graph

WRITERS = (Role.UNIT_CLERK, Role.UNIT_LEADER)


def led_unit_ids(user) -> frozenset:
    """Units the user leads today, sub-units included; one query (two more when he leads one), cached per user."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_tdkt_exemplar_led_units", None)
    if cached is None:
        today = timezone.localdate()
        roots = set(Membership.objects.filter(user=user, role=Role.UNIT_LEADER, unit__isnull=False)
                    .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
                    .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).values_list("unit_id", flat=True))
        cached = frozenset(expand_units(roots, *unit_graph())) if roots else frozenset()
        user._tdkt_exemplar_led_units = cached
    return cached


def can_write_unit(user, unit_id) -> bool:
    """A clerk or leader of the unit (or of a unit above it)."""
    scope = get_scope(user)
    return bool(scope.roles & UNIT_ROLES) and unit_id in scope.writable_unit_ids


def is_clerk(user, exemplar) -> bool:
    return can_write_unit(user, exemplar.unit_id)


def is_leader(user, exemplar) -> bool:
    return exemplar.unit_id in led_unit_ids(user)


def is_standing_body(user, exemplar=None) -> bool:
    return get_scope(user).write_all


def can_read(user, exemplar) -> bool:
    scope = get_scope(user)
    return scope.read_all or scope.can_read_unit(exemplar.unit_id)
