from django.db import models
from django.utils.translation import gettext_lazy as _


class MovementLevel(models.TextChoices):
    """Who launched the movement (cấp phát động)."""

    NATIONAL = "national", _("Prime Minister / national")
    PROVINCE = "province", _("Provincial chairman")
    UNIT = "unit", _("A unit")


class MovementKind(models.TextChoices):
    """Form of emulation (Luật TĐKT 2022 Đ16): regular, or thematic / campaign."""

    REGULAR = "regular", _("Regular (yearly)")
    THEMATIC = "thematic", _("Thematic")
    CAMPAIGN = "campaign", _("Campaign")


class MovementScope(models.TextChoices):
    """Scope of a movement in the statistical form 0601.N (phạm vi): blank = derived (Movement.statistical_scope)."""

    NATIONWIDE = "nationwide", _("Nationwide")
    LOCALITY = "locality", _("Ministry, sector or locality")
    GROUPS = "groups", _("Clusters and blocks run by councils")
    UNIT = "unit", _("Agency or unit")


class DurationBand(models.TextChoices):
    """Duration bands of the form 0601.N, from the movement's start and end."""

    UNDER_ONE_YEAR = "lt1", _("Under 1 year")
    ONE_YEAR = "1", _("1 year")
    ONE_TO_THREE = "1to3", _("From 1 to under 3 years")
    THREE_TO_FIVE = "3to5", _("From 3 to under 5 years")
    FIVE_AND_MORE = "ge5", _("5 years and more")


class TargetScope(models.TextChoices):
    """Who takes part in the movement (đối tượng tham gia)."""

    EVERYONE = "everyone", _("Every unit")
    UNITS = "units", _("Chosen units")
    GROUPS = "groups", _("Chosen clusters and blocks")


class MilestoneKind(models.TextChoices):
    """Dated steps of a movement: launch, mid-term review (sơ kết), final review (tổng kết)."""

    LAUNCH = "launch", _("Launch")
    MIDTERM_REVIEW = "midterm_review", _("Mid-term review")
    FINAL_REVIEW = "final_review", _("Final review")
    OTHER = "other", _("Other")


class DocumentKind(models.TextChoices):
    LAUNCH_PLAN = "launch_plan", _("Launching plan")
    GUIDANCE = "guidance", _("Guidance")
    REVIEW_REPORT = "review_report", _("Review report")
    OTHER = "other", _("Other document")


class RegistrationState(models.TextChoices):
    """A unit's emulation registration (đăng ký thi đua): drafted, sent to the standing body, then signed
    (confirmed) by the unit's leader; only a signed registration counts."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SIGNED = "signed", _("Signed by the leader")


class ReminderKind(models.TextChoices):
    MILESTONE = "milestone", _("Movement milestone coming")
    REGISTRATION_DUE_SOON = "registration_due_soon", _("Registration due soon")
    REGISTRATION_MISSING = "registration_missing", _("Registration missing after the deadline")


class ReviewKind(models.TextChoices):
    """A movement's review (glossary: review_midterm / review_final); the values are the milestone kinds'."""

    MIDTERM = "midterm_review", _("Mid-term review")
    FINAL = "final_review", _("Final review")
