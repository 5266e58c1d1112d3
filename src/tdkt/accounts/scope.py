"""What a user may see: computed once per request from memberships and the unit tree.

Loads a fixed number of queries whatever the number of units (memberships, unit tree, successions).
"""

from dataclasses import dataclass, field

from django.utils import timezone

from tdkt.accounts.enums import PERSONAL_DATA_ROLES, PROVINCE_WIDE_ROLES, READ_ALL_ROLES, UNIT_ROLES, Role
from tdkt.orgs.models import EmulationGroupMembership, Unit, UnitSuccession

UNIT_LEVEL = "unit"  # orgs.enums.CouncilLevel.UNIT: accounts sits below orgs (the unit graph is read lazily above)
UNIT_COUNCIL_ROLES = frozenset({Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY})


@dataclass(frozen=True)
class Scope:
    roles: frozenset = frozenset()
    read_all: bool = False  # sees every unit of the province (read)
    write_all: bool = False  # edits every unit's records
    readable_unit_ids: frozenset = frozenset()
    writable_unit_ids: frozenset = frozenset()
    personal_data_unit_ids: frozenset = frozenset()
    personal_data_all: bool = False
    home_unit_ids: frozenset = field(default_factory=frozenset)
    group_head_unit_ids: frozenset = frozenset()  # head units through which the user acts for its cụm/khối
    officer_unit_ids: frozenset = frozenset()  # units the user is a clerk or leader of: it receives their rounds

    def has_role(self, *roles) -> bool:
        return bool(self.roles & set(roles))

    def can_read_unit(self, unit_id) -> bool:
        return self.read_all or unit_id in self.readable_unit_ids

    def can_write_unit(self, unit_id) -> bool:
        return self.write_all or unit_id in self.writable_unit_ids

    def can_act_for_dossier(self, unit_id, group_year_id=None) -> bool:
        """Change a unit's dossiers; a cụm/khối head also sends its group's dossiers through the head unit."""
        return self.can_write_unit(unit_id) or bool(group_year_id and unit_id in self.group_head_unit_ids)

    def can_see_personal_data(self, unit_id) -> bool:
        return self.personal_data_all or unit_id in self.personal_data_unit_ids


EMPTY_SCOPE = Scope()


def predecessor_map() -> dict[int, list[int]]:
    """Successor unit id -> ids of the units merged or split into it, from one query."""
    predecessors: dict[int, list[int]] = {}
    for pred_id, succ_id in UnitSuccession.objects.values_list("predecessor_id", "successor_id"):
        predecessors.setdefault(succ_id, []).append(pred_id)
    return predecessors


def unit_graph():
    """(children map, predecessors map) of all units, from two queries."""
    children: dict[int, list[int]] = {}
    for unit_id, parent_id in Unit.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(unit_id)
    return children, predecessor_map()


def expand_units(root_ids, children, predecessors) -> set[int]:
    """Root units, their sub-units and every predecessor (merged or split away) of those, recursively."""
    seen: set[int] = set()
    stack = list(root_ids)
    while stack:
        unit_id = stack.pop()
        if unit_id in seen:
            continue
        seen.add(unit_id)
        stack.extend(children.get(unit_id, ()))
        stack.extend(predecessors.get(unit_id, ()))
    return seen


def compute_scope(user) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    today = timezone.localdate()
    memberships = [
        m for m in user.memberships.select_related("council")
        if (m.valid_from is None or m.valid_from <= today) and (m.valid_to is None or m.valid_to >= today)
    ]
    roles = frozenset(Role(m.role) for m in memberships)
    if user.is_superuser:
        roles |= {Role.SYSTEM_ADMIN}
    # A seat on a unit's own council reads that unit's rounds only; the province's council reads all.
    unit_council_roots = {m.council.unit_id for m in memberships if m.council_id and m.council.level == UNIT_LEVEL
                          and m.role in UNIT_COUNCIL_ROLES}
    read_all = user.is_superuser or any(m.role in READ_ALL_ROLES and not (
        m.council_id and m.council.level == UNIT_LEVEL and m.role in UNIT_COUNCIL_ROLES) for m in memberships)
    write_all = bool(roles & PROVINCE_WIDE_ROLES)
    unit_member_roots = {m.unit_id for m in memberships if m.role in UNIT_ROLES}
    home = frozenset(m.unit_id for m in memberships)
    readable: set[int] = set()
    writable: set[int] = set()
    if not read_all or unit_member_roots:
        children, predecessors = unit_graph()
        writable = expand_units(unit_member_roots, children, predecessors)
        readable = set(writable) | expand_units(home, {}, predecessors)
        readable |= expand_units(unit_council_roots, children, predecessors)
        group_ids = [m.emulation_group_id for m in memberships if m.role == Role.GROUP_HEAD]
        if group_ids:
            readable |= set(
                EmulationGroupMembership.objects.filter(
                    group_year__group_id__in=group_ids, group_year__year=today.year
                ).values_list("unit_id", flat=True)
            )
    return Scope(
        roles=roles,
        read_all=read_all,
        write_all=write_all,
        readable_unit_ids=frozenset(readable),
        writable_unit_ids=frozenset(writable),
        personal_data_all=bool(roles & PROVINCE_WIDE_ROLES),
        personal_data_unit_ids=frozenset(writable) if roles & PERSONAL_DATA_ROLES else frozenset(),
        home_unit_ids=home,
        group_head_unit_ids=frozenset(m.unit_id for m in memberships if m.role == Role.GROUP_HEAD),
        officer_unit_ids=frozenset(unit_member_roots),
    )


def get_scope(user) -> Scope:
    """The user's scope, cached on the user object for the request."""
    cached = getattr(user, "_tdkt_scope", None)
    if cached is None:
        cached = compute_scope(user)
        if user.is_authenticated:
            user._tdkt_scope = cached
    return cached
