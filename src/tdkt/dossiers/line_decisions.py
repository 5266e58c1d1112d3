"""Decisions on one line (one nominee) during appraisal: lines move individually, so one rejected
nominee does not block the others. Each goes through state.change_nomination_state (conditional, with
a timeline and an audit row). Only the standing body's specialists take them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.dossiers.enums import DossierState as S
from tdkt.dossiers.enums import NominationState as N
from tdkt.dossiers.state import actor_user, change_nomination_state
from tdkt.dossiers.transitions import APPRAISAL_STATES

# Holds may be put or lifted until the council meets (an open case can appear at any time).
HOLD_STATES = APPRAISAL_STATES | {S.READY_FOR_COUNCIL, S.ON_HOLD}


def _require_specialist(by) -> None:
    if actor_user(by) is not None and not get_scope(by).roles & PROVINCE_WIDE_ROLES:
        raise PermissionDenied(_("Only the standing body's specialists decide on lines."))


def _check_dossier(line, states=APPRAISAL_STATES) -> None:
    dossier = line.dossier
    if dossier.state not in states:
        raise ValidationError(_("Lines are decided while the dossier is in appraisal; this one is “%(state)s”.") % {
            "state": dossier.get_state_display()})


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason: the unit and the timeline keep it.")})
    return reason


@transaction.atomic
def accept_line(line, *, by, reason: str = ""):
    """Proposed (or rejected, on second thoughts) → accepted."""
    _require_specialist(by)
    _check_dossier(line)
    return change_nomination_state(line, N.ACCEPTED, by=by, allowed_from={N.PROPOSED, N.REJECTED}, reason=reason,
                                   decision_reason=reason or "")


@transaction.atomic
def change_line_award(line, award_type, *, by, reason: str):
    """Accept the line for another award than proposed (proposed_award_type is kept)."""
    _require_specialist(by)
    _check_dossier(line)
    reason = _reason(reason)
    if award_type.pk == line.award_type_id:
        raise ValidationError({"award_type": _("Choose an award other than the current one.")})
    recipient_ok = (award_type.for_individual if line.person_id else
                    award_type.for_collective if line.unit_id else award_type.for_household)
    if not recipient_ok:
        raise ValidationError({"award_type": _("“%(award)s” is not given to this kind of recipient.") % {
            "award": award_type.name}})
    old_name = line.award_type.name
    full_reason = _("Award changed from “%(old)s” to “%(new)s”: %(reason)s") % {
        "old": old_name, "new": award_type.name, "reason": reason}
    return change_nomination_state(line, N.ACCEPTED, by=by, allowed_from={N.PROPOSED, N.ACCEPTED},
                                   reason=full_reason, award_type=award_type, decision_reason=reason)


@transaction.atomic
def reject_line(line, *, by, reason: str):
    _require_specialist(by)
    _check_dossier(line)
    reason = _reason(reason)
    return change_nomination_state(line, N.REJECTED, by=by, allowed_from={N.PROPOSED, N.ACCEPTED}, reason=reason,
                                   decision_reason=reason)


@transaction.atomic
def hold_line(line, *, by, reason: str):
    """An open case (complaint, inspection, discipline pending) on the nominee: the line waits."""
    _require_specialist(by)
    _check_dossier(line, HOLD_STATES)
    reason = _reason(reason)
    return change_nomination_state(line, N.ON_HOLD, by=by, allowed_from={N.PROPOSED, N.ACCEPTED, N.NEEDS_FIX},
                                   reason=reason, decision_reason=reason)


@transaction.atomic
def release_line(line, *, by, reason: str):
    """The case is closed: the line is undecided again and appraised like the others."""
    _require_specialist(by)
    _check_dossier(line, HOLD_STATES)
    reason = _reason(reason)
    return change_nomination_state(line, N.PROPOSED, by=by, allowed_from={N.ON_HOLD}, reason=reason,
                                   decision_reason="")
