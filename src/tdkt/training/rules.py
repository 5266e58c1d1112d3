"""Who may do what on the training register."""

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope

# Roles that work on the register (the pages' buttons); the predicates below decide per unit.
EDITORS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK, Role.UNIT_LEADER)


def can_organise(user, unit_id) -> bool:
    """A unit's clerk or leader organises classes for its own units; the standing body for any unit."""
    return get_scope(user).can_write_unit(unit_id)


def can_manage(user, training) -> bool:
    """The organiser's officers (or the standing body) record attendance, results and the class's states."""
    return can_organise(user, training.organiser_id)


def can_enrol(user, person) -> bool:
    """A unit clerk enrols only persons of his own units (a class of the province may target many units:
    each unit sends its own people); the standing body enrols anyone."""
    return get_scope(user).can_write_unit(person.unit_id)
