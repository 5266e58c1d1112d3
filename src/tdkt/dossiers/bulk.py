"""A large dossier decided as a sheet: a verdict for every line, then "accept all eligible lines" with a
reason for each exception, and a reason for each rejection, in one transaction run by the worker
(jobs.DECIDE_SHEET) for hundreds of lines.

The same rules as one line at a time (line_decisions): the dossier in appraisal, the standing body's (or the
receiving side's) officer as actor, a line that is not "eligible" accepted only with its own reason, kept in
its timeline entry and audit row as accept_line writes it, a rejection only with a reason, the quotas
counted under lock (lines beyond a quota are left undecided and reported). The transitions go through the
declared machine's bulk form (NOMINATION.perform_many → workflow.primitive.change_states): per batch of
BATCH lines one conditional UPDATE, one insert of history rows and one of audit rows, whatever the size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.dossiers import verdicts
from tdkt.dossiers.enums import APPRAISAL_STATES, EventKind
from tdkt.dossiers.enums import NominationState as N
from tdkt.dossiers.line_decisions import verdict_label
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.dossiers.nominees.quotas import split_by_quota
from tdkt.dossiers.state import log_event
from tdkt.dossiers.transitions import NOMINATION
from tdkt.eligibility.codes import Verdict

BATCH = 500
LEFT_SHOWN = 50  # undecided lines named in the timeline note (the appraisal page lists them all)


@dataclass
class SheetOutcome:
    accepted: int = 0
    rejected: int = 0
    left: list[tuple[Nomination, str]] = field(default_factory=list)  # undecided, with the reason why

    @property
    def summary(self) -> str:
        return _("%(accepted)s line(s) accepted, %(rejected)s rejected, %(left)s left undecided.") % {
            "accepted": self.accepted, "rejected": self.rejected, "left": len(self.left)}


def undecided_lines(dossier, *, lock: bool = False) -> list[Nomination]:
    """The dossier's proposed lines in its order, with what their names and verdicts need (one query)."""
    lines = (Nomination.objects.filter(dossier=dossier, state=N.PROPOSED)
             .select_related("person", "unit", "household", "award_type").order_by("position", "id"))
    if lock:
        lines = lines.select_for_update(of=("self",))
    found = list(lines)
    for line in found:
        line._state.fields_cache["dossier"] = dossier
    return found


def exceptions_of(lines) -> list[Nomination]:
    """The lines whose stored verdict is not "eligible": each needs the officer's reason to be accepted."""
    return [line for line in lines if verdicts.current_code(line) != Verdict.ELIGIBLE]


def check_in_appraisal(dossier) -> None:
    if dossier.state not in APPRAISAL_STATES:
        raise ValidationError(_("Lines are decided while the dossier is in appraisal; this one is “%(state)s”.") % {
            "state": dossier.get_state_display()})


def _batches(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start:start + size]


@transaction.atomic
def decide_sheet(dossier, *, by, exceptions: dict[int, str] | None = None, rejections: dict[int, str] | None = None,
                 progress=None) -> SheetOutcome:
    """Accept every eligible proposed line, and each exception (a line not "eligible") that has a reason in
    `exceptions`; reject each line of `rejections` with its reason. All or nothing."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)  # one sheet decided at a time
    check_in_appraisal(dossier)
    exceptions = {int(pk): (text or "").strip() for pk, text in (exceptions or {}).items()}
    rejections = {int(pk): (text or "").strip() for pk, text in (rejections or {}).items()}
    missing = [pk for pk, text in rejections.items() if not text]
    lines = undecided_lines(dossier, lock=True)
    by_pk = {line.pk: line for line in lines}
    if missing:
        line = by_pk.get(missing[0])
        raise ValidationError(_("Give the reason for rejecting line “%(name)s”.") % {
            "name": line.recipient if line else missing[0]})
    outcome = SheetOutcome()
    to_reject = [line for line in lines if line.pk in rejections]
    wanted = []
    for line in lines:
        if line.pk in rejections:
            continue
        code = verdicts.current_code(line)
        if code == Verdict.ELIGIBLE or exceptions.get(line.pk):
            wanted.append(line)
        else:
            outcome.left.append((line, _("“%(verdict)s”: no reason was given to accept it.") % {
                "verdict": verdict_label(code)}))
    to_accept, beyond = split_by_quota(dossier, wanted, lock=True)
    outcome.left.extend(beyond)
    if progress is not None:
        progress.set_total(len(to_reject) + len(to_accept))
    for batch in _batches(to_reject):
        NOMINATION.perform_many(batch, "reject", by=by, reasons={line.pk: rejections[line.pk] for line in batch},
                                fields={"decision_reason": {line.pk: rejections[line.pk] for line in batch}})
        outcome.rejected += len(batch)
        if progress is not None:
            progress.advance(len(batch))
    for batch in _batches(to_accept):
        reasons, extras, decision_reasons = {}, {}, {}
        for line in batch:
            code = verdicts.current_code(line)
            if code == Verdict.ELIGIBLE:
                reason = exceptions.get(line.pk, "")
                reasons[line.pk] = decision_reasons[line.pk] = reason
                continue
            reason = exceptions[line.pk]
            reasons[line.pk] = _("Accepted although “%(verdict)s”, confirmed: %(reason)s") % {
                "verdict": verdict_label(code), "reason": reason}
            decision_reasons[line.pk] = reason
            extras[line.pk] = {"override_verdict": code or "none", "confirmed": True}
        NOMINATION.perform_many(batch, "accept", by=by, reasons=reasons, extras=extras,
                                fields={"decision_reason": decision_reasons})
        outcome.accepted += len(batch)
        if progress is not None:
            progress.advance(len(batch))
    log_event(dossier, by=by, kind=EventKind.NOTE, reason=outcome.summary + "".join(
        f" {line.recipient}: {why}" for line, why in outcome.left[:LEFT_SHOWN]))
    return outcome
