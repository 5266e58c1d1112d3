"""Who may do what on the inspections register (role × unit × team), in one place.

- The standing body (province specialists, administrators) plans inspections and acts as every team.
- A team member whose account is linked to the team (TeamMember.user) records findings and recommendations
  and accepts or returns the unit's follow-up, on that inspection only.
- The inspected unit's clerk or leader reports the follow-up of its recommendations.
- Province-wide readers (council, signers) read everything; a unit's officers read the records of their
  units only; anyone else gets 404."""

from tdkt.accounts.scope import get_scope


def can_manage(user) -> bool:
    """Plan the year's inspections (create them, choose units and team)."""
    return get_scope(user).write_all


def is_team(user, inspection) -> bool:
    """The standing body, or a member of this inspection's team (one query, cached per object and user)."""
    if get_scope(user).write_all:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    cache = inspection.__dict__.setdefault("_team_users", {})
    if user.pk not in cache:
        cache[user.pk] = inspection.team.filter(user_id=user.pk).exists()
    return cache[user.pk]


def can_follow_up(user, record) -> bool:
    """Report what the unit did: the inspected unit's own clerks and leaders (its sub-units' too)."""
    return record.unit_id in get_scope(user).writable_unit_ids
