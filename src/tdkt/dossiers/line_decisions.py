"""Decisions on one line (one nominee, a `Nomination`) during appraisal: lines move individually, so one
rejected nominee does not block the others. Each function is the domain function of one declared
transition of tdkt.dossiers.transitions.NOMINATION: it checks the step's own rules (the dossier is in
appraisal, the new award fits the recipient), then calls `NOMINATION.perform`, which checks the actor
(only the standing body's specialists), the reason and the source state and calls the one primitive
(history row in DossierEvent, audit row, same transaction)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.dossiers.enums import APPRAISAL_STATES
from tdkt.dossiers.enums import DossierState as S
from tdkt.dossiers.transitions import NOMINATION

# Holds may be put or lifted until the council meets (an open case can appear at any time).
HOLD_STATES = APPRAISAL_STATES | {S.READY_FOR_COUNCIL, S.ON_HOLD}


def _check_dossier(line, states=APPRAISAL_STATES) -> None:
    dossier = line.dossier
    if dossier.state not in states:
        raise ValidationError(_("Lines are decided while the dossier is in appraisal; this one is “%(state)s”.") % {
            "state": dossier.get_state_display()})


def _start(line, name, by, states=APPRAISAL_STATES) -> None:
    NOMINATION.check_actor(line, NOMINATION[name], by)
    _check_dossier(line, states)


@NOMINATION.implements("accept")
@transaction.atomic
def accept_line(line, *, by, reason: str = ""):
    """Proposed (or rejected, on second thoughts) → accepted."""
    _start(line, "accept", by)
    return NOMINATION.perform(line, "accept", by=by, reason=reason, decision_reason=(reason or "").strip())


@transaction.atomic
def change_line_award(line, award_type, *, by, reason: str):
    """Accept the line for another award than proposed (proposed_award_type is kept)."""
    _start(line, "change_award", by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason: the unit and the timeline keep it.")})
    if award_type.pk == line.award_type_id:
        raise ValidationError({"award_type": _("Choose an award other than the current one.")})
    recipient_ok = (award_type.for_individual if line.person_id else
                    award_type.for_collective if line.unit_id else award_type.for_household)
    if not recipient_ok:
        raise ValidationError({"award_type": _("“%(award)s” is not given to this kind of recipient.") % {
            "award": award_type.name}})
    full_reason = _("Award changed from “%(old)s” to “%(new)s”: %(reason)s") % {
        "old": line.award_type.name, "new": award_type.name, "reason": reason}
    return NOMINATION.perform(line, "change_award", by=by, reason=full_reason, award_type=award_type,
                              decision_reason=reason)


@NOMINATION.implements("change_award")
def _change_award_without_award(line, *, by, reason: str = ""):
    """The generic page and the API cannot name the new award: the appraisal page and
    POST /api/v1/nominations/{pk}/change-award do (change_line_award)."""
    raise ValidationError({"award_type": _("Choose the award.")})


@NOMINATION.implements("reject")
@transaction.atomic
def reject_line(line, *, by, reason: str):
    _start(line, "reject", by)
    reason = (reason or "").strip()
    return NOMINATION.perform(line, "reject", by=by, reason=reason, decision_reason=reason)


@NOMINATION.implements("hold")
@transaction.atomic
def hold_line(line, *, by, reason: str):
    """An open case (complaint, inspection, discipline pending) on the nominee: the line waits."""
    _start(line, "hold", by, HOLD_STATES)
    reason = (reason or "").strip()
    return NOMINATION.perform(line, "hold", by=by, reason=reason, decision_reason=reason)


@NOMINATION.implements("release")
@transaction.atomic
def release_line(line, *, by, reason: str):
    """The case is closed: the line is undecided again and appraised like the others."""
    _start(line, "release", by, HOLD_STATES)
    return NOMINATION.perform(line, "release", by=by, reason=reason, decision_reason="")
