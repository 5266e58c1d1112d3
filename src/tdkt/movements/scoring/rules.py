"""Who may do what in scoring, in one place.

- The province specialists (and the administrator) set up templates and rounds, see every group, choose
  the Government flag proposals. They do not score for a unit.
- A unit's clerk or leader fills the unit's own sheet and answers adjustments; nobody else may score it.
- The group acts through its head unit: a user holding the GROUP_HEAD role for that group in the head unit
  of the year, or a clerk/leader of the head unit. When the head rotates, last year's head no longer acts.
  The group actor reviews and adjusts scores, moves the round, records the ballot tally and proposes.
- Members of the group see the round, the leaderboard once published, and their own sheet; the council
  and signers read everything; anyone else gets 404.
- While the round is open for self-scoring, a member unit sees only its own sheet: the head unit's users
  (and a GROUP_HEAD, whose scope reads the members) see the others' sheets only once self-scoring is closed.
- A member's sheet is reviewed by the group actor; the head unit's own sheet by the deputy head unit or the
  standing body, never by the head itself. Only the standing body marks a member absent.
"""

from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.movements.scoring.enums import RoundState
from tdkt.orgs.enums import GroupRole

MANAGERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST)


def can_manage(user) -> bool:
    return get_scope(user).has_role(*MANAGERS)


def _group_head_pairs(user) -> set[tuple[int, int]]:
    """(emulation group id, unit id) of the user's valid GROUP_HEAD memberships, cached on the user."""
    cached = getattr(user, "_scoring_group_heads", None)
    if cached is None:
        today = timezone.localdate()
        cached = {
            (m.emulation_group_id, m.unit_id) for m in user.memberships.all()
            if m.role == Role.GROUP_HEAD and (m.valid_from is None or m.valid_from <= today)
            and (m.valid_to is None or m.valid_to >= today)
        } if user.is_authenticated else set()
        user._scoring_group_heads = cached
    return cached


def head_unit_id(group_year):
    for membership in group_year.memberships.all():
        if membership.role == GroupRole.HEAD:
            return membership.unit_id
    return None


def member_unit_ids(group_year) -> set[int]:
    return {m.unit_id for m in group_year.memberships.all()}


def is_group_actor(user, group_year) -> bool:
    head = head_unit_id(group_year)
    if head is None:
        return False
    return (group_year.group_id, head) in _group_head_pairs(user) or head in get_scope(user).writable_unit_ids


def can_read_group(user, group_year) -> bool:
    scope = get_scope(user)
    return scope.read_all or is_group_actor(user, group_year) or bool(member_unit_ids(group_year) & scope.readable_unit_ids)


def can_move_round(user, group_year) -> bool:
    return can_manage(user) or is_group_actor(user, group_year)


def can_score_unit(user, unit_id) -> bool:
    """Only the unit's own clerk or leader (sub-units' parents included, as the scope says)."""
    scope = get_scope(user)
    return unit_id in scope.writable_unit_ids and scope.has_role(Role.UNIT_CLERK, Role.UNIT_LEADER)


def deputy_unit_id(group_year):
    for membership in group_year.memberships.all():
        if membership.role == GroupRole.DEPUTY:
            return membership.unit_id
    return None


def _own_unit(scope, unit_id) -> bool:
    """The unit is the user's own (or a sub-unit it writes for): not one it reads as the group's head."""
    return unit_id in scope.writable_unit_ids or unit_id in scope.home_unit_ids - scope.group_head_unit_ids


def can_read_sheet(user, scoring_round, unit_id) -> bool:
    scope = get_scope(user)
    if scope.read_all or _own_unit(scope, unit_id):
        return True
    if scoring_round.state == RoundState.OPEN:  # self-scoring: every member sees only its own sheet
        return False
    return unit_id in scope.readable_unit_ids or is_group_actor(user, scoring_round.group_year)


def can_review_sheet(user, group_year, unit_id) -> bool:
    """The head unit reviews the members' sheets; its own sheet goes to the deputy head unit or the standing
    body, so the head never reviews (and then proposes) itself."""
    if unit_id == head_unit_id(group_year):
        deputy = deputy_unit_id(group_year)
        return can_manage(user) or (deputy is not None and can_score_unit(user, deputy))
    return can_manage(user) or is_group_actor(user, group_year)


def can_see_ranking(user, scoring_round) -> bool:
    """The panel and the province see the ranking while it is worked on; members once it is published."""
    group_year = scoring_round.group_year
    return get_scope(user).read_all or is_group_actor(user, group_year) or scoring_round.is_locked
