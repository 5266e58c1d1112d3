"""Scoring of clusters and blocks (chấm điểm thi đua cụm, khối): a template of criteria per group-year,
rounds (sơ kết, tổng kết), each member unit's self-scoring sheet, the head's adjustments, the log of every
change, the ranking, the group's ballot tally and the proposals it produces."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.movements.scoring.enums import (
    DEFAULT_TIE_BREAKS,
    Aggregation,
    CriterionKind,
    Participation,
    RoundKind,
    RoundState,
    ScoreChangeKind,
)
from tdkt.workflow.models import StateChange

POINTS = {"max_digits": 8, "decimal_places": 2}


def _default_tie_breaks():
    return list(DEFAULT_TIE_BREAKS)


class ScoringTemplate(models.Model):
    """The criteria table (bảng tiêu chí chấm điểm) of one group for one year."""

    group_year = models.OneToOneField("orgs.EmulationGroupYear", verbose_name=_("cluster or block"),
                                      on_delete=models.PROTECT, related_name="scoring_template")
    title = models.CharField(_("title"), max_length=500)
    tie_breaks = models.JSONField(_("tie-break rules"), default=_default_tie_breaks, blank=True)
    # Practice, not law [U] (law.md §5: "1 Cờ tỉnh per cluster, sometimes 2; Bằng khen for 1–2 more"):
    # configured per group-year, never constants.
    flag_quota = models.PositiveSmallIntegerField(_("provincial flags proposed (leaders)"), default=1)
    merit_count = models.PositiveSmallIntegerField(_("certificates of merit proposed (next units)"), default=2)
    aggregation = models.CharField(_("aggregation of the points"), max_length=10, choices=Aggregation.choices,
                                   default=Aggregation.SUM)
    copied_from = models.ForeignKey("self", verbose_name=_("copied from"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("scoring template")
        verbose_name_plural = _("scoring templates")

    def __str__(self):
        return self.title


class Criterion(models.Model):
    """One line of the criteria table; lines with children are headings and take no points themselves."""

    template = models.ForeignKey(ScoringTemplate, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey("self", verbose_name=_("parent criterion"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("criterion"), max_length=1000)
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    kind = models.CharField(_("kind"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.NORMAL)
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="scoring_criterion_code_unique"),
            models.CheckConstraint(condition=Q(max_points__gte=0), name="scoring_criterion_max_not_negative"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="scoring_criterion_weight_positive"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class ScoringRound(models.Model):
    """A scoring round of a group-year: mid-year (sơ kết) or year-end (tổng kết)."""

    group_year = models.ForeignKey("orgs.EmulationGroupYear", verbose_name=_("cluster or block"),
                                   on_delete=models.PROTECT, related_name="scoring_rounds")
    template = models.ForeignKey(ScoringTemplate, on_delete=models.PROTECT, related_name="rounds")
    kind = models.CharField(_("round"), max_length=10, choices=RoundKind.choices)
    state = models.CharField(_("state"), max_length=16, choices=RoundState.choices, default=RoundState.OPEN)
    self_scoring_due = models.DateField(_("self-scoring deadline"), null=True, blank=True)
    review_due = models.DateField(_("review deadline"), null=True, blank=True)
    state_changed_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    proposed_at = models.DateTimeField(_("proposals sent at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("scoring round")
        verbose_name_plural = _("scoring rounds")
        ordering = ["-group_year__year", "kind"]
        constraints = [models.UniqueConstraint(fields=["group_year", "kind"], name="scoring_round_unique_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.group_year}"

    @property
    def is_locked(self) -> bool:
        return self.state == RoundState.PUBLISHED


class RoundStateChange(StateChange):
    """History of a round's states (tdkt.workflow: who, from, to, when, why)."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        pass


def report_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"scoring/{instance.round_id}/{instance.unit_id}/report.{extension}"


class ScoreSheet(models.Model):
    """A member unit's self-scoring sheet (bảng tự chấm điểm) in a round."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="sheets")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="score_sheets")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)  # first submission: tie-break
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    # The unit's achievement report (báo cáo thành tích, PDF or Word) sent with its year-end sheet: it goes
    # with the unit's line when the group proposes it.
    report = models.FileField(_("achievement report"), upload_to=report_path, max_length=255, blank=True)
    report_name = models.CharField(max_length=255, blank=True)
    # Reviewed by the group head (a member's sheet) or by the deputy head unit / the standing body (the head's
    # own sheet): a sheet counts in the ranking and the proposals only once submitted and reviewed.
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    # A member marked absent from the round by the standing body, with its reason: it is left out of the
    # ranking instead of blocking it.
    absent_reason = models.TextField(_("reason for absence"), blank=True)
    absent_at = models.DateTimeField(_("marked absent at"), null=True, blank=True)
    absent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    # Moved by SHEET_MACHINE only (tdkt.movements.scoring.transitions): marked absent, mark taken back; the
    # absent_* fields above go with it, the history (SheetParticipationChange) keeps every mark and undo.
    participation = models.CharField(_("participation"), max_length=16, choices=Participation.choices,
                                     default=Participation.TAKING_PART)
    participation_changed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("self-scoring sheet")
        verbose_name_plural = _("self-scoring sheets")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="scoring_sheet_unique")]

    def __str__(self):
        return f"{self.unit} – {self.round}"


class SheetParticipationChange(StateChange):
    """History of a member's participation in a round (tdkt.workflow: marked absent, mark taken back; who,
    when, why)."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="participation_changes")

    class Meta(StateChange.Meta):
        pass


def evidence_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"scoring/{instance.sheet.round_id}/{instance.sheet.unit_id}/{instance.criterion_id}.{extension}"


class SelfScore(models.Model):
    """Points of one unit on one criterion: `self_points` as the unit claimed, `points` as they count now
    (the head's adjustment changes `points` only)."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    self_points = models.DecimalField(_("self-assessed points"), null=True, blank=True, **POINTS)
    points = models.DecimalField(_("points"), null=True, blank=True, **POINTS)
    explanation = models.TextField(_("explanation"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, max_length=255, blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_mime = models.CharField(max_length=100, blank=True)  # sniffed from the bytes
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("self score")
        verbose_name_plural = _("self scores")
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="scoring_score_unique")]

    def __str__(self):
        return f"{self.sheet.unit_id}/{self.criterion.code}: {self.points}"


class ScoreAdjustment(models.Model):
    """A change of a unit's points by the group head's panel, with its reason; the unit may answer once."""

    score = models.ForeignKey(SelfScore, on_delete=models.CASCADE, related_name="adjustments")
    old_points = models.DecimalField(_("old points"), null=True, blank=True, **POINTS)
    new_points = models.DecimalField(_("new points"), **POINTS)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    unit_answer = models.TextField(_("unit's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("score adjustment")
        verbose_name_plural = _("score adjustments")
        ordering = ["at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="scoring_adjustment_has_reason")]

    def __str__(self):
        return f"{self.old_points} → {self.new_points}"


class ScoreChange(models.Model):
    """Every change of a score (self-scoring autosaves included): who, when, old, new, why. Append-only."""

    score = models.ForeignKey(SelfScore, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=12, choices=ScoreChangeKind.choices)
    old_points = models.DecimalField(null=True, blank=True, **POINTS)
    new_points = models.DecimalField(null=True, blank=True, **POINTS)
    fields = models.CharField(max_length=100)  # which fields changed: "points,explanation,evidence"
    reason = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.old_points} → {self.new_points}"


class RankingResult(models.Model):
    """A unit's total and place in a round, stored when the ranking is computed; frozen when published."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField(**POINTS)
    bonus = models.DecimalField(default=0, **POINTS)
    penalty = models.DecimalField(default=0, **POINTS)
    rank = models.PositiveIntegerField()
    tie_unresolved = models.BooleanField(default=False)  # equal on every rule: placed by name only
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="scoring_result_unique"),
            models.UniqueConstraint(fields=["round", "rank"], name="scoring_result_rank_unique"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.unit_id} ({self.total})"


class GroupBallotTally(models.Model):
    """The group's paper ballot on a candidate leader (phiếu bầu của cụm, khối): votes for and members voting."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="tallies")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("candidate unit"), on_delete=models.PROTECT,
                             related_name="+")
    votes_for = models.PositiveSmallIntegerField(_("votes for"))
    members_voting = models.PositiveSmallIntegerField(_("members voting"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ballot tally")
        verbose_name_plural = _("ballot tallies")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="scoring_tally_unique"),
            models.CheckConstraint(condition=Q(votes_for__lte=models.F("members_voting")),
                                   name="scoring_tally_votes_within_voters"),
        ]

    def __str__(self):
        return f"{self.unit_id}: {self.votes_for}/{self.members_voting}"


class LeaderProposal(models.Model):
    """A proposal produced by a round: Cờ thi đua tỉnh for the leader, Bằng khen for the next units (in the
    group's dossier), or Cờ thi đua của Chính phủ chosen by the province among the leaders."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="proposals")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT,
                                   related_name="+")
    rank = models.PositiveIntegerField(_("rank"))
    dossier = models.ForeignKey("dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("leader proposal")
        verbose_name_plural = _("leader proposals")
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["round", "unit", "award_type"], name="scoring_proposal_unique")]

    def __str__(self):
        return f"{self.unit} – {self.award_type}"

from tdkt.movements.scoring.models_province import ClusterCriterion, ClusterYear, InterProvincialCluster  # noqa: E402, F401
