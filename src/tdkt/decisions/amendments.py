"""Corrections and revocations: new decisions that reference a signed one; the awards follow.

- `correct_decision` drafts a correcting decision (kind correction, `corrects` = the old one) whose lines
  copy the lines to correct (`amends_line`); the specialist edits them before approval. When it is
  signed, the award record of each amended line is updated in place from the corrected line (the award
  still stems from the original decision: its number and date stay) with a note naming the correction,
  and the record's link moves to the corrected line.
- `revoke_decision` drafts a revoking decision (kind revocation, `revokes` = the old one). When it is
  signed, the award record of each revoked line is **deleted** from the history, so that the eligibility
  engine stops counting it; the audit log keeps a full snapshot of the record (action "delete", with the
  revoking decision's number), and initiatives it consumed are released. The revoked line itself stays,
  immutable; `is_revoked(line)` and `revoked_line_ids(...)` tell certificates and the portal that its
  award was revoked.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import masked, record, snapshot
from tdkt.awards.models import AwardRecord, Initiative
from tdkt.decisions.enums import ISSUED_STATES, DecisionKind, DecisionState
from tdkt.decisions.events import log_decision_event, record_decision_created
from tdkt.decisions.models import Decision, DecisionLine, LineAwardRecord
from tdkt.dossiers.state import actor_user

COPIED_LINE_FIELDS = ("person_id", "unit_id", "household_id", "group", "display_name", "position_and_unit",
                      "owner_unit_id", "award_type_id", "coefficient", "sort_order")


def _amending_draft(decision: Decision, *, by, kind: str, reason: str, lines=None) -> Decision:
    if decision.state not in ISSUED_STATES:
        raise ValidationError(_("Only a signed decision can be corrected or revoked; a draft is simply edited."))
    if decision.kind != DecisionKind.AWARD:
        raise ValidationError(_("Only an award decision can be corrected or revoked here."))
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the correction or revocation.")})
    targets = list(decision.lines.all() if lines is None else lines)
    if not targets or any(line.decision_id != decision.pk for line in targets):
        raise ValidationError(_("Choose lines of decision %(number)s.") % {"number": decision.number_text})
    already = set(revoked_line_ids([line.pk for line in targets]))
    if already:
        raise ValidationError(_("Some chosen lines have already been revoked."))
    verb = "Đính chính" if kind == DecisionKind.CORRECTION else "Thu hồi"
    new = Decision.objects.create(
        authority=decision.authority, kind=kind, year=decision.year, award_type=decision.award_type,
        basis=decision.basis, achievement_year=decision.achievement_year, period_from=decision.period_from,
        period_to=decision.period_to,
        title=f"Về việc {verb.lower()} Quyết định số {decision.number_text} ngày "
              f"{decision.decision_date:%d/%m/%Y} {decision.title[0].lower()}{decision.title[1:]}",
        legal_bases=list(decision.legal_bases), proposal=decision.proposal, execution_text=decision.execution_text,
        recipients=list(decision.recipients), signer_post=decision.signer_post, signing_mode=decision.signing_mode,
        signer_on_behalf_of=decision.signer_on_behalf_of, signer_position=decision.signer_position,
        reason=reason, created_by=actor_user(by),
        **({"corrects": decision} if kind == DecisionKind.CORRECTION else {"revokes": decision}))
    DecisionLine.objects.bulk_create([
        DecisionLine(decision=new, amends_line=line, amount=0,
                     **{name: getattr(line, name) for name in COPIED_LINE_FIELDS}) for line in targets])
    record_decision_created(by, new)

    log_decision_event(new, by=by, from_state="", to_state=DecisionState.DRAFT, reason=reason)
    return new


@transaction.atomic
def correct_decision(decision: Decision, *, by, reason: str, lines=None) -> Decision:
    """A draft correcting decision for `lines` (default: all) of the signed `decision`."""
    return _amending_draft(decision, by=by, kind=DecisionKind.CORRECTION, reason=reason, lines=lines)


@transaction.atomic
def revoke_decision(decision: Decision, *, by, reason: str, lines=None) -> Decision:
    """A draft revoking decision for `lines` (default: all) of the signed `decision`."""
    return _amending_draft(decision, by=by, kind=DecisionKind.REVOCATION, reason=reason, lines=lines)


def apply_amendments(decision: Decision, lines: list[DecisionLine], *, by) -> None:
    """Called by sign_decision for a correction or a revocation, inside its transaction."""
    links = {link.line_id: link for link in LineAwardRecord.objects.filter(
        line_id__in=[line.amends_line_id for line in lines if line.amends_line_id]).select_related("award_record")}
    for line in lines:
        link = links.get(line.amends_line_id)
        if link is None:
            continue
        award_record = link.award_record
        if decision.kind == DecisionKind.REVOCATION:
            _delete_record(award_record, decision, by=by)
        else:
            _correct_record(award_record, link, line, decision, by=by)


def _delete_record(award_record: AwardRecord, decision: Decision, *, by) -> None:
    for initiative in Initiative.objects.filter(used_for=award_record):
        Initiative.objects.filter(pk=initiative.pk).update(used_for=None)
        record(by, AuditAction.UPDATE, initiative, changes={"used_for": [award_record.pk, None],
                                                            "revoked_by": decision.number_text})
    record(by, AuditAction.DELETE, award_record, changes={
        "before": masked(snapshot(award_record)), "revoked_by": decision.number_text,
        "revoked_by_decision": decision.pk, "reason": decision.reason})
    award_record.delete()  # cascades its LineAwardRecord link


def _correct_record(award_record: AwardRecord, link: LineAwardRecord, line: DecisionLine, decision, *, by) -> None:
    before = snapshot(award_record)
    award_record.person_id, award_record.unit_id, award_record.household_id = (
        line.person_id, line.unit_id, line.household_id)
    award_record.award_type_id = line.award_type_id
    note = f"Đính chính theo Quyết định số {decision.number_text} ngày {decision.decision_date:%d/%m/%Y}"
    award_record.note = f"{award_record.note}\n{note}".strip()
    award_record.save()
    after = snapshot(award_record)
    record(by, AuditAction.UPDATE, award_record, changes={
        key: [before.get(key), after[key]] for key in after if before.get(key) != after[key]})
    LineAwardRecord.objects.filter(pk=link.pk).update(line=line)


def revoked_line_ids(line_ids) -> set[int]:
    """Ids among `line_ids` whose award was revoked by a signed (or published) revoking decision."""
    return set(DecisionLine.objects.filter(
        amends_line_id__in=list(line_ids), decision__kind=DecisionKind.REVOCATION,
        decision__state__in=ISSUED_STATES).values_list("amends_line_id", flat=True))


def is_revoked(line: DecisionLine) -> bool:
    """True when a signed revoking decision has revoked this line's award (for certificate checks)."""
    return bool(revoked_line_ids([line.pk]))
