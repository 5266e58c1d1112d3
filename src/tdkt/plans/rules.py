"""Who may do what with plans and tasks (role × unit), in one place.

- Plans (header, narrative, unit-plan status) are read by every signed-in user: they are sent to every unit.
- A task is seen by the province-wide readers (specialists, council, signers) and by the units it names
  as lead or coordinating (their sub-units and predecessors included, as the scope says); others get 404.
- Progress updates: the province specialists, and the clerks/leaders of any unit of the task.
- Status changes: the province specialists, and the clerks/leaders of a lead unit.
- Importing plans, resolving unit names, requiring unit plans: the province specialists.
"""

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.plans.enums import UnitRole

MANAGERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST)
UPDATERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK, Role.UNIT_LEADER)


def task_unit_ids(task, role=None) -> set[int]:
    """Resolved unit ids of the task (prefetched `units` are used when present)."""
    return {link.unit_id for link in task.units.all() if link.unit_id and (role is None or link.role == role)}


def can_read_task(user, task) -> bool:
    scope = get_scope(user)
    return scope.read_all or bool(task_unit_ids(task) & scope.readable_unit_ids)


def writable_task_units(user, task) -> list:
    """The task's units the user may post an update for (all of them for province-wide writers)."""
    scope = get_scope(user)
    return [link.unit for link in task.units.all()
            if link.unit_id and (scope.write_all or link.unit_id in scope.writable_unit_ids)]


def can_update_task(user, task) -> bool:
    scope = get_scope(user)
    return scope.write_all or bool(task_unit_ids(task) & scope.writable_unit_ids)


def can_set_state(user, task) -> bool:
    scope = get_scope(user)
    return scope.write_all or bool(task_unit_ids(task, UnitRole.LEAD) & scope.writable_unit_ids)


def can_manage_plans(user) -> bool:
    return get_scope(user).write_all
