"""Who may do what with movements, registrations, covenants and group rotation, in one place.

- Movements (list, page, documents) are read by every signed-in user: they are launched for everyone.
  The province specialists create and edit them, upload documents and set milestones and participants.
- Registrations: a unit's clerks and leaders write their own units' registrations (sub-units included,
  as the scope says); the province specialists write any. Readers: the province-wide readers and the
  unit's own users; another unit's registration is a 404.
- Covenants: written by the province specialists, by the group-head account of the group (role
  GROUP_HEAD), and by the clerks of the group's head unit that year; read by the members of the group.
- Reviews (sơ kết / tổng kết): opened by the province specialists; the review page is read by every signed-in
  user (its dossiers and awards scoped like the movement page); its report (whole-round figures) by the
  province-wide readers.
- Rotation and restructuring of groups: the province specialists (they approve the heads and deputies).
"""

from tdkt.accounts.enums import READ_ALL_ROLES, Role
from tdkt.accounts.scope import get_scope
from tdkt.orgs.enums import GroupRole

MANAGERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST)
REGISTRANTS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK, Role.UNIT_LEADER)
LEADER = Role.UNIT_LEADER  # signs the unit's registration (registration_rules.is_leader_of: of that unit)


def can_manage_movements(user) -> bool:
    return get_scope(user).write_all


def can_read_review_report(user) -> bool:
    """A review's report counts the whole round: the province-wide readers (views_reviews.review_report_file)."""
    return get_scope(user).has_role(*READ_ALL_ROLES)


def head_group_ids(user) -> set[int]:
    """Groups for which the user holds the group-head role (membership with emulation_group)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_tdkt_head_groups", None)
    if cached is None:
        cached = {m.emulation_group_id for m in user.memberships.all()
                  if m.role == Role.GROUP_HEAD and m.emulation_group_id}
        user._tdkt_head_groups = cached
    return cached


def can_write_covenant(user, group_year) -> bool:
    """`group_year` with memberships prefetched."""
    scope = get_scope(user)
    if scope.write_all or group_year.group_id in head_group_ids(user):
        return True
    return any(m.role == GroupRole.HEAD and scope.can_write_unit(m.unit_id) for m in group_year.memberships.all())


def can_read_group_year(user, group_year) -> bool:
    scope = get_scope(user)
    if scope.read_all or group_year.group_id in head_group_ids(user):
        return True
    return any(scope.can_read_unit(m.unit_id) for m in group_year.memberships.all())
