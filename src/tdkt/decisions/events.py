"""A decision's timeline row (DecisionEvent) with its audit row, and the audit row of a new decision: written
by the life of a decision (services) and by corrections and revocations (amendments)."""

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.decisions.models import DecisionEvent
from tdkt.dossiers.state import actor_user


def log_decision_event(decision, *, by, from_state, to_state, reason="", changes=None):
    user = actor_user(by)
    DecisionEvent.objects.create(decision=decision, from_state=from_state, to_state=to_state, reason=reason or "",
                                 by=user, by_name=getattr(user, "username", "") or (by if isinstance(by, str) else ""))
    record(by, AuditAction.UPDATE, decision,
           changes={"state": [from_state, to_state], "reason": reason or "", **(changes or {})})


def record_decision_created(by, decision) -> None:
    record(by, AuditAction.CREATE, decision, changes={
        "kind": decision.kind, "award_type": decision.award_type_id, "basis": decision.basis,
        "achievement_year": decision.achievement_year, "corrects": decision.corrects_id,
        "revokes": decision.revokes_id, "lines": decision.lines.count()})
