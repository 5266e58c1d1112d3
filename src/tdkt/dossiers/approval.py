"""The leader's approval of a unit's dossier (issue 15): the clerk prepares and puts the dossier before the
leader ("send_for_approval": it then awaits approval and nothing in it changes — what the leader reads is what he
sends); the leader, or a clerk under the leader's delegation, approves and sends it ("approve_and_send", a
submission or a resubmission according to where it came from) or sends it back with a reason ("send_back", to the
draft or the return it came from). The leader may still send a draft or a return directly (submit, resubmit in
tdkt.dossiers.workflow). Notices: tdkt.dossiers.transitions (_awaiting_approval, _sent_back)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from tdkt.dossiers.checklist import live_lines
from tdkt.dossiers.enums import DossierState as S
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.transitions import DOSSIER, approval_origin
from tdkt.dossiers.workflow import send_to_province, submission_problems


@DOSSIER.implements("send_for_approval", reason="note")
@transaction.atomic
def send_for_approval(dossier: Dossier, *, by, note: str = "") -> Dossier:
    """Draft or returned → awaiting the leader's approval, once the dossier could be sent as it stands (the
    call's cut-off is the leader's to justify)."""
    item = DOSSIER["send_for_approval"]
    DOSSIER.check_actor(dossier, item, by)
    if dossier.state not in item.sources:  # the same refusal as the conditional update, before any other check
        return DOSSIER.perform(dossier, "send_for_approval", by=by)
    problems = submission_problems(dossier, live_lines(dossier))
    if problems:
        raise ValidationError(problems)
    return DOSSIER.perform(dossier, "send_for_approval", by=by, reason=note)


@DOSSIER.implements("approve_and_send", reason="note")
@transaction.atomic
def approve_and_send(dossier: Dossier, *, by, note: str = "") -> Dossier:
    """Awaiting approval → submitted: a first submission for a draft (late justification, cut-off), a
    resubmission for a returned dossier (its lines to complete become proposed again)."""
    DOSSIER.check_actor(dossier, DOSSIER["approve_and_send"], by)
    if dossier.state != S.AWAITING_APPROVAL:
        return DOSSIER.perform(dossier, "approve_and_send", by=by)
    return send_to_province(dossier, "approve_and_send", by=by, text=note,
                            returned=approval_origin(dossier) == S.RETURNED)


@DOSSIER.implements("send_back")
@transaction.atomic
def send_back(dossier: Dossier, *, by, reason: str) -> Dossier:
    """Awaiting approval → the draft or the return it came from, with the leader's reason; a return's deadline
    (step_due_on) is kept: the unit's time to complete keeps running."""
    return DOSSIER.perform(dossier, "send_back", by=by, reason=reason)
