"""A claim follows its dossier line: when the decision awarding the line is signed, the claimed work is used
by that award and the claim closes; when the line leaves the running (withdrawn with its dossier or alone,
rejected at appraisal, not approved by the council) the claim is released and the work is free again.
The apps that sign and move lines announce both without knowing this one (tdkt.awards.signals,
tdkt.workflow.signals)."""

from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.models import Initiative
from tdkt.awards.signals import awards_entered
from tdkt.dossiers.enums import NominationState
from tdkt.dossiers.models import Nomination
from tdkt.initiatives.models import Claim
from tdkt.workflow.signals import state_changed

# The line states that end a claim: the line no longer proposes an award that could rest on the work.
RELEASING_STATES = {
    NominationState.WITHDRAWN: gettext_lazy("the line was withdrawn"),
    NominationState.REJECTED: gettext_lazy("the line was rejected at appraisal"),
    NominationState.NOT_APPROVED: gettext_lazy("the line was not approved by the council"),
}


def use_claims(decision, pairs, *, by) -> set[int]:
    """Mark the works the signed lines claimed as used by the lines' awards and close those claims. Returns
    the ids of the history records (awards.Initiative) that other lines' open claims still hold."""
    by_nomination = {line.nomination_id: award_record for line, award_record in pairs if line.nomination_id}
    claims = list(Claim.objects.filter(nomination_id__in=by_nomination, released_at__isnull=True)
                  .select_related("work__record"))
    now = timezone.now()
    for claim in claims:
        award_record = by_nomination[claim.nomination_id]
        initiative = claim.work.record
        used = initiative is not None and Initiative.objects.filter(
            pk=initiative.pk, used_for__isnull=True).update(used_for=award_record)
        if used:
            record(by, AuditAction.UPDATE, initiative, changes={"used_for": [None, award_record.pk]})
        reason = (_("Used for the award of decision %(number)s.") if used else
                  _("Not used: the initiative was already used for another award (decision %(number)s).")) % {
            "number": decision.number_text}
        Claim.objects.filter(pk=claim.pk).update(released_at=now, released_reason=reason[:255],
                                                 used_for=award_record if used else None)
        record(by, AuditAction.UPDATE, claim.work, changes={
            "claim_closed": [claim.nomination_id, None], "used_for": [None, award_record.pk if used else None]})
    persons = {line.person_id for line, _record in pairs if line.person_id}
    return set(Claim.objects.filter(released_at__isnull=True, work__record__authors__in=persons)
               .exclude(work__record__isnull=True).values_list("work__record_id", flat=True))


def release_for_lines(nomination_ids, state: str, *, by) -> int:
    """Release the open claims of lines that left the running (one update; an audit row per work)."""
    claims = list(Claim.objects.filter(nomination_id__in=nomination_ids, released_at__isnull=True)
                  .select_related("work"))
    if not claims:
        return 0
    reason = _("Released automatically: %(why)s.") % {"why": RELEASING_STATES[state]}
    Claim.objects.filter(pk__in=[claim.pk for claim in claims], released_at__isnull=True).update(
        released_at=timezone.now(), released_reason=reason[:255])
    for claim in claims:
        record(by, AuditAction.UPDATE, claim.work, changes={"claim_released": [claim.nomination_id, None],
                                                            "reason": reason})
    return len(claims)


@receiver(awards_entered, dispatch_uid="initiatives-use-claims")
def _on_awards_entered(sender, *, decision, pairs, by, **kwargs):
    return use_claims(decision, pairs, by=by)


@receiver(state_changed, sender=Nomination, dispatch_uid="initiatives-release-claims")
def _on_line_moved(sender, *, objects, to, by, **kwargs):
    if to in RELEASING_STATES:
        release_for_lines([line.pk for line in objects], to, by=by)
