"""Which reporting unit a request may ask for: province-wide officers the province (no unit) or any unit;
everyone else their own units only (their memberships' units and the subtrees they are officers of), by
default the first of them. Another unit's report is 404, as every other unit's object is."""

from __future__ import annotations

from django.http import Http404

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.orgs.models import Unit


def province_wide(user) -> bool:
    return get_scope(user).has_role(*PROVINCE_WIDE_ROLES)


def own_unit_ids(user) -> frozenset[int]:
    scope = get_scope(user)
    return scope.home_unit_ids | scope.writable_unit_ids


def reporting_unit(user, unit_param):
    """The Unit asked for (None: the province), or Http404."""

    try:
        unit_id = int(unit_param) if unit_param not in (None, "") else None
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if province_wide(user):
        return None if unit_id is None else _unit(Unit, unit_id)
    own = own_unit_ids(user)
    if unit_id is None:
        home = sorted(get_scope(user).home_unit_ids)
        if not home:
            raise Http404
        unit_id = home[0]
    if unit_id not in own:
        raise Http404
    return _unit(Unit, unit_id)


def _unit(model, unit_id):
    unit = model.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit
