"""Who may do what on the initiatives register."""

from tdkt.accounts.scope import get_scope
from tdkt.awards.enums import InitiativeScope


def can_register(user, unit_id) -> bool:
    """A unit's clerk or leader for its own units; the standing body for any."""
    return get_scope(user).can_write_unit(unit_id)


def can_evaluate(user, work) -> bool:
    """The unit's council records its evaluation through the unit's officers; the standing body for any."""
    scope = get_scope(user)
    return scope.write_all or (work.unit_id is not None and scope.can_write_unit(work.unit_id))


def can_recognise_at(user, work, scope_value: str) -> bool:
    """Grassroots scope: the unit's head (recorded by its officers). Provincial and nationwide scope are
    recognised by the province (Luật Đ21.2, Đ22.2: the head of the bộ/tỉnh), so only its standing body
    records them."""
    if scope_value == InitiativeScope.CO_SO:
        return can_evaluate(user, work)
    return get_scope(user).write_all


def can_claim(user, dossier) -> bool:
    """The officers who may change the dossier pick the initiatives its lines rest on."""
    return get_scope(user).can_act_for_dossier(dossier.unit_id, dossier.group_year_id)
