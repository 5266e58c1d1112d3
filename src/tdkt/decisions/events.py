"""A decision's timeline row (DecisionEvent) with its audit row, and the audit row of a new decision: written
by the life of a decision (services) and by corrections and revocations (amendments); and the signal of a
signing, for the apps above this one (tdkt.integration queues its outbound messages on it)."""

from django.dispatch import Signal

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.decisions.transitions import DECISION
from tdkt.workflow.primitive import write_history


def log_decision_event(decision, *, by, from_state, to_state, reason="", changes=None):
    """The timeline and audit rows of a step that is not a transition (the creation of a draft)."""
    write_history(DECISION, decision, by=by, from_state=from_state, to_state=to_state, reason=reason)
    record(by, AuditAction.UPDATE, decision,
           changes={"state": [from_state, to_state], "reason": reason or "", **(changes or {})})


def record_decision_created(by, decision) -> None:
    record(by, AuditAction.CREATE, decision, changes={
        "kind": decision.kind, "award_type": decision.award_type_id, "basis": decision.basis,
        "achievement_year": decision.achievement_year, "corrects": decision.corrects_id,
        "revokes": decision.revokes_id, "lines": decision.lines.count()})


# Sent by sign_decision inside its transaction, once the awards are in the history (or amended): keyword
# arguments `decision` (signed, numbered, dated), `lines` (its lines, person/unit/award type loaded) and `by`.
# A receiver that raises undoes the signing: what it writes belongs to the same transaction.
decision_signed = Signal()
