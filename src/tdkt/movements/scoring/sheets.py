"""Self-scoring by the member units, adjustments by the group head's panel and the units' answers.

Points: a normal or bonus criterion takes 0 … max; a penalty criterion takes a deduction entered as a
negative number, −max … 0. Only criteria without sub-criteria take points; the total is Σ points × weight.
Every change of a score (each autosave included) leaves a ScoreChange row: who, when, old, new, why."""

import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.movements.scoring import rules
from tdkt.movements.scoring.enums import ADJUSTABLE_STATES, CriterionKind, RoundState, ScoreChangeKind
from tdkt.movements.scoring.models import (
    Criterion,
    ScoreAdjustment,
    ScoreChange,
    ScoreSheet,
    ScoringRound,
    SelfScore,
)

EVIDENCE_KINDS = {"pdf", "docx", "xlsx", "image"}
KEEP = object()  # "leave this field as it is" (autosave sends one field at a time)


def format_points(value) -> str:
    """7.50 → "7,5"; −2 → "-2"; None → ""."""
    if value is None:
        return ""
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def check_points(criterion: Criterion, points: Decimal | None) -> None:
    """Refuse points outside the criterion's range, naming the criterion."""
    if points is None:
        return
    names = {"code": criterion.code, "points": format_points(points), "max": format_points(criterion.max_points)}
    if criterion.kind == CriterionKind.PENALTY:
        if points > 0:
            raise ValidationError({"points": _("Criterion %(code)s is a penalty criterion: enter the deduction as a "
                                               "negative number (down to -%(max)s).") % names})
        if -points > criterion.max_points:
            raise ValidationError({"points": _("Criterion %(code)s: a deduction of %(points)s points is beyond the "
                                               "maximum deduction of %(max)s.") % names})
        return
    if points < 0:
        raise ValidationError({"points": _("Criterion %(code)s: points cannot be negative.") % names})
    if points > criterion.max_points:
        raise ValidationError({"points": _("Criterion %(code)s: %(points)s points is above the maximum of "
                                           "%(max)s.") % names})


def check_heading(criterion: Criterion, points: Decimal | None, sibling_points) -> None:
    """The children of a heading share its maximum: bonus points above the heading's maximum (or deductions
    beyond it) are refused, naming the heading, instead of being cut off when the total is made."""
    parent = criterion.parent
    if parent is None or points is None:
        return
    total = sum((p for p in sibling_points if p is not None), Decimal(0)) + points
    names = {"code": criterion.code, "heading": parent.code, "total": format_points(abs(total)),
             "max": format_points(parent.max_points)}
    if abs(total) > parent.max_points:
        if criterion.kind == CriterionKind.BONUS:
            raise ValidationError({"points": _("Criterion %(code)s: the bonus points under %(heading)s would "
                                               "reach %(total)s, above its maximum of %(max)s.") % names})
        raise ValidationError({"points": _("Criterion %(code)s: the points under %(heading)s would reach "
                                           "%(total)s, above its maximum of %(max)s.") % names})


def _sibling_points(sheet, criterion) -> list:
    if sheet is None or criterion.parent_id is None:
        return []
    return list(SelfScore.objects.filter(sheet=sheet, criterion__parent_id=criterion.parent_id,
                                    criterion__kind=criterion.kind)
                .exclude(criterion=criterion).values_list("points", flat=True))


def _locked_round(scoring_round: ScoringRound) -> ScoringRound:
    """The round re-read under a row lock: a publish racing a save is seen."""
    return ScoringRound.objects.select_for_update().select_related("group_year__group").get(pk=scoring_round.pk)


def _check_criterion(scoring_round, criterion) -> None:
    if criterion.template_id != scoring_round.template_id:
        raise ValidationError(_("Criterion %(code)s is not in this round's template.") % {"code": criterion.code})
    if criterion.children.exists():
        raise ValidationError(_("Criterion %(code)s is a heading: score its sub-criteria.") % {"code": criterion.code})


def _check_member(scoring_round, unit) -> None:
    if unit.pk not in rules.member_unit_ids(scoring_round.group_year):
        raise ValidationError(_("%(unit)s is not a member of “%(group)s”.") % {
            "unit": unit, "group": scoring_round.group_year})


def _check_scoring_open(scoring_round) -> None:
    if scoring_round.state == RoundState.PUBLISHED:
        raise ValidationError(_("The round is published and locked: scores can no longer change."))
    if scoring_round.state != RoundState.OPEN:
        raise ValidationError(_("The round is under the group head's review: self-scores can no longer change."))


def _read_evidence(uploaded, criterion):
    try:
        return read_upload(uploaded, allowed=EVIDENCE_KINDS, max_bytes=settings.UPLOAD_MAX_BYTES,
                           field_label=_("Evidence for criterion %(code)s") % {"code": criterion.code})
    except UploadError as exc:
        raise ValidationError({"evidence": str(exc)}) from exc


@transaction.atomic
def save_self_score(scoring_round: ScoringRound, unit, criterion: Criterion, *, by, points=KEEP,
                    explanation=KEEP, evidence=None) -> SelfScore:
    """The unit's own points, explanation and evidence on one criterion (one field at a time is fine)."""
    if not rules.can_score_unit(by, unit.pk):
        raise PermissionDenied(_("You do not belong to %(unit)s: a unit scores only itself.") % {"unit": unit})
    scoring_round = _locked_round(scoring_round)
    _check_scoring_open(scoring_round)
    _check_member(scoring_round, unit)
    _check_criterion(scoring_round, criterion)
    sheet = ScoreSheet.objects.select_for_update().filter(round=scoring_round, unit=unit).first()
    if sheet is not None and sheet.submitted_at is not None:
        raise ValidationError(_("The sheet of %(unit)s was submitted on %(date)s: it can no longer be edited.")
                              % {"unit": unit, "date": timezone.localtime(sheet.submitted_at).strftime("%d/%m/%Y")})
    if points is not KEEP:
        check_points(criterion, points)
        check_heading(criterion, points, _sibling_points(sheet, criterion))
    sniffed = _read_evidence(evidence, criterion) if evidence is not None else None
    if sheet is None:
        sheet, _created = ScoreSheet.objects.get_or_create(round=scoring_round, unit=unit)
    score, _created = SelfScore.objects.select_for_update().get_or_create(sheet=sheet, criterion=criterion)
    old_points = score.points
    changed = []
    if points is not KEEP and points != score.points:
        score.points = score.self_points = points
        changed.append("points")
    if explanation is not KEEP and (explanation or "").strip() != score.explanation:
        score.explanation = (explanation or "").strip()
        changed.append("explanation")
    if sniffed is not None:
        name = (getattr(evidence, "name", "") or "").rsplit("/", 1)[-1][:255] or "evidence"
        score.evidence.save(name, ContentFile(sniffed.data), save=False)
        score.evidence_name, score.evidence_mime = name, sniffed.mime
        changed.append("evidence")
    if changed:
        score.updated_by = by
        score.save()
        ScoreChange.objects.create(score=score, kind=ScoreChangeKind.SELF, old_points=old_points,
                                   new_points=score.points, fields=",".join(changed), by=by,
                                   reason=(_("Evidence %(name)s (sha256 %(digest)s)") % {
                                       "name": score.evidence_name,
                                       "digest": hashlib.sha256(sniffed.data).hexdigest()[:16]}
                                           if sniffed is not None else ""))
    return score


@transaction.atomic
def submit_sheet(scoring_round: ScoringRound, unit, *, by) -> ScoreSheet:
    """The unit declares its self-scoring complete; the first submission time breaks ties."""
    if not rules.can_score_unit(by, unit.pk):
        raise PermissionDenied(_("You do not belong to %(unit)s: a unit scores only itself.") % {"unit": unit})
    scoring_round = _locked_round(scoring_round)
    _check_scoring_open(scoring_round)
    _check_member(scoring_round, unit)
    sheet, _created = ScoreSheet.objects.get_or_create(round=scoring_round, unit=unit)
    scores = {s.criterion_id: s for s in sheet.scores.all()}
    leaves = _leaf_criteria(scoring_round.template_id)
    problems = []
    unscored = [c.code for c in leaves if c.kind == CriterionKind.NORMAL and getattr(scores.get(c.pk), "points", None)
                is None]
    if unscored:
        problems.append(_("Criteria not scored yet: %(codes)s.") % {"codes": ", ".join(unscored[:20])})
    no_evidence = [c.code for c in leaves if c.evidence_required and c.pk in scores
                   and scores[c.pk].points not in (None, Decimal(0)) and not scores[c.pk].evidence]
    if no_evidence:
        problems.append(_("Evidence is required for criteria: %(codes)s.") % {"codes": ", ".join(no_evidence[:20])})
    if problems:
        raise ValidationError(problems)
    if sheet.submitted_at is None:
        ScoreSheet.objects.filter(pk=sheet.pk, submitted_at__isnull=True).update(submitted_at=timezone.now(),
                                                                              submitted_by=by)
        sheet.refresh_from_db()
        record(by, AuditAction.UPDATE, sheet, changes={"submitted_at": sheet.submitted_at.isoformat()})
    return sheet


@transaction.atomic
def review_sheet(scoring_round: ScoringRound, unit, *, by) -> ScoreSheet:
    """The reviewer confirms a submitted sheet (after its adjustments): only then does it count. The head unit's
    own sheet is reviewed by the deputy head unit or the standing body (rules.can_review_sheet)."""
    scoring_round = _locked_round(scoring_round)
    group_year = scoring_round.group_year
    _check_member(scoring_round, unit)
    if not rules.can_review_sheet(by, group_year, unit.pk):
        if unit.pk == rules.head_unit_id(group_year):
            raise PermissionDenied(_("%(unit)s heads the group: its own sheet is reviewed by the deputy head unit "
                                     "or the standing body.") % {"unit": unit})
        raise PermissionDenied(_("Only the head of “%(group)s” reviews its members' sheets.") % {"group": group_year})
    if scoring_round.state != RoundState.UNDER_REVIEW:
        raise ValidationError(_("Close self-scoring before reviewing the sheets."))
    sheet = ScoreSheet.objects.filter(round=scoring_round, unit=unit).first()
    if sheet is None or sheet.submitted_at is None:
        raise ValidationError(_("%(unit)s has not submitted its sheet: a draft cannot be reviewed.") % {"unit": unit})
    if sheet.absent_at is not None:
        raise ValidationError(_("%(unit)s is marked absent from this round.") % {"unit": unit})
    now = timezone.now()
    if ScoreSheet.objects.filter(pk=sheet.pk, reviewed_at__isnull=True).update(reviewed_at=now, reviewed_by=by) != 1:
        raise ValidationError(_("The sheet of %(unit)s has already been reviewed.") % {"unit": unit})
    sheet.reviewed_at, sheet.reviewed_by = now, by
    record(by, AuditAction.UPDATE, sheet, changes={"reviewed_at": now.isoformat(), "unit": unit.pk})
    return sheet


def _leaf_criteria(template_id) -> list[Criterion]:
    criteria = list(Criterion.objects.filter(template_id=template_id))
    parents = {c.parent_id for c in criteria if c.parent_id}
    return [c for c in criteria if c.pk not in parents]


@transaction.atomic
def adjust_score(scoring_round: ScoringRound, unit, criterion: Criterion, *, by, points, reason: str) -> ScoreAdjustment:
    """The group head's panel changes a unit's points, with a reason the unit sees."""
    scoring_round = _locked_round(scoring_round)
    if not rules.is_group_actor(by, scoring_round.group_year):
        raise PermissionDenied(_("Only the head of “%(group)s” adjusts its members' scores.")
                               % {"group": scoring_round.group_year})
    if scoring_round.state == RoundState.OPEN:
        raise ValidationError(_("Self-scoring is still open: the head adjusts the scores once it is closed."))
    if scoring_round.state not in ADJUSTABLE_STATES:
        raise ValidationError(_("The round is published and locked: scores can no longer change."))
    _check_member(scoring_round, unit)
    _check_criterion(scoring_round, criterion)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the adjustment: the unit sees it.")})
    if points is None:
        raise ValidationError({"points": _("Give the new points.")})
    check_points(criterion, points)
    sheet, _created = ScoreSheet.objects.get_or_create(round=scoring_round, unit=unit)
    check_heading(criterion, points, _sibling_points(sheet, criterion))
    score, _created = SelfScore.objects.get_or_create(sheet=sheet, criterion=criterion)
    old_points = score.points
    if old_points == points:
        raise ValidationError({"points": _("The new points are the same as the current points.")})
    updated = SelfScore.objects.filter(pk=score.pk, points=old_points).update(points=points, updated_by=by,
                                                                                updated_at=timezone.now()) \
        if old_points is not None else \
        SelfScore.objects.filter(pk=score.pk, points__isnull=True).update(points=points, updated_by=by,
                                                                           updated_at=timezone.now())
    if updated != 1:
        raise ValidationError(_("Someone else changed this score first. Reload the page and try again."))
    score.points = points
    adjustment = ScoreAdjustment.objects.create(score=score, old_points=old_points, new_points=points,
                                                reason=reason, by=by)
    ScoreChange.objects.create(score=score, kind=ScoreChangeKind.ADJUSTMENT, old_points=old_points,
                               new_points=points, fields="points", reason=reason, by=by)
    record(by, AuditAction.UPDATE, score, changes={"points": [format_points(old_points), format_points(points)],
                                                   "reason": reason, "unit": unit.pk, "criterion": criterion.code})
    return adjustment


@transaction.atomic
def answer_adjustment(adjustment: ScoreAdjustment, *, by, answer: str) -> ScoreAdjustment:
    """The unit answers an adjustment of its score, once."""
    score = adjustment.score
    sheet = score.sheet
    if not rules.can_score_unit(by, sheet.unit_id):
        raise PermissionDenied(_("You do not belong to %(unit)s: a unit scores only itself.") % {"unit": sheet.unit})
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the unit's answer.")})
    if sheet.round.state == RoundState.PUBLISHED:
        raise ValidationError(_("The round is published and locked: scores can no longer change."))
    now = timezone.now()
    updated = ScoreAdjustment.objects.filter(pk=adjustment.pk, answered_at__isnull=True).update(
        unit_answer=answer, answered_at=now, answered_by=by)
    if updated != 1:
        raise ValidationError(_("The unit has already answered this adjustment (one answer only)."))
    adjustment.unit_answer, adjustment.answered_at, adjustment.answered_by = answer, now, by
    record(by, AuditAction.UPDATE, adjustment, changes={"unit_answer": answer})
    return adjustment


@transaction.atomic
def save_report(scoring_round: ScoringRound, unit, *, by, uploaded) -> ScoreSheet:
    """The unit's achievement report (PDF or Word), sent with its sheet until the ranking is published."""
    if not rules.can_score_unit(by, unit.pk):
        raise PermissionDenied(_("You do not belong to %(unit)s: a unit scores only itself.") % {"unit": unit})
    scoring_round = _locked_round(scoring_round)
    if scoring_round.state == RoundState.PUBLISHED:
        raise ValidationError(_("The round is published and locked: scores can no longer change."))
    _check_member(scoring_round, unit)
    try:
        sniffed = read_upload(uploaded, allowed={"pdf", "docx"}, max_bytes=settings.UPLOAD_MAX_BYTES,
                              field_label=_("Achievement report of %(unit)s") % {"unit": unit})
    except UploadError as exc:
        raise ValidationError({"report": str(exc)}) from exc
    sheet, _created = ScoreSheet.objects.get_or_create(round=scoring_round, unit=unit)
    name = (getattr(uploaded, "name", "") or "").rsplit("/", 1)[-1][:255] or f"bao-cao.{sniffed.kind}"
    sheet.report.save(name, ContentFile(sniffed.data), save=False)
    sheet.report_name = name
    sheet.save(update_fields=["report", "report_name", "updated_at"])
    record(by, AuditAction.UPDATE, sheet, changes={"report": name,
                                                   "sha256": hashlib.sha256(sniffed.data).hexdigest()})
    return sheet
