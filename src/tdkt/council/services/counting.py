"""The count of a ballot (kiểm phiếu): counting → closed, final.

Electronic ballot: the passphrase typed again unlocks the private key; every sealed ballot is opened in
memory, in no particular order, and only the totals are written — per item (BallotTally, AgendaItem) and
for the ballot (issued, cast, valid, invalid). The sealed rows and the locked key are then deleted: after
the count nothing in the database can open a vote again. The number of sealed ballots must equal the
number of "has voted" marks, else the count is refused with both numbers and nothing changes.

Paper ballot: the totals the secretary entered. Both: each item gets its threshold and outcome, each line
becomes approved or not approved, each dossier whose lines are all decided becomes considered."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.council import sealing
from tdkt.council.enums import BallotMode, BallotState, Outcome
from tdkt.council.models import AgendaItem, BallotKey, BallotParticipation, BallotTally, SealedBallot
from tdkt.council.rules import share_text, threshold_for
from tdkt.council.services.ballots import COUNTER, locked_ballot, require_chair_or_secretary
from tdkt.council.services.meetings import rules_for
from tdkt.council.transitions import BALLOT
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.transitions import DOSSIER, NOMINATION

KEY_FIELDS = ("public_key", "locked_private_key", "salt", "opslimit", "memlimit")


def _refuse_state(ballot) -> None:
    if ballot.state == BallotState.OPEN:
        raise ValidationError(_("Close the voting before counting: a ballot is counted once nobody can vote any "
                                "more."))
    if ballot.state == BallotState.CLOSED:
        raise ValidationError(_("This ballot has already been counted."))
    if ballot.state != BallotState.COUNTING:
        raise ValidationError(_("The ballot has not been opened: there is nothing to count."))


def _open_sealed_ballots(ballot, passphrase) -> tuple[dict, dict]:
    """Totals per item and the ballot's figures, from the sealed ballots opened in memory."""
    stored = BallotKey.objects.filter(ballot=ballot).values(*KEY_FIELDS).first()
    if stored is None:
        raise ValidationError(_("This ballot's key is missing: its sealed ballots cannot be opened."))
    marks = BallotParticipation.objects.filter(ballot=ballot).count()
    papers = list(SealedBallot.objects.filter(ballot=ballot).values_list("sealed", flat=True))
    if len(papers) != marks:
        raise ValidationError(_("The count is refused: %(papers)d sealed ballot(s) but %(marks)d member(s) "
                                "marked as having voted. Nothing has been changed.") % {
            "papers": len(papers), "marks": marks})
    try:
        private_key = sealing.unlock_private_key(stored, passphrase or "")
    except sealing.WrongPassphrase:
        raise ValidationError({"passphrase": _(
            "This passphrase does not open the ballot's key: nothing has been counted. Type the passphrase set "
            "when the ballot was opened.")}) from None
    item_ids = list(AgendaItem.objects.filter(meeting_id=ballot.meeting_id).values_list("pk", flat=True))
    totals = {pk: dict.fromkeys(COUNTER.values(), 0) for pk in item_ids}
    valid = 0
    for paper in papers:
        plain = sealing.open_sealed(private_key, paper)
        choices = None if plain is None else sealing.decode(plain, ballot.pk, item_ids)
        if choices is None:
            continue  # invalid: counted in the figures, never in a total
        valid += 1
        for pk, choice in choices.items():
            totals[pk][COUNTER[choice]] += 1
    del private_key  # the only copy in clear; the locked copy is deleted below
    figures = {"issued_count": ballot.eligible_voters, "cast_count": len(papers), "valid_count": valid,
               "invalid_count": len(papers) - valid}
    return totals, figures


@transaction.atomic
def count_ballot(ballot, *, by, passphrase=None) -> list[AgendaItem]:
    """Final: each item gets its totals, threshold and outcome; each line becomes approved or not approved;
    each dossier whose lines are all decided becomes considered. A wrong passphrase changes nothing."""
    ballot = locked_ballot(ballot)
    meeting = ballot.meeting
    role = require_chair_or_secretary(by, meeting.council)
    _refuse_state(ballot)
    if ballot.mode == BallotMode.PAPER:
        if not ballot.paper_tallies_entered:
            raise ValidationError(_("Enter the tallies of the paper ballot before counting it."))
        figures = {"issued_count": ballot.eligible_voters}
        totals = {t.item_id: {"agree": t.agree, "disagree": t.disagree, "abstain": t.abstain}
                  for t in BallotTally.objects.filter(ballot=ballot)}
    else:
        totals, figures = _open_sealed_ballots(ballot, passphrase)
        BallotTally.objects.bulk_create([BallotTally(ballot=ballot, item_id=pk, **counts)
                                         for pk, counts in sorted(totals.items())])
        SealedBallot.objects.filter(ballot=ballot).delete()
        BallotKey.objects.filter(ballot=ballot).delete()
    BALLOT.perform(ballot, "count", by=by, extra={"on_behalf_of_chair": role == "secretary"}, **figures)
    return _decide(ballot, totals, by=by, on_behalf=role == "secretary")


def _decide(ballot, totals, *, by, on_behalf) -> list[AgendaItem]:
    meeting = ballot.meeting
    rules = rules_for(meeting.council)
    items = list(AgendaItem.objects.filter(meeting=meeting).select_related(
        "award_type", "nomination__dossier", "nomination__person", "nomination__unit", "nomination__household"))
    total = ballot.members_total
    for item in items:
        counts = totals[item.pk]
        threshold = threshold_for(item.award_type, default_percent=rules.default_threshold_percent)
        passed = threshold.passes(counts["agree"], total)
        item.agree, item.disagree, item.abstain = counts["agree"], counts["disagree"], counts["abstain"]
        item.threshold_percent = threshold.percent
        item.threshold_basis = threshold.basis[:255]
        item.outcome = Outcome.APPROVED if passed else Outcome.NOT_APPROVED
        reason = _("Council ballot of %(meeting)s: %(agree)d of %(total)d members agree (%(share)s); "
                   "required: %(rule)s.") % {"meeting": meeting, "agree": item.agree, "total": total,
                                             "share": share_text(item.agree, total), "rule": threshold.label()}
        if item.nomination.state == NominationState.ACCEPTED:  # a line withdrawn meanwhile keeps its state
            NOMINATION.perform(item.nomination, "approve" if passed else "not_approve", by=by, reason=reason)
    AgendaItem.objects.bulk_update(items, ["agree", "disagree", "abstain", "threshold_percent", "threshold_basis",
                                           "outcome"])
    dossier_ids = {item.nomination.dossier_id for item in items}
    still_pending = set(Dossier.objects.filter(pk__in=dossier_ids, nominations__state=NominationState.ACCEPTED)
                        .values_list("pk", flat=True))
    for dossier in Dossier.objects.filter(pk__in=dossier_ids - still_pending, state=DossierState.READY_FOR_COUNCIL):
        DOSSIER.perform(dossier, "consider", by=by, reason=_("Considered by the council at %(meeting)s.") % {"meeting": meeting})
    record(by, AuditAction.UPDATE, ballot, changes={
        "on_behalf_of_chair": on_behalf,
        "results": {str(i.pk): [i.agree, i.disagree, i.abstain, i.outcome] for i in items}})
    return items
