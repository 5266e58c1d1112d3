"""Who may do what with the calendar, the step limits and the calls for dossiers.

Every signed-in user reads them (units plan their work on the same calendar and see the calls);
only the province's standing body (specialists) and administrators change them."""

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope

EDITORS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST)


def can_edit(user) -> bool:
    return get_scope(user).has_role(*EDITORS)
