"""A member's participation in a round (SHEET_MACHINE in tdkt.movements.scoring.transitions): the standing body
marks a member absent with a reason — it is left out of the ranking instead of blocking its publication — and
can take the mark back with a reason, while the round is not published. Both go through the transition
primitive: the history (SheetParticipationChange) and the audit log keep every mark and undo."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.movements.scoring import rules
from tdkt.movements.scoring.enums import Participation, RoundState
from tdkt.movements.scoring.models import ScoreSheet, ScoringRound
from tdkt.movements.scoring.sheets import _check_member, _locked_round
from tdkt.movements.scoring.transitions import SHEET_MACHINE


def _checked(scoring_round: ScoringRound, unit, by, reason: str, refusal) -> tuple[ScoringRound, str]:
    if not rules.can_manage(by):
        raise PermissionDenied(refusal)
    scoring_round = _locked_round(scoring_round)
    _check_member(scoring_round, unit)
    if scoring_round.state == RoundState.PUBLISHED:
        raise ValidationError(_("The round is published and locked: scores can no longer change."))
    return scoring_round, (reason or "").strip()


@transaction.atomic
def mark_absent(scoring_round: ScoringRound, unit, *, by, reason: str) -> ScoreSheet:
    """The standing body leaves a member out of the round (it did not take part), with the reason: the unit is
    not ranked and no longer blocks the publication."""
    scoring_round, reason = _checked(scoring_round, unit, by, reason,
                                     _("Only the province's standing body marks a member absent."))
    if not reason:
        raise ValidationError({"reason": _("Give the reason why %(unit)s is absent from the round.") % {"unit": unit}})
    sheet, _created = ScoreSheet.objects.get_or_create(round=scoring_round, unit=unit)
    if sheet.participation == Participation.ABSENT:
        raise ValidationError(_("%(unit)s is already marked absent from this round.") % {"unit": unit})
    return SHEET_MACHINE.perform(sheet, "mark_absent", by=by, reason=reason, extra={"unit": unit.pk},
                                 absent_reason=reason, absent_at=timezone.now(), absent_by=by)


@transaction.atomic
def undo_absent(scoring_round: ScoringRound, unit, *, by, reason: str) -> ScoreSheet:
    """The standing body takes back an absence (marked by mistake, or the member takes part after all), with
    the reason. The member then counts again: its sheet must be submitted and reviewed before publication."""
    scoring_round, reason = _checked(scoring_round, unit, by, reason,
                                     _("Only the province's standing body takes back a member's absence."))
    if not reason:
        raise ValidationError({"reason": _("Give the reason why %(unit)s takes part in the round after all.") % {
            "unit": unit}})
    sheet = ScoreSheet.objects.filter(round=scoring_round, unit=unit).first()
    if sheet is None or sheet.participation != Participation.ABSENT:
        raise ValidationError(_("%(unit)s is not marked absent from this round.") % {"unit": unit})
    return SHEET_MACHINE.perform(sheet, "undo_absent", by=by, reason=reason,
                                 extra={"unit": unit.pk, "absent_reason": sheet.absent_reason},
                                 absent_reason="", absent_at=None, absent_by=None)
