"""Who works for a unit today: the users a unit's news is sent to (dossiers returned, decisions signed,
inspection recommendations)."""

from django.db.models import Q
from django.utils import timezone

from tdkt.accounts.enums import UNIT_ROLES
from tdkt.accounts.models import Membership


def unit_users(unit_id) -> list[int]:
    """The active clerks and leaders of a unit (memberships valid today), by id."""
    return units_users([unit_id])


def units_users(unit_ids) -> list[int]:
    """The active clerks and leaders of any of `unit_ids` (memberships valid today), by id: one query."""
    today = timezone.localdate()
    return sorted(set(Membership.objects.filter(unit_id__in=list(unit_ids), role__in=UNIT_ROLES,
                                                user__is_active=True)
                      .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
                      .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
                      .values_list("user_id", flat=True)))
