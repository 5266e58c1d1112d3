"""Decisions on one line (one nominee, a `Nomination`) during appraisal: lines move individually, so one
rejected nominee does not block the others. Each function is the domain function of one declared
transition of tdkt.dossiers.transitions.NOMINATION: it checks the step's own rules (the dossier is in
appraisal, the new award fits the recipient), then calls `NOMINATION.perform`, which checks the actor
(only the standing body's specialists), the reason and the source state and calls the one primitive
(history row in DossierEvent, audit row, same transaction)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from tdkt.dossiers import verdicts
from tdkt.dossiers.authority import check_award_receivable
from tdkt.dossiers.enums import APPRAISAL_STATES
from tdkt.dossiers.enums import DossierState as S
from tdkt.dossiers.enums import NominationState as N
from tdkt.dossiers.models import Nomination
from tdkt.dossiers.nominees.quotas import check_appraisal, split_by_quota
from tdkt.dossiers.transitions import NOMINATION
from tdkt.eligibility.codes import Verdict

# Holds may be put or lifted until the council meets (an open case can appear at any time).
HOLD_STATES = APPRAISAL_STATES | {S.READY_FOR_COUNCIL, S.ON_HOLD}

VERDICT_LABELS = {
    Verdict.ELIGIBLE: _lazy("Eligible"),
    Verdict.INELIGIBLE: _lazy("Not eligible"),
    Verdict.NEEDS_REVIEW: _lazy("For the council to judge"),
    Verdict.ON_HOLD: _lazy("On hold"),
}


def stored_verdict(line) -> str:
    """The verdict code of the line's latest stored snapshot ("" when none was computed): no rule runs."""
    return verdicts.current_code(line)


def _verdict_in_database(line) -> str:
    """What the database holds now, not what the caller loaded: a refresh may have run since the page."""
    fresh = Nomination.objects.filter(pk=line.pk).only(*verdicts.SNAPSHOTS).first()
    return verdicts.current_code(fresh) if fresh else ""


def verdict_label(code: str) -> str:
    return str(VERDICT_LABELS.get(code, _("not checked")))


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
def accept_line(line, *, by, reason: str = "", confirmed: bool = False):
    """Proposed (or rejected, on second thoughts) → accepted. A line whose stored verdict is not "eligible"
    is accepted only with a reason and an explicit confirmation, both kept in the timeline and the audit:
    the officer overrides the engine knowingly, never by a slip of the button."""
    _start(line, "accept", by)
    reason = (reason or "").strip()
    code = _verdict_in_database(line)
    if line.state != N.ACCEPTED:  # (an accepted line is refused by the primitive, quota or not)
        check_appraisal(line, line.award_type_id)
    if code == Verdict.ELIGIBLE:
        return NOMINATION.perform(line, "accept", by=by, reason=reason, decision_reason=reason)
    label = verdict_label(code)
    errors = {}
    if not reason:
        errors["reason"] = _("Line “%(name)s” is “%(verdict)s”: give the reason for accepting it.") % {
            "name": line.recipient, "verdict": label}
    if not confirmed:
        errors["confirm"] = _("Line “%(name)s” is “%(verdict)s”: tick “%(confirm)s” to accept it.") % {
            "name": line.recipient, "verdict": label, "confirm": CONFIRM_LABEL}
    if errors:
        raise ValidationError(errors)
    full_reason = _("Accepted although “%(verdict)s”, confirmed: %(reason)s") % {"verdict": label, "reason": reason}
    return NOMINATION.perform(line, "accept", by=by, reason=full_reason, decision_reason=reason,
                              extra={"override_verdict": code or "none", "confirmed": True})


CONFIRM_LABEL = _lazy("I confirm accepting a line that is not yet eligible")


def eligible_split(dossier) -> tuple[list, list[tuple]]:
    """(lines to accept, [(line, why not) for the eligible lines beyond a quota]).

    Chosen over refusing the whole list: the officer sees before confirming exactly which lines will be
    accepted (the first ones of the dossier, up to the places left) and which are left undecided because
    the quota is full, each with the explanation; those are then decided one by one (rejecting another
    line first frees a place). On the POST each line goes through accept_line, which checks the quota
    again under lock, so a place taken meanwhile by another officer is refused, not exceeded."""
    lines = (Nomination.objects.filter(dossier=dossier, state=N.PROPOSED)
             .select_related("person", "unit", "household", "award_type").order_by("position", "id"))
    return split_by_quota(dossier, [line for line in lines if stored_verdict(line) == Verdict.ELIGIBLE])


def accept_eligible(dossier, ids, *, by) -> list[tuple]:
    """Accept exactly the lines `ids` shown to the officer, each on its own declared transition.

    A line whose state or verdict changed since the list was shown is skipped with a message: the officer
    confirmed that list, not another. Returns (line, error or None) per id, in the order of the dossier."""
    wanted = {int(pk) for pk in ids}
    lines = (Nomination.objects.filter(dossier=dossier, pk__in=wanted)
             .select_related("person", "unit", "household", "award_type").order_by("position", "id"))
    results = []
    for line in lines:
        line.dossier = dossier
        if line.state != N.PROPOSED or stored_verdict(line) != Verdict.ELIGIBLE:
            results.append((line, _("skipped: it is now “%(state)s”, “%(verdict)s”.") % {
                "state": line.get_state_display(), "verdict": verdict_label(stored_verdict(line))}))
            continue
        try:
            accept_line(line, by=by)
        except ValidationError as exc:
            results.append((line, " ".join(exc.messages)))
        else:
            results.append((line, None))
    return results


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
    check_award_receivable(line.dossier, award_type)
    check_appraisal(line, award_type.pk)
    full_reason = _("Award changed from “%(old)s” to “%(new)s”: %(reason)s") % {
        "old": line.award_type.name, "new": award_type.name, "reason": reason}
    changed = NOMINATION.perform(line, "change_award", by=by, reason=full_reason, award_type=award_type,
                                 decision_reason=reason)
    # The stored verdict was for the old award: the worker recomputes it (with the recipient's other lines).
    verdicts.facts_changed(person_ids=[line.person_id] if line.person_id else (),
                           unit_ids=[line.unit_id] if line.unit_id else (),
                           household_ids=[line.household_id] if line.household_id else ())
    return changed


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
