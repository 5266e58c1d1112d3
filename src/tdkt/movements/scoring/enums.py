from django.db import models
from django.utils.translation import gettext_lazy as _


class CriterionKind(models.TextChoices):
    """How a criterion counts in the total. Penalty points are entered as negative numbers (a deduction
    between −max and 0); normal and bonus points lie between 0 and max."""

    NORMAL = "normal", _("Normal")
    BONUS = "bonus", _("Bonus points")
    PENALTY = "penalty", _("Penalty points (deduction)")


class RoundKind(models.TextChoices):
    """Mid-year review (sơ kết) or year-end review (tổng kết)."""

    MID_YEAR = "mid_year", _("Mid-year review")
    YEAR_END = "year_end", _("Year-end review")


class RoundState(models.TextChoices):
    """Open for self-scoring, under the head's review, published (locked)."""

    OPEN = "open", _("Open for self-scoring")
    UNDER_REVIEW = "under_review", _("Under review by the group head")
    PUBLISHED = "published", _("Published (locked)")


class Participation(models.TextChoices):
    """Whether a member takes part in a round: the standing body marks it absent with a reason (it is left out
    of the ranking instead of blocking it) and can take the mark back, with a reason too."""

    TAKING_PART = "taking_part", _("Taking part")
    ABSENT = "absent", _("Absent")


# The transitions are declared once, in tdkt.movements.scoring.transitions (ROUND_MACHINE, SHEET_MACHINE).
SELF_SCORING_STATES = frozenset({RoundState.OPEN})
# The head adjusts once self-scoring is closed: during self-scoring it does not see the members' sheets.
ADJUSTABLE_STATES = frozenset({RoundState.UNDER_REVIEW})


class Aggregation(models.TextChoices):
    """How a unit's weighted criterion points make its total, chosen per group-year (on its template).
    SUM is the rule of the criteria tables seen so far and the default; MEAN and MEDIAN are offered where a
    group's own regulation asks for them (practice, law.md §5 [U]: no rule is encoded as a constant)."""

    SUM = "sum", _("Sum of the points")
    MEAN = "mean", _("Mean of the criteria's points")
    MEDIAN = "median", _("Median of the criteria's points")


class TieBreak(models.TextChoices):
    """Tie-break rules, applied in the order the template lists them. "criterion:<code>" (higher points on
    that criterion) is the fourth, parameterised kind."""

    MORE_BONUS = "more_bonus", _("More bonus points")
    FEWER_PENALTY = "fewer_penalty", _("Fewer penalty points")
    EARLIER_SUBMISSION = "earlier_submission", _("Earlier submission of the self-scoring sheet")


CRITERION_RULE_PREFIX = "criterion:"
DEFAULT_TIE_BREAKS = [TieBreak.MORE_BONUS.value, TieBreak.FEWER_PENALTY.value, TieBreak.EARLIER_SUBMISSION.value]


class ScoreChangeKind(models.TextChoices):
    SELF = "self", _("Self-scoring")
    ADJUSTMENT = "adjustment", _("Adjustment by the group head")
