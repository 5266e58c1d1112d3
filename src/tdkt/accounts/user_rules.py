"""Who may manage which user accounts, and which roles each manager may grant (the users screen, tdkt.users).

- System administrators manage every account and grant every role.
- The standing body (province specialist) manages every account except the administrators' (a specialist
  who could reset an administrator's password could become one), and grants every role but administrator.
- A unit leader manages only his own units' clerks: accounts whose every membership is "unit clerk" in a
  unit he leads, or a unit below it (the same tree a unit role writes to: tdkt.accounts.scope.expand_units),
  and grants only "unit clerk", only in those units.

GRANTABLE_ROLES is the named table of the last column: a role missing from it grants nothing. Nobody changes
his own account on this screen (ending one's own last role, or deactivating oneself, would lock the only
administrator out); another administrator does it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.accounts.scope import expand_units, get_scope, unit_graph

# Role held by the manager -> roles he may grant. Order of the roles: from the widest to the narrowest.
GRANTABLE_ROLES: dict[str, frozenset[str]] = {
    Role.SYSTEM_ADMIN: frozenset(Role),
    Role.PROVINCE_SPECIALIST: frozenset(Role) - {Role.SYSTEM_ADMIN},
    Role.UNIT_LEADER: frozenset({Role.UNIT_CLERK}),
}
MANAGER_ROLES = tuple(GRANTABLE_ROLES)
# Roles whose holder manages accounts of the whole province (not only of his units).
PROVINCE_MANAGER_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST})
# A leader manages the accounts holding only these roles, in his units.
LEADER_MANAGED_ROLES = frozenset({Role.UNIT_CLERK})


@dataclass(frozen=True)
class Manager:
    """What one signed-in user may do on the users screen."""

    user_id: int | None
    is_admin: bool = False  # manages administrators too
    province_wide: bool = False  # every account (but the administrators', unless is_admin)
    unit_ids: frozenset = frozenset()  # a leader's units and the units below them
    grantable: frozenset = frozenset()

    @property
    def may_manage(self) -> bool:
        return self.province_wide or bool(self.unit_ids)

    def may_grant(self, role: str) -> bool:
        return role in self.grantable

    def may_grant_in(self, unit_id) -> bool:
        return self.province_wide or unit_id in self.unit_ids


def _valid_today(memberships):
    today = timezone.localdate()
    return [m for m in memberships
            if (m.valid_from is None or m.valid_from <= today) and (m.valid_to is None or m.valid_to >= today)]


def manager_for(user) -> Manager:
    """The user's powers on the users screen: from the scope (cached) and, for a leader, his units' tree."""
    cached = getattr(user, "_tdkt_manager", None)
    if cached is not None:
        return cached
    scope = get_scope(user)
    grantable = frozenset().union(*(GRANTABLE_ROLES.get(role, frozenset()) for role in scope.roles))
    is_admin = Role.SYSTEM_ADMIN in scope.roles
    province_wide = bool(scope.roles & PROVINCE_MANAGER_ROLES)
    unit_ids: frozenset = frozenset()
    if not province_wide and Role.UNIT_LEADER in scope.roles:
        roots = {m.unit_id for m in _valid_today(user.memberships.filter(role=Role.UNIT_LEADER))}
        children, predecessors = unit_graph()
        unit_ids = frozenset(expand_units(roots, children, predecessors))
    manager = Manager(user.pk if user.is_authenticated else None, is_admin=is_admin, province_wide=province_wide,
                      unit_ids=unit_ids, grantable=grantable)
    if user.is_authenticated:
        user._tdkt_manager = manager
    return manager


def managed_users(actor) -> QuerySet:
    """The accounts `actor` may see and change on the users screen (a query, not evaluated)."""
    manager = manager_for(actor)
    users = User.objects.all()
    if manager.is_admin:
        return users
    if manager.province_wide:
        admins = Membership.objects.filter(role=Role.SYSTEM_ADMIN).values("user_id")
        return users.exclude(is_superuser=True).exclude(pk__in=admins)
    if not manager.unit_ids:
        return users.none()
    clerks_here = Membership.objects.filter(role__in=LEADER_MANAGED_ROLES, unit_id__in=manager.unit_ids)
    # Any membership that is not a clerk's seat in the leader's units puts the account out of his reach.
    elsewhere = Membership.objects.exclude(Q(role__in=LEADER_MANAGED_ROLES) & Q(unit_id__in=manager.unit_ids))
    return (users.filter(pk__in=clerks_here.values("user_id")).exclude(pk__in=elsewhere.values("user_id"))
            .exclude(is_superuser=True))


def get_user_for_manager(actor, pk) -> User:
    """An account `actor` manages, or 404 (another unit's account is not there for him)."""
    user = managed_users(actor).filter(pk=pk).first()
    if user is None:
        raise Http404
    return user


def check_not_self(actor, user) -> None:
    if actor.pk == user.pk:
        raise ValidationError(_("You cannot change your own account on this screen; ask another administrator."))


def check_grant(actor, role: str, unit) -> None:
    """Refuse a role above the actor's or a unit outside his reach, naming the field."""
    manager = manager_for(actor)
    if not manager.may_grant(role):
        allowed = ", ".join(str(Role(r).label) for r in Role.values if r in manager.grantable)
        raise ValidationError({"role": _("Role: you may not grant the role “%(role)s”; you may grant: %(allowed)s.")
                               % {"role": Role(role).label, "allowed": allowed or "—"}})
    if unit is not None and not manager.may_grant_in(unit.pk):
        raise ValidationError({"unit": _("Unit: you may grant roles only in the units you lead and the units "
                                         "below them.")})


def grantable_roles(actor) -> list[tuple[str, str]]:
    """(value, label) of the roles `actor` may grant, in the order of Role."""
    manager = manager_for(actor)
    return [(value, label) for value, label in Role.choices if value in manager.grantable]
